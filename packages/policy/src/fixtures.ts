/**
 * Test fixtures: small factories for claims and patients so that each test case states only
 * what differs from a clean, paid claim. Used by the tests and the benchmark; not exported from
 * the package.
 *
 * The defaults are a clean claim in each city:
 * - Wuxi: a certified hypertension patient of 梁溪区 (320213) whose general-outpatient benefit is
 *   used up, at their designated community health centre, one line of amlodipine, ¥100.00.
 * - Guiyang: a certified hypertension patient at a township health centre authorised to treat
 *   两病, one line of amlodipine, ¥100.00, under the test override `test-guiyang` (70 %).
 */
import type { CatalogueVersion } from './catalogue/types';
import type { IsoDate } from './dates';
import type { RuleSetOverride } from './overrides';
import type { ClaimInput, ClaimLineInput, Designation, DispensingRecord, InstitutionRef, PatientYear } from './types';

export const WUXI_CITY = '320200';
export const GUIYANG_CITY = '520100';
/** 梁溪区, a Wuxi city district (designation may change within the year) */
export const WUXI_DISTRICT = '320213';
/** 江阴市 and 宜兴市: designation locked within the year (W-5) */
export const JIANGYIN = '320281';
export const YIXING = '320282';
/** 云岩区 */
export const GUIYANG_DISTRICT = '520103';

/** Drug codes of the reference table used by the tests. */
export const DRUG = {
  amlodipine: 'amlodipine',
  nifedipine: 'nifedipine',
  enalapril: 'enalapril',
  captopril: 'captopril',
  valsartan: 'valsartan',
  furosemide: 'furosemide',
  metformin: 'metformin',
  empagliflozin: 'empagliflozin',
  insulinGlargine: 'insulin-glargine',
  acarbose: 'acarbose',
} as const;

export type Patch<T> = { -readonly [K in keyof T]?: T[K] };

export function institution(patch: Patch<InstitutionRef> = {}): InstitutionRef {
  return {
    id: 'wx-chc-1',
    level: 'community_health_centre',
    cityCode: WUXI_CITY,
    districtCode: WUXI_DISTRICT,
    insuranceDesignated: true,
    canTreatTwoDiseases: true,
    consortiumId: 'wx-consortium-1',
    networkedOutOfArea: false,
    ...patch,
  };
}

export function line(patch: Patch<ClaimLineInput> = {}): ClaimLineInput {
  return { lineNo: 1, drugCode: DRUG.amlodipine, form: 'oral', quantity: 30, daysSupply: 30, amountFen: 10_000, ...patch };
}

/** Lines numbered 1, 2, … in order. */
export function lines(...patches: Patch<ClaimLineInput>[]): ClaimLineInput[] {
  return patches.map((p, i) => line({ lineNo: i + 1, ...p }));
}

export function wuxiClaim(patch: Patch<ClaimInput> = {}): ClaimInput {
  return {
    serviceDate: '2020-03-02',
    cityCode: WUXI_CITY,
    institution: institution(),
    pathway: 'designated',
    referral: null,
    sourcePrescription: null,
    conditionStable: true,
    lines: [line()],
    ...patch,
  };
}

export function designation(patch: Patch<Designation> = {}): Designation {
  return { institutionId: 'wx-chc-1', consortiumId: 'wx-consortium-1', from: '2020-01-01', to: null, ...patch };
}

export function wuxiPatient(patch: Patch<PatientYear> = {}): PatientYear {
  return {
    scheme: 'resident',
    districtCode: WUXI_DISTRICT,
    diseases: [{ disease: 'hypertension', diabetesType: null, diagnosedOn: '2019-06-01' }],
    certification: { certifiedOn: '2019-12-20', diseases: ['hypertension'], revokedOn: null },
    designations: [designation()],
    chronicProgrammeDiseases: [],
    longTermResidenceElsewhere: false,
    generalOutpatient: { exhausted: true, fundPaidFen: 0 },
    fundPaidFen: 0,
    findings: [],
    priorDrugCodes: [],
    compliantFenYtd: 0,
    history: [],
    ...patch,
  };
}

export function guiyangInstitution(patch: Patch<InstitutionRef> = {}): InstitutionRef {
  return institution({ id: 'gy-thc-1', level: 'township_health_centre', cityCode: GUIYANG_CITY, districtCode: GUIYANG_DISTRICT, consortiumId: null, ...patch });
}

export function guiyangClaim(patch: Patch<ClaimInput> = {}): ClaimInput {
  return {
    serviceDate: '2021-09-01',
    cityCode: GUIYANG_CITY,
    institution: guiyangInstitution(),
    pathway: 'designated',
    referral: null,
    sourcePrescription: null,
    conditionStable: true,
    lines: [line()],
    ...patch,
  };
}

export function guiyangPatient(patch: Patch<PatientYear> = {}): PatientYear {
  return wuxiPatient({
    districtCode: GUIYANG_DISTRICT,
    certification: { certifiedOn: '2021-06-20', diseases: ['hypertension'], revokedOn: null },
    designations: [],
    generalOutpatient: { exhausted: false, fundPaidFen: 0 },
    ...patch,
  });
}

/** Both diseases diagnosed and certified. */
export function bothDiseases(certifiedOn: IsoDate, diabetesType: 'type1' | 'type2' = 'type2'): Patch<PatientYear> {
  return {
    diseases: [
      { disease: 'hypertension', diabetesType: null, diagnosedOn: '2018-01-01' },
      { disease: 'diabetes', diabetesType, diagnosedOn: '2018-01-01' },
    ],
    certification: { certifiedOn, diseases: ['hypertension', 'diabetes'], revokedOn: null },
  };
}

/** Diabetes only, diagnosed and certified. */
export function diabetesOnly(certifiedOn: IsoDate, diabetesType: 'type1' | 'type2' = 'type2'): Patch<PatientYear> {
  return {
    diseases: [{ disease: 'diabetes', diabetesType, diagnosedOn: '2018-01-01' }],
    certification: { certifiedOn, diseases: ['diabetes'], revokedOn: null },
  };
}

export function fill(date: IsoDate, drugCode: string, daysSupply: number, institutionId = 'wx-chc-1'): DispensingRecord {
  return { date, drugCode, daysSupply, institutionId };
}

/**
 * A named test configuration of Guiyang's benefit levels (G-4). The values are made up for the
 * tests: the real ones are set by 黔医保发〔2019〕54号 / 筑医保发〔2021〕1号, which are not among
 * the sources.
 */
export const TEST_GUIYANG: RuleSetOverride = {
  name: 'test-guiyang',
  description: 'test values for Guiyang’s benefit levels; not the real configuration',
  ruleSetId: 'guiyang-2021',
  source: { document: 'test fixture', section: '—', note: 'made-up values for the tests' },
  parameters: {
    ratioDesignatedBp: 7000,
    ratioReferralBp: 6000,
    ratioExtensionBp: 7000,
    capOneDiseaseFen: 90_000,
    capBothDiseasesFen: 120_000,
    deductibleFen: 0,
  },
};

/** An override with a catalogue (what-if), for tests that need one. */
export function overrideWith(patch: Patch<RuleSetOverride> & { catalogue?: CatalogueVersion }): RuleSetOverride {
  return { ...TEST_GUIYANG, ...patch };
}

/**
 * A made-up payment standard for Wuxi (W 四(一)), in force from 2020-01-01: amlodipine tablets of 5 mg at
 * 2 yuan a unit, metformin in two strengths. Test values, not a published standard.
 */
export const TEST_WUXI_STANDARD: RuleSetOverride = {
  name: 'test-wuxi-standard',
  description: 'test payment standard for Wuxi; not a published one',
  ruleSetId: 'wuxi-2019',
  source: { document: 'test fixture', section: '—', note: 'made-up values for the tests' },
  from: '2020-01-01',
  parameters: {},
  paymentStandards: {
    id: 'test-standard-2020',
    city: WUXI_CITY,
    title: 'test payment standard',
    effectiveFrom: '2020-01-01',
    source: { document: 'test fixture', section: '—' },
    rows: [
      { drugCode: 'amlodipine', form: 'oral', strength: '5mg', unitPriceFen: 200 },
      { drugCode: 'metformin', form: 'oral', strength: '0.25g', unitPriceFen: 20 },
      { drugCode: 'metformin', form: 'oral', strength: '0.5g', unitPriceFen: 35 },
    ],
  },
};
