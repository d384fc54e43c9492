/**
 * The patient's year as of a date, decided once for every caller: the claim path (claim.service's
 * batch, from claim_context and the locked ledger), the what-if replay (from its snapshot) and, for
 * the certificate, the statistics facts. What the patient stands on (scheme, diseases, designations,
 * findings as of the date, every certificate) comes in as read; this module chooses the certificate
 * in force (certification.ts), sets the position before the claim (what the benefit paid and the
 * compliant cost so far this year, the general-outpatient position) and the dispensing the claim
 * sees (the drugs dispensed before, the fills of the last HISTORY_DAYS), and says what a decided
 * claim leaves for the next one. Plain data in and out: no clock, no I/O.
 */
import { addDays, type IsoDate } from './dates';
import { certificationOn } from './certification';
import type { Certification, ClaimInput, Decision, DispensingRecord, PatientYear } from './types';

/**
 * Days of dispensing history a claim sees: the duplicate-dispensing and early-refill rules look back
 * over the longest supply a line may carry plus the tolerance (W-4, G-5). A window, not a policy
 * number: it only has to be at least as long as anything a rule looks at.
 */
export const HISTORY_DAYS = 200;

/** The patient as read for a date, every certificate included (the one in force is chosen here). */
export type PatientStanding = Omit<PatientYear, 'certification' | 'generalOutpatient' | 'fundPaidFen' | 'compliantFenYtd' | 'priorDrugCodes' | 'history'> & {
  readonly certifications: readonly Certification[];
};

/** The year's position before a claim: what the ledger holds, plus the claims decided since it was read. */
export interface PositionBefore {
  /** what the 两病 benefit paid so far this year, fen */
  readonly fundPaidFen: number;
  /** compliant cost so far this year, fen */
  readonly compliantFenYtd: number;
  /** 普通门诊待遇 for the year */
  readonly generalOutpatient: { readonly exhausted: boolean; readonly fundPaidFen: number };
}

/** What the claim sees of earlier dispensing: every drug dispensed compliantly before, and the fills of its window. */
export interface DispensedBefore {
  readonly priorDrugCodes: readonly string[];
  /** compliant fills within the window (historySince(date) … date), oldest first */
  readonly history: readonly DispensingRecord[];
}

/** The first day of the dispensing a claim on `date` sees. */
export function historySince(date: IsoDate): IsoDate {
  return addDays(date, -HISTORY_DAYS);
}

/** The fills of `history` a claim on `date` sees: from historySince(date) up to the date itself. */
export function historyWindow(history: readonly DispensingRecord[], date: IsoDate): DispensingRecord[] {
  const from = historySince(date);
  return history.filter((h) => h.date >= from && h.date <= date);
}

/** The patient's year a claim on `date` is decided against. */
export function patientYearAsOf(date: IsoDate, standing: PatientStanding, position: PositionBefore, dispensed: DispensedBefore): PatientYear {
  return {
    scheme: standing.scheme,
    districtCode: standing.districtCode,
    diseases: standing.diseases,
    certification: certificationOn(standing.certifications, date),
    designations: standing.designations,
    chronicProgrammeDiseases: standing.chronicProgrammeDiseases,
    longTermResidenceElsewhere: standing.longTermResidenceElsewhere,
    generalOutpatient: position.generalOutpatient,
    fundPaidFen: position.fundPaidFen,
    compliantFenYtd: position.compliantFenYtd,
    findings: standing.findings,
    priorDrugCodes: dispensed.priorDrugCodes,
    history: dispensed.history,
  };
}

/** The position after a decided claim: what it paid and the compliant cost it adds. */
export function positionAfter(position: PositionBefore, decision: Pick<Decision, 'fundFen' | 'compliantFen'>): PositionBefore {
  return {
    fundPaidFen: position.fundPaidFen + decision.fundFen,
    compliantFenYtd: position.compliantFenYtd + decision.compliantFen,
    generalOutpatient: position.generalOutpatient,
  };
}

/** A paid claim that leaves nothing of the cap: the day the year reaches its cap (the ledger's cap_reached_on). */
export function reachesCap(decision: Pick<Decision, 'fundFen' | 'capRemainingFen'>): boolean {
  return decision.fundFen > 0 && decision.capRemainingFen === 0;
}

/** The fills a decided claim leaves for the claims after it: its compliant lines, in line order. */
export function fillsOf(claim: Pick<ClaimInput, 'serviceDate' | 'institution' | 'lines'>, decision: Pick<Decision, 'lines'>): DispensingRecord[] {
  const out: DispensingRecord[] = [];
  for (let i = 0; i < decision.lines.length; i++) {
    const l = decision.lines[i]!;
    if (l.compliantFen <= 0) continue;
    out.push({ date: claim.serviceDate, drugCode: l.drugCode, daysSupply: claim.lines[i]!.daysSupply, institutionId: claim.institution.id });
  }
  return out;
}
