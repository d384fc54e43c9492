/**
 * @liangbing/demo — a deterministic demo programme for Wuxi (320200) and Guiyang (520100): regions
 * with population figures, institutions, patients, follow-ups and 两病 claims, as plain records.
 * Pure: no I/O, no clock, no Math.random; the same options give byte-identical output.
 *
 * Use generateDemo for a small dataset in memory, or generateRecords to stream patients one by one
 * with their follow-ups and claims (a million patients in bounded memory; insert in batches).
 */
import { generateClaims } from './claims';
import { generateFollowUps } from './followups';
import { buildPopulations, buildRegions } from './regions';
import { generateCityPatients, PATIENTS_PER_CITY_AT_SCALE_1 } from './patients';
import type { DemoClaim, DemoData, DemoOptions, DemoReference, FollowUp, Patient, PatientRecords, ResolvedOptions } from './types';
import { CITY_CODES } from './types';
import { buildWorlds } from './world';

export * from './types';
export { generateClaims } from './claims';
export { generateFollowUps, bpControlled, ageOn } from './followups';
export { buildWorlds, designationOn, type CityWorld } from './world';
export { PATIENTS_PER_CITY_AT_SCALE_1, patientCounts } from './patients';
export { HYPERTENSION_PREVALENCE_BP, HYPERTENSION_SOURCE, DIABETES_PREVALENCE_BP, DIABETES_SOURCE } from './regions';
export { dosingOf, INSULIN_PEN_IU, type Dosing } from './prices';

export const DEFAULT_SEED = 20240101;

export function resolveOptions(options: DemoOptions = {}): ResolvedOptions {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  const wanted = options.cities ?? CITY_CODES;
  for (const c of wanted) if (!CITY_CODES.includes(c)) throw new Error(`unknown city ${String(c)}`);
  // canonical order, so that ['520100', '320200'] and ['320200', '520100'] give the same output
  return { seed: seed >>> 0, scale, cities: CITY_CODES.filter((c) => wanted.includes(c)) };
}

export function patientsPerCity(scale: number): number {
  return Math.round(PATIENTS_PER_CITY_AT_SCALE_1 * scale);
}

/** Regions, population figures, institutions and consortia of the chosen cities. */
export function generateReference(options: DemoOptions = {}): DemoReference {
  const resolved = resolveOptions(options);
  const worlds = buildWorlds(resolved);
  return {
    options: resolved,
    regions: buildRegions(resolved.cities),
    populations: buildPopulations(resolved.cities, patientsPerCity(resolved.scale)),
    institutions: resolved.cities.flatMap((c) => worlds.get(c)!.institutions.all),
    consortia: resolved.cities.flatMap((c) => worlds.get(c)!.institutions.consortia),
  };
}

/** Streams the patients of the chosen cities, city by city and district by district. */
export function* generatePatients(options: DemoOptions = {}): Generator<Patient> {
  const resolved = resolveOptions(options);
  const worlds = buildWorlds(resolved);
  for (const city of resolved.cities) {
    yield* generateCityPatients(resolved.seed, city, patientsPerCity(resolved.scale), worlds.get(city)!.institutions);
  }
}

/** Streams each patient with their follow-ups and claims (claims in date order). */
export function* generateRecords(options: DemoOptions = {}): Generator<PatientRecords> {
  const resolved = resolveOptions(options);
  const worlds = buildWorlds(resolved);
  for (const city of resolved.cities) {
    const world = worlds.get(city)!;
    for (const patient of generateCityPatients(resolved.seed, city, patientsPerCity(resolved.scale), world.institutions)) {
      yield { patient, followUps: generateFollowUps(patient, world), claims: generateClaims(patient, world) };
    }
  }
}

/** Everything in memory: for the default scale and tests. */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const reference = generateReference(options);
  const patients: Patient[] = [];
  const followUps: FollowUp[] = [];
  const claims: DemoClaim[] = [];
  for (const r of generateRecords(reference.options)) {
    patients.push(r.patient);
    followUps.push(...r.followUps);
    claims.push(...r.claims);
  }
  return { ...reference, patients, followUps, claims };
}
export { DEMO_PAYMENT_STANDARD_WUXI } from './payment-standard';
