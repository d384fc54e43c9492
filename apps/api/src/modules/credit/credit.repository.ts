/** SQL for the credit ledger: append events (idempotently, by source key), read records and their events. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { badInput } from '../../errors';

export type SubjectType = 'institution' | 'patient';
export type CreditEventKind = 'alert_confirmed' | 'alert_withdrawn' | 'claim_reversed' | 'manual';

export interface NewCreditEvent {
  /** the subject's district: the institution's, or the patient's district of insurance */
  districtCode: string;
  subjectType: SubjectType;
  subjectId: string;
  kind: CreditEventKind;
  points: number;
  occurredOn: string;
  sourceDistrictCode: string;
  /** unique per subject: the same source never counts twice */
  sourceKey: string;
  alertId?: string | null;
  alertKind?: string | null;
  claimId?: string | null;
  rulesId: string;
  note?: string | null;
  recordedBy: string;
}

export interface StoredCreditEvent extends Required<NewCreditEvent> {
  id: string;
  recordedAt: Date;
}

const COLUMNS = `district_code, id, subject_type, subject_id, kind, points, to_char(occurred_on, 'YYYY-MM-DD') as occurred_on, source_district_code, source_key,
  alert_id, alert_kind, claim_id, rules_id, note, recorded_by, recorded_at`;

interface EventRow {
  district_code: string;
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  kind: CreditEventKind;
  points: number;
  occurred_on: string;
  source_district_code: string;
  source_key: string;
  alert_id: string | null;
  alert_kind: string | null;
  claim_id: string | null;
  rules_id: string;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

const toEvent = (r: EventRow): StoredCreditEvent => ({
  districtCode: r.district_code,
  id: String(r.id),
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  kind: r.kind,
  points: r.points,
  occurredOn: r.occurred_on,
  sourceDistrictCode: r.source_district_code,
  sourceKey: r.source_key,
  alertId: r.alert_id,
  alertKind: r.alert_kind,
  claimId: r.claim_id,
  rulesId: r.rules_id,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

/** Appends the events; one already recorded for the same subject and source is left as it is. Returns those inserted. */
export async function insertEvents(em: EntityManager, events: readonly NewCreditEvent[]): Promise<StoredCreditEvent[]> {
  const out: StoredCreditEvent[] = [];
  // Within PostgreSQL's 65,535 bind parameters a statement, whatever backlog a first feed finds.
  for (let i = 0; i < events.length; i += 2000) out.push(...(await insertChunk(em, events.slice(i, i + 2000))));
  return out;
}

async function insertChunk(em: EntityManager, events: readonly NewCreditEvent[]): Promise<StoredCreditEvent[]> {
  if (events.length === 0) return [];
  const tuples: string[] = [];
  const values: unknown[] = [];
  for (const e of events) {
    tuples.push('(?, ?, ?, ?, ?, ?::date, ?, ?, ?::uuid, ?, ?::uuid, ?, ?, ?)');
    values.push(
      e.districtCode,
      e.subjectType,
      e.subjectId,
      e.kind,
      e.points,
      e.occurredOn,
      e.sourceDistrictCode,
      e.sourceKey,
      e.alertId ?? null,
      e.alertKind ?? null,
      e.claimId ?? null,
      e.rulesId,
      e.note ?? null,
      e.recordedBy,
    );
  }
  const rows = await exec<EventRow>(
    em,
    // formatted from a CTE over the write: on Citus RETURNING may hold IMMUTABLE functions only (to_char is not)
    `with w as (insert into credit_events (district_code, subject_type, subject_id, kind, points, occurred_on, source_district_code, source_key, alert_id, alert_kind, claim_id, rules_id, note, recorded_by)
     values ${tuples.join(', ')}
     on conflict (district_code, subject_type, subject_id, source_key) do nothing
     returning *) select ${COLUMNS} from w`,
    values,
  );
  return rows.map(toEvent);
}

export interface CreditRecordRow {
  districtCode: string;
  subjectType: SubjectType;
  subjectId: string;
  /** within the window up to the as-of date */
  points: number;
  totalPoints: number;
  events: number;
  lastEventOn: string;
}

interface RecordRow {
  district_code: string;
  subject_type: SubjectType;
  subject_id: string;
  points: number;
  total_points: number;
  events: number;
  last_event_on: string;
}

const toRecord = (r: RecordRow): CreditRecordRow => ({
  districtCode: r.district_code,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  points: Number(r.points),
  totalPoints: Number(r.total_points),
  events: Number(r.events),
  lastEventOn: r.last_event_on,
});

const AGGREGATE = `select district_code, subject_type, subject_id,
    coalesce(sum(points) filter (where occurred_on > ?::date - ?::int and occurred_on <= ?::date), 0)::int as points,
    sum(points)::int as total_points, count(*)::int as events, to_char(max(occurred_on), 'YYYY-MM-DD') as last_event_on
  from credit_events where district_code = any(?) and subject_type = ?`;

export function encodeCursor(r: CreditRecordRow): string {
  return Buffer.from(JSON.stringify([r.points, r.districtCode, r.subjectId])).toString('base64url');
}

function decodeCursor(after: string): [number, string, string] {
  try {
    const v = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && Number.isInteger(v[0]) && typeof v[1] === 'string' && typeof v[2] === 'string')
      return v as [number, string, string];
  } catch {
    // falls through to the error below
  }
  throw badInput('after', 'is not a cursor this list gave out', '游标无效');
}

/** Subjects with events in the districts, most points in the window first; keyset-paginated. */
export async function listRecords(
  em: EntityManager,
  districts: readonly string[],
  subjectType: SubjectType,
  asOf: string,
  windowDays: number,
  first: number,
  after: string | null,
): Promise<{ nodes: CreditRecordRow[]; totalCount: number; hasNextPage: boolean }> {
  const base = [asOf, windowDays, asOf, districts, subjectType];
  const cursor = after === null ? null : decodeCursor(after);
  const [rows, [count]] = await Promise.all([
    exec<RecordRow>(
      em,
      `select * from (${AGGREGATE} group by 1, 2, 3) s
        ${cursor === null ? '' : 'where s.points < ? or (s.points = ? and (s.district_code, s.subject_id) > (?, ?))'}
        order by s.points desc, s.district_code, s.subject_id limit ?`,
      [...base, ...(cursor === null ? [] : [cursor[0], cursor[0], cursor[1], cursor[2]]), first + 1],
    ),
    exec<{ n: number }>(
      em,
      `select count(*)::int as n from (select distinct district_code, subject_id from credit_events where district_code = any(?) and subject_type = ?) s`,
      [districts, subjectType],
    ),
  ]);
  return { nodes: rows.slice(0, first).map(toRecord), totalCount: count?.n ?? 0, hasNextPage: rows.length > first };
}

/** One subject's record in its district (no row when it has no events). */
export async function recordOf(
  em: EntityManager,
  districtCode: string,
  subjectType: SubjectType,
  subjectId: string,
  asOf: string,
  windowDays: number,
): Promise<CreditRecordRow | null> {
  const rows = await exec<RecordRow>(em, `${AGGREGATE} and subject_id = ? group by 1, 2, 3`, [asOf, windowDays, asOf, [districtCode], subjectType, subjectId]);
  return rows[0] === undefined ? null : toRecord(rows[0]);
}

/** Several subjects' points in the window at once, keyed `${districtCode}|${type}|${id}` (absent: no events). */
export async function pointsOf(
  em: EntityManager,
  subjects: readonly { districtCode: string; type: SubjectType; id: string }[],
  asOf: string,
  windowDays: number,
): Promise<Map<string, number>> {
  if (subjects.length === 0) return new Map();
  const rows = await exec<{ district_code: string; subject_type: SubjectType; subject_id: string; points: number }>(
    em,
    `select e.district_code, e.subject_type, e.subject_id, coalesce(sum(e.points) filter (where e.occurred_on > ?::date - ?::int and e.occurred_on <= ?::date), 0)::int as points
       from credit_events e
       join unnest(?::text[], ?::text[], ?::text[]) as s(district_code, subject_type, subject_id)
         on s.district_code = e.district_code and s.subject_type = e.subject_type and s.subject_id = e.subject_id
      group by 1, 2, 3`,
    [asOf, windowDays, asOf, subjects.map((s) => s.districtCode), subjects.map((s) => s.type), subjects.map((s) => s.id)],
  );
  return new Map(rows.map((r) => [`${r.district_code}|${r.subject_type}|${r.subject_id}`, r.points]));
}

/** The latest events of each subject, newest first, at most `perSubject` each. */
export async function eventsOf(
  em: EntityManager,
  subjects: readonly { districtCode: string; subjectId: string }[],
  subjectType: SubjectType,
  perSubject: number,
): Promise<Map<string, StoredCreditEvent[]>> {
  const out = new Map<string, StoredCreditEvent[]>();
  if (subjects.length === 0) return out;
  const rows = await exec<EventRow>(
    em,
    `select ${COLUMNS} from (
       select e.*, row_number() over (partition by district_code, subject_id order by occurred_on desc, id desc) as n
         from credit_events e where district_code = any(?) and subject_type = ? and subject_id = any(?)) e
      where n <= ? order by district_code, subject_id, occurred_on desc, id desc`,
    [[...new Set(subjects.map((s) => s.districtCode))], subjectType, subjects.map((s) => s.subjectId), perSubject],
  );
  for (const r of rows) {
    const key = `${r.district_code}|${r.subject_id}`;
    out.set(key, [...(out.get(key) ?? []), toEvent(r)]);
  }
  return out;
}
