/**
 * The set-based statements of the claim write path: each reads or writes what a whole batch of
 * claims needs in one round trip, so that a transaction deciding fifty claims costs the same
 * handful of statements as one deciding a single claim. Every statement names the district.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClinicalFinding, DiabetesType, Disease, InstitutionRef, InsuranceScheme } from '@liangbing/policy';
import { exec } from '../../db/sql';
import { CLAIM_COLUMNS, toClaim, type StoredClaim } from './claim.repository';
import type { LedgerRow } from './patient-year.repository';

type ClaimRow = Parameters<typeof toClaim>[0];

export interface PatientKey {
  districtCode: string;
  patientId: string;
}

/** Each patient's district among those the caller may read (a patient id names one patient). */
export async function patientDistricts(em: EntityManager, patientIds: readonly string[], districts: readonly string[]): Promise<Map<string, string>> {
  const rows = await exec<{ id: string; district_code: string }>(em, `select id, district_code from patients where id = any(?) and district_code = any(?)`, [patientIds, districts]);
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
export async function lockLedgers(em: EntityManager, keys: readonly LedgerKey[]): Promise<Map<string, LedgerRow>> {
  const sorted = [...keys].sort((a, b) => (ledgerKey(a) < ledgerKey(b) ? -1 : 1));
  const rows = await exec<LedgerRow & { district_code: string; patient_id: string; year: number }>(
    em,
    `insert into benefit_ledger (district_code, patient_id, year)
     select k.d, k.p, k.y from unnest(?::text[], ?::text[], ?::int[]) with ordinality k(d, p, y, n) order by k.n
     on conflict (district_code, patient_id, year) do update set updated_at = benefit_ledger.updated_at
     returning district_code, patient_id, year, fund_paid_fen, compliant_fen, general_outpatient_fund_fen, general_outpatient_exhausted`,
    [sorted.map((k) => k.districtCode), sorted.map((k) => k.patientId), sorted.map((k) => k.year)],
  );
  return new Map(rows.map((r) => [ledgerKey({ districtCode: r.district_code, patientId: r.patient_id, year: r.year }), r]));
}

/** What stat_track_begin answers (see Migration20261123120000_rollup_functions). */
export interface TrackBegin {
  years?: number[];
  closed?: number[];
  facts?: unknown;
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
  findings: ClinicalFinding[];
  diseases: { disease: Disease; diabetesType: DiabetesType | null; diagnosedOn: string }[];
  certifications: { certifiedOn: string; diseases: Disease[]; revokedOn: string | null }[];
  designations: { institutionId: string; consortiumId: string | null; from: string; to: string | null }[];
  /** compliant dispensing between the earliest claim's date − lookback and the latest claim's date */
  history: { date: string; drugCode: string; daysSupply: number; institutionId: string }[];
  /** each drug ever dispensed compliantly up to the latest claim's date, with its first date */
  priorDrugs: { drugCode: string; first: string }[];
}

export interface BatchContext {
  patients: Map<string, PatientContext>;
  institutions: Map<string, InstitutionRef>;
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

/** Everything the batch's claims are decided on, read in one statement after the ledgers are locked. */
export async function loadBatchContext(em: EntityManager, patients: readonly ContextRequest[], institutionIds: readonly string[], prescriptions: readonly (PatientKey & { prescriptionId: string })[]): Promise<BatchContext> {
  const [row] = await exec<{ patients: (PatientContext & { d: string; p: string })[] | null; institutions: (InstitutionRef & { id: string })[] | null; cities: Record<string, string> | null; prescriptions: { d: string; p: string; id: string; issued_on: string; level: InstitutionRef['level']; drug_codes: string[] }[] | null }>(
    em,
    `with k as (select * from jsonb_to_recordset(?::jsonb) k(d text, p text, f date, t date)),
          rx as (select * from jsonb_to_recordset(?::jsonb) rx(d text, p text, id text))
     select
       (select jsonb_agg(jsonb_build_object(
          'd', pt.district_code, 'p', pt.id, 'scheme', pt.scheme, 'chronicProgrammeDiseases', pt.chronic_programme_diseases,
          'longTermResidenceElsewhere', pt.long_term_residence_elsewhere, 'findings', pt.findings,
          'diseases', coalesce((select jsonb_agg(jsonb_build_object('disease', x.disease, 'diabetesType', x.diabetes_type, 'diagnosedOn', to_char(x.diagnosed_on, 'YYYY-MM-DD')))
                                  from patient_diseases x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
          'certifications', coalesce((select jsonb_agg(jsonb_build_object('certifiedOn', to_char(x.certified_on, 'YYYY-MM-DD'), 'diseases', x.diseases, 'revokedOn', to_char(x.revoked_on, 'YYYY-MM-DD')))
                                        from certifications x where x.district_code = pt.district_code and x.patient_id = pt.id and x.certified_on <= k.t), '[]'),
          'designations', coalesce((select jsonb_agg(jsonb_build_object('institutionId', x.institution_id, 'consortiumId', x.consortium_id, 'from', to_char(x.valid_from, 'YYYY-MM-DD'), 'to', to_char(x.valid_to, 'YYYY-MM-DD')) order by x.valid_from)
                                      from designations x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
          'history', coalesce((select jsonb_agg(jsonb_build_object('date', to_char(c.service_date, 'YYYY-MM-DD'), 'drugCode', l.drug_code, 'daysSupply', l.days_supply, 'institutionId', c.institution_id))
                                 from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
                                where c.district_code = pt.district_code and c.patient_id = pt.id and c.status = 'accepted'
                                  and c.service_date between k.f and k.t and l.compliant_fen > 0), '[]'),
          'priorDrugs', coalesce((select jsonb_agg(jsonb_build_object('drugCode', x.drug_code, 'first', to_char(x.first, 'YYYY-MM-DD')))
                                    from (select l.drug_code, min(c.service_date) as first
                                            from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
                                           where c.district_code = pt.district_code and c.patient_id = pt.id and c.status = 'accepted'
                                             and c.service_date <= k.t and l.compliant_fen > 0
                                           group by l.drug_code) x), '[]')))
          from k join patients pt on pt.district_code = k.d and pt.id = k.p) as patients,
       (select jsonb_agg(jsonb_build_object('id', i.id, 'level', i.level, 'cityCode', i.city_code, 'districtCode', i.district_code, 'insuranceDesignated', i.insurance_designated,
                                            'canTreatTwoDiseases', i.can_treat_two_diseases, 'consortiumId', i.consortium_id, 'networkedOutOfArea', i.networked_out_of_area))
          from institutions i where i.id = any(?)) as institutions,
       (select jsonb_object_agg(r.code, r.city_code) from regions r where r.code in (select d from k)) as cities,
       (select jsonb_agg(jsonb_build_object('d', p.district_code, 'p', p.patient_id, 'id', p.id, 'issued_on', to_char(p.issued_on, 'YYYY-MM-DD'), 'level', i.level, 'drug_codes', p.drug_codes))
          from rx join prescriptions p on p.district_code = rx.d and p.patient_id = rx.p and p.id = rx.id
          join institutions i on i.id = p.institution_id) as prescriptions`,
    [
      JSON.stringify(patients.map((p) => ({ d: p.districtCode, p: p.patientId, f: p.historyFrom, t: p.until }))),
      JSON.stringify(prescriptions.map((p) => ({ d: p.districtCode, p: p.patientId, id: p.prescriptionId }))),
      institutionIds,
    ],
  );
  return {
    patients: new Map((row?.patients ?? []).map((p) => [`${p.d}|${p.p}`, p])),
    institutions: new Map((row?.institutions ?? []).map((i) => [i.id, i])),
    cities: new Map(Object.entries(row?.cities ?? {})),
    prescriptions: new Map((row?.prescriptions ?? []).map((p) => [`${p.d}|${p.p}|${p.id}`, { issuedOn: p.issued_on, institutionLevel: p.level, drugCodes: p.drug_codes }])),
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
  decision: unknown;
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
 * Writes a batch in one statement: the claims, their lines, the ledgers' deltas, the audit rows
 * and the rollups' deltas (stat_apply). The foreign keys of the lines are checked at the end of
 * the statement, when the claims are in. Answers the stored claims.
 */
export async function writeBatch(em: EntityManager, w: { claims: ClaimRecord[]; lines: LineRecord[]; ledgers: LedgerDelta[]; audits: AuditRecord[]; rollup: unknown }): Promise<StoredClaim[]> {
  const rows = await exec<ClaimRow>(
    em,
    `with p as (select ?::jsonb as j),
     c as (
       insert into claims (id, district_code, patient_id, institution_id, city_code, service_date, year, pathway, idempotency_key, request_hash, outcome, category,
         rational_use, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes, rule_set_id, rule_set_version, catalogue_version, override_name, diseases,
         decision, request, submitted_by)
       select r.id, r.district_code, r.patient_id, r.institution_id, r.city_code, r.service_date, r.year, r.pathway, r.idempotency_key, r.request_hash, r.outcome, r.category,
         r.rational_use, r.amount_fen, r.compliant_fen, r.fund_fen, r.patient_fen, r.hit_codes, r.rule_set_id, r.rule_set_version, r.catalogue_version, r.override_name, r.diseases,
         r.decision, r.request, r.submitted_by
         from p, jsonb_to_recordset(p.j->'claims') r(id uuid, district_code text, patient_id text, institution_id text, city_code text, service_date date, year int, pathway text,
           idempotency_key text, request_hash text, outcome text, category text, rational_use boolean, amount_fen bigint, compliant_fen bigint, fund_fen bigint, patient_fen bigint,
           hit_codes text[], rule_set_id text, rule_set_version text, catalogue_version text, override_name text, diseases text[], decision jsonb, request jsonb, submitted_by text)
       returning ${CLAIM_COLUMNS.replaceAll('c.', '')}),
     l as (
       insert into claim_lines (district_code, claim_id, line_no, drug_code, form, quantity, days_supply, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes)
       select r.district_code, r.claim_id, r.line_no, r.drug_code, r.form, r.quantity, r.days_supply, r.amount_fen, r.compliant_fen, r.fund_fen, r.patient_fen, r.hit_codes
         from p, jsonb_to_recordset(p.j->'lines') r(district_code text, claim_id uuid, line_no int, drug_code text, form text, quantity int, days_supply int,
           amount_fen bigint, compliant_fen bigint, fund_fen bigint, patient_fen bigint, hit_codes text[])),
     u as (
       update benefit_ledger b set
         fund_paid_fen = b.fund_paid_fen + r.fund_fen, compliant_fen = b.compliant_fen + r.compliant_fen, drug_cost_fen = b.drug_cost_fen + r.amount_fen,
         claims_paid = b.claims_paid + r.claims_paid, cap_reached_on = coalesce(b.cap_reached_on, r.reached_on), updated_at = now()
         from p, jsonb_to_recordset(p.j->'ledgers') r(district_code text, patient_id text, year int, fund_fen bigint, compliant_fen bigint, amount_fen bigint, claims_paid int, reached_on date)
        where b.district_code = r.district_code and b.patient_id = r.patient_id and b.year = r.year),
     a as (
       insert into audit_log (district_code, user_id, role, action, entity, entity_id, detail)
       select r.district_code, r.user_id, r.role, r.action, r.entity, r.entity_id, r.detail
         from p, jsonb_to_recordset(p.j->'audits') r(district_code text, user_id text, role text, action text, entity text, entity_id text, detail jsonb)),
     s as (select stat_apply(p.j->'rollup') from p where p.j->'rollup' <> 'null'::jsonb)
     select c.*, (select count(*) from s) as applied from c`,
    [JSON.stringify(w)],
  );
  return rows.map(toClaim);
}
