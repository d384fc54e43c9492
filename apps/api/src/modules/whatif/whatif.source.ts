/**
 * Reads a district's stored claims of a period for the what-if replay, in patient order and in
 * batches of patients, so that memory holds the batch being replayed and the few read ahead of it
 * whatever the period's size. Each batch is one statement (two when extension claims name source
 * prescriptions), naming the district first and locking nothing.
 */
import {
  addDays,
  fromDay,
  RULE_SETS,
  yearOf,
  type Certification,
  type ClinicalFinding,
  type DiabetesType,
  type Disease,
  type DispensingRecord,
  type InstitutionRef,
  type InsuranceScheme,
  type Pathway,
} from '@liangbing/policy';
import { HISTORY_DAYS } from '../claims/patient-year.repository';
import { claimInput } from '../claims/claim.input';
import type { OpeningYear, ReplayClaim, ReplayPatientData } from './whatif.replay';

export interface Period {
  from: string;
  to: string;
}

/**
 * A parameterised statement (`?` placeholders, values as bind parameters): the EntityManager's in
 * the API's own thread (db/sql.ts exec), a pg pool's in a replay worker (whatif.worker.ts).
 */
export type Query = <T>(text: string, params?: readonly unknown[]) => Promise<T[]>;

/** Every institution as the policy core sees it: a reference table, read once per replay. */
export async function institutionRefs(q: Query): Promise<Map<string, InstitutionRef>> {
  const rows = await q<{
    id: string;
    level: InstitutionRef['level'];
    city_code: string;
    district_code: string;
    insurance_designated: boolean;
    can_treat_two_diseases: boolean;
    consortium_id: string | null;
    networked_out_of_area: boolean;
  }>(`select id, level, city_code, district_code, insurance_designated, can_treat_two_diseases, consortium_id, networked_out_of_area from institutions`);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        level: r.level,
        cityCode: r.city_code,
        districtCode: r.district_code,
        insuranceDesignated: r.insurance_designated,
        canTreatTwoDiseases: r.can_treat_two_diseases,
        consortiumId: r.consortium_id,
        networkedOutOfArea: r.networked_out_of_area,
      },
    ]),
  );
}

/** The district's patients with a claim in the period, in id order: an index-only scan of claims_patient_date. */
async function patientsWithClaims(q: Query, district: string, p: Period): Promise<string[]> {
  const rows = await q<{ patient_id: string }>(
    // No status filter: the index alone answers it; a patient whose claims were all reversed comes back with none.
    `select distinct patient_id from claims where district_code = ? and service_date between ?::date and ?::date order by patient_id`,
    [district, p.from, p.to],
  );
  return rows.map((r) => r.patient_id);
}

/** A stored claim with the parts of its request (ClaimRequest) that the decision depends on. */
type ClaimTuple = [
  id: string,
  serviceDay: number,
  institutionId: string,
  cityCode: string,
  pathway: Pathway,
  referralFrom: string | null,
  referralIssuedDay: number | null,
  sourcePrescriptionId: string | null,
  conditionStable: boolean | null,
  amountFen: number,
  fundFen: number,
  patientFen: number,
  compliantFen: number,
];

/** A stored claim line as submitted, and whether it was compliant when stored: [claim, drug, dosage form, quantity, days of supply, amount, compliant], by claim and line number */
type LineTuple = [claimId: string, drugCode: string, form: 'oral' | 'injection', quantity: number, daysSupply: number, amountFen: number, compliant: boolean];

/** A compliant line dispensed before the period whose supply lasts into it: [day, drug, days of supply, institution]. */
type FillTuple = [day: number, drugCode: string, daysSupply: number, institutionId: string];

interface RxRow {
  issued_on: string;
  level: InstitutionRef['level'];
  drug_codes: string[];
}

/** Everything the replay reads about one patient, as one row: the small lists as JSON, parsed once each. */
interface PatientRow {
  id: string;
  scheme: InsuranceScheme;
  /** [effective from, scheme, previous scheme] from patient_scheme_changes, in date order */
  schemes: [string, InsuranceScheme, InsuranceScheme][];
  chronic_programme_diseases: Disease[];
  long_term_residence_elsewhere: boolean;
  /** [from, to (null while current)] from patient_residences_elsewhere, in date order */
  residences: [string, string | null][];
  /** [code, in force from, through (null while open)] from clinical_findings */
  findings: [ClinicalFinding, string, string | null][];
  /** [disease, diabetes type, diagnosed on] */
  diseases: [Disease, DiabetesType | null, string][];
  /** [certified on, diseases, revoked on]; which one counts on a date is the policy core's certificationOn */
  certs: [string, Disease[], string | null][];
  /** [institution, consortium, from, to] */
  designations: [string, string | null, string, string | null][];
  /** [year, general-outpatient fund paid, general outpatient used up, cap reached on] */
  ledgers: [number, number, boolean, string | null][];
  /** the period's accepted claims, in the order the claim path decided them: date, then as stored */
  claims: ClaimTuple[] | null;
  /** the lines of the period's claims (reversed ones' too: they are left out with their claim) */
  lines: LineTuple[] | null;
  /**
   * [claim, each line's strength as sent (null where none), in line order] for the period's accepted claims
   * whose request gives a strength: it is only in the stored request (claim_documents), and the payment
   * standard (W 四(一)) is matched by generic name × dosage form × strength, so the replay needs it as the claim path had it
   */
  strengths: [string, (string | null)[]][] | null;
  /** every drug of a compliant line of an accepted claim before the period */
  prior: string[] | null;
  /** the compliant fills of accepted claims of the HISTORY_DAYS before the period whose supply lasts into it */
  history: FillTuple[] | null;
  /** what the benefit paid in the period's first year before the period: [fund, compliant]; null when it opens on 1 January */
  opening: [number, number] | null;
}

const ISO = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;
/** A date as its day number (days since 1970-01-01, the policy core's toDay): an integer subtraction, where to_char is a fifth of the claims' read. */
const DAY = (col: string) => `(${col} - date '1970-01-01')`;

/**
 * One copy of each string a snapshot holds many times (drug codes, dosage forms, pathways, cities,
 * dates): a replay snapshot keeps millions of claims in memory, and each string parsed from a row is
 * otherwise a copy of its own. Day numbers are formatted once each: a period's claims fall on a few
 * hundred days.
 */
class Shared {
  readonly #strings = new Map<string, string>();
  readonly #iso = new Map<number, string>();
  readonly #month = new Map<number, string>();
  str<T extends string | null>(s: T): T {
    if (s === null) return s;
    const known = this.#strings.get(s);
    if (known !== undefined) return known as T;
    this.#strings.set(s, s);
    return s;
  }
  strs<T extends string>(list: readonly T[]): T[] {
    return list.map((x) => this.str(x));
  }
  iso(day: number): string {
    let s = this.#iso.get(day);
    if (s === undefined) {
      s = fromDay(day);
      this.#iso.set(day, s);
    }
    return s;
  }
  month(day: number): string {
    let s = this.#month.get(day);
    if (s === undefined) {
      s = this.iso(day).slice(0, 7);
      this.#month.set(day, s);
    }
    return s;
  }
}

/** The cities whose text sets a payment standard (W 四(一)): only their claims' strengths can change a decision. */
const STANDARD_CITIES = new Set(RULE_SETS.filter((r) => r.paymentStandard.applies).map((r) => r.cityCode));
/** Whether a district's claims are decided under a payment standard (its patients are insured in its city). */
const setsStandards = (district: string) => STANDARD_CITIES.has(`${district.slice(0, 4)}00`);

/**
 * Each line's strength as its request gave it, for the claims whose request gives one: read from the
 * stored request (claim_documents), a row per claim; only where a payment standard can apply, since
 * elsewhere the strength decides nothing and the read costs the cold replay about a quarter of its reading.
 */
const STRENGTHS = `(select json_agg(json_build_array(c.id, s.list))
          from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id
          cross join lateral (select json_agg(x->'strength' order by n) as list, count(*) filter (where jsonb_typeof(x->'strength') = 'string') as given
                                from jsonb_array_elements(d.request->'lines') with ordinality t(x, n)) s
         where c.district_code = p.district_code and c.patient_id = p.id and c.service_date between ?::date and ?::date and c.status = 'accepted'
           and s.given > 0) as strengths,`;

/**
 * One statement for a batch of patients, one row a patient: the record, its dated scheme changes
 * and residences elsewhere, diagnoses, certificates, designations and ledger rows, the period's claims and their lines, the drugs dispensed before
 * the period and the fills still on hand when it opens and, when the period opens after 1
 * January, what the benefit paid before it that year. Every list is built by PostgreSQL as JSON
 * and parsed by one JSON.parse in Node: per field and per row the driver costs far more than the
 * database (on the full-size demo the row-per-claim reads spent more time in Node's parsing than
 * in PostgreSQL). Each subquery is a range scan of an index that leads with (district_code,
 * patient_id); the lines are read from claim_lines_patient alone (an index-only scan), the claims
 * a patient had reversed from claims_reversed_patient.
 */
function patientsOf(q: Query, district: string, ids: readonly string[], p: Period): Promise<PatientRow[]> {
  const fromYear = yearOf(p.from);
  const opensOnNewYear = p.from === `${fromYear}-01-01`;
  const withStrengths = setsStandards(district);
  return q<PatientRow>(
    `select p.id, p.scheme, p.chronic_programme_diseases, p.long_term_residence_elsewhere,
       (select coalesce(json_agg(json_build_array(${ISO('s.effective_from')}, s.scheme, s.previous_scheme) order by s.effective_from), '[]')
          from patient_scheme_changes s where s.district_code = p.district_code and s.patient_id = p.id) as schemes,
       (select coalesce(json_agg(json_build_array(${ISO('r.valid_from')}, ${ISO('r.valid_to')}) order by r.valid_from), '[]')
          from patient_residences_elsewhere r where r.district_code = p.district_code and r.patient_id = p.id) as residences,
       (select coalesce(json_agg(json_build_array(f.code, ${ISO('f.recorded_on')}, ${ISO('least(f.valid_until, f.retracted_on - 1)')})), '[]')
          from clinical_findings f where f.district_code = p.district_code and f.patient_id = p.id and (f.retracted_on is null or f.retracted_on > f.recorded_on)) as findings,
       (select coalesce(json_agg(json_build_array(b.year, b.general_outpatient_fund_fen, b.general_outpatient_exhausted, ${ISO('b.cap_reached_on')})), '[]')
          from benefit_ledger b where b.district_code = p.district_code and b.patient_id = p.id and b.year between ? and ?) as ledgers,
       (select coalesce(json_agg(json_build_array(d.disease, d.diabetes_type, ${ISO('d.diagnosed_on')})), '[]')
          from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id) as diseases,
       (select coalesce(json_agg(json_build_array(${ISO('c.certified_on')}, c.diseases, ${ISO('c.revoked_on')})), '[]')
          from certifications c where c.district_code = p.district_code and c.patient_id = p.id) as certs,
       (select coalesce(json_agg(json_build_array(g.institution_id, g.consortium_id, ${ISO('g.valid_from')}, ${ISO('g.valid_to')}) order by g.valid_from), '[]')
          from designations g where g.district_code = p.district_code and g.patient_id = p.id) as designations,
       (select json_agg(json_build_array(c.id, ${DAY('c.service_date')}, c.institution_id, c.city_code, c.pathway,
                 c.referral_from_institution_id, ${DAY('c.referral_issued_on')}, c.source_prescription_id, c.condition_stable,
                 c.amount_fen, c.fund_fen, c.patient_fen, c.compliant_fen)
                 order by c.service_date, c.created_at, c.idempotency_key)
          from claims c where c.district_code = p.district_code and c.patient_id = p.id and c.service_date between ?::date and ?::date and c.status = 'accepted') as claims,
       (select json_agg(json_build_array(l.claim_id, l.drug_code, l.form, l.quantity, l.days_supply, l.amount_fen, l.compliant_fen > 0) order by l.claim_id, l.line_no)
          from claim_lines l where l.district_code = p.district_code and l.patient_id = p.id and l.service_date between ?::date and ?::date) as lines,
       ${withStrengths ? STRENGTHS : 'null as strengths,'}
       (select array_agg(distinct l.drug_code) from claim_lines l
         where l.district_code = p.district_code and l.patient_id = p.id and l.service_date < ?::date and l.compliant_fen > 0 and l.claim_id <> all(rev.ids)) as prior,
       (select json_agg(json_build_array(${DAY('l.service_date')}, l.drug_code, l.days_supply, l.institution_id) order by l.service_date, l.claim_id, l.line_no) from claim_lines l
         where l.district_code = p.district_code and l.patient_id = p.id and l.service_date >= ?::date and l.service_date < ?::date
           and l.service_date + l.days_supply > ?::date and l.compliant_fen > 0 and l.claim_id <> all(rev.ids)) as history,
       ${
         opensOnNewYear
           ? 'null'
           : `(select json_build_array(coalesce(sum(c.fund_fen), 0), coalesce(sum(c.compliant_fen), 0)) from claims c
                where c.district_code = p.district_code and c.patient_id = p.id and c.status = 'accepted' and c.year = ${fromYear} and c.service_date < ?::date)`
       } as opening
     from patients p
     cross join lateral (select coalesce(array_agg(r.id), '{}') as ids from claims r where r.district_code = p.district_code and r.patient_id = p.id and r.status = 'reversed') rev
     where p.district_code = ? and p.id = any(?) order by p.id`,
    [
      fromYear,
      yearOf(p.to),
      p.from,
      p.to,
      p.from,
      p.to,
      ...(withStrengths ? [p.from, p.to] : []),
      p.from,
      addDays(p.from, -HISTORY_DAYS),
      p.from,
      p.from,
      ...(opensOnNewYear ? [] : [p.from]),
      district,
      ids,
    ],
  );
}

/** The source prescriptions the batch's extension claims name, by patient and id. */
async function prescriptionsOf(q: Query, district: string, rows: readonly PatientRow[]): Promise<Map<string, RxRow>> {
  const wanted = new Set<string>();
  for (const r of rows) for (const c of r.claims ?? []) if (c[7] !== null) wanted.add(c[7]);
  const rx = new Map<string, RxRow>();
  if (wanted.size === 0) return rx;
  const found = await q<RxRow & { patient_id: string; id: string }>(
    `select p.patient_id, p.id, ${ISO('p.issued_on')} as issued_on, i.level, p.drug_codes
       from prescriptions p join institutions i on i.id = p.institution_id where p.district_code = ? and p.id = any(?)`,
    [district, [...wanted]],
  );
  for (const r of found) rx.set(`${r.patient_id}|${r.id}`, r);
  return rx;
}

/** Everything the replay needs about these patients: their records, the period's claims and the position before it. */
async function loadBatch(
  q: Query,
  district: string,
  ids: readonly string[],
  p: Period,
  institutions: ReadonlyMap<string, InstitutionRef>,
  shared: Shared,
): Promise<ReplayPatientData[]> {
  const fromYear = yearOf(p.from);
  const rows = await patientsOf(q, district, ids, p);
  const rx = await prescriptionsOf(q, district, rows);
  const out: ReplayPatientData[] = [];
  for (const row of rows) {
    if (row.claims === null) continue;
    const years = new Map<number, OpeningYear>();
    for (const [year, goFund, goExhausted, capReachedOn] of row.ledgers) {
      years.set(year, {
        generalOutpatient: { exhausted: goExhausted, fundPaidFen: Number(goFund) },
        fundPaidFen: year === fromYear && row.opening !== null ? Number(row.opening[0]) : 0,
        compliantFen: year === fromYear && row.opening !== null ? Number(row.opening[1]) : 0,
        storedCapReachedOn: capReachedOn,
      });
    }
    const lines = new Map<string, LineTuple[]>();
    for (const l of row.lines ?? []) {
      const list = lines.get(l[0]);
      if (list === undefined) lines.set(l[0], [l]);
      else list.push(l);
    }
    const strengths = new Map<string, (string | null)[]>(row.strengths ?? []);
    // Only fills whose supply lasts into the period can matter to its claims (the duplicate check
    // and the renin–angiotensin class look at supply still on hand), and only those of the last
    // HISTORY_DAYS, the window the claim path reads; older lines count as drugs dispensed before.
    const history: DispensingRecord[] = (row.history ?? []).map(([day, drugCode, daysSupply, institutionId]) => ({
      date: shared.iso(day),
      drugCode: shared.str(drugCode),
      daysSupply,
      institutionId: shared.str(institutionId),
    }));
    out.push({
      patient: {
        districtCode: district,
        id: row.id,
        scheme: shared.str(row.scheme),
        schemeChanges: row.schemes.map(([from, scheme, previous]) => [shared.str(from), shared.str(scheme), shared.str(previous)] as const),
        chronicProgrammeDiseases: shared.strs(row.chronic_programme_diseases),
        longTermResidenceElsewhere: row.long_term_residence_elsewhere,
        residences: row.residences.map(([from, to]) => [shared.str(from), shared.str(to)] as const),
        findings: row.findings.map(([code, from, to]) => ({ code: shared.str(code), from: shared.str(from), to: shared.str(to) })),
        diseases: row.diseases.map(([disease, diabetesType, diagnosedOn]) => ({
          disease: shared.str(disease),
          diabetesType: shared.str(diabetesType),
          diagnosedOn: shared.str(diagnosedOn),
        })),
        certifications: row.certs.map(([certifiedOn, diseases, revokedOn]): Certification => ({
          certifiedOn: shared.str(certifiedOn),
          diseases: shared.strs(diseases),
          revokedOn: shared.str(revokedOn),
        })),
        designations: row.designations.map(([institutionId, consortiumId, from, to]) => ({
          institutionId: shared.str(institutionId),
          consortiumId: shared.str(consortiumId),
          from: shared.str(from),
          to: shared.str(to),
        })),
      },
      years,
      claims: withSameDayRanks(row.claims).map(([c, rank]) =>
        toReplayClaim(row.id, c, rank, lines.get(c[0]) ?? [], strengths.get(c[0]), institutions, rx, shared),
      ),
      history,
      priorDrugCodes: shared.strs(row.prior ?? []),
    });
  }
  return out;
}

/**
 * Each claim with its rank among the patient's claims of the same day in id order: the order in
 * which the history before a period lists them (whatif.narrow.ts keeps it when it cuts a period
 * out of a longer one).
 */
function withSameDayRanks(claims: readonly ClaimTuple[]): [ClaimTuple, number][] {
  return claims.map((c) => [c, claims.reduce((rank, o) => (o[1] === c[1] && o[0] < c[0] ? rank + 1 : rank), 0)]);
}

/** The stored claim for the replay, its ClaimInput built as the claim path builds it from a request (claims/claim.input.ts claimInput). */
function toReplayClaim(
  patientId: string,
  c: ClaimTuple,
  sameDayRank: number,
  lines: readonly LineTuple[],
  strengths: readonly (string | null)[] | undefined,
  institutions: ReadonlyMap<string, InstitutionRef>,
  rx: ReadonlyMap<string, RxRow>,
  shared: Shared,
): ReplayClaim {
  const [
    id,
    serviceDay,
    institutionId,
    cityCode,
    pathway,
    referralFrom,
    referralIssuedDay,
    sourcePrescriptionId,
    conditionStable,
    amountFen,
    fundFen,
    patientFen,
    compliantFen,
  ] = c;
  const serviceDate = shared.iso(serviceDay);
  const year = yearOf(serviceDate);
  const institution = institutions.get(institutionId);
  if (institution === undefined) throw new Error(`claim ${id}: institution ${institutionId} is not in the institutions table`);
  const source = sourcePrescriptionId === null ? undefined : rx.get(`${patientId}|${sourcePrescriptionId}`);
  return {
    year,
    month: shared.month(serviceDay),
    sameDayRank,
    compliantLines: lines.reduce((bits, l, i) => (l[6] ? bits | (1 << i) : bits), 0),
    stored: { amountFen: Number(amountFen), fundFen: Number(fundFen), patientFen: Number(patientFen), compliantFen: Number(compliantFen) },
    claim: claimInput(
      {
        serviceDate,
        // The city whose rules decided the claim, as stored: out of area (W-7) the insured city's, not the institution's.
        cityCode: shared.str(cityCode),
        institution,
        pathway: shared.str(pathway),
        referralFromInstitutionId: referralFrom === null ? null : shared.str(referralFrom),
        referralIssuedOn: referralIssuedDay === null ? null : shared.iso(referralIssuedDay),
        sourcePrescription: source === undefined ? null : { issuedOn: source.issued_on, institutionLevel: source.level, drugCodes: source.drug_codes },
        conditionStable,
      },
      lines,
      // A line's strength as its request gave it: the claim path matched the payment standard on it (W 四(一)).
      (l) => ({
        drugCode: shared.str(l[1]),
        form: shared.str(l[2]),
        quantity: l[3],
        daysSupply: l[4],
        amountFen: Number(l[5]),
        strength: strengths === undefined ? null : shared.str(strengths[lines.indexOf(l)] ?? null),
      }),
    ),
  };
}

/**
 * One district's patients with claims in the period, a batch at a time, in patient order. Up to
 * `ahead` batches are read while the caller works on the current one, each on its own connection,
 * so that PostgreSQL's cores and the caller's overlap.
 */
export async function* districtBatches(
  q: Query,
  districtCode: string,
  p: Period,
  institutions: ReadonlyMap<string, InstitutionRef>,
  size: number,
  ahead = 2,
): AsyncGenerator<ReplayPatientData[]> {
  const shared = new Shared();
  const ids = await patientsWithClaims(q, districtCode, p);
  const pending: Promise<ReplayPatientData[]>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length <= ahead && next < ids.length) {
      const read = loadBatch(q, districtCode, ids.slice(next, next + size), p, institutions, shared);
      // A caller that stops early (an error in its replay) leaves these reads behind: they must not go unhandled.
      read.catch(() => undefined);
      pending.push(read);
      next += size;
    }
  };
  fill();
  while (pending.length > 0) {
    const patients = await pending.shift()!;
    fill();
    yield patients;
  }
}
