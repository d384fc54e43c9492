/**
 * What the fund pays: the pathway's ratio, the deductible, and the annual cap that includes
 * the general-outpatient fund's payments where the rule set says so (W-3). Lines are paid in
 * order until the cap is used up; each fund share is rounded down to the fen.
 */
import { shareOf } from '../money';
import type { ParameterTypes, ResolvedParameter } from '../params';
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
  const both = certifiedDiseases.includes('hypertension') && certifiedDiseases.includes('diabetes');
  return both ? ctx.ruleSet.parameters.capBothDiseasesFen : ctx.ruleSet.parameters.capOneDiseaseFen;
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
  const usedBefore = patient.fundPaidFen + (includesGeneral ? patient.generalOutpatient.fundPaidFen : 0);
  let remaining = Math.max(0, capFen - usedBefore);
  let deductibleLeft = Math.max(0, (p.deductibleFen.value ?? 0) - patient.compliantFenYtd);

  if (ctx.trace) {
    stepFor(ctx, 'CAP_REACHED', 'annual cap and what is used of it', `cap ${capFen} fen; used ${usedBefore} fen (两病 ${patient.fundPaidFen}${includesGeneral ? ` + general outpatient ${patient.generalOutpatient.fundPaidFen}` : ''}); left ${remaining} fen`, [use(capParam), use(p.capIncludesGeneralOutpatient)]);
    stepFor(ctx, 'CAP_REACHED', `fund ratio for the ${claim.pathway} pathway and deductible`, `${ratioBp / 100}%, deductible left ${deductibleLeft} fen`, [use(ratio), use(p.deductibleFen)]);
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
      stepFor(ctx, 'CAP_REACHED', 'fund share of the line: floor((compliant − deductible) × ratio), within the cap left', `compliant ${compliant} fen → share ${share} fen → paid ${paid} fen`, [], lineNo);
    }
  }
  return { ratioBp, capFen, capUsedBeforeFen: usedBefore, capRemainingFen: remaining };
}
