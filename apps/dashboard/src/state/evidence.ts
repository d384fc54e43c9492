// A case's evidence (a JSON object whose shape depends on the kind) laid out for reading: scalar
// figures as label/value pairs, lists of objects (fills, drugs) as small tables. Amounts (keys
// ending in Fen) are shown in yuan. Pure.
import { formatYuan } from '../charts/options/format';

export type EvidenceEntry = { key: string; kind: 'value'; text: string } | { key: string; kind: 'table'; columns: string[]; rows: string[][] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatEvidenceValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    if (/Fen$/.test(key) && Number.isInteger(value)) return `¥${formatYuan(value)}`;
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000);
  }
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => !isPlainObject(v))) return value.map((v) => formatEvidenceValue(key, v)).join('、');
  return JSON.stringify(value);
}

/** The evidence's message in the other language than the reader's (the API stores both). */
const OTHER_MESSAGE = { zh: 'messageEn', en: 'messageZh' } as const;

export function evidenceEntries(evidence: Record<string, unknown>, locale: 'zh' | 'en'): EvidenceEntry[] {
  const hidden = OTHER_MESSAGE[locale];
  return Object.entries(evidence)
    .filter(([key]) => key !== hidden)
    .map(([key, value]): EvidenceEntry => {
      if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
        const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
        return { key, kind: 'table', columns, rows: value.map((row) => columns.map((c) => formatEvidenceValue(c, row[c]))) };
      }
      return { key, kind: 'value', text: formatEvidenceValue(key, value) };
    });
}
