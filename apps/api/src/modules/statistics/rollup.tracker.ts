/**
 * Keeps the rollups exactly in step with a write, in the write's own transaction:
 *
 *   const stats = await trackPatientStats(tem, district, patient, { eventDate, years });
 *   …the write…
 *   await stats.finish(tem, (before) => after);   // or finish(tem) to read the patient again
 *
 * begin (one round trip, stat_track_begin) locks the district's statistics shared and the
 * patient's alone — two writes of one patient never diff against the same "before" — and reads
 * the patient's records; finish adds (after − before) to the rollup rows (stat_apply). The hot
 * writes (claims, reversals, follow-ups) say what they changed, so "after" is computed, not read;
 * the rollup test proves both ways equal the raw tables. "after" is stored with the patient
 * (stat_patient_facts_cache, Migration20261208600000_patient_facts_cache) and is the next write's
 * "before" when it tracks the same years: the claims, lines and follow-ups are not read again. Only materialised years are kept (see
 * rollup.build.ts); a write dated in a closed quarter is refused, and the rows of closed quarters
 * are never touched (a registration's past dates reach open quarters only).
 *
 * Why in the application and not in triggers: one pure definition (facts.ts) of what a patient
 * contributes serves this write path, the bulk load (which streams patients and never reads them
 * back) and the rebuild; the PDC rule is sequential and awkward in SQL; and COPY runs without
 * per-row triggers. Writes that bypass the API must run `stats:rebuild`; `stats:check` finds drift.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { conflict } from '../../errors';
import { quarterOf } from './counts';
import { addPatientYear, Rollup, type FactsClaim, type FactsFollowUp, type PatientFacts } from './facts';
import { applyRollup, beginFacts, loadPatientFacts, putFactsCache } from './rollup.store';
import { refusedOutright } from './refused';

export interface StatsChange {
  /** @param change the patient's records after the write, from those before it; read again from the database when absent */
  finish(em: EntityManager, change?: (before: PatientFacts) => PatientFacts): Promise<void>;
}

const NOTHING: StatsChange = { finish: async () => {} };

export function periodClosedError(districtCode: string, date: string) {
  const q = quarterOf(date);
  const y = date.slice(0, 4);
  return conflict(
    `The period ${y} Q${q} of district ${districtCode} is closed: its figures are published and immutable. Record a correction dated in an open period.`,
    `${districtCode} ${y}年第${q}季度已关账，数据不可更改；请在未关账期间登记更正。`,
    { code: 'PERIOD_CLOSED', districtCode, year: Number(y), quarter: q },
  );
}

interface Begin {
  closedEvent?: boolean;
  years?: number[];
  closed?: number[];
  facts?: unknown;
  /** the patient's stored records (stat_patient_facts_cache) when they cover the same years */
  cached?: unknown;
}

/**
 * @param eventDate the date the write is about (service date, follow-up date, certification date):
 *   refused when its quarter is closed; null for a registration, whose past dates reach only open periods
 * @param years the years whose figures the write can change; 'all' for every materialised year
 */
export async function trackPatientStats(
  em: EntityManager,
  districtCode: string,
  patientId: string,
  opts: { eventDate: string | null; years: readonly number[] | 'all' },
): Promise<StatsChange> {
  const [row] = await exec<{ r: Begin }>(em, `select stat_track_begin(?, ?, ?::int[], ?::date) as r`, [
    districtCode,
    patientId,
    opts.years === 'all' ? null : opts.years,
    opts.eventDate,
  ]);
  const r = row!.r;
  if (r.closedEvent === true) throw periodClosedError(districtCode, opts.eventDate!);
  const years = r.years ?? [];
  if (years.length === 0) return NOTHING;
  const closed = new Set(r.closed ?? []);
  const before = beginFacts(districtCode, r);
  return {
    finish: async (tem, change) => {
      const after = change !== undefined && before !== null ? change(before) : await loadPatientFacts(tem, districtCode, patientId, years);
      await applyRollup(tem, diff(before, after, years), (d, y, q) => d === districtCode && closed.has(y * 10 + q));
      await putFactsCache(tem, [{ districtCode, patientId, years, facts: after }]);
    },
  };
}

export function diff(before: PatientFacts | null, after: PatientFacts | null, years: readonly number[]): Rollup {
  const out = new Rollup();
  for (const y of years) {
    if (after !== null) addPatientYear(out, after, y, 1);
    if (before !== null) addPatientYear(out, before, y, -1);
  }
  return out;
}

/** The records after a claim is stored. */
export const withClaim =
  (claim: FactsClaim) =>
  (p: PatientFacts): PatientFacts => ({ ...p, claims: [...p.claims, claim] });

/** The records after a claim is reversed. */
export const withoutClaim =
  (claimId: string) =>
  (p: PatientFacts): PatientFacts => ({ ...p, claims: p.claims.filter((c) => c.id !== claimId) });

/** The records after a follow-up is recorded. */
export const withFollowUp =
  (f: FactsFollowUp) =>
  (p: PatientFacts): PatientFacts => ({ ...p, followUps: [...p.followUps, f] });

/** What the statistics see of a stored claim: its decision's amounts and the longest supply of its compliant lines. */
export function claimFact(
  c: {
    id: string;
    serviceDate: string;
    institutionId: string;
    category: string;
    rationalUse: boolean;
    amountFen: number;
    compliantFen: number;
    fundFen: number;
    /** the codes of every hit of its decision: a claim-level refusal takes it out of the claim figures (refused.ts) */
    hitCodes: readonly string[];
  },
  diseases: readonly string[],
  lines: readonly { daysSupply: number; compliantFen: number }[],
): FactsClaim {
  const fills = lines.filter((l) => l.compliantFen > 0).map((l) => l.daysSupply);
  return {
    id: c.id,
    serviceDate: c.serviceDate,
    institutionId: c.institutionId,
    category: c.category,
    diseases,
    rational: c.rationalUse,
    amountFen: c.amountFen,
    compliantFen: c.compliantFen,
    fundFen: c.fundFen,
    fillDays: fills.length === 0 ? null : Math.max(...fills),
    refused: refusedOutright(c.hitCodes),
  };
}
