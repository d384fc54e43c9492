/**
 * SQL of the general-outpatient feed (W-3): the patients of a district by id or resident ID, the
 * feed date of each ledger row, the ledger update and the feed's record. Each statement takes the
 * whole feed at once (arrays as parameters), never a row per round trip.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

/** Each entry's patient, by entry index: `ids[i]` or `residentIds[i]` (one of them null) within the district. */
export async function resolvePatients(
  em: EntityManager,
  districtCode: string,
  ids: readonly (string | null)[],
  residentIds: readonly (string | null)[],
): Promise<Map<number, string>> {
  const rows = await exec<{ n: number; id: string }>(
    em,
    `select k.n::int as n, p.id from unnest(?::text[]) with ordinality k(pid, n) join patients p on p.district_code = ? and p.id = k.pid
     union all
     select k.n::int, p.id from unnest(?::text[]) with ordinality k(rid, n) join patients p on p.district_code = ? and p.resident_id = k.rid`,
    [ids, districtCode, residentIds, districtCode],
  );
  // ordinality counts from 1
  return new Map(rows.map((r) => [r.n - 1, r.id]));
}

/** The feed date each locked ledger row's general-outpatient figures come from. */
export async function feedDates(em: EntityManager, districtCode: string, year: number, patientIds: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await exec<{ patient_id: string; as_of: string | null }>(
    em,
    `select patient_id, to_char(general_outpatient_as_of, 'YYYY-MM-DD') as as_of from benefit_ledger where district_code = ? and year = ? and patient_id = any(?)`,
    [districtCode, year, patientIds],
  );
  return new Map(rows.map((r) => [r.patient_id, r.as_of]));
}

/** Sets the figures of the (already locked) ledger rows, in one statement. */
export async function setGeneralOutpatient(
  em: EntityManager,
  districtCode: string,
  year: number,
  asOf: string,
  rows: readonly { patientId: string; fundPaidFen: number; exhausted: boolean }[],
): Promise<void> {
  if (rows.length === 0) return;
  await exec(
    em,
    `update benefit_ledger b set general_outpatient_fund_fen = r.f, general_outpatient_exhausted = r.e, general_outpatient_as_of = ?::date, updated_at = now()
       from unnest(?::text[], ?::bigint[], ?::boolean[]) r(p, f, e)
      where b.district_code = ? and b.year = ? and b.patient_id = r.p`,
    [asOf, rows.map((r) => r.patientId), rows.map((r) => r.fundPaidFen), rows.map((r) => r.exhausted), districtCode, year],
  );
}

export interface FeedProblem {
  rowNo: number;
  code: string;
  field: string;
  messageEn: string;
  messageZh: string;
}

export interface FeedCounts {
  entries: number;
  /** rows whose figures changed */
  applied: number;
  /** rows whose figures were already these */
  unchanged: number;
  /** rows a later day's feed had already set: left as they are */
  stale: number;
  /** rows refused (listed in problems) */
  refused: number;
}

export interface StoredFeed {
  id: string;
  counts: FeedCounts;
  problems: FeedProblem[];
}

export async function feedByHash(em: EntityManager, districtCode: string, year: number, asOf: string, hash: string): Promise<StoredFeed | null> {
  const [row] = await exec<StoredFeed>(
    em,
    `select id::text as id, counts, problems from general_outpatient_feeds where district_code = ? and year = ? and as_of = ?::date and content_hash = ?`,
    [districtCode, year, asOf, hash],
  );
  return row ?? null;
}

export async function insertFeed(
  em: EntityManager,
  f: {
    districtCode: string;
    year: number;
    asOf: string;
    hash: string;
    counts: FeedCounts;
    problems: FeedProblem[];
    acceptValidRows: boolean;
    recordedBy: string;
  },
): Promise<string> {
  const [row] = await exec<{ id: string }>(
    em,
    `insert into general_outpatient_feeds (district_code, year, as_of, content_hash, entries, counts, problems, accept_valid_rows, recorded_by)
     values (?, ?, ?::date, ?, ?, ?::jsonb, ?::jsonb, ?, ?) returning id::text as id`,
    [f.districtCode, f.year, f.asOf, f.hash, f.counts.entries, JSON.stringify(f.counts), JSON.stringify(f.problems), f.acceptValidRows, f.recordedBy],
  );
  return row!.id;
}
