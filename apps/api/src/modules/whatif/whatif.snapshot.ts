/**
 * A district's stored claims of a period, read once from PostgreSQL and kept in memory so that a
 * leader's next what-if over the same period (another cap, another ratio) replays without reading
 * again, and exactly as fresh as the database.
 *
 * Freshness. Every write that changes what a replay reads (a claim submitted or reversed, a
 * certificate, a designation, a general-outpatient position, a registration) writes an audit row
 * of its district in the same transaction (audit_log, keyed (district_code, id)). Before a snapshot
 * is read, its watermark is taken: the district's highest audit id, and the transactions then still
 * open on the node that holds the district's audit rows (pg_current_snapshot there: on Citus the
 * worker of the district's shard, see Migration20261208800000_whatif_watermark). The snapshot stays fresh while every audit row of the
 * district it has not seen is one that cannot change its replay:
 *   - rows after the watermark: a read-only or unrelated action (a follow-up, a budget, a read of
 *     personal data …), or a claim submitted or reversed whose service date is after the period:
 *     today's claims do not move last year's replay, so a what-if over a closed period stays in
 *     memory while claims keep arriving;
 *   - rows under the watermark that were not visible when it was read: identity values are handed
 *     out when a row is inserted, not when it commits, so a transaction open at the read can commit
 *     a row under the watermark afterwards. Each such transaction is looked at once, when it has
 *     ended (pg_xact_status).
 * A snapshot that has seen too many later rows to look through cheaply is read again. A change to
 * the institutions (a reference table) is caught by their fingerprint.
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

/** The transactions in progress of a snapshot's text form (pg_snapshot: 'xmin:xmax:xip,xip,…'). */
export function openTransactions(snapshot: string): string[] {
  const xip = snapshot.split(':')[2] ?? '';
  return xip === '' ? [] : xip.split(',');
}

/**
 * The district's watermark, taken before its snapshot is read: by whatif_watermark
 * (Migration20261208800000_whatif_watermark), which runs on the node that holds the district's
 * audit rows, so that on Citus the open transactions are the worker's, where those rows are written.
 */
export async function readWatermark(q: Query, districtCode: string): Promise<Watermark> {
  const [row] = await q<{ w: { auditId: string; snapshot: string } }>(`select whatif_watermark(?::text) as w`, [districtCode]);
  if (row === undefined) throw new Error(`whatif_watermark answered nothing for ${districtCode}`);
  return { auditId: row.w.auditId, openXids: openTransactions(row.w.snapshot) };
}

/** Audit actions that change nothing a replay reads (the replay reads no follow-up, alert, budget, configuration value, roster row or credit event). */
export const UNRELATED_ACTIONS = [
  'follow_up.record',
  'monitoring.run',
  'alert.update', // a confirmation's reversals are audited as claim.reverse
  'fund_budget.set',
  // Configuration values (settings.registry.ts) are monitoring thresholds, credit points, scorecard weights, dashboard
  // targets, capitation rates and the availability threshold: none is a rule-set parameter. The replay decides by the
  // policy core's parameters under the deployment's overrides (POLICY_OVERRIDES_FILE, which key the replay as configured)
  // and the what-if's own; a district's value is audited in its district, and must not throw its snapshot away.
  'configuration.set',
  'credit.record',
  'catalogue.load', // the catalogue is part of the deployment's configuration, which keys the replay as configured
  'roster.import',
  'roster.read_unmasked',
  'roster.uninsured_reason',
  'patient.read',
  'patient.list',
  'claim.notice', // the unmasked person on a claim's notice (claims/notice.ts): a read, like patient.read
  'audit_log.read',
] as const;

/** Audit rows a snapshot looks through at most before it is read again instead. */
export const MAX_UNSEEN_ROWS = 20_000;

/**
 * Counts the rows that could change the replay: `rows` names the audit rows to look at. A claim's
 * audit row names the claim, whose service date says whether it falls after the period; a row
 * whose claim cannot be found counts.
 */
const relevantCount = (rows: string) => `
  select count(*) as seen,
         count(*) filter (where not (a.action = any(?::text[]))
                            and not (a.action in ('claim.submit', 'claim.reverse') and coalesce(c.service_date > ?::date, false))) as relevant
    from ${rows} a
    left join claims c on c.district_code = a.district_code
     and c.id = (case when a.entity = 'claim' and a.entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then a.entity_id::uuid end)`;

/**
 * Whether nothing the snapshot was read from has changed in a way that could move its replay.
 * Transactions of the watermark found to have ended without such a write are dropped from it, so
 * each is looked at once.
 */
export async function isFresh(q: Query, s: DistrictSnapshot): Promise<boolean> {
  const w = s.watermark;
  const [after] = await q<{ seen: string; relevant: string }>(
    relevantCount(
      `(select district_code, action, entity, entity_id from audit_log where district_code = ? and id > ?::bigint order by id limit ${MAX_UNSEEN_ROWS + 1})`,
    ),
    [UNRELATED_ACTIONS, s.period.to, s.districtCode, w.auditId],
  );
  if (Number(after?.seen ?? 0) > MAX_UNSEEN_ROWS || Number(after?.relevant ?? 0) > 0) return false;
  if (w.openXids.length === 0) return true;
  // On the node of the district's audit rows (whatif_ended_writes): the transactions' status and the rows' xmin are that node's
  const [row] = await q<{ r: { ended: string[]; relevant: number } }>(`select whatif_ended_writes(?::text, ?::bigint, ?::text[], ?::text[], ?::date) as r`, [
    s.districtCode,
    w.auditId,
    w.openXids,
    UNRELATED_ACTIONS,
    s.period.to,
  ]);
  const ended = row?.r.ended ?? [];
  if (ended.length === 0) return true;
  if (Number(row?.r.relevant ?? 0) > 0) return false;
  const gone = new Set(ended);
  w.openXids = w.openXids.filter((x) => !gone.has(x));
  return true;
}
