/**
 * The core's own inputs and outputs. Plain data: the API maps its entities to these and
 * stores the Decision it gets back. Money in fen, dates as ISO calendar dates.
 */
import type { Citation, ClinicalFinding, Disease, DosageForm } from './catalogue/types';
import type { IsoDate } from './dates';

export type InstitutionLevel =
  | 'village_clinic' // 村卫生室
  | 'community_health_station' // 社区卫生服务站
  | 'township_health_centre' // 乡镇卫生院
  | 'community_health_centre' // 社区卫生服务中心
  | 'level2_hospital' // 二级医院
  | 'level3_hospital'; // 三级医院

export const INSTITUTION_LEVELS: readonly InstitutionLevel[] = [
  'village_clinic',
  'community_health_station',
  'township_health_centre',
  'community_health_centre',
  'level2_hospital',
  'level3_hospital',
];

/** 基层医疗卫生机构 */
export function isPrimaryLevel(level: InstitutionLevel): boolean {
  return level !== 'level2_hospital' && level !== 'level3_hospital';
}

/** 村卫生室 / 社区卫生服务站: the village level of G-6 */
export function isVillageLevel(level: InstitutionLevel): boolean {
  return level === 'village_clinic' || level === 'community_health_station';
}

/**
 * How the patient came to this institution:
 * - designated: at the patient's designated (Wuxi) or any authorised (Guiyang) institution
 * - referral: referred by the designated primary institution to another hospital (W-3 50 %, W-6)
 * - emergency: emergency care elsewhere, reimbursed afterwards by the designated institution (W-6)
 * - out_of_area: long-term residence elsewhere, at a networked level-2-or-below institution (W-7)
 * - extension: 延伸处方, a primary institution dispensing on a level-2+ prescription (G-5)
 */
export type Pathway = 'designated' | 'referral' | 'emergency' | 'out_of_area' | 'extension';

export const PATHWAYS: readonly Pathway[] = ['designated', 'referral', 'emergency', 'out_of_area', 'extension'];

export interface InstitutionRef {
  readonly id: string;
  readonly level: InstitutionLevel;
  readonly cityCode: string;
  readonly districtCode: string;
  /** 医保定点: a designated medical institution of the basic medical insurance */
  readonly insuranceDesignated: boolean;
  /** may diagnose and treat 两病 (G-5); a primary institution without it may only dispense by extension prescription */
  readonly canTreatTwoDiseases: boolean;
  /** the consortium (医联体/医共体) it belongs to, if any */
  readonly consortiumId: string | null;
  /** 异地联网结算: networked for out-of-area settlement (W-7) */
  readonly networkedOutOfArea: boolean;
}

export interface ClaimLineInput {
  readonly lineNo: number;
  /** key into the drug reference table */
  readonly drugCode: string;
  readonly form: DosageForm;
  /** dispensing units (tablets, capsules, pens, vials) */
  readonly quantity: number;
  readonly daysSupply: number;
  readonly amountFen: number;
  /** 规格 as dispensed (e.g. '5mg'), matched against the payment standard (W 四(一)); optional, see payment-standards/compile.ts */
  readonly strength?: string | null;
}

export interface ReferralRef {
  readonly fromInstitutionId: string;
  readonly issuedOn: IsoDate;
}

/** The level-2+ prescription an extension prescription dispenses on (G-5). */
export interface SourcePrescriptionRef {
  readonly issuedOn: IsoDate;
  readonly institutionLevel: InstitutionLevel;
  readonly drugCodes: readonly string[];
}

export interface ClaimInput {
  readonly serviceDate: IsoDate;
  readonly cityCode: string;
  readonly institution: InstitutionRef;
  readonly pathway: Pathway;
  readonly referral: ReferralRef | null;
  readonly sourcePrescription: SourcePrescriptionRef | null;
  /** 用药控制稳定: the prescriber's judgement, required for an extension prescription (G-5) */
  readonly conditionStable: boolean;
  readonly lines: readonly ClaimLineInput[];
}

export type InsuranceScheme = 'resident' | 'employee' | 'uninsured';
export type DiabetesType = 'type1' | 'type2' | 'other';

export interface PatientDisease {
  readonly disease: Disease;
  readonly diabetesType: DiabetesType | null;
  readonly diagnosedOn: IsoDate;
}

export interface Certification {
  readonly certifiedOn: IsoDate;
  readonly diseases: readonly Disease[];
  readonly revokedOn: IsoDate | null;
}

export interface Designation {
  readonly institutionId: string;
  /** joint designation of a consortium (W-4 联合定点) */
  readonly consortiumId: string | null;
  readonly from: IsoDate;
  /** inclusive last day, or null while current */
  readonly to: IsoDate | null;
  /**
   * the designated institution's level, where the caller knows it: W-4 (三(一)) designates a
   * 基层医疗卫生服务机构, so a designation of a hospital pays nothing. When absent, the level is
   * known only when the claim is made at the designated institution itself.
   */
  readonly institutionLevel?: InstitutionLevel;
}

export interface DispensingRecord {
  readonly date: IsoDate;
  readonly drugCode: string;
  readonly daysSupply: number;
  readonly institutionId: string;
}

/** The patient as of the claim's date, and their benefit year so far. */
export interface PatientYear {
  readonly scheme: InsuranceScheme;
  /** the district or county of insurance (W-5's county rules) */
  readonly districtCode: string;
  readonly diseases: readonly PatientDisease[];
  readonly certification: Certification | null;
  readonly designations: readonly Designation[];
  /** diseases for which the patient is in the outpatient chronic / special disease programme (门诊慢特病) */
  readonly chronicProgrammeDiseases: readonly Disease[];
  /** 异地长期居住 registered (W-7) */
  readonly longTermResidenceElsewhere: boolean;
  /** 普通门诊待遇 for the year: used up or not, and what its fund paid */
  readonly generalOutpatient: { readonly exhausted: boolean; readonly fundPaidFen: number };
  /** what the 两病 benefit paid so far this year, in fen */
  readonly fundPaidFen: number;
  readonly findings: readonly ClinicalFinding[];
  /** every drug ever dispensed to the patient under the benefit (for 限二线用药 and first-fill rules) */
  readonly priorDrugCodes: readonly string[];
  /** compliant cost so far this year, fen (for a deductible, where one is set) */
  readonly compliantFenYtd: number;
  /** recent dispensing at any institution (at least the last 180 days), oldest first or in any order */
  readonly history: readonly DispensingRecord[];
}

export type Severity =
  /** the claim is not payable under this benefit */
  | 'reject_claim'
  /** the line is not compliant */
  | 'reject_line'
  /** part of the line is not compliant */
  | 'reduce_line'
  /** paid, but not rational use: counts against 合理用药率 */
  | 'warning';

export interface RuleHit {
  readonly code: string;
  readonly ruleId: string;
  readonly section: string;
  readonly severity: Severity;
  readonly lineNo: number | null;
  readonly messageZh: string;
  readonly messageEn: string;
  /** whether this hit fails a rational-medication check (INDICATORS.md 合理用药率) */
  readonly failsRationalUse: boolean;
}

export interface LineDecision {
  readonly lineNo: number;
  readonly drugCode: string;
  readonly amountFen: number;
  readonly compliantFen: number;
  readonly fundFen: number;
  readonly patientFen: number;
  /**
   * the part of the amount above the payment standard (W 四(一)): submitted − standard × quantity, the
   * patient's own; 0 without a standard or within it. Absent on decisions stored before the standard existed.
   */
  readonly overStandardFen?: number;
  readonly hitCodes: readonly string[];
}

export type ParameterKind = 'cited' | 'configuration' | 'interpretation' | 'override';

export interface ParameterUse {
  readonly name: string;
  readonly value: number | boolean | string | null;
  readonly kind: ParameterKind;
  readonly citation: Citation;
}

export interface TraceStep {
  readonly ruleId: string;
  readonly section: string;
  readonly step: string;
  readonly result: string;
  readonly parameters: readonly ParameterUse[];
  readonly lineNo: number | null;
}

export type Outcome = 'paid' | 'partially_paid' | 'not_paid' | 'not_in_force' | 'not_configured';

/** 附件5's two categories: the 两病 special mechanism, and 两病 patients inside the chronic-disease programme. */
export type BenefitCategory = 'special' | 'chronic_programme';

export interface Decision {
  readonly outcome: Outcome;
  readonly ruleSetId: string | null;
  readonly ruleSetVersion: string | null;
  readonly catalogueVersionId: string | null;
  readonly overrideName: string | null;
  readonly category: BenefitCategory;
  readonly pathway: Pathway;
  readonly ratioBp: number;
  readonly capFen: number;
  readonly capUsedBeforeFen: number;
  readonly capRemainingFen: number;
  readonly amountFen: number;
  readonly compliantFen: number;
  readonly fundFen: number;
  readonly patientFen: number;
  readonly lines: readonly LineDecision[];
  readonly hits: readonly RuleHit[];
  /** every rational-use check passed (合理用药率 numerator) */
  readonly rationalUse: boolean;
  readonly rounding: string;
  readonly trace: readonly TraceStep[] | null;
}
