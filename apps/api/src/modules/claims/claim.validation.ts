/** Validation of a submitted claim, field by field; every problem is reported with its path. */
import { drugByCode, isIsoDate, MAX_LINE_AMOUNT_FEN, PATHWAYS, type Pathway } from '@liangbing/policy';
import { InputProblems } from '../../errors';
import { validateDelivery, type DeliveryRequest } from './delivery';

export interface ClaimLineRequest {
  drugCode: string;
  form: 'oral' | 'injection';
  quantity: number;
  daysSupply: number;
  amountFen: number;
  /** 规格, matched against the payment standard in force (W 四(一)); optional */
  strength?: string | null;
}

export interface ClaimRequest {
  idempotencyKey: string;
  patientId: string;
  institutionId: string;
  serviceDate: string;
  pathway: Pathway;
  referralFromInstitutionId?: string | null;
  referralIssuedOn?: string | null;
  sourcePrescriptionId?: string | null;
  conditionStable?: boolean | null;
  /** third-party delivery of the drugs (Wuxi 四(二)); absent or null: dispensed at the counter */
  delivery?: DeliveryRequest | null;
  lines: ClaimLineRequest[];
}

export const MAX_LINES = 20;
export const MAX_BATCH = 500;
const KEY = /^[A-Za-z0-9._:-]{1,128}$/;
const ID = /^[A-Za-z0-9._-]{1,64}$/;

export function validateClaim(req: ClaimRequest, today: string, prefix = 'input'): void {
  const p = new InputProblems();
  const f = (name: string) => `${prefix}.${name}`;
  if (!KEY.test(req.idempotencyKey)) p.add(f('idempotencyKey'), 'must be 1–128 letters, digits or . _ : -', '须为1–128位字母、数字或 . _ : -');
  if (!ID.test(req.patientId)) p.add(f('patientId'), 'is not a valid id', '不是有效的编号');
  if (!ID.test(req.institutionId)) p.add(f('institutionId'), 'is not a valid id', '不是有效的编号');
  if (!isIsoDate(req.serviceDate)) p.add(f('serviceDate'), 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
  else if (req.serviceDate > today) p.add(f('serviceDate'), 'is in the future', '不能晚于今天');
  else if (req.serviceDate < '2000-01-01') p.add(f('serviceDate'), 'is before 2000-01-01', '早于2000-01-01');
  if (!PATHWAYS.includes(req.pathway)) p.add(f('pathway'), `must be one of ${PATHWAYS.join(', ')}`, '就医方式无效');
  if (req.referralIssuedOn != null && !isIsoDate(req.referralIssuedOn)) p.add(f('referralIssuedOn'), 'must be a calendar date YYYY-MM-DD', '须为有效日期');
  if ((req.referralFromInstitutionId == null) !== (req.referralIssuedOn == null))
    p.add(f('referralIssuedOn'), 'a referral needs both the institution and the date', '转诊需同时提供机构和日期');
  if (req.sourcePrescriptionId != null && !ID.test(req.sourcePrescriptionId)) p.add(f('sourcePrescriptionId'), 'is not a valid id', '不是有效的编号');
  validateDelivery(p, f, req.delivery);
  if (!Array.isArray(req.lines) || req.lines.length === 0) p.add(f('lines'), 'at least one line is required', '至少需要一行药品');
  else if (req.lines.length > MAX_LINES) p.add(f('lines'), `at most ${MAX_LINES} lines`, `最多${MAX_LINES}行`);
  else {
    req.lines.forEach((l, i) => {
      const lf = (name: string) => `${prefix}.lines[${i}].${name}`;
      // A code the core's drug reference does not know is a typo, refused here: the core would judge it "not in the catalogue" and part-pay the claim.
      if (drugByCode(l.drugCode) === undefined)
        p.add(
          lf('drugCode'),
          `unknown drug ${String(l.drugCode).slice(0, 40)}: not a code of the drug reference`,
          `未知药品 ${String(l.drugCode).slice(0, 40)}（不在药品字典中）`,
        );
      if (l.form !== 'oral' && l.form !== 'injection') p.add(lf('form'), 'must be oral or injection', '剂型须为口服或注射');
      if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 10_000) p.add(lf('quantity'), 'must be an integer 1–10000', '数量须为1–10000的整数');
      if (!Number.isInteger(l.daysSupply) || l.daysSupply < 1 || l.daysSupply > 366)
        p.add(lf('daysSupply'), 'must be an integer 1–366', '用药天数须为1–366的整数');
      if (!Number.isSafeInteger(l.amountFen) || l.amountFen < 1 || l.amountFen > MAX_LINE_AMOUNT_FEN)
        p.add(lf('amountFen'), `must be an integer 1–${MAX_LINE_AMOUNT_FEN} fen`, '金额须为正整数（分），且不超过100万元');
      if (l.strength != null && (typeof l.strength !== 'string' || l.strength.trim() === '' || l.strength.length > 40 || /[\p{Cc}]/u.test(l.strength)))
        p.add(lf('strength'), 'must be 1–40 characters, e.g. 5mg', '规格须为1–40个字符，如 5mg');
    });
  }
  p.throwIfAny();
}
