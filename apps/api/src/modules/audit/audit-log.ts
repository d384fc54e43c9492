/**
 * Reading the audit log (审计日志): who read or wrote which patient's data, for the auditors of a
 * city, filtered by patient, user, action, period and district, newest first, a page at a time.
 * Scoped like every other read (the auditor's city's districts), and itself audited: each read
 * leaves an `audit_log.read` row in every district it looked at, with the filter it used.
 *
 * A row names a patient when it is about the patient (registration, certification, designation, a
 * read of the patient), lists the patient among those a list read showed (detail.patientIds), or is
 * about one of the patient's claims, follow-ups or monitoring cases.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { forbidden, InputProblems, notFound } from '../../errors';
import { audit } from './audit';

export interface AuditLogFilter {
  patientId?: string | null;
  userId?: string | null;
  action?: string | null;
  /** first calendar day (China time), inclusive */
  from?: string | null;
  /** last calendar day (China time), inclusive */
  to?: string | null;
  districtCode?: string | null;
}

export interface AuditEntry {
  id: string;
  districtCode: string;
  /** when, ISO 8601 in China time (+08:00) */
  at: string;
  userId: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  /** the patients the row is about */
  patientIds: string[];
  detail: Record<string, unknown>;
}

export const AUDIT_PAGE_MAX = 100;

export interface AuditRow {
  id: string;
  district_code: string;
  at: string;
  user_id: string;
  role: string;
  action: string;
  entity: string;
  entity_id: string | null;
  patient_ids: string[] | null;
  detail: Record<string, unknown>;
}

/**
 * The patients a row is about (see the module's comment); the subqueries run only in their branch.
 * Each names the district as a parameter (three `?`, the row's district), not only the outer row's,
 * so that on Citus it stays within the statement's shard.
 */
const PATIENT_IDS = `case
    when a.entity = 'patient' and a.entity_id is not null then array[a.entity_id]
    when jsonb_exists(a.detail, 'patientIds') then array(select jsonb_array_elements_text(a.detail -> 'patientIds'))
    when a.entity = 'claim' then array(select c.patient_id from claims c where c.district_code = ? and c.id::text = a.entity_id)
    when a.entity = 'follow_up' then array(select f.patient_id from follow_ups f where f.district_code = ? and f.id::text = a.entity_id)
    when a.entity = 'alert' then array(select x.patient_id from alerts x where x.district_code = ? and x.id::text = a.entity_id and x.patient_id is not null)
    else '{}'::text[] end`;

export const auditCursor = (e: Pick<AuditEntry, 'id' | 'districtCode'>) => Buffer.from(`${e.id}|${e.districtCode}`).toString('base64url');

export async function readAuditLog(
  em: EntityManager,
  scope: Scope,
  filter: AuditLogFilter,
  first: number,
  after: string | null,
): Promise<{ nodes: AuditEntry[]; hasNextPage: boolean }> {
  scope.assertAuditRead();
  const p = new InputProblems();
  if (!Number.isInteger(first) || first < 1 || first > AUDIT_PAGE_MAX) p.add('first', `must be 1–${AUDIT_PAGE_MAX}`, `须为1–${AUDIT_PAGE_MAX}`);
  if (filter.from != null && !isIsoDate(filter.from)) p.add('filter.from', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
  if (filter.to != null && !isIsoDate(filter.to)) p.add('filter.to', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
  if (filter.from != null && filter.to != null && isIsoDate(filter.from) && isIsoDate(filter.to) && filter.from > filter.to)
    p.add('filter.to', 'must not be before from', '结束日期不得早于开始日期');
  for (const key of ['patientId', 'userId', 'action'] as const)
    if (filter[key] != null && (filter[key].length === 0 || filter[key].length > 64)) p.add(`filter.${key}`, 'must be 1–64 characters', '须为1–64个字符');
  const cursor = after === null ? null : Buffer.from(after, 'base64url').toString().split('|');
  if (cursor !== null && (cursor.length !== 2 || !/^\d{1,19}$/.test(cursor[0]!))) p.add('after', 'is not a cursor from this API', '游标无效');
  p.throwIfAny();

  let districts = [...scope.readableDistricts()];
  if (filter.districtCode != null) {
    if (!scope.canRead(filter.districtCode)) throw forbidden();
    districts = [filter.districtCode];
  }
  // A patient lives in one district: its rows are that district's.
  if (filter.patientId != null) {
    const [found] = await exec<{ district_code: string }>(em, `select district_code from patients where id = ? and district_code = any(?)`, [
      filter.patientId,
      districts,
    ]);
    if (found === undefined) throw notFound('patient', filter.patientId);
    districts = [found.district_code];
  }

  const rows = await auditLogRows(em, districts, filter, first, cursor as [string, string] | null);
  const nodes = rows.slice(0, first).map((r): AuditEntry => ({
    id: r.id,
    districtCode: r.district_code,
    at: r.at,
    userId: r.user_id,
    role: r.role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    patientIds: r.patient_ids ?? [],
    detail: r.detail,
  }));
  // Reading the log is itself a read of who saw whom: audited in every district looked at, after the read so a page never shows its own row.
  const used = Object.fromEntries(Object.entries(filter).filter(([, v]) => v != null));
  await em.transactional(async (tem) => {
    for (const d of districts)
      await audit(tem, scope.viewer, d, 'audit_log.read', 'audit_log', null, {
        filter: used,
        first,
        after,
        rows: nodes.filter((n) => n.districtCode === d).length,
      });
  });
  return { nodes, hasNextPage: rows.length > first };
}

/**
 * One page of rows (and one more, to tell whether another page follows) of the given districts,
 * newest first: one backward range of a district's key per district, merged here (a sort over the
 * city's whole log otherwise). Each district's statement names its district in every subquery, so
 * that on Citus it is a single-shard router query (a lateral join from the districts' list, with a
 * LIMIT inside, is one Citus "cannot push down"); on PostgreSQL each is the index range it was.
 * The statements the API sends, also planned by plans.int.test.ts.
 */
export async function auditLogRows(
  em: EntityManager,
  districts: readonly string[],
  filter: AuditLogFilter,
  first: number,
  cursor: [string, string] | null,
): Promise<AuditRow[]> {
  const pages: AuditRow[] = [];
  for (const d of districts) pages.push(...(await districtRows(em, d, filter, first + 1, cursor)));
  // the order of the one statement this replaces: id, then district, both descending (ids are unique across districts)
  return pages.sort((a, b) => compareDesc(a, b)).slice(0, first + 1);
}

function compareDesc(a: AuditRow, b: AuditRow): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  if (x !== y) return x > y ? -1 : 1;
  return a.district_code === b.district_code ? 0 : a.district_code > b.district_code ? -1 : 1;
}

/** A district's newest `limit` rows after the cursor (the cursor orders by id, then district). */
function districtRows(em: EntityManager, district: string, filter: AuditLogFilter, limit: number, cursor: [string, string] | null): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.userId != null) {
    where.push('a.user_id = ?');
    params.push(filter.userId);
  }
  if (filter.action != null) {
    where.push('a.action = ?');
    params.push(filter.action);
  }
  if (filter.from != null) {
    where.push(`a.at >= (?::date)::timestamp at time zone 'Asia/Shanghai'`);
    params.push(filter.from);
  }
  if (filter.to != null) {
    where.push(`a.at < (?::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
    params.push(filter.to);
  }
  if (filter.patientId != null) {
    const pid = filter.patientId;
    where.push(`((a.entity = 'patient' and a.entity_id = ?)
      or (a.detail -> 'patientIds') @> jsonb_build_array(?::text)
      or (a.entity = 'claim' and a.entity_id = any(array(select c.id::text from claims c where c.district_code = ? and c.patient_id = ?)))
      or (a.entity = 'follow_up' and a.entity_id = any(array(select f.id::text from follow_ups f where f.district_code = ? and f.patient_id = ?)))
      or (a.entity = 'alert' and a.entity_id = any(array(select x.id::text from alerts x where x.district_code = ? and x.patient_id = ?))))`);
    params.push(pid, pid, district, pid, district, pid, district, pid);
  }
  if (cursor !== null) {
    where.push('(a.id, ?::text) < (?::bigint, ?)');
    params.push(district, cursor[0], cursor[1]);
  }
  return exec<AuditRow>(
    em,
    `select a.id::text as id, a.district_code, to_char(a.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') as at,
            a.user_id, a.role, a.action, a.entity, a.entity_id, ${PATIENT_IDS} as patient_ids, a.detail
       from audit_log a where a.district_code = ? ${where.map((w) => `and ${w}`).join(' ')}
      order by a.id desc limit ?`,
    [district, district, district, district, ...params, limit],
  );
}
