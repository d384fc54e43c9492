/**
 * The set-based statements of the claim write path: each reads or writes what a whole batch of
 * claims needs in one round trip, so that a transaction deciding fifty claims costs the same
 * handful of statements as one deciding a single claim. Every statement names the district.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Decision, DiabetesType, Disease, InstitutionRef, InsuranceScheme } from '@liangbing/policy';
import type { FindingSpan, ReferralRecord } from '../clinical/in-force';
import { exec } from '../../db/sql';
import { CLAIM_COLUMNS, toClaim, type ClaimRow, type StoredClaim } from './claim.repository';
import type { LedgerRow } from './patient-year.repository';
import type { PatientExit } from '../patients/patient-life.claims';
import type { ResidencePeriod, SchemeChange } from '../patients/patient-life.dates';
import type { InstitutionContext } from '../masterdata/institution-on-date';

export interface PatientKey {
  districtCode: string;
  patientId: string;
}

/** Each patient's district among those the caller may read (a patient id names one patient). */
export async function patientDistricts(em: EntityManager, patientIds: readonly string[], districts: readonly string[]): Promise<Map<string, string>> {
  const rows = await exec<{ id: string; district_code: string }>(em, `select id, district_code from patients where id = any(?) and district_code = any(?)`, [
    patientIds,
    districts,
  ]);
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.id)) out.set(r.id, r.district_code);
  return out;
}

/** The stored claims of these (district, idempotency key) pairs, keyed `district|key`. */
export async function claimsByKeys(em: EntityManager, keys: readonly { districtCode: string; key: string }[]): Promise<Map<string, StoredClaim>> {
  if (keys.length === 0) return new Map();
  const rows = await exec<ClaimRow>(
    em,
    `select ${CLAIM_COLUMNS} from claims c join unnest(?::text[], ?::text[]) k(d, key) on c.district_code = k.d and c.idempotency_key = k.key`,
    [keys.map((k) => k.districtCode), keys.map((k) => k.key)],
  );
  return new Map(rows.map((r) => [`${r.district_code}|${r.idempotency_key}`, toClaim(r)]));
}

export interface LedgerKey extends PatientKey {
  year: number;
}

export const ledgerKey = (k: LedgerKey) => `${k.districtCode}|${k.patientId}|${k.year}`;

/**
 * Creates the missing patient-year ledger rows and locks all of them, in key order, in one
 * statement: an upsert locks the row it meets whether it inserts or updates it, so concurrent
 * batches (and the single path, which locks one row) take the same rows in the same order.
 */
export async function lockLedgers(em: EntityManager, keys: readonly LedgerKey[]): Promise<Map<string, LockedLedger>> {
  const sorted = [...keys].sort((a, b) => (ledgerKey(a) < ledgerKey(b) ? -1 : 1));
  const rows = await exec<LockedLedger & { district_code: string; patient_id: string; year: number }>(
    em,
    `insert into benefit_ledger (district_code, patient_id, year)
     select k.d, k.p, k.y from unnest(?::text[], ?::text[], ?::int[]) with ordinality k(d, p, y, n) order by k.n
     on conflict (district_code, patient_id, year) do update set updated_at = benefit_ledger.updated_at
     returning district_code, patient_id, year, fund_paid_fen, compliant_fen, general_outpatient_fund_fen, general_outpatient_exhausted, (xmax = 0) as inserted`,
    [sorted.map((k) => k.districtCode), sorted.map((k) => k.patientId), sorted.map((k) => k.year)],
  );
  return new Map(rows.map((r) => [ledgerKey({ districtCode: r.district_code, patientId: r.patient_id, year: r.year }), r]));
}

export interface LockedLedger extends LedgerRow {
  /** the row did not exist before this batch: the batch created it to lock it */
  inserted: boolean;
}

/**
 * Deletes the ledger rows the batch created only to lock them and then used for no claim (every
 * claim of that patient-year was refused), so that a refused claim leaves nothing behind. The
 * batch still holds their locks, so nobody else can have written to them meanwhile.
 */
export async function dropUnusedLedgers(em: EntityManager, ledgers: ReadonlyMap<string, LockedLedger>, used: ReadonlySet<string>): Promise<void> {
  const unused = [...ledgers].filter(([key, row]) => row.inserted && !used.has(key)).map(([key]) => key.split('|'));
  if (unused.length === 0) return;
  await exec(
    em,
    `delete from benefit_ledger b using unnest(?::text[], ?::text[], ?::int[]) k(d, p, y)
      where b.district_code = k.d and b.patient_id = k.p and b.year = k.y and b.claims_paid = 0 and b.fund_paid_fen = 0`,
    [unused.map((k) => k[0]), unused.map((k) => k[1]), unused.map((k) => Number(k[2]))],
  );
}

/** What stat_track_begin answers (see Migration20261123120000_rollup_functions). */
export interface TrackBegin {
  years?: number[];
  closed?: number[];
  facts?: unknown;
  /** the patient's stored records when they cover the same years (Migration20261208600000_patient_facts_cache) */
  cached?: unknown;
}

/**
 * stat_track_begin for each patient, in key order (the subquery's order is kept by `offset 0`):
 * the district's statistics lock shared, the patient's alone, and the patient's records.
 * No event date is passed: the caller checks each claim's quarter against `closed` itself.
 */
export async function trackPatients(em: EntityManager, patients: readonly (PatientKey & { years: readonly number[] })[]): Promise<Map<string, TrackBegin>> {
  if (patients.length === 0) return new Map();
  const sorted = [...patients].sort((a, b) => (`${a.districtCode}|${a.patientId}` < `${b.districtCode}|${b.patientId}` ? -1 : 1));
  const rows = await exec<{ d: string; p: string; r: TrackBegin }>(
    em,
    `select t.d, t.p, stat_track_begin(t.d, t.p, array(select jsonb_array_elements_text(t.y)::int), null) as r
       from (select k.d, k.p, k.y from jsonb_to_recordset(?::jsonb) k(d text, p text, y jsonb, n int) order by k.n offset 0) t`,
    [JSON.stringify(sorted.map((s, n) => ({ d: s.districtCode, p: s.patientId, y: s.years, n })))],
  );
  return new Map(rows.map((r) => [`${r.d}|${r.p}`, r.r]));
}

/** One patient's records as the policy core needs them, every dated list unfiltered by claim date. */
export interface PatientContext {
  scheme: InsuranceScheme;
  chronicProgrammeDiseases: Disease[];
  longTermResidenceElsewhere: boolean;
  /** clinical findings with the days they are in force (clinical_findings) */
  findings: FindingSpan[];
  /** referrals on record not run out before the batch's first claim (W-6) */
  referrals: ReferralRecord[];
  diseases: { disease: Disease; diabetesType: DiabetesType | null; diagnosedOn: string }[];
  certifications: { certifiedOn: string; diseases: Disease[]; revokedOn: string | null }[];
  designations: { institutionId: string; consortiumId: string | null; from: string; to: string | null }[];
  /** compliant dispensing between the earliest claim's date − lookback and the latest claim's date */
  history: { date: string; drugCode: string; daysSupply: number; institutionId: string }[];
  /** each drug ever dispensed compliantly up to the latest claim's date, with its first date */
  priorDrugs: { drugCode: string; first: string }[];
  /** dated scheme changes and W-7 periods, and the exit (Migration20261206030000_patient_lives): each claim is judged on its own date */
  schemes: SchemeChange[];
  residences: ResidencePeriod[];
  leftOn: string | null;
  leftReason: PatientExit['leftReason'];
}

export interface BatchContext {
  patients: Map<string, PatientContext>;
  /** with each one's closing date and dated 两病 qualification, judged per claim (institution-on-date.ts) */
  institutions: Map<string, InstitutionContext>;
  /** district → its city */
  cities: Map<string, string>;
  /** `district|patient|prescription` → the prescription */
  prescriptions: Map<string, { issuedOn: string; institutionLevel: InstitutionRef['level']; drugCodes: string[] }>;
}

export interface ContextRequest extends PatientKey {
  /** history from this date … */
  historyFrom: string;
  /** … to this one, and prior drugs up to it */
  until: string;
}

/** Everything the batch's claims are decided on, read in one statement (claim_context) after the ledgers are locked. */
export async function loadBatchContext(
  em: EntityManager,
  patients: readonly ContextRequest[],
  institutionIds: readonly string[],
  prescriptions: readonly (PatientKey & { prescriptionId: string })[],
): Promise<BatchContext> {
  const [row] = await exec<{
    r: {
      patients: (PatientContext & { d: string; p: string })[] | null;
      institutions: InstitutionContext[] | null;
      cities: Record<string, string> | null;
      prescriptions: { d: string; p: string; id: string; issued_on: string; level: InstitutionRef['level']; drug_codes: string[] }[] | null;
    };
  }>(em, `select claim_context(?::jsonb, ?::jsonb, ?::text[], ?::text[]) as r`, [
    JSON.stringify(patients.map((p) => ({ d: p.districtCode, p: p.patientId, f: p.historyFrom, t: p.until }))),
    JSON.stringify(prescriptions.map((p) => ({ d: p.districtCode, p: p.patientId, id: p.prescriptionId }))),
    institutionIds,
    [...new Set(patients.map((p) => p.districtCode))],
  ]);
  const r = row!.r;
  return {
    patients: new Map((r.patients ?? []).map((p) => [`${p.d}|${p.p}`, p])),
    institutions: new Map((r.institutions ?? []).map((i) => [i.id, i])),
    cities: new Map(Object.entries(r.cities ?? {})),
    prescriptions: new Map(
      (r.prescriptions ?? []).map((p) => [`${p.d}|${p.p}|${p.id}`, { issuedOn: p.issued_on, institutionLevel: p.level, drugCodes: p.drug_codes }]),
    ),
  };
}

export interface ClaimRecord {
  id: string;
  district_code: string;
  patient_id: string;
  institution_id: string;
  city_code: string;
  service_date: string;
  year: number;
  pathway: string;
  idempotency_key: string;
  request_hash: string;
  outcome: string;
  category: string;
  rational_use: boolean;
  amount_fen: number;
  compliant_fen: number;
  fund_fen: number;
  patient_fen: number;
  hit_codes: string[];
  rule_set_id: string | null;
  rule_set_version: string | null;
  catalogue_version: string | null;
  override_name: string | null;
  diseases: string[];
  decision: Decision;
  request: unknown;
  submitted_by: string;
}

export interface LineRecord {
  district_code: string;
  claim_id: string;
  line_no: number;
  drug_code: string;
  form: string;
  quantity: number;
  days_supply: number;
  amount_fen: number;
  compliant_fen: number;
  fund_fen: number;
  patient_fen: number;
  hit_codes: string[];
}

export interface LedgerDelta {
  district_code: string;
  patient_id: string;
  year: number;
  fund_fen: number;
  compliant_fen: number;
  amount_fen: number;
  claims_paid: number;
  /** the date of the first claim of the batch that used up the cap, if one did */
  reached_on: string | null;
}

export interface AuditRecord {
  district_code: string;
  user_id: string;
  role: string;
  action: string;
  entity: string;
  entity_id: string;
  detail: unknown;
}

/**
 * Writes a batch in one statement (claim_write): the claims, their lines, the ledgers' deltas,
 * the audit rows and the rollups' deltas. Answers the stored claims as they are now in the table.
 */
export async function writeBatch(
  em: EntityManager,
  w: { claims: ClaimRecord[]; lines: LineRecord[]; ledgers: LedgerDelta[]; audits: AuditRecord[]; rollup: unknown },
): Promise<StoredClaim[]> {
  const [row] = await exec<{ at: Date }>(em, `select claim_write(?::jsonb) as at`, [JSON.stringify(w)]);
  // created_at defaults to now(), the transaction's timestamp that claim_write answers.
  return w.claims.map((c) => toClaim({ ...c, status: 'accepted', created_at: row!.at, reversed_at: null, reversal_reason: null }));
}
