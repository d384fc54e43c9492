/**
 * Reading an institution list as a bureau keeps it: CSV text (comma or tab, quoted fields, with or
 * without BOM) or an Excel workbook (first sheet), first non-empty row the header, in Chinese or
 * English. Row numbers are the file's own (the header is row 1 of a CSV, the sheet's row number in
 * Excel), as the roster import reports them (roster/roster.parse.ts).
 */
import ExcelJS from 'exceljs';
import { badInput } from '../../errors';
import { parseCsvRecords } from '../roster/roster.parse';

export const MAX_INSTITUTION_ROWS = 20_000;

export type InstitutionColumn = 'id' | 'name' | 'level' | 'districtCode' | 'streetCode' | 'consortiumId' | 'canTreat' | 'insuranceDesignated' | 'networkedOutOfArea' | 'treatmentDate' | 'treatmentSource';

/** Each column's accepted headers; the first is the one problems name. */
export const HEADERS: Record<InstitutionColumn, readonly string[]> = {
  id: ['机构编码', '机构代码', 'id', 'institutionid', 'institution_id'],
  name: ['机构名称', '名称', 'name'],
  level: ['机构级别', '级别', '机构类别', 'level'],
  districtCode: ['区县编码', '区县代码', 'districtcode', 'district_code'],
  streetCode: ['街道编码', '乡镇街道编码', '街道代码', 'streetcode', 'street_code'],
  consortiumId: ['医联体编码', '医共体编码', '医联体', 'consortiumid', 'consortium_id'],
  canTreat: ['可开展两病诊疗', '两病诊疗资格', 'cantreattwodiseases', 'can_treat_two_diseases'],
  insuranceDesignated: ['医保定点', '是否医保定点', 'insurancedesignated', 'insurance_designated'],
  networkedOutOfArea: ['异地联网结算', '异地联网', 'networkedoutofarea', 'networked_out_of_area'],
  treatmentDate: ['诊疗资格日期', '资格日期', 'treatmentdate', 'treatment_date'],
  treatmentSource: ['诊疗资格依据', '资格依据', 'treatmentsource', 'treatment_source'],
};

const REQUIRED: readonly InstitutionColumn[] = ['id', 'name', 'level', 'districtCode', 'canTreat', 'insuranceDesignated'];

export interface RawInstitutionRow {
  rowNo: number;
  cells: Record<InstitutionColumn, string>;
}

const normalise = (h: string) => h.replace(/^\uFEFF/, '').replace(/[\s（）()“”"]/g, '').toLowerCase();

function columnsOf(header: readonly string[]): Map<InstitutionColumn, number> {
  const found = new Map<InstitutionColumn, number>();
  header.forEach((h, i) => {
    const n = normalise(h);
    for (const [col, names] of Object.entries(HEADERS) as [InstitutionColumn, readonly string[]][]) {
      if (!found.has(col) && names.includes(n)) found.set(col, i);
    }
  });
  const missing = REQUIRED.filter((c) => !found.has(c)).map((c) => HEADERS[c][0]!);
  if (missing.length > 0) throw badInput('file', `the header row lacks: ${missing.join(', ')}`, `表头缺少列：${missing.join('、')}`);
  return found;
}

function toRow(rowNo: number, cells: readonly string[], cols: Map<InstitutionColumn, number>): RawInstitutionRow {
  const out = {} as Record<InstitutionColumn, string>;
  for (const c of Object.keys(HEADERS) as InstitutionColumn[]) {
    const i = cols.get(c);
    out[c] = i === undefined ? '' : (cells[i] ?? '').trim();
  }
  return { rowNo, cells: out };
}

export function parseInstitutionCsv(text: string): RawInstitutionRow[] {
  const records = parseCsvRecords(text);
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw badInput('file', 'the file is empty', '文件为空');
  const cols = columnsOf(records[headerIndex]!);
  const rows: RawInstitutionRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.every((c) => c.trim() === '')) continue;
    rows.push(toRow(i + 1, r, cols));
  }
  return limit(rows);
}

export async function parseInstitutionXlsx(data: Buffer): Promise<RawInstitutionRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw badInput('excelBase64', 'is not an Excel (.xlsx) workbook', '不是有效的 Excel (.xlsx) 文件');
  }
  const ws = wb.worksheets[0];
  if (ws === undefined) throw badInput('excelBase64', 'the workbook has no sheet', '工作簿没有工作表');
  let cols: Map<InstitutionColumn, number> | null = null;
  const rows: RawInstitutionRow[] = [];
  let failure: unknown = null;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (failure !== null) return;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text ?? '';
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
    rows.push(toRow(rowNumber, cells, cols));
  });
  if (failure !== null) throw failure;
  if (cols === null) throw badInput('excelBase64', 'the sheet is empty', '工作表为空');
  return limit(rows);
}

function limit(rows: RawInstitutionRow[]): RawInstitutionRow[] {
  if (rows.length === 0) throw badInput('file', 'the file has no data rows', '文件没有数据行');
  if (rows.length > MAX_INSTITUTION_ROWS) throw badInput('file', `at most ${MAX_INSTITUTION_ROWS} rows per file`, `每个文件最多${MAX_INSTITUTION_ROWS}行`);
  return rows;
}

/** 是/否 in the forms a list uses; null for anything else. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['是', '√', 'y', 'yes', 'true', '1', '有'].includes(t)) return true;
  if (['否', '×', 'n', 'no', 'false', '0', '无', ''].includes(t)) return t === '' ? null : false;
  return null;
}
