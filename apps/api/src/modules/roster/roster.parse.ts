/**
 * Reading the health commission's managed-patient list as a district sends it: CSV or an Excel
 * workbook, through the shared reader (../sheets/read-sheet.ts: header in Chinese or English, the
 * file's own row numbers). Here: the columns the list has, and its diseases cell.
 */
import { parseCsvRecords, readCsvSheet, readXlsxSheet, type SheetRow, type SheetSpec } from '../sheets/read-sheet';

export { parseCsvRecords };

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
  institutionId: [
    '管理机构编码',
    '管理机构代码',
    '机构编码',
    '机构代码',
    'institutionid',
    'institution_id',
    'managinginstitutionid',
    'managing_institution_id',
  ],
  institutionName: [
    '管理机构',
    '管理机构名称',
    '机构名称',
    'institution',
    'institutionname',
    'institution_name',
    'managinginstitution',
    'managing_institution',
  ],
};

const SPEC: SheetSpec<Column> = {
  headers: HEADERS,
  missing: (found) => {
    const missing: string[] = [];
    if (!found.has('residentId')) missing.push('身份证号 (resident ID)');
    if (!found.has('name')) missing.push('姓名 (name)');
    if (!found.has('diseases')) missing.push('病种 (disease)');
    if (!found.has('institutionId') && !found.has('institutionName')) missing.push('管理机构编码 or 管理机构 (managing institution)');
    return missing;
  },
  maxRows: MAX_ROSTER_ROWS,
};

const toRoster = (r: SheetRow<Column>): RawRosterRow => ({
  rowNo: r.rowNo,
  residentId: r.cells.residentId.toUpperCase(),
  residentIdNumeric: r.numeric.residentId,
  name: r.cells.name,
  diseases: r.cells.diseases,
  institutionId: r.cells.institutionId,
  institutionName: r.cells.institutionName,
});

export function parseCsv(text: string): RawRosterRow[] {
  return readCsvSheet(text, SPEC).map(toRoster);
}

export async function parseXlsx(data: Buffer): Promise<RawRosterRow[]> {
  return (await readXlsxSheet(data, SPEC)).map(toRoster);
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
