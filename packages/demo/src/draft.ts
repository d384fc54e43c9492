/** A claim while it is being built (mutable), before it is numbered and frozen into a DemoClaim. */
import type { Pathway } from '@liangbing/policy';
import { dosingOf, quantityFor } from './prices';
import type { RegimenLine } from './regimen';
import type { BreachKind, Institution } from './types';

export interface DraftLine {
  drugCode: string;
  form: RegimenLine['form'];
  quantity: number;
  daysSupply: number;
  amountFen: number;
}

export interface DraftClaim {
  day: number;
  institution: Institution;
  pathway: Pathway;
  referral: { fromInstitutionId: string; issuedOn: string } | null;
  /** the prescription an extension claim continues (G-5), as the prescriptions table holds it */
  sourcePrescription: { id: string; institutionId: string; issuedOn: string; institutionLevel: Institution['level']; drugCodes: string[] } | null;
  conditionStable: boolean;
  lines: DraftLine[];
  breach: BreachKind | null;
}

export function draftLine(drugCode: string, form: RegimenLine['form'], daily: number, days: number): DraftLine {
  const dosing = dosingOf(drugCode, form);
  const quantity = quantityFor(dosing, daily, days);
  return { drugCode, form, quantity, daysSupply: days, amountFen: quantity * dosing.priceFen };
}
