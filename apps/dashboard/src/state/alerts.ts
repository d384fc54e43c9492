// Monitoring cases: status transitions (as the API's MonitoringService allows them), the case
// list's URL keys, and how a case's kind reads. Pure.
import type { AlertFilter, AlertStatus } from '../graphql/generated';
import type { Locale } from '../api/types';
import { periodRange, type Filters } from './filters';
import { queryChoice, queryText, tokenPattern, type ViewQuery } from './query';

export const alertStatuses: readonly AlertStatus[] = ['OPEN', 'UNDER_REVIEW', 'CONFIRMED', 'DISMISSED', 'RECOVERED'];

/** Where a case may go from each status; RECOVERED (money recovered) is final. */
export const alertTransitions: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  OPEN: ['UNDER_REVIEW', 'CONFIRMED', 'DISMISSED'],
  UNDER_REVIEW: ['OPEN', 'CONFIRMED', 'DISMISSED'],
  CONFIRMED: ['UNDER_REVIEW', 'RECOVERED'],
  DISMISSED: ['UNDER_REVIEW'],
  RECOVERED: [],
};

export function nextStatuses(status: AlertStatus): readonly AlertStatus[] {
  return alertTransitions[status];
}

/** Reversing the claims behind a case goes with confirming it, and needs claims to reverse. */
export function canReverseOnConfirm(next: AlertStatus | null, claimIds: readonly string[]): boolean {
  return next === 'CONFIRMED' && claimIds.length > 0;
}

/** Patterns found over time; every other kind is a rule-hit code of a stored claim. */
export const patternKinds = [
  'CROSS_INSTITUTION_DUPLICATE',
  'EARLY_REFILL',
  'OVERSUPPLY_90D',
  'INSTITUTION_HIT_RATE_OUTLIER',
  'INSTITUTION_FUND_OUTLIER',
  'OVER_PAYMENT_STANDARD_SHARE',
] as const;
export type PatternKind = (typeof patternKinds)[number];

export function isPatternKind(kind: string): kind is PatternKind {
  return (patternKinds as readonly string[]).includes(kind);
}

/**
 * The case's kind in words: a pattern's label from the caller's messages, a rule hit's message
 * from its evidence (the API stores the policy core's Chinese and English messages there).
 */
export function kindLabel(
  alert: { kind: string; descriptionEn: string; evidence: Record<string, unknown> },
  locale: Locale,
  patternLabel: (kind: PatternKind) => string,
): string {
  if (isPatternKind(alert.kind)) return patternLabel(alert.kind);
  const message = alert.evidence[locale === 'zh' ? 'messageZh' : 'messageEn'];
  return typeof message === 'string' && message !== '' ? message : alert.descriptionEn;
}

export interface CaseQuery {
  status: AlertStatus | null;
  kind: string | null;
  /** the case open in the detail panel */
  caseId: string | null;
  after: string | null;
}

export function parseCaseQuery(query: ViewQuery): CaseQuery {
  return {
    status: queryChoice(query, 'caseStatus', alertStatuses),
    kind: queryText(query, 'kind', /^[A-Z][A-Z0-9_]{0,63}$/),
    caseId: queryText(query, 'case', tokenPattern),
    after: queryText(query, 'caseAfter', tokenPattern),
  };
}

export function alertFilter(filters: Filters, q: CaseQuery): AlertFilter {
  const filter: AlertFilter = { regionCode: filters.region, ...periodRange(filters.year, filters.quarter) };
  if (q.status) filter.status = q.status;
  if (q.kind) filter.kind = q.kind;
  return filter;
}
