/**
 * Patients on the health commission's roster, streamed district by district.
 *
 * Mix and shape (the weights are ours; their direction follows the surveys cited in regions.ts):
 * - registry: 72 % hypertension only, 20 % diabetes only, 8 % both — so ≈ 30 % of diabetics also
 *   have hypertension, as the brief asks; surveys find the overlap higher, primary-care registries
 *   list far more hypertension than diabetes;
 * - age: hypertension prevalence rises steeply with age (China Hypertension Survey 2012–15, Wang Z
 *   et al., Circulation 2018), so most patients are 45–75; men slightly outnumber women in both
 *   diseases, as in that survey and in Li Y et al. (BMJ 2020);
 * - diabetes: ≈ 5 % type 1, diagnosed young; 1 % other types;
 * - scheme: 97 % 居民医保, 2.5 % 职工医保, 0.5 % uninsured (G-2's ledger reasons);
 * - 75 % under standardised management; ≈ 85 % of insured managed patients certified (Guiyang's
 *   bulk certification of June 2021, G-2; Wuxi's first assessments from 2020);
 * - 8 % in the outpatient chronic/special disease programme; 1 % living long-term elsewhere.
 */
import { addDays, fromDay, makeResidentId, toDay, type ClinicalFinding, type Designation, type Disease, type PatientDisease } from '@liangbing/policy';
import { homeCentre, type CityInstitutions, type DistrictInstitutions } from './institutions';
import { mobileNumber, personName } from './names';
import { rngFor, type Rng } from './prng';
import { apportion, districtsOfCity } from './regions';
import type { CityCode, DemoCertification, GeneralOutpatientYear, Institution, Patient, Sex } from './types';
import { DEMO_PERIOD, DEMO_YEARS } from './types';

export const PATIENTS_PER_CITY_AT_SCALE_1 = 2000;

const REFERENCE_DAY = toDay('2024-01-01');
const PERIOD_END: string = DEMO_PERIOD.to;

/** [age from, age to (exclusive), weight] at 2024-01-01 */
type Band = readonly [number, number, number];
const HYPERTENSION_AGES: readonly Band[] = [
  [18, 35, 2],
  [35, 45, 8],
  [45, 55, 20],
  [55, 65, 28],
  [65, 75, 27],
  [75, 90, 15],
];
const DIABETES_AGES: readonly Band[] = [
  [18, 35, 4],
  [35, 45, 10],
  [45, 55, 23],
  [55, 65, 30],
  [65, 75, 23],
  [75, 90, 10],
];
const TYPE1_AGES: readonly Band[] = [
  [18, 35, 40],
  [35, 45, 25],
  [45, 55, 17],
  [55, 65, 10],
  [65, 80, 8],
];

/** Per-district counters that keep resident IDs unique: sequence numbers per birth day and sex. */
class ResidentIdCounters {
  private static readonly BASE = toDay('1920-01-01');
  private static readonly DAYS = 33_000;
  private readonly counters = new Map<string, Uint16Array>();

  /** A sequence free for this district, birth day and sex; moves the birth day on if the day is full. */
  take(district: string, birthDay: number, sex: Sex): { birthDay: number; sequence: number } {
    let c = this.counters.get(district);
    if (c === undefined) {
      c = new Uint16Array(ResidentIdCounters.DAYS * 2);
      this.counters.set(district, c);
    }
    const limit = sex === 'male' ? 500 : 499;
    for (let day = birthDay; ; day++) {
      const slot = (day - ResidentIdCounters.BASE) * 2 + (sex === 'male' ? 0 : 1);
      const used = c[slot]!;
      if (used < limit) {
        c[slot] = used + 1;
        return { birthDay: day, sequence: sex === 'male' ? used * 2 + 1 : used * 2 + 2 };
      }
    }
  }
}

function ageFrom(rng: Rng, bands: readonly Band[]): number {
  const b = bands[rng.weightedIndex(bands.map((x) => x[2]))]!;
  return rng.int(b[0], b[1] - 1);
}

function diagnosisDate(rng: Rng, birthDay: number, minAge: number, incident: boolean): string {
  if (incident) return fromDay(REFERENCE_DAY + rng.int(0, 638)); // 2024-01-01 … 2025-09-30
  const earliest = Math.max(birthDay + Math.round(minAge * 365.25), REFERENCE_DAY - 30 * 365);
  const latest = REFERENCE_DAY - 1;
  return fromDay(earliest >= latest ? latest : rng.int(earliest, latest));
}

function drawDiseases(rng: Rng, birthDay: number, age: number, both: boolean, ht: boolean, dm: boolean, type1: boolean, other: boolean): PatientDisease[] {
  const out: PatientDisease[] = [];
  // diagnosed at most 30 (hypertension) or 25 (diabetes) years ago, as an adult, and not later than now
  if (ht)
    out.push({
      disease: 'hypertension',
      diabetesType: null,
      diagnosedOn: diagnosisDate(rng, birthDay, age >= 30 ? Math.max(25, age - 30) : 18, rng.chance(0.07)),
    });
  if (dm) {
    const type = type1 ? 'type1' : other ? 'other' : 'type2';
    const minAge = type1 ? 8 : age >= 33 ? Math.max(28, age - 25) : 18;
    out.push({ disease: 'diabetes', diabetesType: type, diagnosedOn: diagnosisDate(rng, birthDay, minAge, !type1 && rng.chance(both ? 0.05 : 0.07)) });
  }
  return out;
}

function drawFindings(rng: Rng, diseases: readonly PatientDisease[]): ClinicalFinding[] {
  const f: ClinicalFinding[] = [];
  if (diseases.some((d) => d.disease === 'hypertension')) {
    if (rng.chance(0.03)) {
      f.push('chronic_heart_failure_nyha_2_4', 'reduced_ejection_fraction_evidence');
      if (rng.chance(0.3)) f.push('chf_needs_rapid_or_parenteral_diuresis');
    } else if (rng.chance(0.015)) f.push('arb_intolerant_or_ineffective');
  }
  const dm = diseases.find((d) => d.disease === 'diabetes');
  if (dm !== undefined && dm.diabetesType !== 'type1') {
    const r = rng.next();
    if (r < 0.04) f.push('t2_uncontrolled_on_intermediate_long_insulin');
    else if (r < 0.08) f.push('t2_uncontrolled_on_short_insulin_or_oral');
    if (rng.chance(0.01)) f.push('first_line_contraindicated');
  }
  return f;
}

function certificationDate(rng: Rng, city: CityCode, lastDiagnosis: string, managed: boolean): string {
  if (city === '520100') {
    // G-2: insured managed patients were certified in bulk before 2021-07-01
    if (lastDiagnosis < '2021-06-01') return managed ? addDays('2021-06-01', rng.int(0, 29)) : addDays('2021-07-01', rng.int(0, 900));
    return addDays(lastDiagnosis, rng.int(7, 90));
  }
  // Wuxi's opinion took effect 2019-12-12; first assessments (首次鉴定) spread over the next years
  if (lastDiagnosis < '2020-01-01') return addDays('2020-01-02', rng.int(0, 1275));
  return addDays(lastDiagnosis, rng.int(14, 120));
}

/** Wuxi (W-4, W-5): one designated primary institution at a time; changes only on 1 January. */
function drawDesignations(rng: Rng, d: DistrictInstitutions, first: Institution, certifiedOn: string): Designation[] {
  const joint = (inst: Institution) => (inst.consortiumId !== null && rng.chance(0.4) ? inst.consortiumId : null);
  const other = () => {
    const alternatives = d.usableCentres.filter((c) => c.id !== current.id);
    return alternatives.length > 0 ? rng.pick(alternatives) : null;
  };
  const certYear = Number(certifiedOn.slice(0, 4));
  const out: Designation[] = [];
  let current = first;
  let from = certifiedOn;
  const changeYears: number[] = [];
  if (certYear + 1 <= 2024 && rng.chance(0.05)) changeYears.push(rng.int(certYear + 1, 2024));
  if (certYear < 2025 && rng.chance(0.03) && !changeYears.includes(2025)) changeYears.push(2025);
  for (const y of changeYears) {
    const next = other();
    if (next === null) continue;
    out.push({ institutionId: current.id, consortiumId: joint(current), from, to: `${y - 1}-12-31` });
    current = next;
    from = `${y}-01-01`;
  }
  out.push({ institutionId: current.id, consortiumId: joint(current), from, to: null });
  return out;
}

function drawGeneralOutpatient(rng: Rng): GeneralOutpatientYear[] {
  return DEMO_YEARS.map((year) =>
    rng.chance(0.95)
      ? { year, exhaustedOn: addDays(`${year}-01-01`, rng.int(5, 110)), fundPaidFen: rng.int(15_000, 40_000) }
      : { year, exhaustedOn: null, fundPaidFen: rng.int(2_000, 14_000) },
  );
}

function makePatient(seed: number, city: CityCode, d: DistrictInstitutions, streets: readonly string[], k: number, ids: ResidentIdCounters): Patient {
  const districtCode = d.districtCode;
  const id = `P${districtCode}${String(k + 1).padStart(7, '0')}`;
  const rng = rngFor(seed, 'patient', id);

  const r = rng.next();
  const ht = r < 0.8;
  const dm = r >= 0.72;
  const both = ht && dm;
  // type 1 only among diabetes-only patients (20 % of the roster): 7 % of them is ≈ 5 % of all diabetics (28 %)
  const type1 = dm && !both && rng.chance(0.07);
  const other = dm && !type1 && rng.chance(0.01);
  const sex: Sex = rng.chance(dm && !ht ? 0.53 : 0.52) ? 'male' : 'female';
  const age = ageFrom(rng, type1 ? TYPE1_AGES : ht ? HYPERTENSION_AGES : DIABETES_AGES);
  const birthYear = 2023 - age;
  const wantedBirthDay = toDay(`${birthYear}-01-01`) + rng.int(0, 364);
  const { birthDay, sequence } = ids.take(districtCode, wantedBirthDay, sex);
  const birthDate = fromDay(birthDay);

  const diseases = drawDiseases(rng, birthDay, age, both, ht, dm, type1, other);
  const firstDiagnosis = diseases.reduce<string>((a, x) => (x.diagnosedOn < a ? x.diagnosedOn : a), PERIOD_END);
  const lastDiagnosis = diseases.reduce<string>((a, x) => (x.diagnosedOn > a ? x.diagnosedOn : a), '0000-00-00');

  const s = rng.next();
  const scheme = s < 0.97 ? 'resident' : s < 0.995 ? 'employee' : 'uninsured';
  const uninsuredReason =
    scheme === 'uninsured'
      ? rng.weighted<string | null>([
          ['外地参保', 6],
          ['服刑', 1],
          [null, 3],
        ])
      : null;

  let managedFrom: string | null = rng.chance(0.75) ? addDays(firstDiagnosis, rng.int(0, 120)) : null;
  if (managedFrom !== null && managedFrom > PERIOD_END) managedFrom = null;
  const managed = managedFrom !== null;

  const streetCode = streets[rng.int(0, streets.length - 1)]!;
  const home = homeCentre(d, streetCode);
  const preferred = rng.chance(0.85) ? home : rng.pick(d.usableCentres);

  let certification: DemoCertification | null = null;
  let designations: Designation[] = [];
  if (scheme === 'resident' && rng.chance(managed ? 0.85 : 0.65)) {
    const certifiedOn = certificationDate(rng, city, lastDiagnosis, managed);
    if (certifiedOn <= PERIOD_END) {
      certification = {
        certifiedOn,
        diseases: diseases.map((x) => x.disease),
        revokedOn: null,
        certificateNo: `${city === '520100' ? 'GY' : 'WX'}${districtCode}${certifiedOn.slice(0, 4)}${String(k + 1).padStart(7, '0')}`,
        certifyingInstitutionId: preferred.id,
      };
      if (city === '320200') designations = drawDesignations(rng, d, preferred, certifiedOn);
    }
  }

  let chronicProgrammeDiseases: Disease[] = [];
  if (rng.chance(0.08)) {
    chronicProgrammeDiseases = diseases.length === 1 || rng.chance(0.4) ? diseases.map((x) => x.disease) : [rng.pick(diseases).disease];
  }

  return {
    id,
    cityCode: city,
    districtCode,
    streetCode,
    residentId: makeResidentId(districtCode, birthDate, sequence, sex),
    name: personName(rng, sex, birthYear),
    sex,
    birthDate,
    phone: mobileNumber(rng),
    scheme,
    uninsuredReason,
    diseases,
    certification,
    chronicProgrammeDiseases,
    designations,
    findings: drawFindings(rng, diseases),
    managed,
    managedFrom,
    homeInstitutionId: designations[0]?.institutionId ?? preferred.id,
    longTermResidenceElsewhere: rng.chance(0.01),
    generalOutpatient: drawGeneralOutpatient(rng),
  };
}

/** How many patients each district of the city gets: the city's count apportioned by residents aged ≥ 35. */
export function patientCounts(city: CityCode, total: number): { districtCode: string; count: number }[] {
  const districts = districtsOfCity(city);
  const counts = apportion(
    total,
    districts.map((d) => d.residentsAged35Plus),
  );
  return districts.map((d, i) => ({ districtCode: d.spec.code, count: counts[i]! }));
}

/** Streams a city's patients, district by district, in id order. Memory stays bounded by the ID counters. */
export function* generateCityPatients(seed: number, city: CityCode, total: number, institutions: CityInstitutions): Generator<Patient> {
  const ids = new ResidentIdCounters();
  const infos = districtsOfCity(city);
  for (const { districtCode, count } of patientCounts(city, total)) {
    const d = institutions.districts.get(districtCode)!;
    const streets = infos.find((x) => x.spec.code === districtCode)!.streets.map((s) => s.code);
    for (let k = 0; k < count; k++) yield makePatient(seed, city, d, streets, k, ids);
  }
}
