/**
 * The credit ledger's feed: confirmed alerts (the monitoring's alert_history) and reversed claims
 * become credit events for the institution and the insured person behind them. The feed reads what
 * is not yet recorded and appends it; every source has a key, so running it again, or twice at once,
 * records nothing twice. A confirmation later withdrawn (confirmed → under review or dismissed) is a
 * new event with the opposite points; a case moving on to 'recovered' keeps its points.
 *
 * It runs before the ledger is read (creditRecords, creditFlag), so the ledger is as current as the
 * alerts and claims it reads, without a hook in the monitoring's or the claims' write paths.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { alertPoints, type CreditRules } from './credit.config';
import { insertEvents, type NewCreditEvent, type SubjectType } from './credit.repository';

const FEED_USER = 'credit-feed';

interface TransitionRow {
  district_code: string;
  alert_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  occurred_on: string;
  kind: string;
  patient_id: string | null;
  institution_id: string | null;
  institution_district: string | null;
}

interface ReversalRow {
  district_code: string;
  id: string;
  patient_id: string;
  institution_id: string;
  institution_district: string;
  occurred_on: string;
  reversal_reason: string | null;
  alert_id: string | null;
}

/**
 * The sources (district, key) of these candidates already in the ledger. An event is kept in its
 * subject's district (an institution's may differ from the alert's or the claim's), so the ledger
 * is looked up by source apart from the candidates' statement: on Citus the ledger is distributed
 * by the subject's district, and a join of it by the source's district is one of tables not
 * co-located on it (refused). Here it is a lookup of the source index (credit_events_source),
 * sent to every shard; on PostgreSQL the same index range the NOT EXISTS read.
 */
async function recordedSources(em: EntityManager, candidates: readonly { district: string; key: string }[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = await exec<{ source_district_code: string; source_key: string }>(
    em,
    `select distinct e.source_district_code, e.source_key from credit_events e where e.source_district_code = any(?) and e.source_key = any(?)`,
    [[...new Set(candidates.map((c) => c.district))], [...new Set(candidates.map((c) => c.key))]],
  );
  return new Set(rows.map((r) => `${r.source_district_code}|${r.source_key}`));
}

/** The candidates whose source is not yet in the ledger, in their order. */
async function notRecorded<T>(em: EntityManager, rows: T[], source: (r: T) => { district: string; key: string }): Promise<T[]> {
  const recorded = await recordedSources(em, rows.map(source));
  return rows.filter((r) => {
    const s = source(r);
    return !recorded.has(`${s.district}|${s.key}`);
  });
}

/**
 * Confirmations and withdrawals of confirmations not yet in the ledger, in the order they happened:
 * every such transition of these districts (a join of co-located tables on the district), less
 * those the ledger holds.
 */
async function pendingTransitions(em: EntityManager, districts: readonly string[]): Promise<TransitionRow[]> {
  const rows = await exec<TransitionRow>(
    em,
    `select h.district_code, h.alert_id, h.seq, h.from_status, h.to_status, to_char((h.at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as occurred_on,
            a.kind, a.patient_id, a.institution_id, i.district_code as institution_district
       from alert_history h
       join alerts a on a.district_code = h.district_code and a.id = h.alert_id
       left join institutions i on i.id = a.institution_id
      where h.district_code = any(?)
        and ((h.to_status = 'confirmed' and h.from_status is distinct from 'confirmed')
          or (h.from_status = 'confirmed' and h.to_status not in ('confirmed', 'recovered')))
      order by h.district_code, h.alert_id, h.seq`,
    [districts],
  );
  return notRecorded(em, rows, (r) => ({ district: r.district_code, key: `alert:${r.alert_id}:${r.seq}` }));
}

async function pendingReversals(em: EntityManager, districts: readonly string[]): Promise<ReversalRow[]> {
  const rows = await exec<ReversalRow>(
    em,
    `select c.district_code, c.id, c.patient_id, c.institution_id, i.district_code as institution_district,
            to_char((coalesce(c.reversed_at, c.created_at) at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as occurred_on, c.reversal_reason,
            (select h.alert_id from alert_history h where h.district_code = c.district_code and c.id = any(h.reversed_claim_ids) limit 1) as alert_id
       from claims c join institutions i on i.id = c.institution_id
      where c.district_code = any(?) and c.status = 'reversed'`,
    [districts],
  );
  return notRecorded(em, rows, (r) => ({ district: r.district_code, key: `claim:${r.id}` }));
}

/** The points each subject was given by an alert's confirmations so far, from the ledger. */
async function confirmedPoints(em: EntityManager, sources: readonly { district: string; alertId: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (sources.length === 0) return out;
  const rows = await exec<{ source_district_code: string; alert_id: string; subject_type: SubjectType; subject_id: string; points: number }>(
    em,
    `select source_district_code, alert_id, subject_type, subject_id, points from credit_events
      where source_district_code = any(?) and alert_id = any(?::uuid[]) and kind in ('alert_confirmed', 'alert_withdrawn') order by id`,
    [[...new Set(sources.map((s) => s.district))], [...new Set(sources.map((s) => s.alertId))]],
  );
  for (const r of rows) {
    const key = `${r.source_district_code}|${r.alert_id}|${r.subject_type}|${r.subject_id}`;
    out.set(key, (out.get(key) ?? 0) + r.points);
  }
  return out;
}

/**
 * Records what the alerts and reversed claims of these districts add to the ledger; returns how many
 * events it added. `rules` may be the rules in force on each event's date, so that an event is given
 * the points in force when it happened, whenever it is fed.
 */
export async function feedCredit(em: EntityManager, districts: readonly string[], rules: CreditRules | ((occurredOn: string) => CreditRules)): Promise<number> {
  const rulesOn = typeof rules === 'function' ? rules : () => rules;
  const [transitions, reversals] = await Promise.all([pendingTransitions(em, districts), pendingReversals(em, districts)]);
  const events: NewCreditEvent[] = [];
  // What each subject holds from each alert, so that a withdrawal takes back exactly what was given.
  const held = await confirmedPoints(
    em,
    transitions.map((t) => ({ district: t.district_code, alertId: t.alert_id })),
  );
  for (const t of transitions) {
    const confirming = t.to_status === 'confirmed';
    const rules = rulesOn(t.occurred_on);
    const points = alertPoints(rules, t.kind);
    const subjects: { type: SubjectType; id: string | null; district: string | null; points: number }[] = [
      { type: 'institution', id: t.institution_id, district: t.institution_district, points: points.institution },
      { type: 'patient', id: t.patient_id, district: t.district_code, points: points.patient },
    ];
    for (const s of subjects) {
      if (s.id === null || s.district === null) continue;
      const key = `${t.district_code}|${t.alert_id}|${s.type}|${s.id}`;
      const before = held.get(key) ?? 0;
      // A withdrawal takes back what is held; a confirmation after one gives the rule's points again.
      const delta = confirming ? s.points : -before;
      held.set(key, before + delta);
      events.push({
        districtCode: s.district,
        subjectType: s.type,
        subjectId: s.id,
        kind: confirming ? 'alert_confirmed' : 'alert_withdrawn',
        points: delta,
        occurredOn: t.occurred_on,
        sourceDistrictCode: t.district_code,
        sourceKey: `alert:${t.alert_id}:${t.seq}`,
        alertId: t.alert_id,
        alertKind: t.kind,
        rulesId: rules.id,
        note: confirming ? `alert ${t.kind} confirmed` : `confirmation withdrawn (${t.to_status})`,
        recordedBy: FEED_USER,
      });
    }
  }
  for (const r of reversals) {
    const rules = rulesOn(r.occurred_on);
    const points = r.alert_id === null ? rules.claimReversed : rules.claimReversedUnderAlert;
    const common = {
      kind: 'claim_reversed' as const,
      occurredOn: r.occurred_on,
      sourceDistrictCode: r.district_code,
      sourceKey: `claim:${r.id}`,
      claimId: r.id,
      alertId: r.alert_id,
      rulesId: rules.id,
      note:
        r.alert_id === null
          ? `claim reversed: ${(r.reversal_reason ?? '').slice(0, 200)}`
          : `claim reversed by confirming alert ${r.alert_id}: counted with the alert`,
      recordedBy: FEED_USER,
    };
    events.push({ ...common, districtCode: r.institution_district, subjectType: 'institution', subjectId: r.institution_id, points: points.institution });
    events.push({ ...common, districtCode: r.district_code, subjectType: 'patient', subjectId: r.patient_id, points: points.patient });
  }
  const inserted = await insertEvents(em, events);
  return inserted.length;
}
