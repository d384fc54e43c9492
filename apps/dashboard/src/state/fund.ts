// Fund watch helpers: yuan typed by a person to integer fen without floating-point drift, and the
// view's URL keys. Pure.
import { queryText, type ViewQuery } from './query';

/** "1,234.5" → 123450; null for anything that is not a non-negative amount with at most 2 decimals. */
export function yuanToFen(text: string): number | null {
  const clean = text.replace(/[,\s，]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function parseFundQuery(query: ViewQuery): { asOf: string | null } {
  return { asOf: queryText(query, 'asOf', /^\d{4}-\d{2}-\d{2}$/) };
}
