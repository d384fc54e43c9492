/**
 * Proves the rollups equal the raw tables: every counter, for every group (district, street,
 * institution), period (each quarter and the year), disease filter and materialised year.
 * Differences in closed periods are reported apart: a closed period keeps its published figures
 * while a late registration may change what the raw tables say about it. Every patient's stored
 * records (stat_patient_facts_cache) are compared with the raw tables too.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { DISEASE_FILTERS, emptyCounts, quarterEnd, quarterStart, type Counts, type DiseaseFilter, type GroupBy, type Window } from './counts';
import { staleFactsCache } from './rollup.store';
import { countsByGroup } from './statistics.repository';
import { rawCountsByGroup } from './statistics.raw';

export type Mismatch = CountMismatch | StaleRecords;

export interface CountMismatch {
  kind: 'count';
  year: number;
  quarter: number;
  disease: DiseaseFilter;
  groupBy: GroupBy;
  key: string;
  field: keyof Counts;
  rollup: number;
  raw: number;
  closed: boolean;
}

/** A patient's stored records (stat_patient_facts_cache) that differ from the raw tables: the write path would diff against them. */
export interface StaleRecords {
  kind: 'stored_records';
  districtCode: string;
  patientId: string;
  closed: false;
}

export interface CheckOptions {
  districts?: readonly string[];
  years?: readonly number[];
  /** 0 = the whole year */
  quarters?: readonly number[];
  diseases?: readonly DiseaseFilter[];
  groupings?: readonly GroupBy[];
  log?: (m: string) => void;
}

export interface CheckResult {
  comparisons: number;
  values: number;
  mismatches: Mismatch[];
  rawMs: number;
  rollupMs: number;
}

export function windowOf(year: number, quarter: number): Window {
  return quarter === 0
    ? { yearStart: `${year}-01-01`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` }
    : { yearStart: `${year}-01-01`, periodStart: quarterStart(year, quarter), periodEnd: quarterEnd(year, quarter) };
}

export async function checkRollups(em: EntityManager, o: CheckOptions = {}): Promise<CheckResult> {
  const log = o.log ?? (() => {});
  const rows = await exec<{ district_code: string; year: number }>(
    em,
    `select district_code, year from stat_materialised where (?::text[] is null or district_code = any(?)) and (?::int[] is null or year = any(?)) order by year, district_code`,
    [o.districts ?? null, o.districts ?? null, o.years ?? null, o.years ?? null],
  );
  const closed = new Set(
    (await exec<{ k: string }>(em, `select district_code || '/' || year || '/' || quarter as k from stat_closed_periods`)).map((r) => r.k),
  );
  const byYear = new Map<number, string[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.district_code]);
  const result: CheckResult = { comparisons: 0, values: 0, mismatches: [], rawMs: 0, rollupMs: 0 };
  for (const [year, districts] of byYear) {
    for (const quarter of o.quarters ?? [1, 2, 3, 4, 0]) {
      for (const disease of o.diseases ?? DISEASE_FILTERS) {
        for (const groupBy of o.groupings ?? (['district', 'street', 'institution'] as const)) {
          const w = windowOf(year, quarter);
          let t = performance.now();
          const rolled = await countsByGroup(em, districts, w, disease, groupBy);
          result.rollupMs += performance.now() - t;
          t = performance.now();
          const raw = await rawCountsByGroup(em, districts, w, disease, groupBy);
          result.rawMs += performance.now() - t;
          result.comparisons++;
          const before = result.mismatches.length;
          for (const key of new Set([...rolled.keys(), ...raw.keys()])) {
            const a = rolled.get(key) ?? emptyCounts();
            const b = raw.get(key) ?? emptyCounts();
            for (const field of Object.keys(a) as (keyof Counts)[]) {
              result.values++;
              if (a[field] === b[field]) continue;
              const district = groupBy === 'district' ? key : null;
              const isClosed = [...closed].some(
                (k) => k.endsWith(`/${year}/${quarter === 0 ? 4 : quarter}`) && (district === null || k.startsWith(`${district}/`)),
              );
              result.mismatches.push({ kind: 'count', year, quarter, disease, groupBy, key, field, rollup: a[field], raw: b[field], closed: isClosed });
            }
          }
          log(
            `${year} ${quarter === 0 ? 'year' : `Q${quarter}`} ${disease.padEnd(12)} by ${groupBy.padEnd(11)} ${raw.size} groups${result.mismatches.length > before ? `  ${result.mismatches.length - before} differences` : ''}`,
          );
        }
      }
    }
  }
  // Every patient's stored records equal what the raw tables say now (Migration20261208600000_patient_facts_cache).
  for (const r of await staleFactsCache(em, o.districts ?? null)) result.mismatches.push({ kind: 'stored_records', ...r, closed: false });
  log(`stored patient records: ${result.mismatches.filter((m) => m.kind === 'stored_records').length} differ from the raw tables`);
  return result;
}
