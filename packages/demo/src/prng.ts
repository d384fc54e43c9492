/**
 * A small seeded PRNG (mulberry32) and string hashing, so that every record is a pure function of
 * the seed. Each patient draws from its own stream, derived from the seed and a stable key
 * (`rngFor(seed, 'claims', patientId)`), so a patient's follow-ups and claims do not depend on
 * how many records were generated before it: the streaming and the in-memory generators agree,
 * and a change to one generator does not reshuffle the others.
 */

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser for avalanche. */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks an index with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    return entries[this.weightedIndex(entries.map((e) => e[1]))]![0];
  }

  /**
   * Approximately normal (Irwin–Hall of three uniforms, rescaled): bounded to ±3 sd and built
   * from + and × only, so it is identical on every engine.
   */
  normal(mean: number, sd: number): number {
    return mean + (this.next() + this.next() + this.next() - 1.5) * 2 * sd;
  }
}

/** A stream for one purpose and one key, independent of every other stream. */
export function rngFor(seed: number, purpose: string, key: string): Rng {
  return new Rng(hashString(key, hashString(purpose, fmix32(seed >>> 0) ^ 0x9e3779b9)));
}
