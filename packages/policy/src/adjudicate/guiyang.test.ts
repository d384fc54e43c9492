/**
 * Guiyang (贵阳贵安, 筑医保发〔2021〕13号), rule by rule. Every case starts from the clean claim of
 * fixtures.ts — a certified hypertension patient at a township health centre authorised to treat
 * 两病, amlodipine 30 tablets for 30 days, ¥100.00 — and runs under the test override
 * `test-guiyang` (70 %, cap ¥900 / ¥1200) unless it says otherwise: the real benefit levels are
 * set by documents that are not among the sources (G-4), so the core pays nothing without one.
 */
import { describe, expect, it } from 'vitest';
import { diabetesOnly, DRUG, fill, guiyangClaim, guiyangInstitution, guiyangPatient, line, lines, overrideWith, TEST_GUIYANG } from '../fixtures';
import { adjudicate } from './adjudicate';
import { decide, expectDecision, type Case } from './cases';

const notAuthorised = guiyangInstitution({ id: 'gy-thc-2', canTreatTwoDiseases: false });
const village = guiyangInstitution({ id: 'gy-vc-1', level: 'village_clinic' });
const hospital2 = guiyangInstitution({ id: 'gy-h2-1', level: 'level2_hospital' });
const source = (issuedOn: string, drugCodes: string[] = [DRUG.amlodipine]) => ({ issuedOn, institutionLevel: 'level2_hospital' as const, drugCodes });
const extension = (issuedOn: string, serviceDate = '2021-09-01') => ({
  pathway: 'extension' as const,
  institution: notAuthorised,
  sourcePrescription: source(issuedOn),
  serviceDate,
});
const type2 = diabetesOnly('2021-06-20', 'type2');
const type1 = diabetesOnly('2021-06-20', 'type1');
const glargine = line({ drugCode: DRUG.insulinGlargine, form: 'injection', quantity: 5, daysSupply: 30, amountFen: 50_000 });

const cases: Case[] = [
  // G-4 五(二)3: benefit levels are configuration, never invented
  {
    rule: 'G-4 五(二)3',
    name: 'with the named override test-guiyang: paid at its 70 %',
    expect: { outcome: 'paid', hits: [], fundFen: 7000, ratioBp: 7000, capFen: 90_000, capRemainingFen: 83_000, category: 'special' },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'no override: not_configured, never a silent zero',
    overrides: [],
    expect: { outcome: 'not_configured', hits: ['PARAMETER_NOT_CONFIGURED'], fundFen: 0, ruleIds: { PARAMETER_NOT_CONFIGURED: 'G-4' } },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'an override of another rule set does not configure Guiyang',
    overrides: [overrideWith({ name: 'wuxi-what-if', ruleSetId: 'wuxi-2019' })],
    expect: { outcome: 'not_configured', hits: ['PARAMETER_NOT_CONFIGURED'] },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'an override setting the ratio but not the caps is not enough',
    overrides: [overrideWith({ parameters: { ratioDesignatedBp: 7000 } })],
    expect: { outcome: 'not_configured', hits: ['PARAMETER_NOT_CONFIGURED'], fundFen: 0 },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'an override that applies from a later date does not apply yet',
    overrides: [overrideWith({ from: '2021-09-02' })],
    expect: { outcome: 'not_configured', hits: ['PARAMETER_NOT_CONFIGURED'] },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'an override that applies from the service date applies',
    overrides: [overrideWith({ from: '2021-09-01' })],
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'not configured still reports the other problems of the claim',
    overrides: [],
    patient: { scheme: 'employee' },
    expect: { outcome: 'not_configured', hits: ['PARAMETER_NOT_CONFIGURED', 'SCHEME_NOT_RESIDENT'], fundFen: 0 },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'one disease: the override’s cap reached exactly',
    patient: { fundPaidFen: 83_000 },
    expect: { outcome: 'paid', hits: [], fundFen: 7000, capRemainingFen: 0 },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'one disease: one fen over the override’s cap',
    patient: { fundPaidFen: 83_001 },
    expect: { outcome: 'partially_paid', hits: ['CAP_REACHED'], fundFen: 6999, ruleIds: { CAP_REACHED: 'G-4' } },
  },
  {
    rule: 'G-4 五(二)3',
    name: 'both diseases: the override’s higher cap',
    patient: { fundPaidFen: 113_000, certification: { certifiedOn: '2021-06-20', diseases: ['hypertension', 'diabetes'], revokedOn: null } },
    expect: { outcome: 'paid', hits: [], fundFen: 7000, capFen: 120_000, capRemainingFen: 0 },
  },

  // G-5 五(二)4: coordination with general-outpatient pooling
  {
    rule: 'G-5 五(二)4',
    name: 'no general-outpatient-first rule in Guiyang',
    patient: { generalOutpatient: { exhausted: false, fundPaidFen: 5000 } },
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'the cap does not include the general-outpatient fund’s payments',
    patient: { generalOutpatient: { exhausted: true, fundPaidFen: 88_000 } },
    expect: { outcome: 'paid', hits: [], fundFen: 7000, capRemainingFen: 83_000 },
  },

  // G-1 二、五(一)1 and G-3 五(一)2: who is covered
  {
    rule: 'G-1 二、五(一)1',
    name: 'employee scheme rejected',
    patient: { scheme: 'employee' },
    expect: { outcome: 'not_paid', hits: ['SCHEME_NOT_RESIDENT'], ruleIds: { SCHEME_NOT_RESIDENT: 'G-1' } },
  },
  {
    rule: 'G-3 五(一)2',
    name: 'no chronic-disease outpatient certificate (医疗证)',
    patient: { certification: null },
    expect: { outcome: 'not_paid', hits: ['NOT_CERTIFIED'], ruleIds: { NOT_CERTIFIED: 'G-3' } },
  },
  {
    rule: 'G-3 五(一)2',
    name: 'a glucose-lowering drug for a patient certified for hypertension only',
    claim: { lines: [line({ drugCode: DRUG.metformin })] },
    expect: { outcome: 'not_paid', hits: ['DISEASE_NOT_CERTIFIED'], ruleIds: { DISEASE_NOT_CERTIFIED: 'G-3' } },
  },
  {
    rule: 'G-1 五(一)2, 附件5',
    name: 'a patient in the chronic-disease programme is paid, counted in that category',
    patient: { chronicProgrammeDiseases: ['hypertension'] },
    expect: { outcome: 'paid', hits: [], fundFen: 7000, category: 'chronic_programme' },
  },

  // G-5 五(二)4: which institutions, extension prescriptions, referral
  {
    rule: 'G-5 五(二)4',
    name: 'any authorised primary institution, no per-patient designation',
    claim: { institution: guiyangInstitution({ id: 'gy-chc-7', level: 'community_health_centre' }) },
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'an institution not authorised to treat 两病 must use an extension prescription',
    claim: { institution: notAuthorised },
    expect: { outcome: 'not_paid', hits: ['INSTITUTION_NOT_AUTHORISED'], ruleIds: { INSTITUTION_NOT_AUTHORISED: 'G-5' } },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'an institution outside the city',
    claim: { institution: guiyangInstitution({ cityCode: '520200' }) },
    expect: { outcome: 'not_paid', hits: ['INSTITUTION_OUT_OF_CITY'], ruleIds: { INSTITUTION_OUT_OF_CITY: 'G-5' } },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'extension prescription at that institution, level-2 prescription of 2021-07-15',
    claim: extension('2021-07-15'),
    expect: { outcome: 'paid', hits: [], fundFen: 7000, ratioBp: 7000 },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'extension prescription six months to the day: valid (半年内)',
    claim: extension('2021-07-15', '2022-01-15'),
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'extension prescription six months and a day: expired',
    claim: extension('2021-07-15', '2022-01-16'),
    expect: { outcome: 'not_paid', hits: ['EXTENSION_SOURCE_EXPIRED'], ruleIds: { EXTENSION_SOURCE_EXPIRED: 'G-5' } },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'issued on 08-31: valid through 02-28, the month’s last day',
    claim: extension('2021-08-31', '2022-02-28'),
    expect: { outcome: 'paid', hits: [] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'issued on 08-31: expired on 03-01',
    claim: extension('2021-08-31', '2022-03-01'),
    expect: { outcome: 'not_paid', hits: ['EXTENSION_SOURCE_EXPIRED'] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'extension prescription dated after dispensing',
    claim: extension('2021-09-02'),
    expect: { outcome: 'not_paid', hits: ['EXTENSION_SOURCE_FUTURE'] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'extension prescription without a source prescription',
    claim: { ...extension('2021-07-15'), sourcePrescription: null },
    expect: { outcome: 'not_paid', hits: ['EXTENSION_NO_SOURCE'] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'the source prescription must come from a level-2+ institution',
    claim: { ...extension('2021-07-15'), sourcePrescription: { ...source('2021-07-15'), institutionLevel: 'township_health_centre' } },
    expect: { outcome: 'not_paid', hits: ['EXTENSION_SOURCE_LEVEL'] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'extension prescriptions are for stable patients only',
    claim: { ...extension('2021-07-15'), conditionStable: false },
    expect: { outcome: 'not_paid', hits: ['EXTENSION_UNSTABLE'] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'extension prescriptions are dispensed at primary institutions',
    claim: { ...extension('2021-07-15'), institution: hospital2 },
    expect: { outcome: 'not_paid', hits: ['EXTENSION_NOT_PRIMARY'] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'a drug that is not on the source prescription',
    claim: { ...extension('2021-07-15'), lines: lines({}, { drugCode: DRUG.nifedipine }) },
    expect: { outcome: 'partially_paid', hits: ['EXTENSION_DRUG_NOT_PRESCRIBED'], fundFen: 7000, lineHits: { 1: [], 2: ['EXTENSION_DRUG_NOT_PRESCRIBED'] } },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'an unstable patient referred to a level-2 hospital, at the referral ratio',
    claim: { pathway: 'referral', institution: hospital2, referral: { fromInstitutionId: 'gy-thc-1', issuedOn: '2021-08-25' } },
    expect: { outcome: 'paid', hits: [], fundFen: 6000, ratioBp: 6000 },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'a referral goes to a level-2-or-higher hospital',
    claim: { pathway: 'referral', institution: guiyangInstitution({ id: 'gy-thc-5' }), referral: { fromInstitutionId: 'gy-thc-1', issuedOn: '2021-08-25' } },
    expect: { outcome: 'not_paid', hits: ['REFERRAL_TARGET_LEVEL'] },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'referral without a referral record cites Guiyang’s rule',
    claim: { pathway: 'referral', institution: hospital2 },
    expect: { outcome: 'not_paid', hits: ['REFERRAL_MISSING'], ruleIds: { REFERRAL_MISSING: 'G-5' } },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'no emergency post-hoc pathway in the plan',
    claim: { pathway: 'emergency', institution: hospital2 },
    expect: { outcome: 'not_paid', hits: ['PATHWAY_NOT_AVAILABLE'], ruleIds: { PATHWAY_NOT_AVAILABLE: 'G-5' } },
  },
  {
    rule: 'G-5 五(二)4',
    name: 'no out-of-area pathway in the plan',
    claim: { pathway: 'out_of_area', institution: hospital2 },
    expect: { outcome: 'not_paid', hits: ['PATHWAY_NOT_AVAILABLE'] },
  },

  // G-6 五(二)5、附件3、附件4: the catalogue and its village scope
  {
    rule: 'G-6 附件3',
    name: 'olmesartan is not on Guiyang’s list',
    claim: { lines: [line({ drugCode: 'olmesartan' })] },
    expect: { outcome: 'not_paid', hits: ['DRUG_NOT_IN_CATALOGUE'], rationalUse: false, ruleIds: { DRUG_NOT_IN_CATALOGUE: 'G-6' } },
  },
  {
    rule: 'G-6 附件3 序号29',
    name: '呋塞米 oral at a village clinic: 口服剂型可延伸至村级',
    claim: { institution: village, lines: [line({ drugCode: DRUG.furosemide })] },
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-6 附件3 序号29',
    name: '呋塞米 injection at a village clinic: not village scope',
    claim: { institution: village, lines: [line({ drugCode: DRUG.furosemide, form: 'injection' })] },
    expect: { outcome: 'not_paid', hits: ['VILLAGE_SCOPE'], rationalUse: false, ruleIds: { VILLAGE_SCOPE: 'G-6' } },
  },
  {
    rule: 'G-6 附件3 序号29',
    name: '呋塞米 injection at a township health centre is in scope',
    claim: { lines: [line({ drugCode: DRUG.furosemide, form: 'injection' })] },
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-6 附件3 序号13',
    name: 'amlodipine at a community health station (村级)',
    claim: { institution: guiyangInstitution({ id: 'gy-chs-1', level: 'community_health_station' }) },
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-6 附件3 序号18',
    name: 'nimodipine injection at a community health station',
    claim: {
      institution: guiyangInstitution({ id: 'gy-chs-1', level: 'community_health_station' }),
      lines: [line({ drugCode: 'nimodipine', form: 'injection', quantity: 10, daysSupply: 10 })],
    },
    expect: { outcome: 'not_paid', hits: ['VILLAGE_SCOPE'] },
  },
  {
    rule: 'G-6 附件3 序号13',
    name: 'amlodipine has no injection row',
    claim: { lines: [line({ form: 'injection' })] },
    expect: { outcome: 'not_paid', hits: ['FORM_NOT_IN_CATALOGUE'] },
  },

  // G-6 附件4 备注: restrictions checked against the patient's record
  {
    rule: 'G-6 附件4 序号4 限二线用药',
    name: 'empagliflozin without a first-line drug before',
    patient: type2,
    claim: { lines: [line({ drugCode: DRUG.empagliflozin })] },
    expect: { outcome: 'not_paid', hits: ['RESTRICTION_NOT_MET'], rationalUse: false, ruleIds: { RESTRICTION_NOT_MET: 'G-6' } },
  },
  {
    rule: 'G-6 附件4 序号4 限二线用药',
    name: 'empagliflozin after metformin',
    patient: { ...type2, priorDrugCodes: [DRUG.metformin] },
    claim: { lines: [line({ drugCode: DRUG.empagliflozin })] },
    expect: { outcome: 'paid', hits: [], fundFen: 7000 },
  },
  {
    rule: 'G-6 附件4 序号4 限二线用药',
    name: 'empagliflozin added to metformin on the same prescription',
    patient: type2,
    claim: { lines: lines({ drugCode: DRUG.metformin }, { drugCode: DRUG.empagliflozin }) },
    expect: { outcome: 'paid', hits: [], fundFen: 14_000 },
  },
  {
    rule: 'G-6 附件4 序号4 限二线用药',
    name: 'a first-line antihypertensive does not open a second-line antidiabetic',
    patient: { ...type2, priorDrugCodes: [DRUG.amlodipine] },
    claim: { lines: [line({ drugCode: DRUG.empagliflozin })] },
    expect: { outcome: 'not_paid', hits: ['RESTRICTION_NOT_MET'] },
  },
  {
    rule: 'G-6 附件4 序号4 限二线用药',
    name: 'first-line therapy contraindicated on record',
    patient: { ...type2, findings: ['first_line_contraindicated'] },
    claim: { lines: [line({ drugCode: DRUG.empagliflozin })] },
    expect: { outcome: 'paid', hits: [] },
  },
  {
    rule: 'G-6 附件4 序号9 限二线用药',
    name: 'linagliptin without a first-line drug before',
    patient: type2,
    claim: { lines: [line({ drugCode: 'linagliptin' })] },
    expect: { outcome: 'not_paid', hits: ['RESTRICTION_NOT_MET'] },
  },
  {
    rule: 'G-6 附件4 序号5 限1型糖尿病患者',
    name: 'insulin glargine for type 1 diabetes',
    patient: type1,
    claim: { lines: [glargine] },
    expect: { outcome: 'paid', hits: [], fundFen: 35_000 },
  },
  {
    rule: 'G-6 附件4 序号5 限1型糖尿病患者',
    name: 'insulin glargine for type 2 without the finding',
    patient: type2,
    claim: { lines: [glargine] },
    expect: { outcome: 'not_paid', hits: ['RESTRICTION_NOT_MET'] },
  },
  {
    rule: 'G-6 附件4 序号5 限中长效胰岛素难以控制的2型',
    name: 'insulin glargine for type 2 uncontrolled on intermediate/long-acting insulin',
    patient: { ...type2, findings: ['t2_uncontrolled_on_intermediate_long_insulin'] },
    claim: { lines: [glargine] },
    expect: { outcome: 'paid', hits: [], fundFen: 35_000 },
  },
  {
    rule: 'G-6 附件4 序号5',
    name: 'insulin glargine is not village scope',
    patient: type1,
    claim: { institution: village, lines: [glargine] },
    expect: { outcome: 'not_paid', hits: ['VILLAGE_SCOPE'] },
  },

  // G-7 五(三)7: long prescriptions up to 3 months
  {
    rule: 'G-7 五(三)7',
    name: '90 days of supply is within the limit',
    claim: { lines: [line({ quantity: 90, daysSupply: 90, amountFen: 9000 })] },
    expect: { outcome: 'paid', hits: [], compliantFen: 9000, fundFen: 6300 },
  },
  {
    rule: 'G-7 五(三)7',
    name: '91 days: the 91st day is not compliant',
    claim: { lines: [line({ quantity: 91, daysSupply: 91, amountFen: 9100 })] },
    expect: {
      outcome: 'partially_paid',
      hits: ['LONG_PRESCRIPTION_EXCEEDED'],
      compliantFen: 9000,
      fundFen: 6300,
      rationalUse: false,
      ruleIds: { LONG_PRESCRIPTION_EXCEEDED: 'G-7' },
    },
  },

  // G-9 五(四)9: duplicate and over-quantity dispensing
  {
    rule: 'G-9 五(四)9 重复配药',
    name: '8 days of the last fill still on hand: beyond the 7-day tolerance',
    patient: { history: [fill('2021-08-10', DRUG.amlodipine, 30)] },
    expect: { outcome: 'not_paid', hits: ['DUPLICATE_DISPENSING'], rationalUse: false, ruleIds: { DUPLICATE_DISPENSING: 'G-9' } },
  },
  {
    rule: 'G-9 五(四)9 重复配药',
    name: 'a normal early refill: 7 days still on hand',
    patient: { history: [fill('2021-08-09', DRUG.amlodipine, 30)] },
    expect: { outcome: 'paid', hits: [], fundFen: 7000, rationalUse: true },
  },
  {
    rule: 'G-9 五(四)9 重复配药',
    name: 'the last fill was at another institution: still a duplicate',
    patient: { history: [fill('2021-08-25', DRUG.amlodipine, 30, 'gy-chc-9')] },
    expect: { outcome: 'not_paid', hits: ['DUPLICATE_DISPENSING'] },
  },
  {
    rule: 'G-9 五(四)9 重复配药',
    name: 'the same substance inside a combination product on hand',
    patient: { history: [fill('2021-08-25', 'valsartan+amlodipine', 30)] },
    expect: { outcome: 'not_paid', hits: ['DUPLICATE_DISPENSING'] },
  },
  {
    rule: 'G-9 五(四)9 重复配药',
    name: 'a different substance on hand is not a duplicate',
    patient: { history: [fill('2021-08-25', DRUG.nifedipine, 30)] },
    expect: { outcome: 'paid', hits: [] },
  },
  {
    rule: 'G-9 五(四)9 重复配药',
    name: 'a second line of the same drug in one claim',
    claim: { lines: lines({}, {}) },
    expect: { outcome: 'partially_paid', hits: ['DUPLICATE_DISPENSING'], fundFen: 7000, lineHits: { 1: [], 2: ['DUPLICATE_DISPENSING'] } },
  },
  {
    rule: 'G-9 五(四)9 重复配药',
    name: 'a second line of the same drug in one claim, even for a few days’ supply',
    claim: { lines: lines({ quantity: 5, daysSupply: 5, amountFen: 1000 }, { quantity: 5, daysSupply: 5, amountFen: 1000 }) },
    expect: { outcome: 'partially_paid', hits: ['DUPLICATE_DISPENSING'], fundFen: 700, lineHits: { 1: [], 2: ['DUPLICATE_DISPENSING'] } },
  },
  {
    rule: 'G-9 五(四)9 超量配药',
    name: 'over-quantity: 121 tablets for 30 days at 4 a day, the excess not paid',
    claim: { lines: [line({ quantity: 121 })] },
    expect: { outcome: 'partially_paid', hits: ['OVER_QUANTITY'], compliantFen: 9917, fundFen: 6941, rationalUse: false, ruleIds: { OVER_QUANTITY: 'G-9' } },
  },
  {
    rule: 'G-9 五(四)9 超量配药',
    name: '120 tablets for 30 days at 4 a day is within',
    claim: { lines: [line({ quantity: 120 })] },
    expect: { outcome: 'paid', hits: [], compliantFen: 10_000 },
  },
  {
    rule: 'G-7 五(三)7, G-9 五(四)9',
    name: 'too long and too much: both reductions apply in turn',
    claim: { lines: [line({ quantity: 400, daysSupply: 91, amountFen: 9100 })] },
    expect: { outcome: 'partially_paid', hits: ['LONG_PRESCRIPTION_EXCEEDED', 'OVER_QUANTITY'], compliantFen: 8190, fundFen: 5733 },
  },

  // G-11 五(三)6: rational medication use
  {
    rule: 'G-11 五(三)6',
    name: 'ACEI with an ARB is a warning: not rational use, still paid',
    claim: { lines: lines({ drugCode: DRUG.enalapril }, { drugCode: DRUG.valsartan }) },
    expect: {
      outcome: 'paid',
      hits: ['IRRATIONAL_COMBINATION'],
      fundFen: 14_000,
      rationalUse: false,
      lineHits: { 1: [], 2: ['IRRATIONAL_COMBINATION'] },
      ruleIds: { IRRATIONAL_COMBINATION: 'G-11' },
    },
  },
  {
    rule: 'G-11 五(三)6',
    name: 'an ARB while an ACEI from an earlier fill is still on hand',
    patient: { history: [fill('2021-08-20', DRUG.enalapril, 30)] },
    claim: { lines: [line({ drugCode: DRUG.valsartan })] },
    expect: { outcome: 'paid', hits: ['IRRATIONAL_COMBINATION'], fundFen: 7000, rationalUse: false },
  },
  {
    rule: 'G-11 五(三)6',
    name: 'an ARB after the ACEI supply ran out',
    patient: { history: [fill('2021-07-01', DRUG.enalapril, 30)] },
    claim: { lines: [line({ drugCode: DRUG.valsartan })] },
    expect: { outcome: 'paid', hits: [], rationalUse: true },
  },
  {
    rule: 'G-11 五(三)6',
    name: 'an ACEI with a calcium-channel blocker is rational',
    claim: { lines: lines({ drugCode: DRUG.enalapril }, { drugCode: DRUG.amlodipine }) },
    expect: { outcome: 'paid', hits: [], fundFen: 14_000, rationalUse: true },
  },
];

describe('Guiyang 2021', () => {
  it.each(cases)('$rule — $name', (c) => expectDecision(decide('guiyang', c), c.expect));

  describe('七(三): benefit rules from 2021-07-01', () => {
    const onDay = (serviceDate: string) => adjudicate(guiyangClaim({ serviceDate }), guiyangPatient(), { overrides: [TEST_GUIYANG] });

    it('a claim on 2021-06-30 is not_in_force', () => {
      const d = onDay('2021-06-30');
      expectDecision(d, { outcome: 'not_in_force', hits: ['RULE_SET_NOT_IN_FORCE'], fundFen: 0 });
      expect(d.overrideName).toBeNull();
    });

    it('a claim on 2021-07-01 is adjudicated under guiyang-2021 and its first catalogue', () => {
      const d = onDay('2021-07-01');
      expectDecision(d, { outcome: 'paid', hits: [], fundFen: 7000 });
      expect(d.ruleSetId).toBe('guiyang-2021');
      expect(d.catalogueVersionId).toMatch(/guiyang/);
    });
  });

  describe('G-4 五(二)3: the trace tells configured values from cited ones', () => {
    it('without an override the open parameters are reported as configuration, not set', () => {
      const d = decide('guiyang', { overrides: [] }, true);
      expect(d.outcome).toBe('not_configured');
      expect(d.ratioBp).toBe(0);
      const step = d.trace?.find((s) => s.step === 'benefit levels configured');
      expect(step?.ruleId).toBe('G-4');
      const ratio = step?.parameters.find((p) => p.name === 'ratioDesignatedBp');
      expect(ratio).toMatchObject({ value: null, kind: 'configuration' });
      expect(ratio?.citation.document).toContain('黔医保发〔2019〕54号');
    });

    it('with the named override its values are reported with kind override and its name', () => {
      const d = decide('guiyang', {}, true);
      expect(d.overrideName).toBe('test-guiyang');
      const params = (d.trace ?? []).flatMap((s) => s.parameters);
      const ratio = params.find((p) => p.name === 'ratioDesignatedBp');
      const cap = params.find((p) => p.name === 'capOneDiseaseFen');
      expect(ratio).toMatchObject({ value: 7000, kind: 'override' });
      expect(cap).toMatchObject({ value: 90_000, kind: 'override' });
      expect(ratio?.citation.note).toContain('test-guiyang');
      // values the plan itself states stay cited
      expect(params.find((p) => p.name === 'longPrescriptionMaxDays')).toMatchObject({ value: 90, kind: 'cited' });
      expect(d.trace?.[0]?.result).toContain('overrides: test-guiyang');
    });
  });
});
