/**
 * Catalogue data types. A catalogue row is a faithful transcription of one row of a source
 * list (Guiyang 附件3 / 附件4); the drug reference table classifies generic names by ATC so
 * that Wuxi's "directly lowers blood pressure or glucose" (W-2) can be decided by ATC group.
 */

export type Disease = 'hypertension' | 'diabetes';
export type DosageForm = 'oral' | 'injection';
/** 甲类 / 乙类 / 限制药 as printed in the source list. */
export type InsuranceClass = 'A' | 'B' | 'restricted';

/** Where a value comes from: a document and its section, or a reference we added and name. */
export interface Citation {
  /** e.g. 筑医保发〔2021〕13号 附件3, or 国家医保药品目录(2019年版) */
  readonly document: string;
  /** e.g. 序号 29, 二(三) */
  readonly section: string;
  readonly note?: string;
}

/** A flag we added that is not in the claim's governing document, with the source it came from. */
export interface SourcedFlag<T> {
  readonly value: T;
  readonly source: Citation;
}

/**
 * Clinical facts a restriction can require. They are recorded on the patient's record
 * (diagnoses, assessments) and passed in with the patient's year.
 */
export type ClinicalFinding =
  /** 需迅速利尿或不能口服利尿剂的充血性心力衰竭 (附件3 row 33) */
  | 'chf_needs_rapid_or_parenteral_diuresis'
  /** 对其它血管紧张素II拮抗剂治疗不能耐受或疗效不佳 (附件3 row 44) */
  | 'arb_intolerant_or_ineffective'
  /** 慢性心力衰竭（NYHA II-IV级） (附件3 row 45) */
  | 'chronic_heart_failure_nyha_2_4'
  /** 射血分数降低的证据 (附件3 row 45, at the first prescription) */
  | 'reduced_ejection_fraction_evidence'
  /** 中长效胰岛素难以控制的 2 型糖尿病 (附件4 row 5) */
  | 't2_uncontrolled_on_intermediate_long_insulin'
  /** 其他短效胰岛素或者口服药难以控制的 2 型糖尿病 (附件4 row 10) */
  | 't2_uncontrolled_on_short_insulin_or_oral'
  /** first-line therapy contraindicated or not tolerated: satisfies 限二线用药 without a prior fill */
  | 'first_line_contraindicated';

/** One condition of a restriction. */
export type RestrictionCondition =
  | { readonly kind: 'diabetes_type'; readonly type: 'type1' | 'type2' }
  | { readonly kind: 'finding'; readonly finding: ClinicalFinding }
  /** 限二线用药: a prior fill of a first-line drug for the same disease, or first_line_contraindicated */
  | { readonly kind: 'second_line' }
  /** required only when the patient has never been dispensed this drug before (首次处方时) */
  | { readonly kind: 'at_first_fill'; readonly finding: ClinicalFinding };

/** A restriction in disjunctive normal form: met when every condition of any one alternative holds. */
export interface Restriction {
  /** the 备注 text exactly as printed */
  readonly text: string;
  readonly anyOf: readonly (readonly RestrictionCondition[])[];
}

/** A dosage form of a catalogue row with its own village-level scope (附件3 row 29: 口服剂型可延伸至村级). */
export interface CatalogueForm {
  readonly form: DosageForm;
  /** 可延伸至村级: may be dispensed at a village clinic or community health station */
  readonly villageLevel: boolean;
}

export interface CatalogueRow {
  /** 序号 in the source list */
  readonly sourceRow: number;
  readonly disease: Disease;
  /** key into the drug reference table */
  readonly drugCode: string;
  /** 药品名称 exactly as printed (OCR errors included) */
  readonly nameAsPrinted: string;
  /** the corrected generic name */
  readonly name: string;
  /** why the name differs from the print, when it does */
  readonly correction?: string;
  /** 剂型 as printed */
  readonly formsAsPrinted: string;
  readonly forms: readonly CatalogueForm[];
  /** 基药 column: √ → true */
  readonly essential: boolean;
  /** 医保 column; null where the source leaves it empty (the gap is kept visible, never guessed) */
  readonly insuranceClass: InsuranceClass | null;
  /** 备注 column parsed into conditions; null when empty */
  readonly restriction: Restriction | null;
  /** 使用范围 column as printed; null when empty */
  readonly scopeAsPrinted: string | null;
}

export interface CatalogueVersion {
  readonly id: string;
  readonly city: string;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly source: Citation;
  readonly rows: readonly CatalogueRow[];
}

/** One generic drug of the reference table. */
export interface DrugReference {
  /** stable code: the English INN in kebab case, combinations joined by '+' in ATC order */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** WHO ATC code of the substance or combination */
  readonly atc: string;
  /** the codes of the single substances of a combination (for ACEI + ARB and duplicate checks) */
  readonly components: readonly string[];
  /** which disease the drug treats for the 两病 programme */
  readonly disease: Disease;
  /** the dosage forms the drug is marketed in, as far as the programme cares */
  readonly forms: readonly DosageForm[];
  /** 甲/乙 class in the national reimbursement drug list, with its source */
  readonly nrdlClass?: SourcedFlag<'A' | 'B'>;
  /** national essential drug (基药), with its source */
  readonly essential?: SourcedFlag<boolean>;
  /** winning drug of national centralised volume-based procurement (集采中选), with its batch as the value */
  readonly centrallyProcured?: SourcedFlag<string>;
  /** first-line for its disease (satisfies 限二线用药 for later drugs) */
  readonly firstLine?: boolean;
  /**
   * the largest plausible number of dispensing units a day (tablets or capsules; pens, vials or ampoules for injections),
   * used by the over-quantity check; a clinical reference value, configurable per deployment
   */
  readonly maxUnitsPerDay: number;
}
