/**
 * The outpatient system's daily feed of the general-outpatient benefit used (W-3 二(三)) as CSV:
 * a header row with 身份证号 or 患者编号, 普通门诊基金已支付(分) and 是否用完, one patient a row. Row
 * numbers are the file's own (the header is row 1), so that a bureau can find a reported row.
 */
import { badInput } from '../../errors';
import { parseCsvRecords } from '../sheets/read-sheet';
import type { FeedEntry } from './general-outpatient.service';

type Column = 'residentId' | 'patientId' | 'fundPaidFen' | 'exhausted';

const HEADERS: Record<Column, readonly string[]> = {
  residentId: ['身份证号', '身份证号码', '公民身份号码', 'residentid', 'resident_id'],
  patientId: ['患者编号', '患者id', 'patientid', 'patient_id'],
  fundPaidFen: ['普通门诊基金已支付分', '普通门诊基金支付分', '普通门诊统筹已支付分', 'fundpaidfen', 'fund_paid_fen'],
  exhausted: ['是否用完', '待遇是否用完', '已用完', 'exhausted'],
};

const normalise = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/[\s（）()]/g, '')
    .toLowerCase();

const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

export const MAX_FEED_CSV_CHARS = 4_000_000;

/** The CSV's rows as feed entries; a cell that does not parse is kept as is for the row check to report. */
export function parseFeedCsv(csv: string, maxRows: number): FeedEntry[] {
  if (csv.length === 0 || csv.length > MAX_FEED_CSV_CHARS)
    throw badInput('csv', `must be 1–${MAX_FEED_CSV_CHARS} characters`, `须为1–${MAX_FEED_CSV_CHARS}个字符`);
  const records = parseCsvRecords(csv);
  const headerAt = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerAt < 0) throw badInput('csv', 'no header row', '缺少表头');
  const cols = new Map<Column, number>();
  records[headerAt]!.forEach((h, i) => {
    for (const [col, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) if (!cols.has(col) && names.includes(normalise(h))) cols.set(col, i);
  });
  const missing: string[] = [];
  if (!cols.has('residentId') && !cols.has('patientId')) missing.push('身份证号 or 患者编号');
  if (!cols.has('fundPaidFen')) missing.push('普通门诊基金已支付(分)');
  if (!cols.has('exhausted')) missing.push('是否用完');
  if (missing.length > 0) throw badInput('csv', `the header row lacks: ${missing.join(', ')}`, `表头缺少列：${missing.join('、')}`);
  const out: FeedEntry[] = [];
  for (let n = headerAt + 1; n < records.length; n++) {
    const cells = records[n]!;
    if (cells.every((c) => c.trim() === '')) continue;
    if (out.length >= maxRows) throw badInput('csv', `more than ${maxRows} rows`, `超过${maxRows}行`);
    const at = (c: Column) => {
      const i = cols.get(c);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const amount = at('fundPaidFen');
    const flag = at('exhausted').toLowerCase();
    out.push({
      rowNo: n + 1,
      patientId: at('patientId') || null,
      residentId: at('residentId').toUpperCase() || null,
      fundPaidFen: /^\d{1,16}$/.test(amount) ? Number(amount) : Number.NaN,
      exhausted: YES.has(flag) ? true : NO.has(flag) ? false : null,
    });
  }
  return out;
}
