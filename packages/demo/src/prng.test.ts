import { describe, expect, it } from 'vitest';
import { hashString, Rng, rngFor } from './prng';

describe('Rng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('picks by weight', () => {
    const r = new Rng(9);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weightedIndex([1, 3]) === 1) heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.72);
    expect(heavy / 10_000).toBeLessThan(0.78);
  });

  it('derives independent streams per purpose and key', () => {
    expect(rngFor(1, 'claims', 'P1').next()).toBe(rngFor(1, 'claims', 'P1').next());
    expect(rngFor(1, 'claims', 'P1').next()).not.toBe(rngFor(1, 'claims', 'P2').next());
    expect(rngFor(1, 'claims', 'P1').next()).not.toBe(rngFor(1, 'followups', 'P1').next());
    expect(rngFor(1, 'claims', 'P1').next()).not.toBe(rngFor(2, 'claims', 'P1').next());
    expect(hashString('abc')).not.toBe(hashString('abd'));
  });
});
