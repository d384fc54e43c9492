/**
 * Rule-set parameters. Every value is keyed by the date it takes effect and carries its
 * citation and kind:
 * - cited: stated by the source document, at the section given
 * - interpretation: the source is silent or ambiguous; the value is our stated reading of it
 * - configuration: the sources do not give it; set per deployment (null until set)
 * - override: replaced by a named override (see overrides.ts), never by editing a cited value
 */
import type { Citation } from './catalogue/types';
import type { IsoDate } from './dates';
import type { ParameterKind } from './types';

export interface ParameterTypes {
  /** fund ratio at the designated (or authorised) institution, basis points */
  ratioDesignatedBp: number | null;
  /** fund ratio after referral by the designated primary institution, basis points */
  ratioReferralBp: number | null;
  /** fund ratio of an emergency claim reimbursed afterwards, basis points */
  ratioEmergencyBp: number | null;
  /** fund ratio out of area (异地长期居住), basis points */
  ratioOutOfAreaBp: number | null;
  /** fund ratio of an extension prescription (延伸处方), basis points */
  ratioExtensionBp: number | null;
  /** annual fund cap for a patient with one of the two diseases, fen */
  capOneDiseaseFen: number | null;
  /** annual fund cap for a patient with both diseases, fen */
  capBothDiseasesFen: number | null;
  /** 起付线, fen */
  deductibleFen: number | null;
  /** the cap includes what the general-outpatient fund paid this year */
  capIncludesGeneralOutpatient: boolean | null;
  /** the benefit pays only once the general-outpatient benefit is used up */
  generalOutpatientFirst: boolean | null;
  /** the longest supply one prescription line may carry, days */
  longPrescriptionMaxDays: number | null;
  /** how long a level-2+ prescription stays valid for extension dispensing, months */
  extensionPrescriptionValidMonths: number | null;
  /** days of remaining supply a refill may overlap before it is duplicate dispensing */
  earlyRefillToleranceDays: number | null;
  /** claims must be made at the patient's designated institution (or its consortium) */
  designatedInstitutionRequired: boolean | null;
  /** patients in the chronic / special disease programme for a disease keep that programme and are not paid here */
  chronicProgrammeMembersExcluded: boolean | null;
  /** districts or counties where the designated institution may not change within the year, comma-separated */
  designationLockedDistricts: string | null;
}

export type ParameterName = keyof ParameterTypes;

export interface ParameterValue<T> {
  readonly from: IsoDate;
  readonly value: T;
  readonly kind: ParameterKind;
  readonly citation: Citation;
}

export type ParameterHistory<T> = readonly ParameterValue<T>[];

export type ParameterTable = { readonly [K in ParameterName]: ParameterHistory<ParameterTypes[K]> };

export interface ResolvedParameter<T> {
  readonly name: string;
  readonly value: T;
  readonly kind: ParameterKind;
  readonly citation: Citation;
}

export type ResolvedParameters = { readonly [K in ParameterName]: ResolvedParameter<ParameterTypes[K]> };

/** The value in effect on a date: the latest entry whose `from` is on or before it. */
export function valueOn<T>(name: string, history: ParameterHistory<T>, date: IsoDate): ResolvedParameter<T> | null {
  let found: ParameterValue<T> | null = null;
  for (const entry of history) {
    if (entry.from <= date && (found === null || entry.from >= found.from)) found = entry;
  }
  return found === null ? null : { name, value: found.value, kind: found.kind, citation: found.citation };
}

/** Every date on which some parameter of the table changes. */
export function changeDates(table: ParameterTable): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const history of Object.values(table) as ParameterHistory<unknown>[]) {
    for (const entry of history) dates.add(entry.from);
  }
  return [...dates].sort();
}
