/**
 * Line-level rules: the catalogue (W-2, G-6), the disease certified, the chronic-programme
 * exclusion (W-11), village scope (G-6), catalogue restrictions, the extension prescription's
 * drugs (G-5), duplicate dispensing and over-quantity (G-9, W-9), the long-prescription limit
 * (W-9, G-7) and irrational combinations. The result for each line is its compliant amount.
 */
import { componentsOf, DRUG_FACTS, formOf, type CatalogueEntry, type RaasClass } from '../catalogue/compile';
import type { RestrictionCondition } from '../catalogue/types';
import { toDay } from '../dates';
import { proRata } from '../money';
import type { ClaimInput, PatientYear, RuleHit } from '../types';
import { isVillageLevel } from '../types';
import type { HitCode } from '../hits';
import { standardFor } from '../payment-standards/compile';
import { raise, stepFor, use, type Context } from './context';

/**
 * The results for the lines of the claim being decided, by line index: the compliant amount, what
 * the fund pays (set by pay()) and the hits (null while there are none). One set of arrays is reused
 * for every claim (see the scratch space below); entries past the claim's line count are stale.
 */
export interface LineResults {
  readonly compliantFen: number[];
  readonly fundFen: number[];
  /** the part of the line above its payment standard (W 四(一)), the patient's own; 0 without one */
  readonly overStandardFen: number[];
  readonly hits: (RuleHit[] | null)[];
}

/**
 * Scratch space for the fills on hand, reused by every call: adjudication is synchronous and never
 * re-entered, so one claim's entries are dead before the next claim writes over them.
 */
const onHandDays: number[] = [];
const onHandSubstances: (readonly number[])[] = [];
const lineSubstancesScratch: (readonly number[])[] = [];
const results: LineResults = { compliantFen: [], fundFen: [], overStandardFen: [], hits: [] };

/** `day` is the service date's day number (toDay). */
export function checkLines(ctx: Context, claim: ClaimInput, patient: PatientYear, certifiedDiseases: readonly string[], day: number): LineResults {
  const p = ctx.ruleSet.parameters;
  const maxDays = p.longPrescriptionMaxDays.value;
  const tolerance = p.earlyRefillToleranceDays.value ?? 0;
  const excludeChronic = p.chronicProgrammeMembersExcluded.value === true;
  const standards = ctx.ruleSet.paymentStandards;
  const standardRule = ctx.ruleSet.definition.paymentStandard.applies;
  const village = ctx.ruleSet.definition.villageScope && isVillageLevel(claim.institution.level);
  // G-5's line check only where the rule set provides extension prescriptions (Wuxi rejects the pathway itself).
  const extension = claim.pathway === 'extension' && ctx.ruleSet.definition.pathways.extension !== undefined;
  // Each earlier fill once for all lines: those whose supply is still on hand on the service date
  // (their substances and days left, into the module's scratch arrays: most of the history has run
  // out, and nothing is allocated per claim), and the renin–angiotensin class already taken: that of
  // the first fill, in the history's order, whose supply lasts beyond the date.
  const history = patient.history;
  const left = onHandDays;
  const substances = onHandSubstances;
  let onHand = 0;
  let raasSeen: RaasClass = null;
  for (let k = 0; k < history.length; k++) {
    const h = history[k]!;
    const start = toDay(h.date);
    const lastsPast = start + h.daysSupply - day;
    // A fill whose supply ran out before the date matters to neither check.
    if (lastsPast <= 0) continue;
    const facts = DRUG_FACTS.get(h.drugCode);
    if (raasSeen === null && facts !== undefined && facts.raas !== null) raasSeen = facts.raas;
    // A fill dated after the service date leaves nothing on hand on it.
    if (start > day) continue;
    left[onHand] = lastsPast;
    substances[onHand] = facts?.components ?? componentsOf(h.drugCode);
    onHand++;
  }
  let raasConflict = false;
  const lines = claim.lines;
  // The substances of each line, for a second line of the same substance (only a claim of several lines needs them).
  const lineSubstances = lines.length > 1 ? lineSubstancesScratch : null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = line.lineNo;
    let lineHits: RuleHit[] | null = null;
    let rejected = false;
    const entry = ctx.ruleSet.catalogue.entries.get(line.drugCode);
    // A catalogue entry carries the reference table's facts of its drug.
    const known = entry === undefined ? DRUG_FACTS.get(line.drugCode) : entry.facts;
    const mine = known?.components ?? componentsOf(line.drugCode);
    if (lineSubstances !== null) lineSubstances[i] = mine;

    if (entry === undefined) {
      lineHits = add(ctx, lineHits, 'DRUG_NOT_IN_CATALOGUE', n);
      rejected = true;
    } else {
      const form = formOf(entry, line.form);
      if (form === null) {
        lineHits = add(ctx, lineHits, 'FORM_NOT_IN_CATALOGUE', n);
        rejected = true;
      } else if (village && !form.villageLevel) {
        lineHits = add(ctx, lineHits, 'VILLAGE_SCOPE', n);
        rejected = true;
      }
      if (certifiedDiseases.length > 0 && !certifiedDiseases.includes(entry.disease)) {
        lineHits = add(ctx, lineHits, 'DISEASE_NOT_CERTIFIED', n);
        rejected = true;
      }
      if (excludeChronic && patient.chronicProgrammeDiseases.includes(entry.disease)) {
        lineHits = add(ctx, lineHits, 'COVERED_BY_CHRONIC_PROGRAMME', n);
        rejected = true;
      }
      if (entry.restriction !== null && !restrictionMet(entry, claim, patient, i)) {
        lineHits = add(ctx, lineHits, 'RESTRICTION_NOT_MET', n);
        rejected = true;
      }
      if (ctx.trace) {
        stepFor(
          ctx,
          'DRUG_NOT_IN_CATALOGUE',
          `${entry.drug.nameZh} (${entry.drug.atc}) ${line.form} in the catalogue`,
          `${entry.citation.document} ${entry.citation.section}${entry.citation.note ? `: ${entry.citation.note}` : ''}`,
          [],
          n,
        );
        if (entry.restriction !== null)
          stepFor(
            ctx,
            'RESTRICTION_NOT_MET',
            `restriction “${entry.restriction.text}”`,
            lineHits?.some((h) => h.code === 'RESTRICTION_NOT_MET') === true ? 'not met' : 'met',
            [],
            n,
          );
      }
    }
    if (extension && claim.sourcePrescription !== null && !claim.sourcePrescription.drugCodes.includes(line.drugCode)) {
      lineHits = add(ctx, lineHits, 'EXTENSION_DRUG_NOT_PRESCRIBED', n);
      rejected = true;
    }

    // Days of supply of the same substance still on hand: from earlier fills, and from earlier lines
    // of this claim (a second line of the same substance overlaps its whole supply). The tolerance is
    // for an early refill on a later visit; a second line in one claim is never that, however short.
    let overlap = 0;
    for (let k = 0; k < onHand; k++) {
      const days = left[k]!;
      if (days > overlap && sharesComponent(mine, substances[k]!)) overlap = days;
    }
    let sameInClaim = false;
    for (let j = 0; j < i; j++) {
      if (sharesComponent(mine, lineSubstances![j]!)) {
        sameInClaim = true;
        if (lines[j]!.daysSupply > overlap) overlap = lines[j]!.daysSupply;
      }
    }
    if (overlap > tolerance || sameInClaim) {
      lineHits = add(ctx, lineHits, 'DUPLICATE_DISPENSING', n);
      rejected = true;
    }
    if (ctx.trace)
      stepFor(
        ctx,
        'DUPLICATE_DISPENSING',
        'supply of the same substance still on hand, days',
        overlap <= 0 ? 'none' : `${overlap} days`,
        [use(p.earlyRefillToleranceDays)],
        n,
      );

    // The payment standard (W 四(一)): the fund's share is reckoned on min(submitted, standard × quantity);
    // the excess is the patient's. A drug without a standard in force is paid on its submitted price (目前暂按现有支付标准执行).
    let overStandard = 0;
    let base = line.amountFen;
    if (standards !== null && !rejected) {
      const match = standardFor(standards, line.drugCode, line.form, line.strength);
      if (match.kind === 'matched') {
        const limit = match.entry.unitPriceFen * line.quantity;
        if (line.amountFen > limit) {
          overStandard = line.amountFen - limit;
          base = limit;
          lineHits = add(ctx, lineHits, 'OVER_PAYMENT_STANDARD', n);
        }
        if (ctx.trace)
          stepFor(
            ctx,
            'OVER_PAYMENT_STANDARD',
            `payment standard ${match.entry.strength} of ${standards.id}${standards.changedBy === null ? '' : ` changed by ${standards.changedBy}`}`,
            `${match.entry.unitPriceFen} fen × ${line.quantity} units = ${limit} fen; submitted ${line.amountFen} fen; over ${overStandard} fen`,
            [],
            n,
          );
      } else if (ctx.trace) {
        stepFor(
          ctx,
          'OVER_PAYMENT_STANDARD',
          `payment standard of ${standards.id}`,
          standardMiss(match.kind, match.kind === 'none' ? [] : match.strengths),
          [],
          n,
        );
      }
    } else if (standardRule && !rejected && ctx.trace) {
      stepFor(ctx, 'OVER_PAYMENT_STANDARD', 'payment standard in force', 'none: paid on the submitted price', [], n);
    }

    // Long prescriptions and over-quantity reduce the line to its compliant share rather than reject it.
    let compliant = rejected ? 0 : base;
    if (maxDays !== null && line.daysSupply > maxDays) {
      lineHits = add(ctx, lineHits, 'LONG_PRESCRIPTION_EXCEEDED', n);
      compliant = proRata(compliant, maxDays, line.daysSupply);
    }
    if (ctx.trace)
      stepFor(
        ctx,
        'LONG_PRESCRIPTION_EXCEEDED',
        'days of supply within the long-prescription limit',
        `${line.daysSupply} days`,
        [use(p.longPrescriptionMaxDays)],
        n,
      );
    if (known !== undefined) {
      const allowedUnits = Math.floor(known.maxUnitsPerDay * line.daysSupply + 1e-9);
      if (line.quantity > allowedUnits) {
        lineHits = add(ctx, lineHits, 'OVER_QUANTITY', n);
        compliant = proRata(compliant, allowedUnits, line.quantity);
      }
      if (ctx.trace)
        stepFor(
          ctx,
          'OVER_QUANTITY',
          `quantity within ${known.maxUnitsPerDay} units a day × ${line.daysSupply} days = ${allowedUnits}`,
          `${line.quantity} units`,
          [],
          n,
        );
    }

    const raas = entry === undefined ? null : (known?.raas ?? null);
    if (raas !== null) {
      if (raasSeen !== null && raasSeen !== raas && !raasConflict) {
        lineHits = add(ctx, lineHits, 'IRRATIONAL_COMBINATION', n);
        raasConflict = true;
      }
      raasSeen ??= raas;
    }

    results.compliantFen[i] = compliant;
    results.fundFen[i] = 0;
    results.overStandardFen[i] = overStandard;
    results.hits[i] = lineHits;
  }
  return results;
}

/** The trace's result for a line the standard in force does not price. */
function standardMiss(kind: 'none' | 'other_strength' | 'ambiguous', strengths: readonly string[]): string {
  if (kind === 'none') return 'none for this drug and form: paid on the submitted price';
  if (kind === 'other_strength') return `none for this strength (standards for ${strengths.join(', ')}): paid on the submitted price`;
  return `strength not given, several standards (${strengths.join(', ')}): paid on the submitted price`;
}

/** Raises a line's hit; a module function rather than a closure per line, which the hot path cannot afford. */
function add(ctx: Context, lineHits: RuleHit[] | null, code: HitCode, lineNo: number): RuleHit[] {
  const h = raise(ctx, code, lineNo);
  if (lineHits === null) return [h];
  lineHits.push(h);
  return lineHits;
}

function sharesComponent(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) for (const y of b) if (x === y) return true;
  return false;
}

function restrictionMet(entry: CatalogueEntry, claim: ClaimInput, patient: PatientYear, index: number): boolean {
  const restriction = entry.restriction;
  if (restriction === null) return true;
  return restriction.anyOf.some((all) => all.every((c) => conditionMet(c, entry, claim, patient, index)));
}

function conditionMet(c: RestrictionCondition, entry: CatalogueEntry, claim: ClaimInput, patient: PatientYear, index: number): boolean {
  switch (c.kind) {
    case 'diabetes_type':
      return patient.diseases.some((d) => d.disease === 'diabetes' && d.diabetesType === c.type);
    case 'finding':
      return patient.findings.includes(c.finding);
    case 'at_first_fill':
      return patient.priorDrugCodes.includes(entry.drugCode) || patient.findings.includes(c.finding);
    case 'second_line':
      return patient.findings.includes('first_line_contraindicated') || hasFirstLine(entry, claim, patient, index);
  }
}

/** 限二线用药: a first-line drug for the same disease was dispensed before, or is on another line of this claim. */
function hasFirstLine(entry: CatalogueEntry, claim: ClaimInput, patient: PatientYear, index: number): boolean {
  const isFirstLine = (code: string) => {
    if (code === entry.drugCode) return false;
    const d = DRUG_FACTS.get(code)?.drug;
    return d !== undefined && d.firstLine === true && d.disease === entry.disease;
  };
  if (patient.priorDrugCodes.some(isFirstLine)) return true;
  return claim.lines.some((l, j) => j !== index && isFirstLine(l.drugCode));
}
