/**
 * The basis of a year-to-date figure, said on the card itself and not only in its tooltip:
 * standardised management (standardised-management.v2) counts follow-ups from 1 January to the
 * period end against a requirement pro-rated by quarter — one face-to-face follow-up a quarter
 * (国家基本公共卫生服务规范: 每年至少4次), so ≥ 1 by the end of Q1 … ≥ 4 for the year. The API's
 * counts.ts followUpsRequired is the same rule; this only words it.
 */
export function followUpsRequiredBy(quarter: number | null): number {
  return quarter ?? 4;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

export function standardisedManagementBasis(t: Translate, quarter: number | null): string {
  const period = quarter === null ? t('basis.year') : t('basis.quarter', { q: quarter });
  return t('basis.standardisedManagement', { period, n: followUpsRequiredBy(quarter) });
}
