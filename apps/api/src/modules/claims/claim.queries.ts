/** Claim lists with typed filters and keyset pagination, always inside the caller's districts. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@liangbing/policy';
import { exec, onCitus } from '../../db/sql';
import { badInput } from '../../errors';
import { CLAIM_COLUMNS, CLAIM_COLUMNS_LEAN, toClaim, type StoredClaim } from './claim.repository';
import type { Decision } from '@liangbing/policy';

export const MAX_PAGE = 100;

export interface ClaimListFilter {
  districts: readonly string[];
  institutionId?: string | null;
  patientId?: string | null;
  from?: string | null;
  to?: string | null;
  hitCode?: string | null;
  status?: string | null;
}

/** A claim of a list: its stored decision is read only when the list was asked to (it is the row's largest part). */
export type ClaimListItem = Omit<StoredClaim, 'decision'> & { decision: Decision | null };

export interface ListOptions {
  /** count the filter's claims (a second statement); default true */
  count?: boolean;
  /** read each claim's stored decision; default true */
  decision?: boolean;
}

export function encodeCursor(c: Pick<StoredClaim, 'serviceDate' | 'id'>): string {
  return Buffer.from(`${c.serviceDate}|${c.id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [date, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (date === undefined || id === undefined || !isIsoDate(date) || !/^[0-9a-f-]{36}$/.test(id))
    throw badInput('after', 'is not a cursor from this API', '游标无效');
  return [date, id];
}

export async function listClaims(
  em: EntityManager,
  f: ClaimListFilter,
  first: number,
  after: string | null,
  opts: ListOptions = {},
): Promise<{ nodes: ClaimListItem[]; totalCount: number | null; hasNextPage: boolean }> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', `must be 1–${MAX_PAGE}`, `须为1–${MAX_PAGE}`);
  if (f.from != null && !isIsoDate(f.from)) throw badInput('filter.from', 'must be YYYY-MM-DD', '须为有效日期');
  if (f.to != null && !isIsoDate(f.to)) throw badInput('filter.to', 'must be YYYY-MM-DD', '须为有效日期');
  const where = ['c.district_code = any(?)'];
  const params: unknown[] = [f.districts];
  if (f.institutionId != null) {
    where.push('c.institution_id = ?');
    params.push(f.institutionId);
  }
  if (f.patientId != null) {
    where.push('c.patient_id = ?');
    params.push(f.patientId);
  }
  if (f.from != null) {
    where.push('c.service_date >= ?::date');
    params.push(f.from);
  }
  if (f.to != null) {
    where.push('c.service_date <= ?::date');
    params.push(f.to);
  }
  if (f.hitCode != null) {
    where.push(`c.hit_codes @> array[?]::text[] and c.hit_codes <> '{}'`);
    params.push(f.hitCode);
  }
  if (f.status != null) {
    where.push('c.status = ?');
    params.push(f.status);
  }
  const base = where.join(' and ');
  const pageWhere = [...where];
  const pageParams = [...params];
  if (after !== null) {
    const [date, id] = decodeCursor(after);
    pageWhere.push('(c.service_date, c.id) < (?::date, ?::uuid)');
    pageParams.push(date, id);
  }
  // The page is taken district by district (each an ordered index scan that stops after the page)
  // and merged: with "district_code = any(…)" PostgreSQL would sort every claim of the districts.
  const perDistrict = ['c.district_code = d.code', ...pageWhere.slice(1)].join(' and ');
  const columns = opts.decision === false ? CLAIM_COLUMNS_LEAN : CLAIM_COLUMNS;
  // One district (a bureau's, a patient's) needs no merge of per-district pages.
  const [page, params2] =
    f.districts.length === 1
      ? [
          `select ${columns} from claims c where ${['c.district_code = ?', ...pageWhere.slice(1)].join(' and ')} order by c.service_date desc, c.id desc limit ?`,
          [f.districts[0], ...pageParams.slice(1), first + 1],
        ]
      : [
          `select x.* from unnest(?::text[]) as d(code)
             cross join lateral (select ${columns} from claims c where ${perDistrict} order by c.service_date desc, c.id desc limit ?) x
            order by x.service_date desc, x.id desc limit ?`,
          [f.districts, ...pageParams.slice(1), first + 1, first + 1],
        ];
  type Row = Parameters<typeof toClaim>[0];
  if (await onCitus(em)) {
    // On Citus neither the lateral join from the districts' list nor the count's row joined to a
    // page can always be pushed down: each district's page is a single-shard router query (its
    // ordered index range, stopped after the page), merged here, and the count one aggregate over
    // the districts' shards.
    const districtPage = `select ${columns} from claims c where ${['c.district_code = ?', ...pageWhere.slice(1)].join(' and ')} order by c.service_date desc, c.id desc limit ?`;
    const pages: Row[] = [];
    for (const d of f.districts) pages.push(...(await exec<Row>(em, districtPage, [d, ...pageParams.slice(1), first + 1])));
    const rows = pages.sort(newestFirst).slice(0, first + 1);
    const total = opts.count === false ? null : Number((await exec<{ n: string }>(em, `select count(*) as n from claims c where ${base}`, params))[0]?.n ?? 0);
    return { nodes: rows.slice(0, first).map(toClaim), totalCount: total, hasNextPage: rows.length > first };
  }
  if (opts.count === false) {
    const rows = await exec<Row>(em, page, params2);
    return { nodes: rows.slice(0, first).map(toClaim), totalCount: null, hasNextPage: rows.length > first };
  }
  // The page and its count in one statement: the count's one row, joined to the page (an empty page leaves one row of nulls).
  const rows = await exec<Row & { total_count: string }>(
    em,
    `select t.total_count, y.* from (select count(*) as total_count from claims c where ${base}) t left join lateral (${page}) y on true
      order by y.service_date desc, y.id desc`,
    [...params, ...params2],
  );
  const found = rows.filter((r) => r.id !== null);
  return { nodes: found.slice(0, first).map(toClaim), totalCount: Number(rows[0]?.total_count ?? 0), hasNextPage: found.length > first };
}

/** The list's order: service date, then id, both descending (the order of every page statement above). */
function newestFirst(a: { service_date: string; id: string }, b: { service_date: string; id: string }): number {
  if (a.service_date !== b.service_date) return a.service_date > b.service_date ? -1 : 1;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}

/** The latest service date among the districts' claims (for a dashboard's default period), or null. */
export async function latestServiceDate(em: EntityManager, districts: readonly string[]): Promise<string | null> {
  // One index lookup per district, one statement each (a single-shard router query on Citus, which
  // cannot push down the aggregate of a lateral join from a list); max() over "district_code = any(…)"
  // would read every claim of the city.
  let latest: string | null = null;
  for (const d of districts) {
    const [row] = await exec<{ d: string | null }>(em, `select to_char(max(service_date), 'YYYY-MM-DD') as d from claims where district_code = ?`, [d]);
    if (row?.d && (latest === null || row.d > latest)) latest = row.d;
  }
  return latest;
}
