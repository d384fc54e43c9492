// Roster import: reading the chosen file the way the API takes it (CSV as text, Excel as base64),
// and the outcome lists of 附件2 item 3 in the order a district works through them. Pure.
import type { RosterOutcome, UninsuredReason } from '../graphql/generated';
import { queryChoice, queryText, tokenPattern, type ViewQuery } from './query';

export type RosterFormat = 'csv' | 'xlsx';

/** .csv / .txt / .tsv are sent as text; .xlsx as base64. Old .xls workbooks are not read by the API. */
export function rosterFormat(fileName: string): RosterFormat | null {
  const ext = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

/**
 * CSV bytes as text. Lists saved from Excel on a Chinese Windows are GB18030 (GBK), not UTF-8:
 * a file that is not valid UTF-8 is read as GB18030, so names and diseases arrive intact.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** What importRoster takes for a file: exactly one of csv and excelBase64. */
export function rosterPayload(fileName: string, bytes: Uint8Array): { csv: string } | { excelBase64: string } | null {
  const format = rosterFormat(fileName);
  if (format === 'csv') return { csv: decodeCsv(bytes) };
  if (format === 'xlsx') return { excelBase64: bytesToBase64(bytes) };
  return null;
}

/** The three outcomes of 附件2 item 3 first, then the other matches. */
export const rosterOutcomes: readonly RosterOutcome[] = ['TO_CERTIFY', 'TO_MOBILISE', 'EXEMPT', 'CERTIFIED', 'DIAGNOSIS_MISSING', 'EMPLOYEE_SCHEME'];
export const uninsuredReasons: readonly UninsuredReason[] = ['SERVING_SENTENCE', 'MILITARY_SERVICE', 'INSURED_ELSEWHERE'];

/** A reason may be recorded for someone not insured (or changed for someone already exempt). */
export function canRecordReason(outcome: RosterOutcome): boolean {
  return outcome === 'TO_MOBILISE' || outcome === 'EXEMPT';
}

export function countOf(counts: readonly { outcome: RosterOutcome; count: number }[], outcome: RosterOutcome): number {
  return counts.find((c) => c.outcome === outcome)?.count ?? 0;
}

export interface RosterQuery {
  importId: string | null;
  outcome: RosterOutcome;
  /** for city-wide viewers, who read one district's imports at a time */
  district: string | null;
}

export function parseRosterQuery(query: ViewQuery): RosterQuery {
  return {
    importId: queryText(query, 'import', tokenPattern),
    outcome: queryChoice(query, 'outcome', rosterOutcomes) ?? 'TO_CERTIFY',
    district: queryText(query, 'district', /^\d{6}$/),
  };
}
