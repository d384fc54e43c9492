/**
 * Reading a payment standard list as a bureau keeps it: CSV or an Excel workbook through the shared
 * reader (../sheets/read-sheet.ts: header in Chinese or English, the file's own row numbers), or rows
 * sent through GraphQL. Every source becomes the same cells, checked by one function that reports
 * each row's problems with its row number, its column and a code.
 */
import { findDrug, normaliseStrength, type DosageForm, type PaymentStandardRow } from '@liangbing/policy';
import { readCsvSheet, readXlsxSheet, type SheetSpec } from '../sheets/read-sheet';
import { sortStandardRows } from './paystd.override';

export const MAX_STANDARD_ROWS = 2_000;
/** 100,000 yuan a unit: anything dearer is a typo in the file, not a standard of a 两病 drug */
export const MAX_UNIT_PRICE_FEN = 10_000_000;
export const MAX_STRENGTH_LENGTH = 40;

export type StandardColumn = 'drug' | 'form' | 'strength' | 'priceFen' | 'priceYuan';

/** Each column's accepted headers; the first is the one problems name. */
export const HEADERS: Record<StandardColumn, readonly string[]> = {
  drug: ['通用名', '药品通用名', '药品名称', 'drug', 'drugcode', 'drug_code'],
  form: ['剂型', 'form', 'dosageform'],
  strength: ['规格', 'strength'],
  priceFen: ['支付标准（分）', '支付标准分', 'unitpricefen', 'unit_price_fen'],
  priceYuan: ['支付标准（元）', '支付标准元', '支付标准', 'unitpriceyuan', 'unit_price_yuan'],
};

export interface RawStandardRow {
  rowNo: number;
  cells: Record<StandardColumn, string>;
}

export interface StandardProblem {
  rowNo: number;
  /** the column as the file names it (通用名 …), or the GraphQL field (rows[2].unitPriceFen) */
  column: string;
  code: string;
  messageEn: string;
  messageZh: string;
}

const normalised = (h: string) => h.replace(/[\s（）()“”"]/g, '').toLowerCase();
const SPEC: SheetSpec<StandardColumn> = {
  headers: Object.fromEntries(Object.entries(HEADERS).map(([k, v]) => [k, v.map(normalised)])) as unknown as Record<StandardColumn, readonly string[]>,
  missing: (found) => {
    const out = (['drug', 'form', 'strength'] as const).filter((c) => !found.has(c)).map((c) => HEADERS[c][0]!);
    if (!found.has('priceFen') && !found.has('priceYuan')) out.push(`${HEADERS.priceYuan[0]!} / ${HEADERS.priceFen[0]!}`);
    return out;
  },
  maxRows: MAX_STANDARD_ROWS,
};

export function parseStandardCsv(text: string): RawStandardRow[] {
  return readCsvSheet(text, SPEC).map((r) => ({ rowNo: r.rowNo, cells: r.cells }));
}

export async function parseStandardXlsx(data: Buffer): Promise<RawStandardRow[]> {
  return (await readXlsxSheet(data, SPEC)).map((r) => ({ rowNo: r.rowNo, cells: r.cells }));
}

const FORMS: Readonly<Record<string, DosageForm>> = {
  口服: 'oral',
  口服剂型: 'oral',
  口服制剂: 'oral',
  片剂: 'oral',
  胶囊: 'oral',
  胶囊剂: 'oral',
  oral: 'oral',
  注射: 'injection',
  注射剂: 'injection',
  注射液: 'injection',
  injection: 'injection',
};

/**
 * The rows of a list, or its problems. `column` names a column as the source names it: the file's
 * Chinese header, or the GraphQL field of the row.
 */
export function checkStandardRows(
  raw: readonly RawStandardRow[],
  column: (rowNo: number, c: StandardColumn) => string = (_, c) => HEADERS[c][0]!,
): { rows: PaymentStandardRow[]; problems: StandardProblem[] } {
  const problems: StandardProblem[] = [];
  const rows: PaymentStandardRow[] = [];
  const seen = new Map<string, number>();
  if (raw.length === 0) problems.push({ rowNo: 0, column: 'rows', code: 'EMPTY', messageEn: 'the list holds no rows', messageZh: '列表没有数据行' });
  if (raw.length > MAX_STANDARD_ROWS)
    problems.push({ rowNo: 0, column: 'rows', code: 'TOO_MANY_ROWS', messageEn: `at most ${MAX_STANDARD_ROWS} rows`, messageZh: `最多${MAX_STANDARD_ROWS}行` });
  for (const r of raw.slice(0, MAX_STANDARD_ROWS)) {
    const before = problems.length;
    const problem = (c: StandardColumn, code: string, en: string, zh: string) =>
      problems.push({ rowNo: r.rowNo, column: column(r.rowNo, c), code, messageEn: en, messageZh: zh });
    const drug = r.cells.drug === '' ? undefined : findDrug(r.cells.drug);
    if (r.cells.drug === '') problem('drug', 'REQUIRED', 'the generic name is required', '须填写通用名');
    else if (drug === undefined)
      problem('drug', 'UNKNOWN_DRUG', `${r.cells.drug.slice(0, 40)} is not in the drug reference table`, `${r.cells.drug.slice(0, 40)}不在药品字典中`);
    const form = FORMS[r.cells.form.toLowerCase()];
    if (r.cells.form === '') problem('form', 'REQUIRED', 'the dosage form is required', '须填写剂型');
    else if (form === undefined) problem('form', 'INVALID_FORM', `${r.cells.form.slice(0, 20)} is not 口服 or 注射`, '剂型须为口服或注射');
    else if (drug !== undefined && !drug.forms.includes(form))
      problem('form', 'FORM_NOT_MARKETED', `${drug.code} is not marketed as ${form}`, '该药品无此剂型');
    const strength = r.cells.strength.trim();
    if (strength === '') problem('strength', 'REQUIRED', 'the strength (规格) is required', '须填写规格');
    else if (strength.length > MAX_STRENGTH_LENGTH)
      problem('strength', 'TOO_LONG', `at most ${MAX_STRENGTH_LENGTH} characters`, `规格最多${MAX_STRENGTH_LENGTH}个字符`);
    else if (/[\p{Cc}]/u.test(strength)) problem('strength', 'INVALID', 'holds control characters', '含有控制字符');
    const price = priceOf(r.cells, problem);
    if (problems.length > before) continue;
    const key = `${drug!.code}|${form!}|${normaliseStrength(strength)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem('strength', 'DUPLICATE_ROW', `the same drug, form and strength as row ${first}`, `与第${first}行药品、剂型、规格重复`);
      continue;
    }
    seen.set(key, r.rowNo);
    rows.push({ drugCode: drug!.code, form: form!, strength, unitPriceFen: price! });
  }
  return { rows: sortStandardRows(rows), problems };
}

/** The price in fen from 支付标准（分） or 支付标准（元） (at most two decimals, so it is whole fen); both, when given, must agree. */
function priceOf(cells: Record<StandardColumn, string>, problem: (c: StandardColumn, code: string, en: string, zh: string) => void): number | null {
  let fen: number | null = null;
  if (cells.priceFen !== '') {
    if (!/^\d{1,9}$/.test(cells.priceFen)) {
      problem('priceFen', 'INVALID_PRICE', 'must be a whole number of fen', '须为整数（分）');
      return null;
    }
    fen = Number(cells.priceFen);
  }
  if (cells.priceYuan !== '') {
    const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(cells.priceYuan);
    if (m === null) {
      problem(
        'priceYuan',
        /^\d+\.\d{3,}$/.test(cells.priceYuan) ? 'PRICE_NOT_WHOLE_FEN' : 'INVALID_PRICE',
        'must be yuan with at most two decimals (whole fen)',
        '须为元，最多两位小数（精确到分）',
      );
      return null;
    }
    const yuanFen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
    if (fen !== null && fen !== yuanFen) {
      problem('priceYuan', 'PRICE_MISMATCH', `${cells.priceYuan} yuan is not ${fen} fen`, `${cells.priceYuan}元与${fen}分不一致`);
      return null;
    }
    fen = yuanFen;
  }
  if (fen === null) {
    problem('priceYuan', 'REQUIRED', 'the standard per unit is required', '须填写支付标准');
    return null;
  }
  if (fen < 1 || fen > MAX_UNIT_PRICE_FEN) {
    problem(
      cells.priceFen !== '' ? 'priceFen' : 'priceYuan',
      'PRICE_OUT_OF_RANGE',
      `must be 1–${MAX_UNIT_PRICE_FEN} fen a unit`,
      `须为每单位1–${MAX_UNIT_PRICE_FEN}分`,
    );
    return null;
  }
  return fen;
}
