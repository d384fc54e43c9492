/**
 * Claim-level rules: who is covered (W-1, G-1, G-3), the general-outpatient-first rule (W-3)
 * and the service rules of each pathway (W-4, W-6, W-7, G-5). Each failed rule raises its hit;
 * every rule runs, so a claim reports all its problems at once.
 */
import { certificateInForce } from '../certification';
import { addMonths, type IsoDate } from '../dates';
import type { ClaimInput, Designation, InstitutionLevel, PatientYear } from '../types';
import { isPrimaryLevel } from '../types';
import { raise, step, stepFor, use, type Context } from './context';

export function activeDesignation(patient: PatientYear, date: IsoDate): Designation | null {
  for (const d of patient.designations) {
    if (d.from <= date && (d.to === null || d.to >= date)) return d;
  }
  return null;
}

export function checkEligibility(ctx: Context, claim: ClaimInput, patient: PatientYear): void {
  const date = claim.serviceDate;
  if (patient.scheme !== 'resident') raise(ctx, 'SCHEME_NOT_RESIDENT', null);
  stepFor(ctx, 'SCHEME_NOT_RESIDENT', 'insurance scheme is the residents’ scheme (居民医保)', patient.scheme);

  const cert = patient.certification;
  const certified = certificateInForce(cert, date);
  if (!certified) raise(ctx, 'NOT_CERTIFIED', null);
  if (ctx.trace)
    stepFor(
      ctx,
      'NOT_CERTIFIED',
      'certified for the benefit on the service date',
      certified ? `certified ${cert?.certifiedOn} for ${cert?.diseases.join(', ')}` : 'not certified',
    );

  const p = ctx.ruleSet.parameters;
  if (p.generalOutpatientFirst.value === true && !patient.generalOutpatient.exhausted) raise(ctx, 'GENERAL_OUTPATIENT_NOT_EXHAUSTED', null);
  if (ctx.trace) {
    stepFor(
      ctx,
      'GENERAL_OUTPATIENT_NOT_EXHAUSTED',
      'general-outpatient benefit used up first',
      patient.generalOutpatient.exhausted ? 'used up' : 'not used up',
      [use(p.generalOutpatientFirst)],
    );
  }
}

export function checkPathway(ctx: Context, claim: ClaimInput, patient: PatientYear): void {
  const def = ctx.ruleSet.definition;
  const inst = claim.institution;
  const provided = def.pathways[claim.pathway];
  if (provided === undefined) {
    raise(ctx, 'PATHWAY_NOT_AVAILABLE', null);
    if (ctx.trace) step(ctx, '—', '—', `pathway ${claim.pathway} is provided by this rule set`, 'not provided');
    return;
  }
  if (ctx.trace) step(ctx, '—', provided.section, `pathway ${claim.pathway} is provided by this rule set`, provided.note ?? 'provided');
  if (!inst.insuranceDesignated) raise(ctx, 'INSTITUTION_NOT_INSURANCE_DESIGNATED', null);
  if (claim.pathway !== 'out_of_area' && claim.pathway !== 'emergency' && inst.cityCode !== claim.cityCode) raise(ctx, 'INSTITUTION_OUT_OF_CITY', null);

  switch (claim.pathway) {
    case 'designated':
      return ctx.ruleSet.parameters.designatedInstitutionRequired.value === true ? checkAtDesignated(ctx, claim, patient) : checkAuthorised(ctx, claim);
    case 'referral':
      return checkReferral(ctx, claim, patient);
    case 'emergency': {
      const d = activeDesignation(patient, claim.serviceDate);
      if (d === null) raise(ctx, 'NOT_DESIGNATED_INSTITUTION', null);
      // Reimbursed afterwards by 约定的基层机构 (三(三)): a designated hospital's level comes with the designation.
      else if (d.institutionLevel !== undefined) checkDesignatedIsPrimary(ctx, d, claim);
      if (ctx.trace) step(ctx, 'W-6', '三(三)', 'emergency claim reimbursed afterwards by the designated primary institution', 'checked');
      return;
    }
    case 'out_of_area':
      if (!patient.longTermResidenceElsewhere) raise(ctx, 'OUT_OF_AREA_NOT_REGISTERED', null);
      if (inst.level === 'level3_hospital' || !inst.networkedOutOfArea) raise(ctx, 'OUT_OF_AREA_LEVEL', null);
      if (ctx.trace)
        step(
          ctx,
          'W-7',
          '三(四)',
          'out of area: registered long-term resident elsewhere, networked institution of level 2 or below',
          `${inst.level}, networked: ${inst.networkedOutOfArea}`,
        );
      return;
    case 'extension':
      return checkExtension(ctx, claim);
  }
}

/**
 * The level of the designated institution: given with the designation, or the claim's institution
 * when the claim is made there; null when not known (a claim elsewhere in the consortium without it).
 */
function designatedLevel(d: Designation, claim: ClaimInput): InstitutionLevel | null {
  if (d.institutionLevel !== undefined) return d.institutionLevel;
  return d.institutionId === claim.institution.id ? claim.institution.level : null;
}

/**
 * W-4 (三(一)): 门诊用药实行基层医疗卫生服务机构定点管理 — the designated institution is a primary
 * one; 未按服务管理的要求发生的相关医疗费用，居民医保基金不予支付 — so under a designation of a
 * hospital nothing is paid (no other rate applies: the 60 % is for 定点的基层机构, the 50 % for a
 * referral by it, 二(三)).
 */
function checkDesignatedIsPrimary(ctx: Context, d: Designation | null, claim: ClaimInput): void {
  if (d === null) return;
  const level = designatedLevel(d, claim);
  if (level !== null && !isPrimaryLevel(level)) raise(ctx, 'DESIGNATED_NOT_PRIMARY', null);
  if (ctx.trace)
    step(
      ctx,
      'W-4',
      '三(一)',
      'the designated institution is a primary institution (基层医疗卫生服务机构)',
      level === null ? `level of ${d.institutionId} not given` : `${d.institutionId}: ${level}`,
    );
}

/** W-4: at the designated primary institution, or in its consortium under joint designation. */
function checkAtDesignated(ctx: Context, claim: ClaimInput, patient: PatientYear): void {
  const d = activeDesignation(patient, claim.serviceDate);
  const inst = claim.institution;
  const atDesignated = d !== null && (d.institutionId === inst.id || (d.consortiumId !== null && d.consortiumId === inst.consortiumId));
  if (!atDesignated) raise(ctx, 'NOT_DESIGNATED_INSTITUTION', null);
  checkDesignatedIsPrimary(ctx, d, claim);
  if (ctx.trace) {
    step(
      ctx,
      'W-4',
      '三(一)',
      'dispensed at the designated primary institution or within its consortium',
      d === null
        ? 'no designation on the service date'
        : atDesignated
          ? `designated ${d.institutionId}`
          : `designated ${d.institutionId}, dispensed at ${inst.id}`,
      [use(ctx.ruleSet.parameters.designatedInstitutionRequired)],
    );
  }
}

/** G-5: an institution authorised to treat 两病 (others dispense only by extension prescription). */
function checkAuthorised(ctx: Context, claim: ClaimInput): void {
  const inst = claim.institution;
  if (!inst.canTreatTwoDiseases) raise(ctx, 'INSTITUTION_NOT_AUTHORISED', null);
  if (ctx.trace) step(ctx, 'G-5', '五(二)4', 'institution authorised to treat 两病', inst.canTreatTwoDiseases ? 'authorised' : 'not authorised');
}

function checkReferral(ctx: Context, claim: ClaimInput, patient: PatientYear): void {
  const ref = claim.referral;
  const wuxiStyle = ctx.ruleSet.parameters.designatedInstitutionRequired.value === true;
  if (ref === null) {
    raise(ctx, 'REFERRAL_MISSING', null);
  } else {
    if (ref.issuedOn > claim.serviceDate) raise(ctx, 'REFERRAL_AFTER_SERVICE', null);
    if (wuxiStyle) {
      const d = activeDesignation(patient, ref.issuedOn);
      if (d === null || d.institutionId !== ref.fromInstitutionId) raise(ctx, 'REFERRAL_NOT_FROM_DESIGNATED', null);
      // 经定点的基层机构转诊 (二(三)): a referral by a designated hospital is not one; its level comes with the designation.
      else if (d.institutionLevel !== undefined) checkDesignatedIsPrimary(ctx, d, claim);
    }
  }
  if (!wuxiStyle && isPrimaryLevel(claim.institution.level)) raise(ctx, 'REFERRAL_TARGET_LEVEL', null);
  if (ctx.trace) {
    step(
      ctx,
      wuxiStyle ? 'W-6' : 'G-5',
      wuxiStyle ? '三(三)' : '五(二)4',
      'referral issued by the designated primary institution',
      ref === null ? 'no referral' : `from ${ref.fromInstitutionId} on ${ref.issuedOn}`,
    );
  }
}

/** G-5: 延伸处方 — a stable patient, a level-2+ prescription issued within six months. */
function checkExtension(ctx: Context, claim: ClaimInput): void {
  const inst = claim.institution;
  const src = claim.sourcePrescription;
  const months = ctx.ruleSet.parameters.extensionPrescriptionValidMonths;
  if (!isPrimaryLevel(inst.level)) raise(ctx, 'EXTENSION_NOT_PRIMARY', null);
  if (!claim.conditionStable) raise(ctx, 'EXTENSION_UNSTABLE', null);
  if (src === null) {
    raise(ctx, 'EXTENSION_NO_SOURCE', null);
  } else {
    if (isPrimaryLevel(src.institutionLevel)) raise(ctx, 'EXTENSION_SOURCE_LEVEL', null);
    if (src.issuedOn > claim.serviceDate) raise(ctx, 'EXTENSION_SOURCE_FUTURE', null);
    else if (months.value !== null && addMonths(src.issuedOn, months.value) < claim.serviceDate) raise(ctx, 'EXTENSION_SOURCE_EXPIRED', null);
  }
  if (ctx.trace) {
    step(
      ctx,
      'G-5',
      '五(二)4',
      'extension prescription: stable patient, level-2+ prescription issued within the validity period',
      src === null
        ? 'no source prescription'
        : `issued ${src.issuedOn} at ${src.institutionLevel}; valid through ${months.value === null ? '—' : addMonths(src.issuedOn, months.value)}`,
      [use(months)],
    );
  }
}
