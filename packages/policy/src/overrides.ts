/**
 * Named overrides of a rule set's parameters (after OpenFisca's reforms). A deployment sets the
 * values the sources leave open (Guiyang's ratio and cap, G-4) with one; a what-if analysis
 * replays claims under another. The cited values are never edited: an override sits on top,
 * and every value it supplies is reported with kind 'override' and the override's own source.
 */
import type { CatalogueVersion, Citation } from './catalogue/types';
import type { IsoDate } from './dates';
import type { ParameterName, ParameterTypes } from './params';
import type { PaymentStandardChange, PaymentStandardVersion } from './payment-standards/types';

export interface RuleSetOverride {
  /** a stable name, reported on every decision made under it */
  readonly name: string;
  readonly description: string;
  /** its name in Chinese, shown wherever a reader sees the override (a claim's detail, its trace) */
  readonly labelZh?: string;
  /** the rule set it applies to */
  readonly ruleSetId: string;
  /** who set these values and where they are written down */
  readonly source: Citation;
  /** applies to claims on or after this date; the rule set's start when absent */
  readonly from?: IsoDate;
  readonly parameters: Partial<{ readonly [K in ParameterName]: ParameterTypes[K] }>;
  /** a replacement catalogue version (a what-if on the catalogue) */
  readonly catalogue?: CatalogueVersion;
  /** a payment standard version (W 四(一)) in force from `from`; the last applicable one wins, like a catalogue */
  readonly paymentStandards?: PaymentStandardVersion;
  /** changes to the payment standard in force (a what-if): applied on top of whichever version is in force */
  readonly paymentStandardChanges?: readonly PaymentStandardChange[];
}

/** Checks an override against the parameters it names; returns the problems, empty when sound. */
export function validateOverride(override: RuleSetOverride): string[] {
  const problems: string[] = [];
  const p = override.parameters;
  const bp = ['ratioDesignatedBp', 'ratioReferralBp', 'ratioEmergencyBp', 'ratioOutOfAreaBp', 'ratioExtensionBp'] as const;
  for (const name of bp) {
    const v = p[name];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 0 || v > 10_000)) problems.push(`${name} must be an integer 0..10000 basis points`);
  }
  const fen = ['capOneDiseaseFen', 'capBothDiseasesFen', 'deductibleFen'] as const;
  for (const name of fen) {
    const v = p[name];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 0)) problems.push(`${name} must be a non-negative integer in fen`);
  }
  const days = ['longPrescriptionMaxDays', 'extensionPrescriptionValidMonths', 'earlyRefillToleranceDays'] as const;
  for (const name of days) {
    const v = p[name];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 0)) problems.push(`${name} must be a non-negative integer`);
  }
  (override.paymentStandardChanges ?? []).forEach((c, i) => {
    if (c.unitPriceFen !== null && (!Number.isInteger(c.unitPriceFen) || c.unitPriceFen < 0))
      problems.push(`paymentStandardChanges[${i}].unitPriceFen must be a non-negative integer in fen`);
    if (c.strength.trim() === '') problems.push(`paymentStandardChanges[${i}].strength must not be empty`);
  });
  if (override.name.trim() === '') problems.push('name must not be empty');
  return problems;
}
