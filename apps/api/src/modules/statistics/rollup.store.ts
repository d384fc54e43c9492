/**
 * Reading patients' records for the rollups and writing rollup rows, through the SQL functions of
 * Migration20261123120000_rollup_functions. Rows are added to (upsert, counter + delta), never
 * overwritten, so that concurrent writers compose; stat_apply takes the rows in key order and the
 * tables in a fixed order, so that two writers lock shared rows in the same order (no deadlock).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import type { FactsClaim, FactsFollowUp, PatientFacts, Rollup, TableName } from './facts';
import { periodOfRow, TABLE_NAMES } from './facts';
import { refusedOutright } from './refused';
import type { SchemeChange } from '../patients/patient-life.dates';

const CHUNK = 5000;

/** The rollup's non-zero rows per table, as stat_apply takes them, without the rows of periods `skip` says are closed. */
export function rollupRows(
  rollup: Rollup,
  skip: (districtCode: string, year: number, quarter: number) => boolean = () => false,
): Record<TableName, (string | number)[][]> {
  const rows: Record<TableName, (string | number)[][]> = {
    stat_patient_counts: [],
    stat_beneficiaries: [],
    stat_claims_by_street: [],
    stat_claims_by_institution: [],
  };
  for (const table of TABLE_NAMES) {
    for (const [key, values] of rollup.entries(table)) {
      const p = periodOfRow(table, key);
      if (!skip(key[0]!, p.year, p.quarter)) rows[table].push([...key, ...values]);
    }
  }
  return rows;
}

/**
 * Adds the rollup's non-zero rows to the tables (stat_apply: every table in one statement, rows
 * in key order), skipping rows of the periods `skip` says are closed.
 */
export async function applyRollup(
  em: EntityManager,
  rollup: Rollup,
  skip: (districtCode: string, year: number, quarter: number) => boolean = () => false,
): Promise<number> {
  const rows = rollupRows(rollup, skip);
  const total = TABLE_NAMES.reduce((n, t) => n + rows[t].length, 0);
  if (total === 0) return 0;
  const chunks = Math.ceil(Math.max(...TABLE_NAMES.map((t) => rows[t].length)) / CHUNK);
  for (let c = 0; c < chunks; c++) {
    const part = Object.fromEntries(TABLE_NAMES.map((t) => [t, rows[t].slice(c * CHUNK, (c + 1) * CHUNK)]));
    await exec(em, `select stat_apply(?::jsonb)`, [JSON.stringify(part)]);
  }
  return total;
}

/** What stat_patient_facts returns (see its migration): arrays, to keep the JSON small. */
interface FactsJson {
  id: string;
  birth_date: string;
  scheme: string;
  managed: boolean;
  managed_since: string | null;
  street_code: string | null;
  managing_institution_id: string | null;
  diseases: [string, string][];
  certs: [string, string | null][];
  follow_ups: [string, boolean, number | null, number | null, number | null][];
  claims: [string, string, string, string[], boolean, number, number, number, number | null, string][];
  /** Migration20261206030000_patient_lives */
  left_on?: string | null;
  schemes?: [string, string, string][];
  /** Migration20261208100000_refused_claims_out_of_figures: [claim id, hit codes] of the claims that hit a rule */
  hits?: [string, string[]][];
  /** Migration20261208500000_family_doctor_signing */
  signings?: [string, string | null][];
}

export function toFacts(districtCode: string, r: FactsJson): PatientFacts {
  const refused = new Set((r.hits ?? []).filter(([, codes]) => refusedOutright(codes)).map(([id]) => id));
  return {
    districtCode,
    streetCode: r.street_code,
    managingInstitutionId: r.managing_institution_id,
    birthDate: r.birth_date,
    scheme: r.scheme,
    managed: r.managed,
    managedSince: r.managed_since,
    diseases: r.diseases.map(([disease, diagnosedOn]) => ({ disease, diagnosedOn })),
    leftOn: r.left_on ?? null,
    schemeChanges: r.schemes ?? [],
    signings: (r.signings ?? []).map(([validFrom, validTo]) => ({ validFrom, validTo })),
    certifications: r.certs.map(([certifiedOn, revokedOn]) => ({ certifiedOn, revokedOn })),
    followUps: r.follow_ups.map(([date, faceToFace, systolic, diastolic, glucoseTenths]): FactsFollowUp => ({
      date,
      faceToFace,
      systolic,
      diastolic,
      glucoseTenths,
    })),
    claims: r.claims.map(([serviceDate, institutionId, category, diseases, rational, amount, compliant, fund, fill, id]): FactsClaim => ({
      id,
      serviceDate,
      institutionId,
      category,
      diseases,
      rational,
      amountFen: Number(amount),
      compliantFen: Number(compliant),
      fundFen: Number(fund),
      fillDays: fill === null ? null : Number(fill),
      refused: refused.has(id),
    })),
  };
}

export const yearsSpan = (years: readonly number[]): [string, string] => [`${Math.min(...years)}-01-01`, `${Math.max(...years)}-12-31`];

/** One patient's records for the years (follow-ups and claims of those years only), or null if there is no such patient. */
export async function loadPatientFacts(em: EntityManager, districtCode: string, patientId: string, years: readonly number[]): Promise<PatientFacts | null> {
  const [from, to] = yearsSpan(years);
  const [row] = await exec<{ f: FactsJson | null }>(em, `select stat_patient_facts(?, ?, ?::date, ?::date) as f`, [districtCode, patientId, from, to]);
  return row?.f ? toFacts(districtCode, row.f) : null;
}

/**
 * A page of a district's patients in id order, after `afterId`. The page's ids first, then their
 * facts from a list of ids: on Citus a function that reads distributed tables may not be called
 * from inside a query on a distributed table (the query runs on a shard of a worker, where the
 * function's own queries would be distributed again); called from a list it runs on the
 * coordinator, each of its statements a single-shard router query. Plain PostgreSQL runs both alike.
 */
export async function loadFactsPage(
  em: EntityManager,
  districtCode: string,
  afterId: string,
  limit: number,
  years: readonly number[],
): Promise<{ id: string; facts: PatientFacts }[]> {
  const [from, to] = yearsSpan(years);
  const ids = await exec<{ id: string }>(em, `select p.id from patients p where p.district_code = ? and p.id > ? order by p.id limit ?`, [
    districtCode,
    afterId,
    limit,
  ]);
  if (ids.length === 0) return [];
  const rows = await exec<{ f: FactsJson }>(
    em,
    `select stat_patient_facts(?, x.id, ?::date, ?::date) as f from unnest(?::text[]) with ordinality as x(id, n) order by x.n`,
    [districtCode, from, to, ids.map((r) => r.id)],
  );
  return rows.map((r) => ({ id: r.f.id, facts: toFacts(districtCode, r.f) }));
}

/** The lock key of a district's rollups: writers share it, a build holds it alone. */
export const districtLockKey = (districtCode: string) => `liangbing-stat:${districtCode}`;

/**
 * A patient's records as stat_patient_facts_cache keeps them (Migration20261208600000_patient_facts_cache):
 * arrays, to keep the stored JSON small; the district is the row's.
 */
export interface CachedFactsJson {
  s: string | null;
  m: string | null;
  b: string;
  sc: string;
  mg: boolean;
  ms: string | null;
  d: [string, string][];
  c: [string, string | null][];
  f: [string, boolean, number | null, number | null, number | null][];
  /** [service date, institution, category, diseases, rational, amount, compliant, fund, fill days, id, refused] */
  k: [string, string, string, readonly string[], boolean, number, number, number, number | null, string | null, boolean][];
  l: string | null;
  x: SchemeChange[];
  g: [string, string | null][];
}

export function encodeFacts(p: PatientFacts): CachedFactsJson {
  return {
    s: p.streetCode,
    m: p.managingInstitutionId,
    b: p.birthDate,
    sc: p.scheme,
    mg: p.managed,
    ms: p.managedSince,
    d: p.diseases.map((d) => [d.disease, d.diagnosedOn]),
    c: p.certifications.map((c) => [c.certifiedOn, c.revokedOn]),
    f: p.followUps.map((f) => [f.date, f.faceToFace, f.systolic, f.diastolic, f.glucoseTenths]),
    k: p.claims.map((c) => [
      c.serviceDate,
      c.institutionId,
      c.category,
      c.diseases,
      c.rational,
      c.amountFen,
      c.compliantFen,
      c.fundFen,
      c.fillDays,
      c.id ?? null,
      c.refused,
    ]),
    l: p.leftOn ?? null,
    x: [...(p.schemeChanges ?? [])],
    g: (p.signings ?? []).map((s) => [s.validFrom, s.validTo]),
  };
}

export function decodeFacts(districtCode: string, r: CachedFactsJson): PatientFacts {
  return {
    districtCode,
    streetCode: r.s,
    managingInstitutionId: r.m,
    birthDate: r.b,
    scheme: r.sc,
    managed: r.mg,
    managedSince: r.ms,
    diseases: r.d.map(([disease, diagnosedOn]) => ({ disease, diagnosedOn })),
    leftOn: r.l,
    schemeChanges: r.x,
    signings: r.g.map(([validFrom, validTo]) => ({ validFrom, validTo })),
    certifications: r.c.map(([certifiedOn, revokedOn]) => ({ certifiedOn, revokedOn })),
    followUps: r.f.map(([date, faceToFace, systolic, diastolic, glucoseTenths]) => ({ date, faceToFace, systolic, diastolic, glucoseTenths })),
    claims: r.k.map(([serviceDate, institutionId, category, diseases, rational, amountFen, compliantFen, fundFen, fillDays, id, refused]) => ({
      ...(id === null ? {} : { id }),
      serviceDate,
      institutionId,
      category,
      diseases,
      rational,
      amountFen,
      compliantFen,
      fundFen,
      fillDays,
      refused,
    })),
  };
}

/** The patient's records before a write: the stored copy when stat_track_begin found one, else decoded from stat_patient_facts. */
export function beginFacts(districtCode: string, r: { cached?: unknown; facts?: unknown }): PatientFacts | null {
  if (r.cached != null) return decodeFacts(districtCode, r.cached as CachedFactsJson);
  return r.facts != null ? toFacts(districtCode, r.facts as FactsJson) : null;
}

/** A patient's records after a write, for the years the write tracked; null: the patient has none (the stored copy goes). */
export interface FactsAfter {
  districtCode: string;
  patientId: string;
  years: readonly number[];
  facts: PatientFacts | null;
}

/**
 * Stores each patient's records after the write (stat_patient_facts_cache), in the write's
 * transaction and under the patient's lock that stat_track_begin took: one statement for all.
 */
export async function putFactsCache(em: EntityManager, rows: readonly FactsAfter[]): Promise<void> {
  if (rows.length === 0) return;
  const keep = rows.filter((r) => r.facts !== null && r.years.length > 0);
  const drop = rows.filter((r) => r.facts === null || r.years.length === 0);
  const sorted = [...keep].sort((a, b) => (`${a.districtCode}|${a.patientId}` < `${b.districtCode}|${b.patientId}` ? -1 : 1));
  for (const r of drop) await exec(em, `delete from stat_patient_facts_cache where district_code = ? and patient_id = ?`, [r.districtCode, r.patientId]);
  if (sorted.length === 0) return;
  await exec(
    em,
    `insert into stat_patient_facts_cache (district_code, patient_id, from_date, to_date, facts)
     select k.d, k.p, k.f, k.t, k.x from jsonb_to_recordset(?::jsonb) k(d text, p text, f date, t date, x jsonb, n int) order by k.n
     on conflict (district_code, patient_id) do update set from_date = excluded.from_date, to_date = excluded.to_date, facts = excluded.facts`,
    [
      JSON.stringify(
        sorted.map((r, n) => {
          const [f, t] = yearsSpan(r.years);
          return { d: r.districtCode, p: r.patientId, f, t, x: encodeFacts(r.facts!), n };
        }),
      ),
    ],
  );
}

/** Every stored copy of a district's patients' records goes (a build of one of its years reads the raw tables afresh). */
export async function clearFactsCache(em: EntityManager, districtCode: string): Promise<void> {
  await exec(em, `delete from stat_patient_facts_cache where district_code = ?`, [districtCode]);
}

/** The records in an order that does not depend on how they were gathered (the stored copy appends a write's records last). */
export function canonicalFacts(p: PatientFacts): PatientFacts {
  const byJson = <T>(xs: readonly T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
  return {
    ...p,
    diseases: byJson(p.diseases),
    certifications: byJson(p.certifications),
    schemeChanges: byJson(p.schemeChanges ?? []),
    signings: byJson(p.signings ?? []),
    leftOn: p.leftOn ?? null,
    // follow-ups of one day keep their order: the first of a day with a reading is the one `latest` takes
    followUps: [...p.followUps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    claims: [...p.claims].sort((a, b) => (a.serviceDate !== b.serviceDate ? (a.serviceDate < b.serviceDate ? -1 : 1) : (a.id ?? '') < (b.id ?? '') ? -1 : 1)),
  };
}

/**
 * The stored copies of these districts' patients' records that differ from stat_patient_facts
 * read now (stats:check): the cache must never hold anything else.
 */
export async function staleFactsCache(em: EntityManager, districts: readonly string[] | null): Promise<{ districtCode: string; patientId: string }[]> {
  const stale: { districtCode: string; patientId: string }[] = [];
  let after: [string, string] = ['', ''];
  for (;;) {
    const page = await exec<{ d: string; p: string; f: string; t: string; x: CachedFactsJson }>(
      em,
      `select district_code as d, patient_id as p, to_char(from_date, 'YYYY-MM-DD') as f, to_char(to_date, 'YYYY-MM-DD') as t, facts as x
         from stat_patient_facts_cache where (?::text[] is null or district_code = any(?)) and (district_code, patient_id) > (?, ?)
        order by district_code, patient_id limit 500`,
      [districts, districts, after[0], after[1]],
    );
    for (const r of page) {
      const [row] = await exec<{ f: FactsJson | null }>(em, `select stat_patient_facts(?, ?, ?::date, ?::date) as f`, [r.d, r.p, r.f, r.t]);
      const now = row?.f ? JSON.stringify(canonicalFacts(toFacts(r.d, row.f))) : null;
      if (now !== JSON.stringify(canonicalFacts(decodeFacts(r.d, r.x)))) stale.push({ districtCode: r.d, patientId: r.p });
    }
    if (page.length < 500) break;
    after = [page.at(-1)!.d, page.at(-1)!.p];
  }
  return stale;
}
