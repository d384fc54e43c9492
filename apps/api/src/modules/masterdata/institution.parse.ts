/**
 * Reading an institution list as a bureau keeps it: CSV or an Excel workbook, through the shared
 * reader the roster import uses too (../sheets/read-sheet.ts: header in Chinese or English, the
 * file's own row numbers). Here: the columns a list has, and its yes/no cells.
 */
import { readCsvSheet, readXlsxSheet, type SheetSpec } from '../sheets/read-sheet';

export const MAX_INSTITUTION_ROWS = 20_000;

export type InstitutionColumn =
  | 'id'
  | 'name'
  | 'level'
  | 'districtCode'
  | 'streetCode'
  | 'consortiumId'
  | 'canTreat'
  | 'insuranceDesignated'
  | 'networkedOutOfArea'
  | 'treatmentDate'
  | 'treatmentSource';

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

const SPEC: SheetSpec<InstitutionColumn> = {
  headers: HEADERS,
  missing: (found) => REQUIRED.filter((c) => !found.has(c)).map((c) => HEADERS[c][0]!),
  maxRows: MAX_INSTITUTION_ROWS,
};

export function parseInstitutionCsv(text: string): RawInstitutionRow[] {
  return readCsvSheet(text, SPEC).map((r) => ({ rowNo: r.rowNo, cells: r.cells }));
}

export async function parseInstitutionXlsx(data: Buffer): Promise<RawInstitutionRow[]> {
  return (await readXlsxSheet(data, SPEC)).map((r) => ({ rowNo: r.rowNo, cells: r.cells }));
}

/** 是/否 in the forms a list uses; null for anything else. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['是', '√', 'y', 'yes', 'true', '1', '有'].includes(t)) return true;
  if (['否', '×', 'n', 'no', 'false', '0', '无', ''].includes(t)) return t === '' ? null : false;
  return null;
}
