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
import type { ClaimInput, ClaimLineInput, PatientYear, RuleHit } from '../types';
import { isVillageLevel } from '../types';
import { raise, stepFor, use, type Context } from './context';

export interface LineResult {
  readonly line: ClaimLineInput;
  readonly entry: CatalogueEntry | undefined;
  compliantFen: number;
  readonly hits: RuleHit[];
}

export function checkLines(ctx: Context, claim: ClaimInput, patient: PatientYear, certifiedDiseases: readonly string[]): LineResult[] {
  const results: LineResult[] = [];
  const p = ctx.ruleSet.parameters;
  const day = toDay(claim.serviceDate);
  const maxDays = p.longPrescriptionMaxDays.value;
  const tolerance = p.earlyRefillToleranceDays.value ?? 0;
  const excludeChronic = p.chronicProgrammeMembersExcluded.value === true;
  const village = ctx.ruleSet.definition.villageScope && isVillageLevel(claim.institution.level);
  let raasSeen: RaasClass = activeRaas(patient, day);
  let raasConflict = false;

  for (let i = 0; i < claim.lines.length; i++) {
    const line = claim.lines[i]!;
    const n = line.lineNo;
    const lineHits: RuleHit[] = [];
    const add = (code: Parameters<typeof raise>[1]) => lineHits.push(raise(ctx, code, n));
    let rejected = false;
    const entry = ctx.ruleSet.catalogue.entries.get(line.drugCode);

    if (entry === undefined) {
      add('DRUG_NOT_IN_CATALOGUE');
      rejected = true;
    } else {
      const form = formOf(entry, line.form);
      if (form === null) {
        add('FORM_NOT_IN_CATALOGUE');
        rejected = true;
      } else if (village && !form.villageLevel) {
        add('VILLAGE_SCOPE');
        rejected = true;
      }
      if (certifiedDiseases.length > 0 && !certifiedDiseases.includes(entry.disease)) {
        add('DISEASE_NOT_CERTIFIED');
        rejected = true;
      }
      if (excludeChronic && patient.chronicProgrammeDiseases.includes(entry.disease)) {
        add('COVERED_BY_CHRONIC_PROGRAMME');
        rejected = true;
      }
      if (entry.restriction !== null && !restrictionMet(entry, claim, patient, i)) {
        add('RESTRICTION_NOT_MET');
        rejected = true;
      }
      if (ctx.trace) {
        stepFor(ctx, 'DRUG_NOT_IN_CATALOGUE', `${entry.drug.nameZh} (${entry.drug.atc}) ${line.form} in the catalogue`, `${entry.citation.document} ${entry.citation.section}${entry.citation.note ? `: ${entry.citation.note}` : ''}`, [], n);
        if (entry.restriction !== null) stepFor(ctx, 'RESTRICTION_NOT_MET', `restriction “${entry.restriction.text}”`, lineHits.some((h) => h.code === 'RESTRICTION_NOT_MET') ? 'not met' : 'met', [], n);
      }
    }
    if (claim.pathway === 'extension' && claim.sourcePrescription !== null && !claim.sourcePrescription.drugCodes.includes(line.drugCode)) {
      add('EXTENSION_DRUG_NOT_PRESCRIBED');
      rejected = true;
    }

    const overlap = duplicateOverlap(claim, patient, i, day);
    if (overlap > tolerance) {
      add('DUPLICATE_DISPENSING');
      rejected = true;
    }
    if (ctx.trace) stepFor(ctx, 'DUPLICATE_DISPENSING', 'supply of the same substance still on hand, days', overlap <= 0 ? 'none' : `${overlap} days`, [use(p.earlyRefillToleranceDays)], n);

    // Long prescriptions and over-quantity reduce the line to its compliant share rather than reject it.
    let compliant = rejected ? 0 : line.amountFen;
    if (maxDays !== null && line.daysSupply > maxDays) {
      add('LONG_PRESCRIPTION_EXCEEDED');
      compliant = proRata(compliant, maxDays, line.daysSupply);
    }
    if (ctx.trace) stepFor(ctx, 'LONG_PRESCRIPTION_EXCEEDED', 'days of supply within the long-prescription limit', `${line.daysSupply} days`, [use(p.longPrescriptionMaxDays)], n);
    const facts = entry?.drug ?? DRUG_FACTS.get(line.drugCode)?.drug;
    if (facts !== undefined) {
      const allowedUnits = Math.floor(facts.maxUnitsPerDay * line.daysSupply + 1e-9);
      if (line.quantity > allowedUnits) {
        add('OVER_QUANTITY');
        compliant = proRata(compliant, allowedUnits, line.quantity);
      }
      if (ctx.trace) stepFor(ctx, 'OVER_QUANTITY', `quantity within ${facts.maxUnitsPerDay} units a day × ${line.daysSupply} days = ${allowedUnits}`, `${line.quantity} units`, [], n);
    }

    const raas = entry?.drug ? DRUG_FACTS.get(entry.drugCode)?.raas ?? null : null;
    if (raas !== null) {
      if (raasSeen !== null && raasSeen !== raas && !raasConflict) {
        add('IRRATIONAL_COMBINATION');
        raasConflict = true;
      }
      raasSeen ??= raas;
    }

    results.push({ line, entry, compliantFen: compliant, hits: lineHits });
  }
  return results;
}

/** The renin–angiotensin class the patient is already taking on the day, from supply still on hand. */
function activeRaas(patient: PatientYear, day: number): RaasClass {
  for (const h of patient.history) {
    const raas = DRUG_FACTS.get(h.drugCode)?.raas ?? null;
    if (raas !== null && toDay(h.date) + h.daysSupply > day) return raas;
  }
  return null;
}

/**
 * Days of supply of the same substance still on hand on the service date, from earlier fills and
 * from earlier lines of this claim (a second line of the same drug overlaps its whole supply).
 */
function duplicateOverlap(claim: ClaimInput, patient: PatientYear, index: number, day: number): number {
  const line = claim.lines[index]!;
  const mine = componentsOf(line.drugCode);
  let worst = 0;
  for (const h of patient.history) {
    const start = toDay(h.date);
    if (start > day) continue;
    const left = start + h.daysSupply - day;
    if (left > worst && sharesComponent(mine, componentsOf(h.drugCode))) worst = left;
  }
  for (let j = 0; j < index; j++) {
    const other = claim.lines[j]!;
    if (other.daysSupply > worst && sharesComponent(mine, componentsOf(other.drugCode))) worst = other.daysSupply;
  }
  return worst;
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
