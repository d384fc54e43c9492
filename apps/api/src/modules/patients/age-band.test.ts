import { describe, expect, it } from 'vitest';
import { ageBand, ageOn } from './age-band';

describe('age band', () => {
  it('counts full years: the birthday itself is the new year of age', () => {
    expect(ageOn('1960-06-30', '2025-06-29')).toBe(64);
    expect(ageOn('1960-06-30', '2025-06-30')).toBe(65);
    // born on 29 February: a year of age is full on 1 March in a common year
    expect(ageOn('1960-02-29', '2025-02-28')).toBe(64);
    expect(ageOn('1960-02-29', '2025-03-01')).toBe(65);
  });

  it('five years wide, bounded where the policy’s ages fall (35, 65)', () => {
    expect(ageBand('1960-06-30', '2025-06-29')).toBe('60–64');
    expect(ageBand('1960-06-30', '2025-06-30')).toBe('65–69');
    expect(ageBand('1990-07-01', '2025-06-30')).toBe('30–34');
    expect(ageBand('1990-06-30', '2025-06-30')).toBe('35–39');
    expect(ageBand('2025-01-01', '2025-06-30')).toBe('0–4');
  });

  it('top-coded at 90', () => {
    expect(ageBand('1935-07-01', '2025-06-30')).toBe('85–89');
    expect(ageBand('1935-06-30', '2025-06-30')).toBe('90+');
    expect(ageBand('1910-01-01', '2025-06-30')).toBe('90+');
  });
});
