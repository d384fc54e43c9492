/** SQL for claims, their lines and the ledger; every statement names the district first. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import type { ClaimInput, Decision, Disease } from '@liangbing/policy';
import type { ClaimRequest } from './claim.validation';

export interface StoredLine {
  lineNo: number;
  drugCode: string;
  form: string;
  quantity: number;
  daysSupply: number;
  amountFen: number;
  compliantFen: number;
  fundFen: number;
  patientFen: number;
  hitCodes: string[];
}

export interface StoredClaim {
  id: string;
  districtCode: string;
  patientId: string;
  institutionId: string;
  serviceDate: string;
  year: number;
  pathway: string;
  idempotencyKey: string;
  requestHash: string;
  status: 'accepted' | 'reversed';
  outcome: string;
  category: string;
  rationalUse: boolean;
  amountFen: number;
  compliantFen: number;
  fundFen: number;
  patientFen: number;
  hitCodes: string[];
  ruleSetId: string | null;
  ruleSetVersion: string | null;
  catalogueVersion: string | null;
  overrideName: string | null;
  decision: Decision;
  createdAt: Date;
  reversedAt: Date | null;
  reversalReason: string | null;
}

export interface ClaimRow {
  id: string;
  district_code: string;
  patient_id: string;
  institution_id: string;
  service_date: string;
  year: number;
  pathway: string;
  idempotency_key: string;
  request_hash: string;
  status: 'accepted' | 'reversed';
  outcome: string;
  category: string;
  rational_use: boolean;
  /** bigint: a string from PostgreSQL, a number when the row is built in memory */
  amount_fen: string | number;
  compliant_fen: string | number;
  fund_fen: string | number;
  patient_fen: string | number;
  hit_codes: string[];
  rule_set_id: string | null;
  rule_set_version: string | null;
  catalogue_version: string | null;
  override_name: string | null;
  decision: Decision;
  created_at: Date;
  reversed_at: Date | null;
  reversal_reason: string | null;
}

const COLUMNS = (
  decision: string,
) => `c.id, c.district_code, c.patient_id, c.institution_id, to_char(c.service_date, 'YYYY-MM-DD') as service_date, c.year, c.pathway,
  c.idempotency_key, c.request_hash, c.status, c.outcome, c.category, c.rational_use, c.amount_fen, c.compliant_fen, c.fund_fen, c.patient_fen,
  c.hit_codes, c.rule_set_id, c.rule_set_version, c.catalogue_version, c.override_name, ${decision} as decision, c.created_at, c.reversed_at, c.reversal_reason`;

/** A stored claim's columns, its decision read from claim_documents (for queries "from claims c"). */
export const CLAIM_COLUMNS = COLUMNS('(select d.decision from claim_documents d where d.district_code = c.district_code and d.claim_id = c.id)');
/** The same without the decision (null), for lists that show none of its fields. */
export const CLAIM_COLUMNS_LEAN = COLUMNS('null::jsonb');

export function toClaim(r: ClaimRow): StoredClaim {
  return {
    id: r.id,
    districtCode: r.district_code,
    patientId: r.patient_id,
    institutionId: r.institution_id,
    serviceDate: r.service_date,
    year: r.year,
    pathway: r.pathway,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    status: r.status,
    outcome: r.outcome,
    category: r.category,
    rationalUse: r.rational_use,
    amountFen: Number(r.amount_fen),
    compliantFen: Number(r.compliant_fen),
    fundFen: Number(r.fund_fen),
    patientFen: Number(r.patient_fen),
    hitCodes: r.hit_codes,
    ruleSetId: r.rule_set_id,
    ruleSetVersion: r.rule_set_version,
    catalogueVersion: r.catalogue_version,
    overrideName: r.override_name,
    decision: r.decision,
    createdAt: r.created_at,
    reversedAt: r.reversed_at,
    reversalReason: r.reversal_reason,
  };
}

/** The patient's district, looked up among the districts the caller may read. */
export async function patientDistrict(em: EntityManager, patientId: string, districts: readonly string[]): Promise<string | null> {
  const rows = await exec<{ district_code: string }>(em, `select district_code from patients where id = ? and district_code = any(?)`, [patientId, districts]);
  return rows[0]?.district_code ?? null;
}

export async function findClaimByKey(em: EntityManager, districtCode: string, key: string): Promise<StoredClaim | null> {
  const rows = await exec<ClaimRow>(em, `select ${CLAIM_COLUMNS} from claims c where c.district_code = ? and c.idempotency_key = ?`, [districtCode, key]);
  return rows[0] ? toClaim(rows[0]) : null;
}

export async function findClaimById(em: EntityManager, id: string, districts: readonly string[]): Promise<StoredClaim | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await exec<ClaimRow>(em, `select ${CLAIM_COLUMNS} from claims c where c.id = ?::uuid and c.district_code = any(?)`, [id, districts]);
  return rows[0] ? toClaim(rows[0]) : null;
}

export interface NewClaim {
  districtCode: string;
  req: ClaimRequest;
  hash: string;
  claim: ClaimInput;
  decision: Decision;
  submittedBy: string;
  diseases: Disease[];
}

/** Adds (sign +1) or takes back (sign −1) a decision's amounts; records the day the cap was reached. */
export async function updateLedgerAfterClaim(
  em: EntityManager,
  districtCode: string,
  patientId: string,
  year: number,
  d: Decision,
  serviceDate: string,
  sign: 1 | -1,
): Promise<void> {
  const reached = sign === 1 && d.fundFen > 0 && d.capRemainingFen === 0;
  await exec(
    em,
    `update benefit_ledger set
       fund_paid_fen = fund_paid_fen + ?, compliant_fen = compliant_fen + ?, drug_cost_fen = drug_cost_fen + ?,
       claims_paid = claims_paid + ?,
       cap_reached_on = case when ? then coalesce(cap_reached_on, ?::date) when ? then null else cap_reached_on end,
       updated_at = now()
     where district_code = ? and patient_id = ? and year = ?`,
    [
      sign * d.fundFen,
      sign * d.compliantFen,
      sign * d.amountFen,
      d.fundFen > 0 ? sign : 0,
      reached,
      serviceDate,
      sign === -1 && d.fundFen > 0,
      districtCode,
      patientId,
      year,
    ],
  );
}

export async function markReversed(em: EntityManager, claim: StoredClaim, reason: string): Promise<void> {
  await exec(em, `update claims set status = 'reversed', reversed_at = now(), reversal_reason = ? where district_code = ? and id = ?::uuid`, [
    reason,
    claim.districtCode,
    claim.id,
  ]);
}

export async function linesOf(em: EntityManager, districtCode: string, claimIds: readonly string[]): Promise<Map<string, StoredLine[]>> {
  const rows = await exec<{
    claim_id: string;
    line_no: number;
    drug_code: string;
    form: string;
    quantity: number;
    days_supply: number;
    amount_fen: string;
    compliant_fen: string;
    fund_fen: string;
    patient_fen: string;
    hit_codes: string[];
  }>(
    em,
    `select claim_id, line_no, drug_code, form, quantity, days_supply, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes
       from claim_lines where district_code = ? and claim_id = any(?::uuid[]) order by claim_id, line_no`,
    [districtCode, claimIds],
  );
  const out = new Map<string, StoredLine[]>();
  for (const r of rows) {
    const list = out.get(r.claim_id) ?? [];
    list.push({
      lineNo: r.line_no,
      drugCode: r.drug_code,
      form: r.form,
      quantity: r.quantity,
      daysSupply: r.days_supply,
      amountFen: Number(r.amount_fen),
      compliantFen: Number(r.compliant_fen),
      fundFen: Number(r.fund_fen),
      patientFen: Number(r.patient_fen),
      hitCodes: r.hit_codes,
    });
    out.set(r.claim_id, list);
  }
  return out;
}
