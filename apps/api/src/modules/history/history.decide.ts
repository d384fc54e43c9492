/**
 * The policy core's re-decision of an imported claim, on the input the claim path builds
 * (claims/claim.input.ts: the claim from the request, the patient's year as of the claim's own date
 * from claim_context, the ledger locked for the chunk plus the chunk's earlier claims, and the
 * institution as it stood on the date), and the settled claim as stored: the core's judgement
 * (outcome, category, hits, compliant amounts) with the old system's fund and patient amounts,
 * which is what was paid.
 */
import { adjudicate, type ClaimInput, type Decision, type DispensingRecord, type PatientYear, type RuleSetOverride } from '@liangbing/policy';
import type { PatientContext } from '../claims/claim-batch.repository';

/** A patient's dispensing as the chunk's claims add to it (claim.input's DispensedSoFar, grown claim by claim). */
export interface DispensingState {
  history: DispensingRecord[];
  prior: Map<string, string>;
}

export function stateOf(ctx: PatientContext): DispensingState {
  return { history: [...ctx.history], prior: new Map(ctx.priorDrugs.map((d) => [d.drugCode, d.first])) };
}

export function redecide(claim: ClaimInput, patient: PatientYear, overrides: readonly RuleSetOverride[]): Decision {
  return adjudicate(claim, patient, { trace: false, overrides });
}

/**
 * The old system's fund amount shared over the lines: in proportion to each line's amount, rounded
 * down to the fen, the fen left over given to the lines in order (never more than a line's amount).
 */
export function shareFund(fundFen: number, amounts: readonly number[]): number[] {
  const total = amounts.reduce((s, a) => s + a, 0);
  if (total === 0) return amounts.map(() => 0);
  const out = amounts.map((a) => Math.floor((fundFen * a) / total));
  let left = fundFen - out.reduce((s, a) => s + a, 0);
  for (let i = 0; i < out.length && left > 0; i++) {
    const room = Math.min(left, amounts[i]! - out[i]!);
    out[i]! += room;
    left -= room;
  }
  return out;
}

/** The decision as stored for a settled claim: the core's judgement with the old system's amounts (and the cap left after them). */
export function settledDecision(core: Decision, fundFen: number): Decision {
  const shares = shareFund(
    fundFen,
    core.lines.map((l) => l.amountFen),
  );
  return {
    ...core,
    fundFen,
    patientFen: core.amountFen - fundFen,
    capRemainingFen: Math.max(0, core.capFen - core.capUsedBeforeFen - fundFen),
    lines: core.lines.map((l, i) => ({ ...l, fundFen: shares[i]!, patientFen: l.amountFen - shares[i]! })),
    trace: null,
  };
}
