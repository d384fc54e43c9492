/**
 * Materialising a district's year of rollups from the raw tables, and closing periods.
 *
 * The rollups of a (district, year) exist once it is materialised: by the bulk demo load, by
 * `stats:rebuild`, or on the first statistics read of that year (a one-off cost proportional to
 * the district's patients; schedule `stats:rebuild --year` at the turn of the year so no reader
 * pays it). From then on every write keeps them in step (rollup.tracker.ts). A build holds the
 * district's lock alone, so no write of the district is half-counted while it reads.
 *
 * Closed periods are immutable: closing a quarter (in order, after every earlier materialised
 * quarter of the district) records it in stat_closed_periods; from then on the write path refuses
 * writes dated in it, routes a registration's past dates to open periods only, a trigger refuses
 * any change to its rollup rows, and a rebuild of its year is refused.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { conflict } from '../../errors';
import { addPatientYear, Rollup, TABLE_NAMES } from './facts';
import { applyRollup, clearFactsCache, districtLockKey, loadFactsPage } from './rollup.store';

const PAGE = 1000;

/** Builds the rollups of one district and year from the raw tables, in the caller's transaction. */
async function build(em: EntityManager, districtCode: string, year: number): Promise<number> {
  const rollup = new Rollup();
  let after = '';
  let patients = 0;
  for (;;) {
    const page = await loadFactsPage(em, districtCode, after, PAGE, [year]);
    for (const p of page) addPatientYear(rollup, p.facts, year);
    patients += page.length;
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  await applyRollup(em, rollup);
  return patients;
}

async function deleteYear(em: EntityManager, districtCode: string, year: number): Promise<void> {
  for (const table of TABLE_NAMES) {
    const byMonth = table === 'stat_claims_by_street' || table === 'stat_claims_by_institution';
    await exec(
      em,
      `delete from ${table} where district_code = ? and ${byMonth ? `month between ?::date and ?::date` : 'year = ? and year = ?'}`,
      byMonth ? [districtCode, `${year}-01-01`, `${year}-12-31`] : [districtCode, year, year],
    );
  }
}

/**
 * Makes sure the district's year is materialised; with `rebuild`, throws its rows away and builds
 * them again (refused when one of its quarters is closed). Returns whether it built.
 */
export async function materialise(em: EntityManager, districtCode: string, year: number, rebuild = false): Promise<boolean> {
  return em.fork().transactional(async (tem) => {
    await exec(tem, `select pg_advisory_xact_lock(hashtext(?)::bigint)`, [districtLockKey(districtCode)]);
    const [done] = await exec(tem, `select 1 from stat_materialised where district_code = ? and year = ?`, [districtCode, year]);
    if (done !== undefined && !rebuild) return false;
    if (done !== undefined) {
      const closed = await exec(tem, `select quarter from stat_closed_periods where district_code = ? and year = ?`, [districtCode, year]);
      if (closed.length > 0)
        throw conflict(`${districtCode} ${year} has closed quarters: its rollups are immutable`, `${districtCode} ${year}年有已关账季度，不可重建`);
      await deleteYear(tem, districtCode, year);
    }
    // The district's stored patient records go: a build reads the raw tables afresh, and a write that bypassed the API is caught up here
    await clearFactsCache(tem, districtCode);
    await build(tem, districtCode, year);
    await exec(
      tem,
      `insert into stat_materialised (district_code, year) values (?, ?) on conflict (district_code, year) do update set built_at = excluded.built_at`,
      [districtCode, year],
    );
    return true;
  });
}

/**
 * (district, year) pairs known to be materialised, per database: a pair never stops being
 * materialised (a rebuild replaces its rows in one transaction), so a read asks only once.
 */
const known = new Map<string, Set<string>>();

/** Materialises whatever of these districts' year is not yet (the first read of a year pays for it). */
export async function ensureMaterialised(em: EntityManager, districts: readonly string[], year: number): Promise<void> {
  const url = String(em.config.get('clientUrl'));
  const seen = known.get(url) ?? new Set<string>();
  known.set(url, seen);
  const missing = districts.filter((d) => !seen.has(`${d}|${year}`));
  if (missing.length === 0) return;
  const rows = await exec<{ district_code: string }>(em, `select district_code from stat_materialised where year = ? and district_code = any(?)`, [
    year,
    missing,
  ]);
  const have = new Set(rows.map((r) => r.district_code));
  for (const d of missing) {
    if (!have.has(d)) await materialise(em, d, year);
    seen.add(`${d}|${year}`);
  }
}

/** Closes a quarter of a district: its figures become immutable. Quarters close in order. */
export async function closePeriod(em: EntityManager, districtCode: string, year: number, quarter: number, closedBy: string): Promise<void> {
  await materialise(em, districtCode, year);
  await em.fork().transactional(async (tem) => {
    await exec(tem, `select pg_advisory_xact_lock(hashtext(?)::bigint)`, [districtLockKey(districtCode)]);
    const open = await exec<{ year: number; quarter: number }>(
      tem,
      `select m.year, q.quarter from stat_materialised m cross join generate_series(1, 4) as q(quarter)
        where m.district_code = ? and (m.year, q.quarter) < (?, ?)
          and not exists (select 1 from stat_closed_periods c where c.district_code = m.district_code and c.year = m.year and c.quarter = q.quarter)
        order by 1, 2 limit 1`,
      [districtCode, year, quarter],
    );
    if (open[0] !== undefined)
      throw conflict(`Close ${open[0].year} Q${open[0].quarter} first: periods close in order`, `须先关账${open[0].year}年第${open[0].quarter}季度`);
    await exec(tem, `insert into stat_closed_periods (district_code, year, quarter, closed_by) values (?, ?, ?, ?) on conflict do nothing`, [
      districtCode,
      year,
      quarter,
      closedBy,
    ]);
  });
}
