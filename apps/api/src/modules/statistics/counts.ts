/**
 * The counts behind every indicator and the small pure pieces both statistics paths share (the
 * raw-table queries and the rollups): the disease filters, the window of a period and PDC.
 * Rates are never stored or averaged: counts are summed and divided at the end.
 */
export type DiseaseFilter = 'HYPERTENSION' | 'DIABETES' | 'BOTH' | 'ALL';
export type GroupBy = 'district' | 'street' | 'institution';

export const DISEASE_FILTERS: readonly DiseaseFilter[] = ['ALL', 'HYPERTENSION', 'DIABETES', 'BOTH'];

export interface Window {
  /** first day of the calendar year */
  yearStart: string;
  /** first day of the period (quarter or year) */
  periodStart: string;
  /** last day of the period */
  periodEnd: string;
}

export interface Counts {
  knownPairs: number;
  estimated: number;
  known: number;
  managed: number;
  standardManaged: number;
  htManaged: number;
  htControlled: number;
  dmManaged: number;
  dmControlled: number;
  controlled: number;
  certified: number;
  coveredManaged: number;
  /** managed patients with a family-doctor signing in force at the period end (family-doctor-signing.v1) */
  signedManaged: number;
  claims: number;
  rationalClaims: number;
  beneficiaries: number;
  benefitUses: number;
  drugCostFen: number;
  compliantFen: number;
  fundFen: number;
  pdcNumerator: number;
  pdcDenominator: number;
}

export function emptyCounts(): Counts {
  return {
    knownPairs: 0,
    estimated: 0,
    known: 0,
    managed: 0,
    standardManaged: 0,
    htManaged: 0,
    htControlled: 0,
    dmManaged: 0,
    dmControlled: 0,
    controlled: 0,
    certified: 0,
    coveredManaged: 0,
    signedManaged: 0,
    claims: 0,
    rationalClaims: 0,
    beneficiaries: 0,
    benefitUses: 0,
    drugCostFen: 0,
    compliantFen: 0,
    fundFen: 0,
    pdcNumerator: 0,
    pdcDenominator: 0,
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof Counts)[]) out[k] = a[k] + b[k];
  return out;
}

/** Whether a claim whose patient had these diseases falls under the filter (a claim-level filter). */
export function claimMatches(filter: DiseaseFilter, diseases: readonly string[]): boolean {
  switch (filter) {
    case 'ALL':
      return true;
    case 'HYPERTENSION':
      return diseases.includes('hypertension');
    case 'DIABETES':
      return diseases.includes('diabetes');
    case 'BOTH':
      return diseases.includes('hypertension') && diseases.includes('diabetes');
  }
}

/** Whether a patient with these diagnoses (as of the period end) falls under the filter. */
export function patientMatches(filter: DiseaseFilter, ht: boolean, dm: boolean): boolean {
  switch (filter) {
    case 'ALL':
      return ht || dm;
    case 'HYPERTENSION':
      return ht;
    case 'DIABETES':
      return dm;
    case 'BOTH':
      return ht && dm;
  }
}

/**
 * The awareness numerator's share of one patient under a filter (INDICATORS.md: 按病种计): a
 * known patient aged ≥ 35 counts once for each of the filter's diseases they have. Under a
 * single-disease filter only that disease counts — the denominator is that disease's estimate
 * alone — so a patient with both diseases counts once, not twice; under ALL and BOTH each of the
 * patient's two diseases counts (the denominator adds both diseases' estimates).
 */
export function knownDiseases(filter: DiseaseFilter, adult35: boolean, ht: boolean, dm: boolean): number {
  if (!adult35) return 0;
  switch (filter) {
    case 'HYPERTENSION':
      return +ht;
    case 'DIABETES':
      return +dm;
    case 'ALL':
    case 'BOTH':
      return +ht + +dm;
  }
}

/**
 * Face-to-face follow-ups needed by the end of quarter `q` for standardised management
 * (standardised-management.v2). 国家基本公共卫生服务规范（第三版）: 每年至少4次面对面随访 for
 * hypertension, and for type 2 diabetes 4 free fasting-glucose tests and at least 4 face-to-face
 * follow-ups a year — once a quarter. The indicator is year to date (INDICATORS.md: "a quarter
 * shows year-to-date"), so the requirement is pro-rated: ≥ 1 by the end of Q1, ≥ 2 by Q2, ≥ 3 by
 * Q3 and ≥ 4 for the year. (v1 asked for 4 at every quarter end, and so read 0 in every Q1.)
 */
export function followUpsRequired(quarter: number): number {
  return quarter;
}

/**
 * Whether a managed patient is managed to standard under a filter, each disease judged by its own
 * rule (hypertension: face-to-face follow-ups; diabetes: each with a fasting glucose): under a
 * single-disease filter that disease's rule alone, under ALL and BOTH every disease the patient has.
 */
export function standardFor(filter: DiseaseFilter, ht: boolean, dm: boolean, htStandard: boolean, dmStandard: boolean): boolean {
  switch (filter) {
    case 'HYPERTENSION':
      return ht && htStandard;
    case 'DIABETES':
      return dm && dmStandard;
    case 'ALL':
    case 'BOTH':
      return (ht || dm) && (!ht || htStandard) && (!dm || dmStandard);
  }
}

/** A claim's disease set as one key: the rollups of claims are kept per set, and a filter is a set of keys. */
export type DiseasesKey = 'hypertension' | 'diabetes' | 'both' | 'none';

export function diseasesKey(diseases: readonly string[]): DiseasesKey {
  const ht = diseases.includes('hypertension');
  const dm = diseases.includes('diabetes');
  return ht && dm ? 'both' : ht ? 'hypertension' : dm ? 'diabetes' : 'none';
}

export const KEYS_OF_FILTER: Record<DiseaseFilter, readonly DiseasesKey[]> = {
  ALL: ['hypertension', 'diabetes', 'both', 'none'],
  HYPERTENSION: ['hypertension', 'both'],
  DIABETES: ['diabetes', 'both'],
  BOTH: ['both'],
};

export const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'] as const;

export function quarterEnd(year: number, quarter: number): string {
  return `${year}-${QUARTER_ENDS[quarter - 1]!}`;
}

export function quarterStart(year: number, quarter: number): string {
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/**
 * Proportion of days covered for one patient: fills (day, days of supply) in date order, one per
 * day, overlapping fills shifted forward, counted from the first fill to the period end.
 * Returns null for fewer than two fills (not in the denominator).
 */
export function pdcOf(fills: readonly { day: string; days: number }[], periodEnd: string): { numerator: number; denominator: number } | null {
  if (fills.length < 2) return null;
  const end = dayNumber(periodEnd);
  const first = dayNumber(fills[0]!.day);
  let covered = 0;
  let cursor = -Infinity;
  for (const f of fills) {
    const start = Math.max(dayNumber(f.day), cursor);
    const stop = Math.min(start + f.days, end + 1);
    if (stop > start) covered += stop - start;
    cursor = start + f.days;
  }
  return { numerator: covered / (end + 1 - first) >= 0.8 ? 1 : 0, denominator: 1 };
}
