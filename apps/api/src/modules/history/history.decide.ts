/**
 * The policy core's re-decision of an imported claim, on the same input the claim path builds
 * (claims/claim.service.ts decideBatch: the patient's year as of the claim's own date from
 * claim_context, the ledger locked for the chunk plus the chunk's earlier claims, and the
 * institution as it stood on the date), and the settled claim as stored: the core's judgement
 * (outcome, category, hits, compliant amounts) with the old system's fund and patient amounts,
 * which is what was paid.
 */
import {
  addDays,
  adjudicate,
  certificationOn,
  type ClaimInput,
  type Decision,
  type DispensingRecord,
  type InstitutionRef,
  type PatientYear,
  type RuleSetOverride,
} from '@liangbing/policy';
import type { PatientContext } from '../claims/claim-batch.repository';
import { HISTORY_DAYS } from '../claims/patient-year.repository';
import { findingsOn } from '../clinical/in-force';
import { residesElsewhereOn, schemeOn } from '../patients/patient-life.dates';
import type { ClaimRow } from './history.rows';

/** A patient's dispensing as the chunk's claims add to it (claim.service's PatientState). */
export interface DispensingState {
  history: DispensingRecord[];
  prior: Map<string, string>;
}

export function stateOf(ctx: PatientContext): DispensingState {
  return { history: [...ctx.history], prior: new Map(ctx.priorDrugs.map((d) => [d.drugCode, d.first])) };
}

export interface LedgerPosition {
  fundPaidFen: number;
  compliantFen: number;
  generalOutpatientFundFen: number;
  generalOutpatientExhausted: boolean;
}

/** The patient's year as of the claim's date: what the claim path's patientYear gives. */
export function patientYearOf(ctx: PatientContext, districtCode: string, date: string, ledger: LedgerPosition, s: DispensingState): PatientYear {
  const from = addDays(date, -HISTORY_DAYS);
  return {
    scheme: schemeOn(ctx.scheme, ctx.schemes, date) as PatientYear['scheme'],
    districtCode,
    diseases: ctx.diseases,
    certification: certificationOn(ctx.certifications, date),
    designations: ctx.designations,
    chronicProgrammeDiseases: ctx.chronicProgrammeDiseases,
    longTermResidenceElsewhere: residesElsewhereOn(ctx.longTermResidenceElsewhere, ctx.residences, date),
    generalOutpatient: { exhausted: ledger.generalOutpatientExhausted, fundPaidFen: ledger.generalOutpatientFundFen },
    fundPaidFen: ledger.fundPaidFen,
    compliantFenYtd: ledger.compliantFen,
    findings: findingsOn(ctx.findings, date),
    priorDrugCodes: [...s.prior].filter(([, first]) => first <= date).map(([drug]) => drug),
    history: s.history.filter((h) => h.date >= from && h.date <= date),
  };
}

/** The policy core's claim from the imported row (claim.service's toClaimInput; no source prescription: the format carries none). */
export function claimInputOf(
  row: ClaimRow,
  cityCode: string,
  institution: InstitutionRef,
  referral: { fromInstitutionId: string; issuedOn: string } | null,
): ClaimInput {
  return {
    serviceDate: row.serviceDate,
    cityCode,
    institution,
    pathway: row.pathway,
    referral,
    sourcePrescription: null,
    conditionStable: row.conditionStable,
    lines: row.lines.map((l, i) => ({
      lineNo: i + 1,
      drugCode: l.drugCode,
      form: l.form,
      quantity: l.quantity,
      daysSupply: l.daysSupply,
      amountFen: l.amountFen,
    })),
  };
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
