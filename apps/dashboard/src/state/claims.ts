// The claims page's own URL keys (rule-hit code, institution, month, status, cursor) and the API
// filter they make together with the shared filters. Pure.
import type { ClaimFilter, ClaimStatus } from '../graphql/generated';
import { periodRange, type Filters } from './filters';
import { queryChoice, queryText, tokenPattern, type ViewQuery } from './query';

export interface ClaimQuery {
  /** a rule-hit code, e.g. DUPLICATE_DISPENSING */
  hit: string | null;
  institution: string | null;
  /** YYYY-MM: narrows the period of the filters to one month (the alerts view links by month) */
  month: string | null;
  status: ClaimStatus | null;
  after: string | null;
}

export const claimStatuses: readonly ClaimStatus[] = ['ACCEPTED', 'REVERSED'];
const hitPattern = /^[A-Z][A-Z0-9_]{0,63}$/;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseClaimQuery(query: ViewQuery): ClaimQuery {
  return {
    hit: queryText(query, 'hit', hitPattern),
    institution: queryText(query, 'institution', tokenPattern),
    month: queryText(query, 'month', monthPattern),
    status: queryChoice(query, 'status', claimStatuses),
    after: queryText(query, 'after', tokenPattern),
  };
}

/** First and last day of a calendar month "YYYY-MM". */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}

export function claimPeriod(filters: Filters, q: ClaimQuery): { from: string; to: string } {
  return q.month ? monthRange(q.month) : periodRange(filters.year, filters.quarter);
}

export function claimFilter(filters: Filters, q: ClaimQuery): ClaimFilter {
  const filter: ClaimFilter = { regionCode: filters.region, ...claimPeriod(filters, q) };
  if (q.hit) filter.hitCode = q.hit;
  if (q.institution) filter.institutionId = q.institution;
  if (q.status) filter.status = q.status;
  return filter;
}

/** "60.00%" from basis points. */
export function formatBasisPoints(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}
