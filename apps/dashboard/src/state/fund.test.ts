import { describe, expect, it } from 'vitest';
import { parseFundQuery, yuanToFen } from './fund';

describe('budget amounts', () => {
  it('turns typed yuan into exact fen', () => {
    expect(yuanToFen('300000')).toBe(30_000_000);
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('19.99')).toBe(1_999);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', '-5', '1.234', 'abc', '1e6', '1.2.3']) expect(yuanToFen(bad)).toBeNull();
  });

  it('reads the as-of date from the URL', () => {
    expect(parseFundQuery({ asOf: '2025-09-30' })).toEqual({ asOf: '2025-09-30' });
    expect(parseFundQuery({ asOf: 'yesterday' })).toEqual({ asOf: null });
  });
});
