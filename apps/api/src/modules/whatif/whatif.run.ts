/**
 * Replays a period's stored claims of some districts and tallies, per district and month, what was
 * paid against what the what-if would have paid. Each patient is replayed twice: under the
 * deployment's overrides alone (as configured: this should reproduce what was paid, and says how far
 * the stored data lets it) and with the what-if on top. Districts are replayed one after another
 * and each district's patients a batch at a time (whatif.source.ts), so memory is bounded by the
 * batch size, not by the period.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClaimInput, PatientYear, RuleSetOverride } from '@liangbing/policy';
import { institutionRefs, patientBatches, type Period } from './whatif.source';
import { combineOverrides } from './whatif.override';
import { replayPatient, type ReplayPatientData } from './whatif.replay';

/** One side of the comparison: what was paid, or what the what-if pays. */
export interface Side {
  claims: number;
  /** drug cost of the claims (the same on both sides) */
  amountFen: number;
  fundFen: number;
  /** 个人负担: what the patients paid themselves (amount − fund) */
  outOfPocketFen: number;
  /** 待遇享受人数: distinct patients with at least one claim the fund paid something on */
  beneficiaries: number;
  /** distinct patients whose annual cap was used up by a claim of the period */
  patientsReachingCap: number;
}

export interface DistrictTally {
  districtCode: string;
  /** as stored when the claims were decided */
  paid: Side;
  /** replayed under the deployment's overrides only */
  asConfigured: Side;
  /** replayed with the what-if on top */
  whatIf: Side;
  /** patients with a claim in the period */
  patients: number;
  /** claims whose fund share under the what-if differs from what was paid */
  claimsChanged: number;
  /** claims whose replay as configured does not give what was paid (the stored data lacks something the decision used) */
  claimsNotReproduced: number;
}

export interface MonthTally {
  /** YYYY-MM */
  month: string;
  paidFundFen: number;
  asConfiguredFundFen: number;
  whatIfFundFen: number;
}

export interface ReplayTotals {
  districts: DistrictTally[];
  months: MonthTally[];
  claimsReplayed: number;
  elapsedMs: number;
  /** of elapsedMs, the time spent deciding claims and tallying (the rest is reading and waiting for the database) */
  replayMs: number;
}

export interface ReplayOptions {
  /** patients per batch read from the database */
  batchSize?: number;
  /** sees every input pair before it is decided (the benchmark's in-process baseline) */
  capture?: (claim: ClaimInput, patient: PatientYear) => void;
}

export const emptySide = (): Side => ({ claims: 0, amountFen: 0, fundFen: 0, outOfPocketFen: 0, beneficiaries: 0, patientsReachingCap: 0 });

export function addSides(a: Side, b: Side): Side {
  return {
    claims: a.claims + b.claims,
    amountFen: a.amountFen + b.amountFen,
    fundFen: a.fundFen + b.fundFen,
    outOfPocketFen: a.outOfPocketFen + b.outOfPocketFen,
    beneficiaries: a.beneficiaries + b.beneficiaries,
    patientsReachingCap: a.patientsReachingCap + b.patientsReachingCap,
  };
}

const DEFAULT_BATCH = 1000;

/** One patient's replay under one set of overrides: its claims' fund shares, in order, and the patient's figures. */
interface PatientReplay {
  fund: number[];
  side: Side;
}

function replayUnder(data: ReplayPatientData, overrides: readonly RuleSetOverride[], capture: ReplayOptions['capture']): PatientReplay {
  const fund: number[] = [];
  const side = emptySide();
  let reached = false;
  replayPatient(
    data,
    overrides,
    ({ decision, reachedCap }) => {
      fund.push(decision.fundFen);
      side.claims++;
      side.amountFen += decision.amountFen;
      side.fundFen += decision.fundFen;
      side.outOfPocketFen += decision.patientFen;
      if (reachedCap) reached = true;
    },
    capture,
  );
  side.beneficiaries = fund.some((f) => f > 0) ? 1 : 0;
  side.patientsReachingCap = reached ? 1 : 0;
  return { fund, side };
}

function storedSide(data: ReplayPatientData, period: Period): Side {
  const side = emptySide();
  for (const c of data.claims) {
    side.claims++;
    side.amountFen += c.stored.amountFen;
    side.fundFen += c.stored.fundFen;
    side.outOfPocketFen += c.stored.patientFen;
    if (c.stored.fundFen > 0) side.beneficiaries = 1;
  }
  // The stored ledger records the day its cap was used up: reached within the period counts.
  for (const y of data.years.values()) if (y.storedCapReachedOn !== null && y.storedCapReachedOn >= period.from && y.storedCapReachedOn <= period.to) side.patientsReachingCap = 1;
  return side;
}

/**
 * @param base the deployment's overrides (what claims are decided under)
 * @param whatIf the what-if's overrides, applied after them
 */
export async function replayPeriod(em: EntityManager, districts: readonly string[], period: Period, base: readonly RuleSetOverride[], whatIf: readonly RuleSetOverride[], options: ReplayOptions = {}): Promise<ReplayTotals> {
  const started = performance.now();
  const institutions = await institutionRefs(em);
  const months = new Map<string, MonthTally>();
  const combined = combineOverrides(base, whatIf);
  const month = (date: string): MonthTally => {
    const key = date.slice(0, 7);
    let m = months.get(key);
    if (m === undefined) {
      m = { month: key, paidFundFen: 0, asConfiguredFundFen: 0, whatIfFundFen: 0 };
      months.set(key, m);
    }
    return m;
  };
  const tallies = new Map<string, DistrictTally>(districts.map((d) => [d, { districtCode: d, paid: emptySide(), asConfigured: emptySide(), whatIf: emptySide(), patients: 0, claimsChanged: 0, claimsNotReproduced: 0 }]));
  let replayed = 0;
  let replayMs = 0;
  for await (const { districtCode, patients } of patientBatches(em, districts, period, institutions, options.batchSize ?? DEFAULT_BATCH)) {
    const t = tallies.get(districtCode)!;
    const began = performance.now();
    for (const data of patients) {
      t.patients++;
      const configured = replayUnder(data, base, undefined);
      const changed = replayUnder(data, combined, options.capture);
      t.paid = addSides(t.paid, storedSide(data, period));
      t.asConfigured = addSides(t.asConfigured, configured.side);
      t.whatIf = addSides(t.whatIf, changed.side);
      data.claims.forEach((c, i) => {
        const m = month(c.claim.serviceDate);
        m.paidFundFen += c.stored.fundFen;
        m.asConfiguredFundFen += configured.fund[i]!;
        m.whatIfFundFen += changed.fund[i]!;
        if (changed.fund[i] !== c.stored.fundFen) t.claimsChanged++;
        if (configured.fund[i] !== c.stored.fundFen) t.claimsNotReproduced++;
      });
      replayed += data.claims.length;
    }
    replayMs += performance.now() - began;
  }
  return { districts: [...tallies.values()], months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)), claimsReplayed: replayed, elapsedMs: performance.now() - started, replayMs };
}
