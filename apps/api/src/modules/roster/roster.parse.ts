/**
 * Reading the health commission's managed-patient list as a district sends it: CSV (comma or tab,
 * UTF-8 with or without BOM, quoted fields) or an Excel workbook (first sheet). The first non-empty
 * row names the columns, in Chinese or English; row numbers are the file's own (the header is row
 * 1 of a CSV, the sheet's row number in Excel) so that a district can find a reported row.
 */
import ExcelJS from 'exceljs';
import { badInput } from '../../errors';

export interface RawRosterRow {
  rowNo: number;
  residentId: string;
  /** the ID cell held a number: Excel has rounded an 18-digit ID (format the column as text) */
  residentIdNumeric: boolean;
  name: string;
  diseases: string;
  institutionId: string;
  institutionName: string;
}

export const MAX_ROSTER_ROWS = 100_000;

type Column = 'residentId' | 'name' | 'diseases' | 'institutionId' | 'institutionName';

const HEADERS: Record<Column, readonly string[]> = {
  residentId: ['身份证号', '身份证号码', '公民身份号码', '证件号码', 'residentid', 'resident_id', 'idnumber', 'id_number'],
  name: ['姓名', '患者姓名', 'name'],
  diseases: ['病种', '疾病', '疾病名称', '慢病病种', 'disease', 'diseases'],
  institutionId: ['管理机构编码', '管理机构代码', '机构编码', '机构代码', 'institutionid', 'institution_id', 'managinginstitutionid', 'managing_institution_id'],
  institutionName: ['管理机构', '管理机构名称', '机构名称', 'institution', 'institutionname', 'institution_name', 'managinginstitution', 'managing_institution'],
};

const normalise = (h: string) => h.replace(/^\uFEFF/, '').replace(/[\s（）()]/g, '').toLowerCase();

function columnsOf(header: readonly string[]): Map<Column, number> {
  const found = new Map<Column, number>();
  header.forEach((h, i) => {
    const n = normalise(h);
    for (const [col, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
      if (!found.has(col) && names.includes(n)) found.set(col, i);
    }
  });
  const missing: string[] = [];
  if (!found.has('residentId')) missing.push('身份证号 (resident ID)');
  if (!found.has('name')) missing.push('姓名 (name)');
  if (!found.has('diseases')) missing.push('病种 (disease)');
  if (!found.has('institutionId') && !found.has('institutionName')) missing.push('管理机构编码 or 管理机构 (managing institution)');
  if (missing.length > 0) throw badInput('file', `the header row lacks: ${missing.join(', ')}`, `表头缺少列：${missing.join('、')}`);
  return found;
}

function toRow(rowNo: number, cells: readonly string[], cols: Map<Column, number>, numericId: boolean): RawRosterRow {
  const at = (c: Column) => {
    const i = cols.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  return { rowNo, residentId: at('residentId').toUpperCase(), residentIdNumeric: numericId, name: at('name'), diseases: at('diseases'), institutionId: at('institutionId'), institutionName: at('institutionName') };
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

export function parseCsv(text: string): RawRosterRow[] {
  const records = parseCsvRecords(text);
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw badInput('file', 'the file is empty', '文件为空');
  const cols = columnsOf(records[headerIndex]!);
  const rows: RawRosterRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.every((c) => c.trim() === '')) continue;
    rows.push(toRow(i + 1, r, cols, false));
  }
  return limit(rows);
}

export async function parseXlsx(data: Buffer): Promise<RawRosterRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw badInput('excelBase64', 'is not an Excel (.xlsx) workbook', '不是有效的 Excel (.xlsx) 文件');
  }
  const ws = wb.worksheets[0];
  if (ws === undefined) throw badInput('excelBase64', 'the workbook has no sheet', '工作簿没有工作表');
  let cols: Map<Column, number> | null = null;
  const rows: RawRosterRow[] = [];
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
        cols = columnsOf(cells.map((c) => c ?? ''));
      } catch (e) {
        failure = e;
      }
      return;
    }
    rows.push(toRow(rowNumber, cells, cols, numeric[cols.get('residentId')!] === true));
  });
  if (failure !== null) throw failure;
  if (cols === null) throw badInput('excelBase64', 'the sheet is empty', '工作表为空');
  return limit(rows);
}

function limit(rows: RawRosterRow[]): RawRosterRow[] {
  if (rows.length === 0) throw badInput('file', 'the file has no data rows', '文件没有数据行');
  if (rows.length > MAX_ROSTER_ROWS) throw badInput('file', `at most ${MAX_ROSTER_ROWS} rows per file`, `每个文件最多${MAX_ROSTER_ROWS}行`);
  return rows;
}

/** 高血压 / 糖尿病 in the forms a list uses: one cell, separated by 、 ; , / + or spaces; 两病 = both. */
export function parseDiseases(text: string): ('hypertension' | 'diabetes')[] | null {
  const out = new Set<'hypertension' | 'diabetes'>();
  const parts = text.split(/[、;；,，/+＋\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return null;
  for (const p of parts) {
    const t = p.toLowerCase();
    if (t === '两病') {
      out.add('hypertension');
      out.add('diabetes');
    } else if (t === '高血压' || t === '高血压病' || t === 'hypertension' || t === 'htn') out.add('hypertension');
    else if (t === '糖尿病' || t === '2型糖尿病' || t === '1型糖尿病' || t === 'diabetes' || t === 'dm') out.add('diabetes');
    else return null;
  }
  return [...out].sort();
}
