import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRatio, formatYuan, MAX_LINE_AMOUNT_FEN, proRata, shareOf } from './money';

describe('money in fen, ratios in basis points', () => {
  it.each([
    { amount: 10_000, bp: 6000, share: 6000 },
    { amount: 10_001, bp: 6000, share: 6000 },
    { amount: 1, bp: 6000, share: 0 },
    { amount: 99_999, bp: 5000, share: 49_999 },
    { amount: MAX_LINE_AMOUNT_FEN, bp: 9999, share: 99_990_000 },
  ])('shareOf($amount, $bp) = $share (rounded down)', ({ amount, bp, share }) => {
    expect(shareOf(amount, bp)).toBe(share);
  });

  it('shareOf is exact floor(amount × bp / 10000) up to the largest line amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_LINE_AMOUNT_FEN }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        expect(BigInt(shareOf(amount, bp))).toBe((BigInt(amount) * BigInt(bp)) / 10_000n);
      }),
    );
  });

  it('proRata keeps the whole amount when nothing is over, and rounds down otherwise', () => {
    expect(proRata(6100, 60, 61)).toBe(6000);
    expect(proRata(6100, 61, 61)).toBe(6100);
    expect(proRata(6100, 90, 60)).toBe(6100);
    expect(proRata(10_000, 120, 121)).toBe(9917);
  });

  it('formats yuan and percentages', () => {
    expect(formatYuan(80_000)).toBe('800.00');
    expect(formatYuan(5999)).toBe('59.99');
    expect(formatYuan(7)).toBe('0.07');
    expect(formatYuan(-150)).toBe('-1.50');
    expect(formatRatio(6000)).toBe('60%');
    expect(formatRatio(5050)).toBe('50.5%');
  });
});
