/**
 * Reads a district's stored claims of a period for the what-if replay, in patient order and in
 * batches of patients (keyset on patient id), so that memory holds one batch — and the next one,
 * fetched while the current one is replayed — whatever the period's size. Each batch is read with
 * a handful of statements, every one naming the district first, none of them locking anything.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addDays,
  type Certification,
  type ClinicalFinding,
  type DiabetesType,
  type Disease,
  type DispensingRecord,
  type InstitutionRef,
  type InsuranceScheme,
  type Pathway,
} from '@liangbing/policy';
import { exec } from '../../db/sql';
import type { ClaimRequest } from '../claims/claim.validation';
import { HISTORY_DAYS, type OpeningYear, type ReplayClaim, type ReplayPatientData } from './whatif.replay';

export interface Period {
  from: string;
  to: string;
}

/** Every institution as the policy core sees it: a reference table, read once per replay. */
export async function institutionRefs(em: EntityManager): Promise<Map<string, InstitutionRef>> {
  const rows = await exec<{ id: string; level: InstitutionRef['level']; city_code: string; district_code: string; insurance_designated: boolean; can_treat_two_diseases: boolean; consortium_id: string | null; networked_out_of_area: boolean }>(
    em,
    `select id, level, city_code, district_code, insurance_designated, can_treat_two_diseases, consortium_id, networked_out_of_area from institutions`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, level: r.level, cityCode: r.city_code, districtCode: r.district_code, insuranceDesignated: r.insurance_designated, canTreatTwoDiseases: r.can_treat_two_diseases, consortiumId: r.consortium_id, networkedOutOfArea: r.networked_out_of_area },
    ]),
  );
}

/** The next patients (after `after`, in id order) with a claim in the period. */
async function nextPatients(em: EntityManager, district: string, p: Period, after: string, size: number): Promise<string[]> {
  const rows = await exec<{ patient_id: string }>(
    em,
    // No status filter: the index alone answers it; a patient whose claims were all reversed comes back with none.
    `select distinct patient_id from claims
      where district_code = ? and patient_id > ? and service_date between ?::date and ?::date
      order by patient_id limit ?`,
    [district, after, p.from, p.to, size],
  );
  return rows.map((r) => r.patient_id);
}

/** A stored claim with the parts of its request (ClaimRequest) that the decision depends on. */
interface ClaimRow {
  patient_id: string;
  id: string;
  service_date: string;
  year: number;
  institution_id: string;
  city_code: string;
  pathway: Pathway;
  referral_from: string | null;
  referral_issued_on: string | null;
  source_prescription_id: string | null;
  condition_stable: boolean | null;
  lines: ClaimRequest['lines'];
  amount_fen: string;
  fund_fen: string;
  patient_fen: string;
}

interface RxRow {
  issued_on: string;
  level: InstitutionRef['level'];
  drug_codes: string[];
}

function group<T extends { patient_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    let list = out.get(r.patient_id);
    if (list === undefined) {
      list = [];
      out.set(r.patient_id, list);
    }
    list.push(r);
  }
  return out;
}

interface PatientRow {
  id: string;
  scheme: InsuranceScheme;
  chronic_programme_diseases: Disease[];
  long_term_residence_elsewhere: boolean;
  findings: ClinicalFinding[];
  /** [disease, diabetes type, diagnosed on] */
  diseases: [Disease, DiabetesType | null, string][];
  /** [certified on, diseases, revoked on], in the order loadPatientYear picks one: active first, then the latest */
  certs: [string, Disease[], string | null][];
  /** [institution, consortium, from, to] */
  designations: [string, string | null, string, string | null][];
  /** [year, general-outpatient fund paid, general outpatient used up, cap reached on] */
  ledgers: [number, number, boolean, string | null][];
}

const ISO = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

/** The patients with their diseases, certificates, designations and ledger rows: one statement, one row a patient. */
function patientsOf(em: EntityManager, district: string, ids: readonly string[], fromYear: number, toYear: number): Promise<PatientRow[]> {
  return exec<PatientRow>(
    em,
    `select p.id, p.scheme, p.chronic_programme_diseases, p.long_term_residence_elsewhere, p.findings,
       (select coalesce(json_agg(json_build_array(b.year, b.general_outpatient_fund_fen, b.general_outpatient_exhausted, ${ISO('b.cap_reached_on')})), '[]')
          from benefit_ledger b where b.district_code = p.district_code and b.patient_id = p.id and b.year between ? and ?) as ledgers,
       (select coalesce(json_agg(json_build_array(d.disease, d.diabetes_type, ${ISO('d.diagnosed_on')})), '[]')
          from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id) as diseases,
       (select coalesce(json_agg(json_build_array(${ISO('c.certified_on')}, c.diseases, ${ISO('c.revoked_on')}) order by (c.revoked_on is null) desc, c.certified_on desc), '[]')
          from certifications c where c.district_code = p.district_code and c.patient_id = p.id) as certs,
       (select coalesce(json_agg(json_build_array(g.institution_id, g.consortium_id, ${ISO('g.valid_from')}, ${ISO('g.valid_to')}) order by g.valid_from), '[]')
          from designations g where g.district_code = p.district_code and g.patient_id = p.id) as designations
     from patients p where p.district_code = ? and p.id = any(?)`,
    [fromYear, toYear, district, ids],
  );
}

/** The period's accepted claims, and the source prescriptions those on extension prescriptions name. */
async function claimsOf(em: EntityManager, district: string, ids: readonly string[], p: Period): Promise<{ claims: ClaimRow[]; rx: Map<string, RxRow> }> {
  // Same-day claims in the order they were stored: the order the claim path decided them in.
  const claims = await exec<ClaimRow>(
    em,
    // The request's fields one by one: a fraction of the whole document to send and to parse.
    `select patient_id, id, ${ISO('service_date')} as service_date, year, institution_id, city_code, request->>'pathway' as pathway,
            request->>'referralFromInstitutionId' as referral_from, request->>'referralIssuedOn' as referral_issued_on,
            request->>'sourcePrescriptionId' as source_prescription_id, (request->>'conditionStable')::boolean as condition_stable,
            request->'lines' as lines, amount_fen, fund_fen, patient_fen
       from claims where district_code = ? and patient_id = any(?) and service_date between ?::date and ?::date and status = 'accepted'
      order by patient_id, service_date, created_at, idempotency_key`,
    [district, ids, p.from, p.to],
  );
  const wanted = [...new Set(claims.map((c) => c.source_prescription_id).filter((x): x is string => x !== null))];
  const rx = new Map<string, RxRow>();
  if (wanted.length === 0) return { claims, rx };
  const rows = await exec<RxRow & { patient_id: string; id: string }>(
    em,
    `select p.patient_id, p.id, ${ISO('p.issued_on')} as issued_on, i.level, p.drug_codes
       from prescriptions p join institutions i on i.id = p.institution_id where p.district_code = ? and p.id = any(?)`,
    [district, wanted],
  );
  for (const r of rows) rx.set(`${r.patient_id}|${r.id}`, r);
  return { claims, rx };
}

interface BeforeRow {
  patient_id: string;
  drug_code: string;
  /** null for a line older than the history window: it counts only as a drug dispensed before */
  service_date: string | null;
  days_supply: number | null;
  institution_id: string | null;
}

/**
 * Compliant dispensing before the period: each line of the last HISTORY_DAYS (the history a claim
 * sees), and the drugs of older lines once each (what priorDrugCodes needs).
 */
function dispensingBefore(em: EntityManager, district: string, ids: readonly string[], p: Period): Promise<BeforeRow[]> {
  const since = addDays(p.from, -HISTORY_DAYS);
  const lines = `from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
      where c.district_code = ? and c.patient_id = any(?) and c.status = 'accepted' and l.compliant_fen > 0`;
  return exec<BeforeRow>(
    em,
    `select c.patient_id, l.drug_code, ${ISO('c.service_date')} as service_date, l.days_supply, c.institution_id ${lines} and c.service_date >= ?::date and c.service_date < ?::date
     union all
     select distinct c.patient_id, l.drug_code, null::text, null::int, null::text ${lines} and c.service_date < ?::date
     order by 1, 3 nulls first`,
    [district, ids, since, p.from, district, ids, since],
  );
}

/** What the benefit paid in the period's first year before the period (no rows when it starts on 1 January). */
async function openingOf(em: EntityManager, district: string, ids: readonly string[], p: Period): Promise<Map<string, { fund: number; compliant: number }>> {
  const year = Number(p.from.slice(0, 4));
  if (p.from === `${year}-01-01`) return new Map();
  const rows = await exec<{ patient_id: string; fund: string; compliant: string }>(
    em,
    `select patient_id, sum(fund_fen) as fund, sum(compliant_fen) as compliant from claims
      where district_code = ? and patient_id = any(?) and status = 'accepted' and year = ? and service_date < ?::date group by patient_id`,
    [district, ids, year, p.from],
  );
  return new Map(rows.map((r) => [r.patient_id, { fund: Number(r.fund), compliant: Number(r.compliant) }]));
}

/** Everything the replay needs about these patients: their records, the period's claims and the position before it. */
async function loadBatch(em: EntityManager, district: string, ids: readonly string[], p: Period, institutions: ReadonlyMap<string, InstitutionRef>): Promise<ReplayPatientData[]> {
  const fromYear = Number(p.from.slice(0, 4));
  const [patients, { claims, rx }, before, opening] = await Promise.all([
    patientsOf(em, district, ids, fromYear, Number(p.to.slice(0, 4))),
    claimsOf(em, district, ids, p),
    dispensingBefore(em, district, ids, p),
    openingOf(em, district, ids, p),
  ]);
  const claimsBy = group(claims);
  const beforeBy = group(before);

  return patients
    .filter((row) => claimsBy.has(row.id))
    .map((row) => {
      const years = new Map<number, OpeningYear>();
      const o = opening.get(row.id);
      for (const [year, goFund, goExhausted, capReachedOn] of row.ledgers) {
        years.set(year, {
          generalOutpatient: { exhausted: goExhausted, fundPaidFen: Number(goFund) },
          fundPaidFen: year === fromYear ? (o?.fund ?? 0) : 0,
          compliantFen: year === fromYear ? (o?.compliant ?? 0) : 0,
          storedCapReachedOn: capReachedOn,
        });
      }
      const history: DispensingRecord[] = [];
      const prior = new Set<string>();
      for (const b of beforeBy.get(row.id) ?? []) {
        prior.add(b.drug_code);
        if (b.service_date !== null) history.push({ date: b.service_date, drugCode: b.drug_code, daysSupply: b.days_supply!, institutionId: b.institution_id! });
      }
      return {
        patient: {
          districtCode: district,
          id: row.id,
          scheme: row.scheme,
          chronicProgrammeDiseases: row.chronic_programme_diseases,
          longTermResidenceElsewhere: row.long_term_residence_elsewhere,
          findings: row.findings,
          diseases: row.diseases.map(([disease, diabetesType, diagnosedOn]) => ({ disease, diabetesType, diagnosedOn })),
          certifications: row.certs.map(([certifiedOn, diseases, revokedOn]): Certification => ({ certifiedOn, diseases, revokedOn })),
          designations: row.designations.map(([institutionId, consortiumId, from, to]) => ({ institutionId, consortiumId, from, to })),
        },
        years,
        claims: claimsBy.get(row.id)!.map((c) => toReplayClaim(c, institutions, rx)),
        history,
        priorDrugCodes: [...prior],
      };
    });
}

/** The ClaimInput claim.service.ts builds from a request (claimInput), from the stored request. */
function toReplayClaim(c: ClaimRow, institutions: ReadonlyMap<string, InstitutionRef>, rx: ReadonlyMap<string, RxRow>): ReplayClaim {
  const institution = institutions.get(c.institution_id);
  if (institution === undefined) throw new Error(`claim ${c.id}: institution ${c.institution_id} is not in the institutions table`);
  const source = c.source_prescription_id === null ? undefined : rx.get(`${c.patient_id}|${c.source_prescription_id}`);
  return {
    id: c.id,
    year: c.year,
    stored: { amountFen: Number(c.amount_fen), fundFen: Number(c.fund_fen), patientFen: Number(c.patient_fen) },
    claim: {
      serviceDate: c.service_date,
      // The city whose rules decided the claim, as stored: out of area (W-7) the insured city's, not the institution's.
      cityCode: c.city_code,
      institution,
      pathway: c.pathway,
      referral: c.referral_from !== null && c.referral_issued_on !== null ? { fromInstitutionId: c.referral_from, issuedOn: c.referral_issued_on } : null,
      sourcePrescription: source === undefined ? null : { issuedOn: source.issued_on, institutionLevel: source.level, drugCodes: source.drug_codes },
      conditionStable: c.condition_stable ?? false,
      lines: c.lines.map((l, i) => ({ lineNo: i + 1, drugCode: l.drugCode, form: l.form, quantity: l.quantity, daysSupply: l.daysSupply, amountFen: l.amountFen })),
    },
  };
}

/**
 * The districts' patients with claims in the period, a batch at a time, district after district.
 * The next batch — of the same district or the next one — is read while the caller replays the
 * current one, so the database and the policy core overlap.
 */
export async function* patientBatches(
  em: EntityManager,
  districts: readonly string[],
  p: Period,
  institutions: ReadonlyMap<string, InstitutionRef>,
  size: number,
): AsyncGenerator<{ districtCode: string; patients: ReplayPatientData[] }> {
  interface Loaded {
    districtCode: string;
    patients: ReplayPatientData[];
    /** where the next batch starts: this district after `after`, or the next district */
    next: { index: number; after: string } | null;
  }
  const load = async (index: number, after: string): Promise<Loaded | null> => {
    for (let i = index; i < districts.length; i++) {
      const districtCode = districts[i]!;
      const ids = await nextPatients(em, districtCode, p, i === index ? after : '', size);
      if (ids.length === 0) continue;
      const patients = await loadBatch(em, districtCode, ids, p, institutions);
      return { districtCode, patients, next: ids.length < size ? (i + 1 < districts.length ? { index: i + 1, after: '' } : null) : { index: i, after: ids[ids.length - 1]! } };
    }
    return null;
  };
  let pending = load(0, '');
  for (;;) {
    const batch = await pending;
    if (batch === null) return;
    pending = batch.next === null ? Promise.resolve(null) : load(batch.next.index, batch.next.after);
    // A caller that stops early (an error in its replay) leaves this read behind: it must not go unhandled.
    pending.catch(() => undefined);
    yield { districtCode: batch.districtCode, patients: batch.patients };
  }
}
