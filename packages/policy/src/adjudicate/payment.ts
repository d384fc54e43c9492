/**
 * What the fund pays: the pathway's ratio, the deductible, and the annual cap that includes
 * the general-outpatient fund's payments where the rule set says so (W-3). Lines are paid in
 * order until the cap is used up; each fund share is rounded down to the fen.
 */
import { shareOf } from '../money';
import type { ParameterTypes, ResolvedParameter, ResolvedParameters } from '../params';
import type { CompiledRuleSet } from '../resolve';
import type { Disease } from '../catalogue/types';
import type { ClaimInput, Pathway, PatientYear } from '../types';
import { raise, stepFor, use, type Context } from './context';
import type { LineResults } from './lines';

export function ratioFor(ctx: Context, pathway: Pathway): ResolvedParameter<ParameterTypes['ratioDesignatedBp']> {
  const p = ctx.ruleSet.parameters;
  switch (pathway) {
    case 'designated':
      return p.ratioDesignatedBp;
    case 'referral':
      return p.ratioReferralBp;
    case 'emergency':
      return p.ratioEmergencyBp;
    case 'out_of_area':
      return p.ratioOutOfAreaBp;
    case 'extension':
      return p.ratioExtensionBp;
  }
}

export interface Payment {
  readonly ratioBp: number;
  readonly capFen: number;
  readonly capUsedBeforeFen: number;
  readonly capRemainingFen: number;
}

export function capFor(ctx: Context, certifiedDiseases: readonly Disease[]): ResolvedParameter<number | null> {
  return capParameter(ctx.ruleSet.parameters, certifiedDiseases);
}

function capParameter(p: ResolvedParameters, certifiedDiseases: readonly Disease[]): ResolvedParameter<number | null> {
  const both = certifiedDiseases.includes('hypertension') && certifiedDiseases.includes('diabetes');
  return both ? p.capBothDiseasesFen : p.capOneDiseaseFen;
}

/** What counts against the cap: the 两病 fund paid, and the general-outpatient fund's where the rule set says so (W-3 二(三) 含…普通门诊基金支付部分). */
function capUsedFen(p: ResolvedParameters, fundPaidFen: number, generalOutpatientFundFen: number): number {
  return fundPaidFen + (p.capIncludesGeneralOutpatient.value === true ? generalOutpatientFundFen : 0);
}

export interface CapStanding {
  /** the annual cap for the certified diseases; null when the deployment has not set it (G-4) */
  readonly capFen: number | null;
  readonly usedFen: number;
  /** what the fund may still pay this year; null with the cap */
  readonly remainingFen: number | null;
}

/**
 * A patient's cap, what is used of it and what is left, from the year's ledger: the arithmetic a
 * claim is paid by (pay()), for a summary of the year that must not read a stale figure off the
 * last claim. `certifiedDiseases` are those of the certification in force on the day asked about.
 */
export function capStanding(
  ruleSet: CompiledRuleSet,
  certifiedDiseases: readonly Disease[],
  fundPaidFen: number,
  generalOutpatientFundFen: number,
): CapStanding {
  const cap = capParameter(ruleSet.parameters, certifiedDiseases).value;
  const usedFen = capUsedFen(ruleSet.parameters, fundPaidFen, generalOutpatientFundFen);
  return { capFen: cap, usedFen, remainingFen: cap === null ? null : Math.max(0, cap - usedFen) };
}

/**
 * Pays the lines (each line's fundFen) at the pathway's ratio within the cap (ratioFor, capFor);
 * `payable` is false when a claim-level rule failed, and then nothing is paid.
 */
export function pay(
  ctx: Context,
  claim: ClaimInput,
  patient: PatientYear,
  lines: LineResults,
  ratio: ResolvedParameter<number | null>,
  capParam: ResolvedParameter<number | null>,
  payable: boolean,
): Payment {
  const p = ctx.ruleSet.parameters;
  const ratioBp = ratio.value ?? 0;
  const capFen = capParam.value ?? 0;
  const includesGeneral = p.capIncludesGeneralOutpatient.value === true;
  const usedBefore = capUsedFen(p, patient.fundPaidFen, patient.generalOutpatient.fundPaidFen);
  let remaining = Math.max(0, capFen - usedBefore);
  let deductibleLeft = Math.max(0, (p.deductibleFen.value ?? 0) - patient.compliantFenYtd);

  if (ctx.trace) {
    stepFor(
      ctx,
      'CAP_REACHED',
      'annual cap and what is used of it',
      `cap ${capFen} fen; used ${usedBefore} fen (两病 ${patient.fundPaidFen}${includesGeneral ? ` + general outpatient ${patient.generalOutpatient.fundPaidFen}` : ''}); left ${remaining} fen`,
      [use(capParam), use(p.capIncludesGeneralOutpatient)],
    );
    stepFor(ctx, 'CAP_REACHED', `fund ratio for the ${claim.pathway} pathway and deductible`, `${ratioBp / 100}%, deductible left ${deductibleLeft} fen`, [
      use(ratio),
      use(p.deductibleFen),
    ]);
  }

  const compliantFen = lines.compliantFen;
  for (let i = 0; i < claim.lines.length; i++) {
    const compliant = compliantFen[i]!;
    if (!payable || compliant === 0) {
      lines.fundFen[i] = 0;
      continue;
    }
    const lineNo = claim.lines[i]!.lineNo;
    const deductible = Math.min(deductibleLeft, compliant);
    deductibleLeft -= deductible;
    const share = shareOf(compliant - deductible, ratioBp);
    const paid = Math.min(share, remaining);
    if (paid < share) {
      const h = raise(ctx, 'CAP_REACHED', lineNo);
      const hits = lines.hits[i] ?? null;
      if (hits === null) lines.hits[i] = [h];
      else hits.push(h);
    }
    remaining -= paid;
    lines.fundFen[i] = paid;
    if (ctx.trace) {
      stepFor(
        ctx,
        'CAP_REACHED',
        'fund share of the line: floor((compliant − deductible) × ratio), within the cap left',
        `compliant ${compliant} fen → share ${share} fen → paid ${paid} fen`,
        [],
        lineNo,
      );
    }
  }
  return { ratioBp, capFen, capUsedBeforeFen: usedBefore, capRemainingFen: remaining };
}
