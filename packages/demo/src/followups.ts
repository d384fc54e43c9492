/**
 * Follow-ups (随访) of managed patients under the basic public-health service: about four
 * face-to-face visits a year (the 3rd-edition specification asks for at least four), spread over
 * the year, sometimes fewer, sometimes an extra telephone follow-up between visits.
 *
 * Each patient has a latent "controlled" state per disease; a visit's reading agrees with it most of
 * the time. The shares are tuned so that, on the INDICATORS.md definitions, standardised
 * management lands near 65 %, BP control near 55 % and glucose control near 50 % — the ranges the
 * brief asks for; they are not survey figures.
 */
import { fromDay, toDay } from '@liangbing/policy';
import { rngFor, type Rng } from './prng';
import type { FollowUp, Institution, Patient } from './types';
import { DEMO_YEARS } from './types';
import { designationOn, type CityWorld } from './world';

const BP_CONTROLLED_SHARE = 0.57;
const GLUCOSE_CONTROLLED_SHARE = 0.57;
/** how often a visit's reading agrees with the patient's latent state */
const CONSISTENCY = 0.9;
/** face-to-face visits in a full year: [count, weight] */
const VISITS: readonly (readonly [number, number])[] = [
  [1, 4],
  [2, 8],
  [3, 18],
  [4, 48],
  [5, 14],
  [6, 8],
];
/** a diabetes visit without a fasting glucose (does not count toward standardised management) */
const GLUCOSE_MISSING = 0.04;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** INDICATORS.md: SBP < 140 and DBP < 90; aged ≥ 65: SBP < 150 and DBP < 90. */
export function bpControlled(systolic: number, diastolic: number, ageYears: number): boolean {
  return systolic < (ageYears >= 65 ? 150 : 140) && diastolic < 90;
}

export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function bpReading(rng: Rng, controlled: boolean, age: number): [number, number] {
  const limit = age >= 65 ? 150 : 140;
  if (controlled) return [Math.round(clamp(rng.normal(128, 6), 100, 139)), Math.round(clamp(rng.normal(78, 5), 55, 89))];
  return [Math.round(Math.max(limit, rng.normal(limit + 12, 7))), Math.round(clamp(rng.normal(88, 6), 60, 110))];
}

function glucoseReading(rng: Rng, controlled: boolean): number {
  const v = controlled ? clamp(rng.normal(6.1, 0.35), 4.4, 6.9) : clamp(rng.normal(8.6, 0.9), 7.0, 14);
  return Math.round(v * 10) / 10;
}

function placeOf(rng: Rng, patient: Patient, world: CityWorld, date: string, home: Institution): Institution {
  if (world.city === '320200') {
    const d = designationOn(patient, date);
    return d === null ? home : world.institutions.byId.get(d.institutionId)!;
  }
  if (rng.chance(0.2)) {
    const village = world.institutions.districts.get(patient.districtCode)!.villageLevelByStreet.get(patient.streetCode);
    if (village !== undefined && village.length > 0) return rng.pick(village);
  }
  return home;
}

export function generateFollowUps(patient: Patient, world: CityWorld): FollowUp[] {
  if (!patient.managed || patient.managedFrom === null) return [];
  const rng = rngFor(world.seed, 'followups', patient.id);
  const ht = patient.diseases.some((d) => d.disease === 'hypertension');
  const dm = patient.diseases.some((d) => d.disease === 'diabetes');
  const bpOk = rng.chance(BP_CONTROLLED_SHARE);
  const glucoseOk = rng.chance(GLUCOSE_CONTROLLED_SHARE);
  const home = world.institutions.byId.get(patient.homeInstitutionId)!;
  const out: FollowUp[] = [];
  const push = (date: string, faceToFace: boolean) => {
    const age = ageOn(patient.birthDate, date);
    const bp = faceToFace && ht ? bpReading(rng, rng.chance(CONSISTENCY) === bpOk, age) : null;
    const glucose = faceToFace && dm && !rng.chance(GLUCOSE_MISSING) ? glucoseReading(rng, rng.chance(CONSISTENCY) === glucoseOk) : null;
    out.push({
      id: `${patient.id}-F${String(out.length + 1).padStart(2, '0')}`,
      patientId: patient.id,
      cityCode: patient.cityCode,
      districtCode: patient.districtCode,
      date,
      institutionId: placeOf(rng, patient, world, date, home).id,
      faceToFace,
      systolic: bp?.[0] ?? null,
      diastolic: bp?.[1] ?? null,
      fastingGlucose: glucose,
    });
  };

  for (const year of DEMO_YEARS) {
    const first = Math.max(toDay(`${year}-01-01`), toDay(patient.managedFrom));
    const last = toDay(`${year}-12-31`);
    if (first > last) continue;
    const fraction = (last - first + 1) / (last - toDay(`${year}-01-01`) + 1);
    const n = Math.max(1, Math.round(rng.weighted(VISITS) * fraction));
    const segment = Math.floor((last - first + 1) / n);
    const visits: number[] = [];
    for (let i = 0; i < n; i++) visits.push(first + segment * i + rng.int(0, Math.max(0, segment - 1)));
    // a telephone follow-up falls between two visits, never last, so "latest follow-up" is a visit
    const phone = n >= 2 && rng.chance(0.25) ? rng.int(visits[0]! + 1, visits[n - 1]! - 1) : null;
    const events: (readonly [number, boolean])[] = visits.map((d) => [d, true] as const);
    if (phone !== null && phone < visits[n - 1]!) events.push([phone, false]);
    events.sort((a, b) => a[0] - b[0] || (a[1] === b[1] ? 0 : a[1] ? -1 : 1));
    for (const [d, f2f] of events) push(fromDay(d), f2f);
  }
  return out;
}
