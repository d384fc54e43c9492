/**
 * The what-if's arithmetic over one district's snapshot (whatif.snapshot.ts): what was paid as
 * stored, and a side replayed under a set of overrides, each tallied in total and by month. Each
 * patient is replayed in memory by whatif.replay.ts; nothing here reads or writes the database.
 */
import type { ClaimInput, PatientYear, RuleSetOverride } from '@liangbing/policy';
import { replayPatient, type ReplayPatientData } from './whatif.replay';
import type { Period } from './whatif.source';

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

/** Sees every input pair before it is decided (the benchmark's in-process baseline). */
export type Capture = (claim: ClaimInput, patient: PatientYear) => void;

export const emptySide = (): Side => ({ claims: 0, amountFen: 0, fundFen: 0, outOfPocketFen: 0, beneficiaries: 0, patientsReachingCap: 0 });

/** Adds a side's figures into a running total in place: a district adds up to a few hundred thousand patients. */
function addInto(total: Side, s: Side): void {
  total.claims += s.claims;
  total.amountFen += s.amountFen;
  total.fundFen += s.fundFen;
  total.outOfPocketFen += s.outOfPocketFen;
  total.beneficiaries += s.beneficiaries;
  total.patientsReachingCap += s.patientsReachingCap;
}

export function addSides(a: Side, b: Side): Side {
  const sum = { ...a };
  addInto(sum, b);
  return sum;
}

/** One patient's replay under one set of overrides: its claims' fund shares, in order, and the patient's figures. */
interface PatientReplay {
  fund: number[];
  side: Side;
}

function replayUnder(data: ReplayPatientData, overrides: readonly RuleSetOverride[], capture: Capture | undefined): PatientReplay {
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
  for (const y of data.years.values())
    if (y.storedCapReachedOn !== null && y.storedCapReachedOn >= period.from && y.storedCapReachedOn <= period.to) side.patientsReachingCap = 1;
  return side;
}

/** A side's figures in total and by month, and how many claims differ from what was paid. */
export interface SideTally {
  side: Side;
  /** fund by YYYY-MM */
  byMonth: Map<string, number>;
  /** claims whose fund share is not the stored one (0 for the stored side itself) */
  differing: number;
}

/** What was paid, as stored. Computed once per snapshot. */
export function paidOf(patients: readonly ReplayPatientData[], period: Period): SideTally {
  const side = emptySide();
  const byMonth = new Map<string, number>();
  for (const data of patients) {
    addInto(side, storedSide(data, period));
    for (const c of data.claims) byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + c.stored.fundFen);
  }
  return { side, byMonth, differing: 0 };
}

/** Every patient of a snapshot replayed under one set of overrides, in memory. */
export function replaySide(patients: readonly ReplayPatientData[], overrides: readonly RuleSetOverride[], capture?: Capture): SideTally {
  const side = emptySide();
  const byMonth = new Map<string, number>();
  let differing = 0;
  for (const data of patients) {
    const r = replayUnder(data, overrides, capture);
    addInto(side, r.side);
    const claims = data.claims;
    for (let i = 0; i < claims.length; i++) {
      const c = claims[i]!;
      const fund = r.fund[i]!;
      byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + fund);
      if (fund !== c.stored.fundFen) differing++;
    }
  }
  return { side, byMonth, differing };
}

/** The three sides of a district as one tally and its months. */
export function tallyOf(
  districtCode: string,
  patients: number,
  paid: SideTally,
  asConfigured: SideTally,
  whatIf: SideTally,
): { tally: DistrictTally; months: MonthTally[] } {
  const keys = new Set([...paid.byMonth.keys(), ...asConfigured.byMonth.keys(), ...whatIf.byMonth.keys()]);
  const months = [...keys].sort().map((month) => ({
    month,
    paidFundFen: paid.byMonth.get(month) ?? 0,
    asConfiguredFundFen: asConfigured.byMonth.get(month) ?? 0,
    whatIfFundFen: whatIf.byMonth.get(month) ?? 0,
  }));
  return {
    tally: {
      districtCode,
      paid: paid.side,
      asConfigured: asConfigured.side,
      whatIf: whatIf.side,
      patients,
      claimsChanged: whatIf.differing,
      claimsNotReproduced: asConfigured.differing,
    },
    months,
  };
}

/** Districts' months added together, in month order. */
export function mergeMonths(lists: readonly (readonly MonthTally[])[]): MonthTally[] {
  const months = new Map<string, MonthTally>();
  for (const list of lists) {
    for (const m of list) {
      const t = months.get(m.month);
      if (t === undefined) months.set(m.month, { ...m });
      else {
        t.paidFundFen += m.paidFundFen;
        t.asConfiguredFundFen += m.asConfiguredFundFen;
        t.whatIfFundFen += m.whatIfFundFen;
      }
    }
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}
