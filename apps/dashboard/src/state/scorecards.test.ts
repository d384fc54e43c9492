import { describe, expect, it } from 'vitest';
import { formatScore, parseScorecardQuery, sortScorecards } from './scorecards';

const row = (id: string, districtCode: string, score: number | null) => ({ institution: { id, name: id, districtCode }, score });

describe('scorecards', () => {
  it('orders by district, then best score, unscored last', () => {
    const sorted = sortScorecards([row('c', '320206', 80), row('a', '320205', 60), row('b', '320205', null), row('d', '320205', 90)]);
    expect(sorted.map((r) => r.institution.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('formats a score and reads the drill-down from the URL', () => {
    expect(formatScore(71.84)).toBe('71.8');
    expect(formatScore(null)).toBe('—');
    expect(parseScorecardQuery({ institution: 'I320205-0005' })).toEqual({ institution: 'I320205-0005', primaryOnly: true });
    expect(parseScorecardQuery({ all: '1' }).primaryOnly).toBe(false);
  });
});
