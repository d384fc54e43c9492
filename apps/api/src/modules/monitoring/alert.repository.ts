/** SQL for alerts (cases) and their history; every statement names the district. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@liangbing/policy';
import { exec } from '../../db/sql';
import { badInput } from '../../errors';
import { CLAIM_COLUMNS, toClaim, type StoredClaim } from '../claims/claim.repository';
import type { Candidate } from './detect';

export type AlertStatus = 'open' | 'under_review' | 'confirmed' | 'dismissed' | 'recovered';

export interface StoredAlert {
  districtCode: string;
  id: string;
  kind: string;
  evidenceKey: string;
  patientId: string | null;
  institutionId: string | null;
  claimIds: string[];
  evidence: Record<string, unknown>;
  occurredOn: string;
  status: AlertStatus;
  assignee: string | null;
  /** the amount recovered (追回金额, fen) once the case is recovered; null before */
  recoveredFen: number | null;
  raisedAt: Date;
  updatedAt: Date;
}

export interface HistoryEntry {
  seq: number;
  at: Date;
  byUser: string;
  fromStatus: AlertStatus | null;
  toStatus: AlertStatus;
  assignee: string | null;
  note: string | null;
  reversedClaimIds: string[];
  /** the amount recovered recorded by this step (fen) */
  recoveredFen: number | null;
}

const COLUMNS = `a.district_code, a.id, a.kind, a.evidence_key, a.patient_id, a.institution_id, a.claim_ids, a.evidence, to_char(a.occurred_on, 'YYYY-MM-DD') as occurred_on,
  a.status, a.assignee, a.recovered_fen, a.raised_at, a.updated_at`;

interface Row {
  district_code: string;
  id: string;
  kind: string;
  evidence_key: string;
  patient_id: string | null;
  institution_id: string | null;
  claim_ids: string[];
  evidence: Record<string, unknown>;
  occurred_on: string;
  status: AlertStatus;
  assignee: string | null;
  recovered_fen: string | null;
  raised_at: Date;
  updated_at: Date;
}

const toAlert = (r: Row): StoredAlert => ({
  districtCode: r.district_code,
  id: r.id,
  kind: r.kind,
  evidenceKey: r.evidence_key,
  patientId: r.patient_id,
  institutionId: r.institution_id,
  claimIds: r.claim_ids,
  evidence: r.evidence,
  occurredOn: r.occurred_on,
  status: r.status,
  assignee: r.assignee,
  recoveredFen: r.recovered_fen === null ? null : Number(r.recovered_fen),
  raisedAt: r.raised_at,
  updatedAt: r.updated_at,
});

/** Existing cases of a kind for these patients, to keep a pattern seen through another window from opening twice. */
export async function claimsUnderCases(
  em: EntityManager,
  districts: readonly string[],
  kind: string,
  patientIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const rows = await exec<{ patient_id: string; claim_ids: string[] }>(
    em,
    `select patient_id, claim_ids from alerts where district_code = any(?) and kind = ? and patient_id = any(?)`,
    [districts, kind, patientIds],
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.patient_id) ?? new Set<string>();
    for (const id of r.claim_ids) set.add(id);
    out.set(r.patient_id, set);
  }
  return out;
}

/** Inserts the candidates not seen before (by evidence key) with their first history entry; returns how many were new per kind. */
export async function insertCandidates(em: EntityManager, candidates: readonly Candidate[], byUser: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const CHUNK = 2000;
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const part = candidates.slice(i, i + CHUNK);
    const inserted = await exec<{ district_code: string; id: string; kind: string }>(
      em,
      `insert into alerts (district_code, kind, evidence_key, patient_id, institution_id, claim_ids, evidence, occurred_on)
       select r.district_code, r.kind, r.evidence_key, r.patient_id, r.institution_id, string_to_array(r.claim_ids, ',')::uuid[], r.evidence::jsonb, r.occurred_on::date
         from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
           as r(district_code, kind, evidence_key, patient_id, institution_id, claim_ids, evidence, occurred_on)
       on conflict (district_code, evidence_key) do nothing
       returning district_code, id, kind`,
      [
        part.map((c) => c.districtCode),
        part.map((c) => c.kind),
        part.map((c) => c.evidenceKey),
        part.map((c) => c.patientId),
        part.map((c) => c.institutionId),
        part.map((c) => c.claimIds.join(',')),
        part.map((c) => JSON.stringify(c.evidence)),
        part.map((c) => c.occurredOn),
      ],
    );
    if (inserted.length === 0) continue;
    await exec(
      em,
      `insert into alert_history (district_code, alert_id, seq, by_user, from_status, to_status, note)
       select r.district_code, r.id, 1, ?, null, 'open', '智能监控运行立案' from unnest(?::text[], ?::uuid[]) as r(district_code, id)`,
      [byUser, inserted.map((r) => r.district_code), inserted.map((r) => r.id)],
    );
    for (const r of inserted) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  }
  return counts;
}

export async function findAlert(em: EntityManager, id: string, districts: readonly string[], forUpdate = false): Promise<StoredAlert | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await exec<Row>(em, `select ${COLUMNS} from alerts a where a.id = ?::uuid and a.district_code = any(?)${forUpdate ? ' for update' : ''}`, [
    id,
    districts,
  ]);
  return rows[0] ? toAlert(rows[0]) : null;
}

export interface AlertFilter {
  districts: readonly string[];
  kind?: string | null;
  status?: AlertStatus | null;
  institutionId?: string | null;
  patientId?: string | null;
  assignee?: string | null;
  from?: string | null;
  to?: string | null;
}

export const encodeAlertCursor = (a: StoredAlert) => Buffer.from(`${a.occurredOn}|${a.id}`).toString('base64url');

export async function listAlerts(
  em: EntityManager,
  f: AlertFilter,
  first: number,
  after: string | null,
): Promise<{ nodes: StoredAlert[]; totalCount: number; hasNextPage: boolean }> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'must be 1–100', '须为1–100');
  if (f.from != null && !isIsoDate(f.from)) throw badInput('filter.from', 'must be YYYY-MM-DD', '须为有效日期');
  if (f.to != null && !isIsoDate(f.to)) throw badInput('filter.to', 'must be YYYY-MM-DD', '须为有效日期');
  const where = ['a.district_code = any(?)'];
  const params: unknown[] = [f.districts];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (f.kind != null) add('a.kind = ?', f.kind);
  if (f.status != null) add('a.status = ?', f.status);
  if (f.institutionId != null) add('a.institution_id = ?', f.institutionId);
  if (f.patientId != null) add('a.patient_id = ?', f.patientId);
  if (f.assignee != null) add('a.assignee = ?', f.assignee);
  if (f.from != null) add('a.occurred_on >= ?::date', f.from);
  if (f.to != null) add('a.occurred_on <= ?::date', f.to);
  const [count] = await exec<{ n: string }>(em, `select count(*) as n from alerts a where ${where.join(' and ')}`, params);
  const pageWhere = [...where];
  const pageParams = [...params];
  if (after != null) {
    const [date, id] = Buffer.from(after, 'base64url').toString().split('|');
    if (date === undefined || id === undefined || !isIsoDate(date) || !/^[0-9a-f-]{36}$/.test(id))
      throw badInput('after', 'is not a cursor from this API', '游标无效');
    pageWhere.push('(a.occurred_on, a.id) < (?::date, ?::uuid)');
    pageParams.push(date, id);
  }
  const rows = await exec<Row>(em, `select ${COLUMNS} from alerts a where ${pageWhere.join(' and ')} order by a.occurred_on desc, a.id desc limit ?`, [
    ...pageParams,
    first + 1,
  ]);
  return { nodes: rows.slice(0, first).map(toAlert), totalCount: Number(count?.n ?? 0), hasNextPage: rows.length > first };
}

export async function historyOf(em: EntityManager, districtCode: string, alertId: string): Promise<HistoryEntry[]> {
  const rows = await exec<{
    seq: number;
    at: Date;
    by_user: string;
    from_status: AlertStatus | null;
    to_status: AlertStatus;
    assignee: string | null;
    note: string | null;
    reversed_claim_ids: string[];
    recovered_fen: string | null;
  }>(
    em,
    `select seq, at, by_user, from_status, to_status, assignee, note, reversed_claim_ids, recovered_fen from alert_history where district_code = ? and alert_id = ?::uuid order by seq`,
    [districtCode, alertId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    byUser: r.by_user,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    assignee: r.assignee,
    note: r.note,
    reversedClaimIds: r.reversed_claim_ids,
    recoveredFen: r.recovered_fen === null ? null : Number(r.recovered_fen),
  }));
}

/** @param recoveredFen the amount recovered, recorded when the case becomes recovered; null otherwise (the case keeps what it had) */
export async function updateAlert(
  em: EntityManager,
  a: StoredAlert,
  status: AlertStatus,
  assignee: string | null,
  note: string | null,
  byUser: string,
  reversed: readonly string[],
  recoveredFen: number | null = null,
): Promise<void> {
  await exec(
    em,
    `update alerts set status = ?, assignee = ?, recovered_fen = coalesce(?::bigint, recovered_fen), updated_at = now() where district_code = ? and id = ?::uuid`,
    [status, assignee, recoveredFen, a.districtCode, a.id],
  );
  await exec(
    em,
    `insert into alert_history (district_code, alert_id, seq, by_user, from_status, to_status, assignee, note, reversed_claim_ids, recovered_fen)
     select ?, ?::uuid, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?::uuid[], ?::bigint from alert_history where district_code = ? and alert_id = ?::uuid`,
    [a.districtCode, a.id, byUser, a.status, status, assignee, note, reversed, recoveredFen, a.districtCode, a.id],
  );
}

/** The fund paid on the claims behind a case (whatever their status now: a reversed claim's payment is what there was to recover). */
export async function fundOfClaims(em: EntityManager, districtCode: string, claimIds: readonly string[]): Promise<number> {
  if (claimIds.length === 0) return 0;
  const [row] = await exec<{ fund: string }>(em, `select coalesce(sum(fund_fen), 0) as fund from claims where district_code = ? and id = any(?::uuid[])`, [
    districtCode,
    claimIds,
  ]);
  return Number(row?.fund ?? 0);
}

export async function acceptedClaims(em: EntityManager, districtCode: string, claimIds: readonly string[]): Promise<string[]> {
  const rows = await exec<{ id: string }>(
    em,
    `select id from claims where district_code = ? and id = any(?::uuid[]) and status = 'accepted' order by service_date, id`,
    [districtCode, claimIds],
  );
  return rows.map((r) => r.id);
}

export async function claimsOf(em: EntityManager, districtCode: string, claimIds: readonly string[]): Promise<StoredClaim[]> {
  if (claimIds.length === 0) return [];
  const rows = await exec<Parameters<typeof toClaim>[0]>(
    em,
    `select ${CLAIM_COLUMNS} from claims c where c.district_code = ? and c.id = any(?::uuid[]) order by c.service_date, c.id`,
    [districtCode, claimIds],
  );
  return rows.map(toClaim);
}
