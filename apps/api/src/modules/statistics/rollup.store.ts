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
