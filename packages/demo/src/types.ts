/**
 * The demo's records. Plain data, shaped so that the API can COPY them into tables and build the
 * policy core's inputs (ClaimInput, PatientYear) from them without guessing.
 */
import type {
  Certification,
  ClaimInput,
  ClinicalFinding,
  Designation,
  Disease,
  HitCode,
  InstitutionRef,
  InsuranceScheme,
  IsoDate,
  PatientDisease,
} from '@liangbing/policy';

export type CityCode = '320200' | '520100';
export const CITY_CODES: readonly CityCode[] = ['320200', '520100'];

export const DEMO_PERIOD = { from: '2024-01-01', to: '2025-12-31' } as const;
export const DEMO_YEARS: readonly number[] = [2024, 2025];

export type RegionLevel = 'city' | 'district' | 'street';
/** 市 / 区 / 县 / 县级市 / 功能区 (a state- or city-level area without its own GB/T 2260 code) / 街道 / 镇 / 乡 */
export type RegionKind = 'city' | 'district' | 'county' | 'county_city' | 'functional_area' | 'subdistrict' | 'town' | 'township';

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly kind: RegionKind;
  readonly parentCode: string | null;
  readonly cityCode: CityCode;
  /** false where the code is ours, not an administrative division code of GB/T 2260 / 统计用区划代码 */
  readonly standardCode: boolean;
  readonly note: string | null;
}

/** Resident population aged ≥ 35 and prevalence for one district and year: the awareness denominator. */
export interface PopulationFigure {
  readonly districtCode: string;
  readonly cityCode: CityCode;
  readonly year: number;
  readonly residentsAged35Plus: number;
  readonly populationSource: string;
  /** prevalence among residents aged ≥ 35, in basis points (1/10 000) */
  readonly hypertensionPrevalenceBp: number;
  readonly hypertensionSource: string;
  readonly diabetesPrevalenceBp: number;
  readonly diabetesSource: string;
  /** residentsAged35Plus × prevalence, rounded */
  readonly estimatedHypertensionPatients: number;
  readonly estimatedDiabetesPatients: number;
}

export interface Institution extends InstitutionRef {
  readonly name: string;
  readonly cityCode: CityCode;
  readonly streetCode: string;
}

/** 医联体 (urban medical alliance) / 医共体 (county medical community) led by a level-2+ hospital */
export interface Consortium {
  readonly id: string;
  readonly name: string;
  readonly kind: 'medical_alliance' | 'county_medical_community';
  readonly cityCode: CityCode;
  readonly districtCode: string;
  readonly leadInstitutionId: string;
}

/** The certificate (慢性病种门诊医疗证 in Guiyang; first assessment 首次鉴定 in Wuxi). */
export interface DemoCertification extends Certification {
  readonly certificateNo: string;
  readonly certifyingInstitutionId: string;
}

/** The general-outpatient benefit (普通门诊待遇) of one year: W-3 pays 两病 drugs only once it is used up. */
export interface GeneralOutpatientYear {
  readonly year: number;
  /** the day it was used up, or null if it was not used up that year */
  readonly exhaustedOn: IsoDate | null;
  /** what the general-outpatient fund paid that year (counts against Wuxi's cap), fen; synthetic */
  readonly fundPaidFen: number;
}

export type Sex = 'male' | 'female';

export interface Patient {
  readonly id: string;
  readonly cityCode: CityCode;
  readonly districtCode: string;
  readonly streetCode: string;
  readonly residentId: string;
  readonly name: string;
  readonly sex: Sex;
  readonly birthDate: IsoDate;
  readonly phone: string;
  readonly scheme: InsuranceScheme;
  /** G-2: why a patient on the health commission's roster is legitimately not insured, if known */
  readonly uninsuredReason: string | null;
  readonly diseases: readonly PatientDisease[];
  readonly certification: DemoCertification | null;
  /** diseases covered by the outpatient chronic / special disease programme (门诊慢特病) */
  readonly chronicProgrammeDiseases: readonly Disease[];
  /** Wuxi: designated primary institution, one per period, with history; empty in Guiyang */
  readonly designations: readonly Designation[];
  readonly findings: readonly ClinicalFinding[];
  /** under standardised management (规范化管理) of the basic public-health service */
  readonly managed: boolean;
  readonly managedFrom: IsoDate | null;
  /** the primary institution that manages the patient (follow-ups, certification) */
  readonly homeInstitutionId: string;
  readonly longTermResidenceElsewhere: boolean;
  readonly generalOutpatient: readonly GeneralOutpatientYear[];
}

export interface FollowUp {
  readonly id: string;
  readonly patientId: string;
  readonly cityCode: CityCode;
  readonly districtCode: string;
  readonly date: IsoDate;
  readonly institutionId: string;
  readonly faceToFace: boolean;
  /** mmHg; null when not measured (telephone follow-ups, diabetes-only patients) */
  readonly systolic: number | null;
  readonly diastolic: number | null;
  /** fasting plasma glucose, mmol/L to one decimal; null when not measured */
  readonly fastingGlucose: number | null;
}

/** A rule breach the generator put in on purpose, and the hit the adjudicator should raise for it. */
export type BreachKind =
  /** early refill of a drug still on hand (Wuxi: at the designated institution; Guiyang: at another institution) */
  | 'duplicate_dispensing'
  | 'over_quantity'
  /** days of supply beyond the long-prescription limit (W-9 60 days, G-7 90 days) */
  | 'long_prescription'
  | 'out_of_catalogue'
  /** an injection dispensed at a village clinic or community health station (G-6) */
  | 'village_injection'
  /** a catalogue restriction (限二线用药, 限1型…) the patient does not meet (G-6) */
  | 'restriction_not_met'
  /** Wuxi: not at the designated institution or its consortium (W-4) */
  | 'wrong_institution'
  /** Guiyang: a designated-pathway claim at an institution not authorised to treat 两病 (G-5) */
  | 'unauthorised_institution';

export const BREACH_EXPECTED_HIT: Readonly<Record<BreachKind, HitCode>> = {
  duplicate_dispensing: 'DUPLICATE_DISPENSING',
  over_quantity: 'OVER_QUANTITY',
  long_prescription: 'LONG_PRESCRIPTION_EXCEEDED',
  out_of_catalogue: 'DRUG_NOT_IN_CATALOGUE',
  village_injection: 'VILLAGE_SCOPE',
  restriction_not_met: 'RESTRICTION_NOT_MET',
  wrong_institution: 'NOT_DESIGNATED_INSTITUTION',
  unauthorised_institution: 'INSTITUTION_NOT_AUTHORISED',
};

export interface DemoClaim {
  readonly claimId: string;
  readonly patientId: string;
  readonly cityCode: CityCode;
  readonly districtCode: string;
  /** order within the patient (claims are in date order: replay them in this order) */
  readonly seq: number;
  readonly idempotencyKey: string;
  readonly claim: ClaimInput;
  /**
   * For an extension claim, the stored prescription it continues: its id and issuing institution
   * (claim.sourcePrescription has its date, level and drugs). One prescription serves every
   * extension claim until the next hospital visit.
   */
  readonly sourcePrescription: { readonly id: string; readonly institutionId: string } | null;
  readonly injectedBreach: BreachKind | null;
}

export interface DemoOptions {
  readonly seed?: number;
  /** 1 = about 2 000 patients per city; 250 with both cities = 1 000 000 patients */
  readonly scale?: number;
  readonly cities?: readonly CityCode[];
}

export interface ResolvedOptions {
  readonly seed: number;
  readonly scale: number;
  readonly cities: readonly CityCode[];
}

/** Regions, population figures, institutions and consortia: small, fixed for a seed. */
export interface DemoReference {
  readonly options: ResolvedOptions;
  readonly regions: readonly Region[];
  readonly populations: readonly PopulationFigure[];
  readonly institutions: readonly Institution[];
  readonly consortia: readonly Consortium[];
}

export interface DemoData extends DemoReference {
  readonly patients: readonly Patient[];
  readonly followUps: readonly FollowUp[];
  readonly claims: readonly DemoClaim[];
}

/** One patient with everything generated for them: the unit of streaming. */
export interface PatientRecords {
  readonly patient: Patient;
  readonly followUps: readonly FollowUp[];
  readonly claims: readonly DemoClaim[];
}
