import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemo, generateRecords, resolveOptions } from './index';

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('determinism', () => {
  const a = generateDemo({ seed: 11, scale: 0.25 });

  it('gives byte-identical output for the same seed and scale', () => {
    expect(hash(generateDemo({ seed: 11, scale: 0.25 }))).toBe(hash(a));
  });

  it('gives different output for a different seed', () => {
    expect(hash(generateDemo({ seed: 12, scale: 0.25 }).patients)).not.toBe(hash(a.patients));
  });

  it('streams the same records it returns in memory, in canonical city order', () => {
    const streamed = [...generateRecords({ seed: 11, scale: 0.25, cities: ['520100', '320200'] })];
    expect(streamed.map((r) => r.patient)).toEqual(a.patients);
    expect(streamed.flatMap((r) => r.claims)).toEqual(a.claims);
    expect(streamed.flatMap((r) => r.followUps)).toEqual(a.followUps);
    expect(resolveOptions({ cities: ['520100', '320200', '520100'] }).cities).toEqual(['320200', '520100']);
  });

  it('keeps a patient independent of the scale: the first patients of a district stay the same', () => {
    const bigger = generateDemo({ seed: 11, scale: 0.5 });
    const first = a.patients[0]!;
    expect(bigger.patients.find((p) => p.id === first.id)).toEqual(first);
  });

  it('rejects bad options', () => {
    expect(() => resolveOptions({ scale: 0 })).toThrow();
    expect(() => resolveOptions({ seed: 1.5 })).toThrow();
  });
});
