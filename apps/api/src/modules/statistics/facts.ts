/**
 * What one patient's year contributes to every rollup row, computed from that patient's own
 * records. One pure definition serves the three writers of the rollups: the write path (the
 * contribution after a change minus the one before it), the bulk demo load (streamed patient by
 * patient) and a rebuild from the raw tables. Each counter means exactly what the raw-table
 * query of statistics.raw.ts counts, so summing contributions over patients gives its figures.
 *
 * Distinct-patient counts (beneficiaries, managed, controlled …) become plain sums this way: a
 * patient adds 1 to a row, or does not, and the write path moves that 1 when the patient's
 * state flips — no COUNT(DISTINCT) over claims at read time.
 */
import { certificateInForce } from '@liangbing/policy';
import {
  claimMatches,
  DISEASE_FILTERS,
  diseasesKey,
  followUpsRequired,
  knownDiseases,
  pdcOf,
  patientMatches,
  quarterEnd,
  quarterOf,
  quarterStart,
  standardFor,
} from './counts';
import { presentOn, schemeOn, type SchemeChange } from '../patients/patient-life.dates';

export interface FactsFollowUp {
  date: string;
  faceToFace: boolean;
  systolic: number | null;
  diastolic: number | null;
  glucoseTenths: number | null;
}

/** An accepted claim, as the statistics see it. */
export interface FactsClaim {
  /** the claim's id when read from the database (a reversal takes it out by id) */
  id?: string;
  serviceDate: string;
  institutionId: string;
  category: string;
  diseases: readonly string[];
  rational: boolean;
  amountFen: number;
  compliantFen: number;
  fundFen: number;
  /** the longest days of supply among lines with a compliant amount; null when none (not a fill) */
  fillDays: number | null;
  /** refused outright by a claim-level rule (refused.ts): out of the claim counts, 合理用药率 and 结算药品费用 */
  refused: boolean;
}

export interface PatientFacts {
  districtCode: string;
  streetCode: string | null;
  managingInstitutionId: string | null;
  birthDate: string;
  scheme: string;
  managed: boolean;
  managedSince: string | null;
  diseases: readonly { disease: string; diagnosedOn: string }[];
  certifications: readonly { certifiedOn: string; revokedOn: string | null }[];
  /** any dates: each year takes its own */
  followUps: readonly FactsFollowUp[];
  /** accepted claims, any dates */
  claims: readonly FactsClaim[];
  /** died or moved away on this date (patient-life.dates.ts): from then on counted in no patient figure */
  leftOn?: string | null;
  /** dated scheme changes: coverage is judged on the scheme in force at the period end */
  schemeChanges?: readonly SchemeChange[];
  /** family-doctor signings (家庭医生签约), each from its first to its last day in force (null: open) */
  signings?: readonly { validFrom: string; validTo: string | null }[];
}

/** The rollup tables, their key columns and their counters (in this order). */
export const TABLES = {
  stat_patient_counts: {
    keys: ['district_code', 'year', 'quarter', 'disease_filter', 'street_code', 'institution_id'],
    values: [
      'known',
      'known_pairs',
      'managed',
      'standard_managed',
      'ht_managed',
      'ht_controlled',
      'dm_managed',
      'dm_controlled',
      'controlled',
      'certified',
      'covered_managed',
      'pdc_numerator',
      'pdc_denominator',
      'patients',
      'signed_managed',
    ],
  },
  stat_beneficiaries: {
    keys: ['district_code', 'year', 'quarter', 'disease_filter', 'kind', 'group_key'],
    values: ['patients'],
  },
  stat_claims_by_street: {
    keys: ['district_code', 'month', 'street_code', 'diseases', 'category'],
    values: ['claims', 'rational', 'paid', 'amount_fen', 'compliant_fen', 'fund_fen'],
  },
  stat_claims_by_institution: {
    keys: ['district_code', 'month', 'institution_id', 'diseases', 'category'],
    values: ['claims', 'rational', 'paid', 'amount_fen', 'compliant_fen', 'fund_fen'],
  },
} as const;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Integer key columns (the rest are text); months are ISO dates. */
export const INT_KEYS = new Set(['year', 'quarter']);

const SEP = '\u0001';

/** Rollup rows keyed by their key columns; values add up. */
export class Rollup {
  readonly rows: Record<TableName, Map<string, number[]>> = {
    stat_patient_counts: new Map(),
    stat_beneficiaries: new Map(),
    stat_claims_by_street: new Map(),
    stat_claims_by_institution: new Map(),
  };

  add(table: TableName, key: readonly (string | number)[], values: readonly number[], sign = 1): void {
    const k = key.join(SEP);
    const map = this.rows[table];
    const cur = map.get(k);
    if (cur === undefined) {
      map.set(
        k,
        values.map((v) => v * sign),
      );
      return;
    }
    for (let i = 0; i < values.length; i++) cur[i]! += values[i]! * sign;
  }

  merge(other: Rollup, sign = 1): this {
    for (const t of TABLE_NAMES) for (const [k, v] of other.rows[t]) this.add(t, k.split(SEP), v, sign);
    return this;
  }

  /** The rows whose counters are not all zero, keys split back into columns. */
  *entries(table: TableName): Generator<[string[], number[]]> {
    for (const [k, v] of this.rows[table]) if (v.some((x) => x !== 0)) yield [k.split(SEP), v];
  }

  get size(): number {
    return TABLE_NAMES.reduce((n, t) => n + this.rows[t].size, 0);
  }
}

const minusYears = (iso: string, n: number) => `${Number(iso.slice(0, 4)) - n}${iso.slice(4)}`;

/** The latest of the follow-ups that carry a value (the first on a date wins, as in insertion order). */
function latest<T extends FactsFollowUp>(list: readonly T[], has: (f: T) => boolean): T | null {
  let best: T | null = null;
  for (const f of list) if (has(f) && (best === null || f.date > best.date)) best = f;
  return best;
}

/** Adds one patient's contribution to the rollup rows of `year`. */
export function addPatientYear(out: Rollup, p: PatientFacts, year: number, sign = 1): void {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const street = p.streetCode ?? '';
  const managing = p.managingInstitutionId ?? '';
  const claims = p.claims.filter((c) => c.serviceDate >= yearStart && c.serviceDate <= yearEnd);
  const followUps = p.followUps.filter((f) => f.date >= yearStart && f.date <= yearEnd);

  for (let q = 1; q <= 4; q++) {
    const end = quarterEnd(year, q);
    if (!presentOn(p.leftOn, end)) continue;
    const ht = p.diseases.some((d) => d.disease === 'hypertension' && d.diagnosedOn <= end);
    const dm = p.diseases.some((d) => d.disease === 'diabetes' && d.diagnosedOn <= end);
    const adult35 = p.birthDate <= minusYears(end, 35);
    const senior = p.birthDate <= minusYears(end, 65);
    const managed = p.managed && p.managedSince !== null && p.managedSince <= end;
    const fus = followUps.filter((f) => f.date <= end);
    const f2f = fus.filter((f) => f.faceToFace).length;
    const f2fGlucose = fus.filter((f) => f.faceToFace && f.glucoseTenths !== null).length;
    // Each disease by its own follow-up rule, against the year-to-date requirement (standardised-management.v2).
    const htStandard = f2f >= followUpsRequired(q);
    const dmStandard = f2fGlucose >= followUpsRequired(q);
    const bp = latest(fus, (f) => f.systolic !== null);
    const glucose = latest(fus, (f) => f.glucoseTenths !== null)?.glucoseTenths ?? null;
    const bpOk = bp !== null && bp.systolic! < (senior ? 150 : 140) && bp.diastolic !== null && bp.diastolic < 90;
    const glucoseOk = glucose !== null && glucose < 70;
    const certified = p.certifications.some((c) => certificateInForce(c, end));
    const patient = [
      +adult35,
      0, // known patient-diseases: per filter below
      +managed,
      0, // standard managed: per filter below
      +(managed && ht),
      +(managed && ht && bpOk),
      +(managed && dm),
      +(managed && dm && glucoseOk),
      +(managed && (!ht || bpOk) && (!dm || glucoseOk)),
      +certified,
      +(managed && certified && schemeOn(p.scheme, p.schemeChanges ?? [], end) === 'resident'),
    ];
    const signed = managed && (p.signings ?? []).some((s) => s.validFrom <= end && (s.validTo === null || s.validTo >= end));
    const fills = claims.filter((c) => c.fillDays !== null && c.serviceDate <= end);
    for (const filter of DISEASE_FILTERS) {
      const pdc = pdcOf(fillDays(fills.filter((c) => claimMatches(filter, c.diseases))), end);
      const included = patientMatches(filter, ht, dm);
      if (!included && pdc === null) continue;
      const values = included ? [...patient, 0, 0, 1, +signed] : new Array<number>(15).fill(0);
      if (included) {
        values[1] = knownDiseases(filter, adult35, ht, dm);
        values[3] = +(managed && standardFor(filter, ht, dm, htStandard, dmStandard));
      }
      if (pdc !== null) {
        values[11] = pdc.numerator;
        values[12] = pdc.denominator;
      }
      out.add('stat_patient_counts', [p.districtCode, year, q, filter, street, managing], values, sign);
    }
  }

  // Beneficiaries: a patient with at least one paid claim in the period, per street and per institution.
  for (let q = 0; q <= 4; q++) {
    const from = q === 0 ? yearStart : quarterStart(year, q);
    const to = q === 0 ? yearEnd : quarterEnd(year, q);
    const paid = claims.filter((c) => c.fundFen > 0 && c.serviceDate >= from && c.serviceDate <= to);
    if (paid.length === 0) continue;
    for (const filter of DISEASE_FILTERS) {
      const mine = paid.filter((c) => claimMatches(filter, c.diseases));
      if (mine.length === 0) continue;
      out.add('stat_beneficiaries', [p.districtCode, year, q, filter, 'street', street], [1], sign);
      for (const inst of new Set(mine.map((c) => c.institutionId)))
        out.add('stat_beneficiaries', [p.districtCode, year, q, filter, 'institution', inst], [1], sign);
    }
  }

  for (const c of claims) {
    if (c.refused) continue;
    const month = `${c.serviceDate.slice(0, 7)}-01`;
    const dk = diseasesKey(c.diseases);
    const values = [1, +c.rational, +(c.fundFen > 0), c.amountFen, c.compliantFen, c.fundFen];
    out.add('stat_claims_by_street', [p.districtCode, month, street, dk, c.category], values, sign);
    out.add('stat_claims_by_institution', [p.districtCode, month, c.institutionId, dk, c.category], values, sign);
  }
}

/** One fill per day (the longest supply of the day), in date order: what the raw query groups. */
function fillDays(claims: readonly FactsClaim[]): { day: string; days: number }[] {
  const byDay = new Map<string, number>();
  for (const c of claims) byDay.set(c.serviceDate, Math.max(byDay.get(c.serviceDate) ?? 0, c.fillDays!));
  return [...byDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([day, days]) => ({ day, days }));
}

/** The quarter (1–4) a rollup row belongs to, for the closed-period check; 0 is the whole year (its fourth quarter). */
export function periodOfRow(table: TableName, key: readonly string[]): { year: number; quarter: number } {
  if (table === 'stat_claims_by_street' || table === 'stat_claims_by_institution') {
    const month = key[1]!;
    return { year: Number(month.slice(0, 4)), quarter: quarterOf(month) };
  }
  const quarter = Number(key[2]);
  return { year: Number(key[1]), quarter: quarter === 0 ? 4 : quarter };
}
