import { describe, expect, it } from 'vitest';
import { tokenCity } from './mint-city';

describe('the development token’s city', () => {
  it('is --city, or the city of --district, and never a default', () => {
    expect(tokenCity('520100', undefined)).toEqual({ cityCode: '520100' });
    expect(tokenCity(undefined, '320213')).toEqual({ cityCode: '320200' });
    expect(tokenCity(undefined, '520102')).toEqual({ cityCode: '520100' });
    expect(tokenCity(undefined, undefined)).toEqual({ error: expect.stringContaining('--city (or --district) is required') });
  });

  it('must be a city with a rule set', () => {
    expect(tokenCity('110100', undefined)).toEqual({ error: expect.stringContaining('110100 has no rule set') });
  });
});
