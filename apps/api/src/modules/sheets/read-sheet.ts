/**
 * Reading a list a bureau keeps as CSV text (comma or tab, quoted fields, UTF-8 with or without
 * BOM) or an Excel workbook (first sheet) into rows of named columns, for every import that takes
 * such a list (the roster, institutions). The first non-empty row is the header, matched in
 * Chinese or English; row numbers are the file's own (the header is row 1 of a CSV, the sheet's
 * row number in Excel), so that a bureau finds a reported row where it is. Problems of the file
 * as a whole are coded errors naming the field (`file`, or the Excel argument); problems of a row
 * are the importer's to report with the row number and column.
 */
import ExcelJS from 'exceljs';
import { badInput } from '../../errors';

export interface SheetSpec<C extends string> {
  /** each column's accepted headers (compared normalised) */
  readonly headers: Readonly<Record<C, readonly string[]>>;
  /** the names of the required columns the header lacks (empty when it has them all) */
  readonly missing: (found: ReadonlySet<C>) => readonly string[];
  readonly maxRows: number;
}

export interface SheetRow<C extends string> {
  rowNo: number;
  /** each column's cell, trimmed; '' for a column the file lacks */
  cells: Record<C, string>;
  /** the cell held a number (Excel): an 18-digit ID so stored has lost digits */
  numeric: Record<C, boolean>;
}

const normalise = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/[\s（）()“”"]/g, '')
    .toLowerCase();

function columnsOf<C extends string>(header: readonly string[], spec: SheetSpec<C>): Map<C, number> {
  const found = new Map<C, number>();
  header.forEach((h, i) => {
    const n = normalise(h);
    for (const [col, names] of Object.entries(spec.headers) as [C, readonly string[]][]) {
      if (!found.has(col) && names.includes(n)) found.set(col, i);
    }
  });
  const missing = spec.missing(new Set(found.keys()));
  if (missing.length > 0) throw badInput('file', `the header row lacks: ${missing.join(', ')}`, `表头缺少列：${missing.join('、')}`);
  return found;
}

function toRow<C extends string>(rowNo: number, cells: readonly string[], numeric: readonly boolean[], cols: Map<C, number>, spec: SheetSpec<C>): SheetRow<C> {
  const out = {} as Record<C, string>;
  const num = {} as Record<C, boolean>;
  for (const c of Object.keys(spec.headers) as C[]) {
    const i = cols.get(c);
    out[c] = i === undefined ? '' : (cells[i] ?? '').trim();
    num[c] = i === undefined ? false : numeric[i] === true;
  }
  return { rowNo, cells: out, numeric: num };
}

/** RFC 4180 records: quoted fields may hold the delimiter, quotes ("") and line breaks. */
export function parseCsvRecords(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export function readCsvSheet<C extends string>(text: string, spec: SheetSpec<C>): SheetRow<C>[] {
  const records = parseCsvRecords(text);
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw badInput('file', 'the file is empty', '文件为空');
  const cols = columnsOf(records[headerIndex]!, spec);
  const rows: SheetRow<C>[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.every((c) => c.trim() === '')) continue;
    rows.push(toRow(i + 1, r, [], cols, spec));
  }
  return limit(rows, spec);
}

/** `field` names the argument the workbook came in, for the problems of the workbook itself. */
export async function readXlsxSheet<C extends string>(data: Buffer, spec: SheetSpec<C>, field = 'excelBase64'): Promise<SheetRow<C>[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw badInput(field, 'is not an Excel (.xlsx) workbook', '不是有效的 Excel (.xlsx) 文件');
  }
  const ws = wb.worksheets[0];
  if (ws === undefined) throw badInput(field, 'the workbook has no sheet', '工作簿没有工作表');
  let cols: Map<C, number> | null = null;
  const rows: SheetRow<C>[] = [];
  let failure: unknown = null;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (failure !== null) return;
    const cells: string[] = [];
    const numeric: boolean[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text ?? '';
      numeric[col - 1] = typeof cell.value === 'number';
    });
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    if (cols === null) {
      try {
        cols = columnsOf(
          cells.map((c) => c ?? ''),
          spec,
        );
      } catch (e) {
        failure = e;
      }
      return;
    }
    rows.push(toRow(rowNumber, cells, numeric, cols, spec));
  });
  if (failure !== null) throw failure;
  if (cols === null) throw badInput(field, 'the sheet is empty', '工作表为空');
  return limit(rows, spec);
}

function limit<C extends string>(rows: SheetRow<C>[], spec: SheetSpec<C>): SheetRow<C>[] {
  if (rows.length === 0) throw badInput('file', 'the file has no data rows', '文件没有数据行');
  if (rows.length > spec.maxRows) throw badInput('file', `at most ${spec.maxRows} rows per file`, `每个文件最多${spec.maxRows}行`);
  return rows;
}
