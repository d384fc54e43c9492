/**
 * A district's stored claims of a period, read once from PostgreSQL and kept in memory so that a
 * leader's next what-if over the same period (another cap, another ratio) replays without reading
 * again, and exactly as fresh as the database.
 *
 * Freshness. Every write that changes what a replay reads (a claim submitted or reversed, a
 * certificate, a designation, a general-outpatient position, a registration) writes an audit row
 * of its district in the same transaction (audit_log, keyed (district_code, id)). Before a snapshot
 * is read, its watermark is taken: the district's highest audit id, and the transactions then still
 * open anywhere (pg_current_snapshot). The snapshot is fresh while
 *   - the district's highest audit id is the same (one probe of the primary key), and
 *   - none of those open transactions has since committed an audit row of the district with an id
 *     at or below the watermark: identity values are handed out when a row is inserted, not when it
 *     commits, so such a transaction can commit after the watermark was read yet under it. Each is
 *     checked once, when it has ended (pg_xact_status); one still running is checked next time.
 * A change to the institutions (a reference table) is caught by their fingerprint.
 */
import type { SideTally } from './whatif.run';
import type { ReplayPatientData } from './whatif.replay';
import type { Period, Query } from './whatif.source';

export interface Watermark {
  /** the district's highest audit_log id when the read began ('0' when it has none) */
  auditId: string;
  /** transactions open when the read began that may still commit an audit row under auditId (xid8) */
  openXids: string[];
}

export interface DistrictSnapshot {
  districtCode: string;
  period: Period;
  patients: ReplayPatientData[];
  claims: number;
  watermark: Watermark;
  institutionsKey: string;
  /** when the read began (epoch ms): the data are as of then */
  readAt: number;
  readMs: number;
  paid: SideTally;
  /** the replay under the deployment's configuration, by the configuration's key: it does not depend on the what-if */
  configured: Map<string, SideTally>;
}

export const snapshotKey = (districtCode: string, p: Period) => `${districtCode}|${p.from}|${p.to}`;

/** The institutions as the policy core sees them, as one fingerprint: a change to any of them invalidates every snapshot. */
export async function institutionsKey(q: Query): Promise<string> {
  const [row] = await q<{ key: string | null }>(
    `select md5(string_agg(concat_ws('|', id, level, city_code, district_code, insurance_designated, can_treat_two_diseases, consortium_id, networked_out_of_area), ',' order by id)) as key from institutions`,
  );
  return row?.key ?? 'none';
}

/** The district's watermark, taken before its snapshot is read. */
export async function readWatermark(q: Query, districtCode: string): Promise<Watermark> {
  const [row] = await q<{ audit_id: string | null; open: string[] }>(
    `select (select max(id) from audit_log where district_code = ?)::text as audit_id,
            array(select x::text from pg_snapshot_xip(pg_current_snapshot()) x) as open`,
    [districtCode],
  );
  return { auditId: row?.audit_id ?? '0', openXids: row?.open ?? [] };
}

/**
 * Whether nothing the snapshot was read from has changed since its watermark. Transactions of the
 * watermark found to have ended without writing to the district are dropped from it, so each is
 * checked once.
 */
export async function isFresh(q: Query, s: DistrictSnapshot): Promise<boolean> {
  const w = s.watermark;
  const [row] = await q<{ audit_id: string | null; ended: string[] }>(
    `select (select max(id) from audit_log where district_code = ?)::text as audit_id,
            array(select x from unnest(?::text[]) x where pg_xact_status(x::xid8) is distinct from 'in progress') as ended`,
    [s.districtCode, w.openXids],
  );
  if ((row?.audit_id ?? '0') !== w.auditId) return false;
  const ended = row?.ended ?? [];
  if (ended.length === 0) return true;
  const [late] = await q<{ found: boolean }>(
    `select exists(select 1 from audit_log where district_code = ? and id <= ?::bigint and xmin::text = any(array(select (x::numeric % 4294967296)::text from unnest(?::text[]) x))) as found`,
    [s.districtCode, w.auditId, ended],
  );
  if (late?.found) return false;
  const gone = new Set(ended);
  w.openXids = w.openXids.filter((x) => !gone.has(x));
  return true;
}
