/**
 * PostgreSQL COPY text format: one line per row, columns separated by tabs, NULL as \N, and
 * backslash, newline, carriage return and tab escaped. Arrays are array literals with every
 * element quoted; json goes in as its text.
 */
const NEEDS_ESCAPE = /[\\\n\r\t]/;

export function copyText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

export type CopyValue = string | number | boolean | null | readonly string[];

export function copyValue(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return copyText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return copyText(`{${v.map((e) => `"${e.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i]!);
  return `${line}\n`;
}
