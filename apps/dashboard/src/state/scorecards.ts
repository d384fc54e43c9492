// Scorecard rows in reading order and the view's URL keys. Pure.
import { queryText, tokenPattern, type ViewQuery } from './query';

export interface ScoredRow {
  institution: { id: string; name: string; districtCode: string };
  score: number | null;
}

/** By district, best score first within it; unscored institutions last, by name. */
export function sortScorecards<T extends ScoredRow>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      a.institution.districtCode.localeCompare(b.institution.districtCode) ||
      (b.score ?? -1) - (a.score ?? -1) ||
      a.institution.name.localeCompare(b.institution.name, 'zh'),
  );
}

export function parseScorecardQuery(query: ViewQuery): { institution: string | null; primaryOnly: boolean } {
  return { institution: queryText(query, 'institution', tokenPattern), primaryOnly: queryText(query, 'all') !== '1' };
}

/** A score out of 100 with one decimal; "—" without one. */
export function formatScore(score: number | null): string {
  return score == null ? '—' : (Math.round(score * 10) / 10).toFixed(1);
}
