import { describe, expect, it } from 'vitest';
import { creditCodeCheck, isCreditCode } from './delivery';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts codes whose check character is right, the standard’s example among them', () => {
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(isCreditCode(`91320211MA1NBC012${creditCodeCheck('91320211MA1NBC012')}`)).toBe(true);
  });

  it('refuses a wrong check character, a letter the code never uses, and a wrong length', () => {
    expect(isCreditCode('91350100M000100Y44')).toBe(false);
    expect(isCreditCode('91350100M000100I43')).toBe(false);
    expect(isCreditCode('91350100M000100Y4')).toBe(false);
    expect(isCreditCode('')).toBe(false);
  });
});
