/**
 * Wuxi (无锡, 2019-12-12 opinion), rule by rule. Every case starts from the clean claim of
 * fixtures.ts — a certified hypertension patient whose general-outpatient benefit is used up,
 * at their designated community health centre, amlodipine 30 tablets for 30 days, ¥100.00 —
 * and states only what differs. 60 % of ¥100.00 is ¥60.00 = 6000 fen.
 */
import { describe, expect, it } from 'vitest';
import { bothDiseases, designation, DRUG, fill, institution, line, lines, wuxiClaim, wuxiPatient } from '../fixtures';
import { adjudicate } from './adjudicate';
import { decide, expectDecision, type Case } from './cases';

const hospital2 = institution({ id: 'wx-h2-1', level: 'level2_hospital', consortiumId: null });
const referralFromDesignated = { fromInstitutionId: 'wx-chc-1', issuedOn: '2020-02-20' };
const elsewhere = (level: 'level2_hospital' | 'level3_hospital' | 'community_health_centre', networkedOutOfArea = true) =>
  institution({ id: `sh-${level}`, level, cityCode: '310100', districtCode: '310101', consortiumId: null, networkedOutOfArea });

const cases: Case[] = [
  // W-3 二(三): ratio, no deductible, rounding
  {
    rule: 'W-3 二(三)',
    name: 'at the designated primary institution the fund pays 60 %',
    expect: {
      outcome: 'paid',
      hits: [],
      fundFen: 6000,
      compliantFen: 10_000,
      ratioBp: 6000,
      capFen: 80_000,
      capRemainingFen: 74_000,
      rationalUse: true,
      category: 'special',
    },
  },
  {
    rule: 'W-3 二(三)',
    name: 'no deductible: the first compliant fen of the year is paid at 60 %',
    claim: { lines: [line({ amountFen: 100 })] },
    expect: { outcome: 'paid', hits: [], fundFen: 60 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'the fund share is rounded down to the fen (60 % of 100.01 yuan)',
    claim: { lines: [line({ amountFen: 10_001 })] },
    expect: { outcome: 'paid', hits: [], fundFen: 6000 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'referral pays 50 %',
    claim: { pathway: 'referral', institution: hospital2, referral: referralFromDesignated },
    expect: { outcome: 'paid', hits: [], fundFen: 5000, ratioBp: 5000 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'general-outpatient benefit not used up: not paid',
    patient: { generalOutpatient: { exhausted: false, fundPaidFen: 12_000 } },
    expect: { outcome: 'not_paid', hits: ['GENERAL_OUTPATIENT_NOT_EXHAUSTED'], fundFen: 0, ruleIds: { GENERAL_OUTPATIENT_NOT_EXHAUSTED: 'W-3' } },
  },

  // W-3 二(三): the annual cap, including the general-outpatient fund's payments
  {
    rule: 'W-3 二(三)',
    name: 'one disease: cap 800 yuan reached exactly',
    patient: { fundPaidFen: 74_000 },
    expect: { outcome: 'paid', hits: [], fundFen: 6000, capFen: 80_000, capRemainingFen: 0 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'one disease: one fen over the 800 yuan cap',
    patient: { fundPaidFen: 74_001 },
    expect: { outcome: 'partially_paid', hits: ['CAP_REACHED'], fundFen: 5999, capRemainingFen: 0, rationalUse: true, ruleIds: { CAP_REACHED: 'W-3' } },
  },
  {
    rule: 'W-3 二(三)',
    name: 'the cap includes the general-outpatient fund: reached exactly',
    patient: { generalOutpatient: { exhausted: true, fundPaidFen: 30_000 }, fundPaidFen: 44_000 },
    expect: { outcome: 'paid', hits: [], fundFen: 6000, capRemainingFen: 0 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'the cap includes the general-outpatient fund: one fen over',
    patient: { generalOutpatient: { exhausted: true, fundPaidFen: 30_001 }, fundPaidFen: 44_000 },
    expect: { outcome: 'partially_paid', hits: ['CAP_REACHED'], fundFen: 5999 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'the general-outpatient fund alone used the whole cap: nothing left',
    patient: { generalOutpatient: { exhausted: true, fundPaidFen: 90_000 } },
    expect: { outcome: 'not_paid', hits: ['CAP_REACHED'], fundFen: 0, capRemainingFen: 0 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'both diseases: cap 1000 yuan reached exactly',
    patient: { ...bothDiseases('2019-12-20'), fundPaidFen: 94_000 },
    expect: { outcome: 'paid', hits: [], fundFen: 6000, capFen: 100_000, capRemainingFen: 0 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'both diseases: one fen over the 1000 yuan cap',
    patient: { ...bothDiseases('2019-12-20'), fundPaidFen: 94_001 },
    expect: { outcome: 'partially_paid', hits: ['CAP_REACHED'], fundFen: 5999 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'both diseases: paid beyond the one-disease cap of 800 yuan',
    patient: { ...bothDiseases('2019-12-20'), fundPaidFen: 80_000 },
    expect: { outcome: 'paid', hits: [], fundFen: 6000, capRemainingFen: 14_000 },
  },
  {
    rule: 'W-3 二(三)',
    name: 'the cap is used up part-way through a claim: the first line in full, the second in part',
    patient: { ...bothDiseases('2019-12-20'), fundPaidFen: 92_000 },
    claim: { lines: lines({}, { drugCode: DRUG.metformin, amountFen: 5000 }) },
    expect: { outcome: 'partially_paid', hits: ['CAP_REACHED'], fundFen: 8000, lineFund: { 1: 6000, 2: 2000 }, lineHits: { 1: [], 2: ['CAP_REACHED'] } },
  },

  // W-1 二(一): who is covered
  {
    rule: 'W-1 二(一)',
    name: 'employee scheme (职工医保) rejected',
    patient: { scheme: 'employee' },
    expect: { outcome: 'not_paid', hits: ['SCHEME_NOT_RESIDENT'], fundFen: 0, ruleIds: { SCHEME_NOT_RESIDENT: 'W-1' } },
  },
  { rule: 'W-1 二(一)', name: 'uninsured rejected', patient: { scheme: 'uninsured' }, expect: { outcome: 'not_paid', hits: ['SCHEME_NOT_RESIDENT'] } },
  {
    rule: 'W-1 二(一)、三(二)',
    name: 'not certified (no first assessment)',
    patient: { certification: null },
    expect: { outcome: 'not_paid', hits: ['NOT_CERTIFIED'], ruleIds: { NOT_CERTIFIED: 'W-1' } },
  },
  {
    rule: 'W-1 二(一)',
    name: 'certified after the service date',
    patient: { certification: { certifiedOn: '2020-03-03', diseases: ['hypertension'], revokedOn: null } },
    expect: { outcome: 'not_paid', hits: ['NOT_CERTIFIED'] },
  },
  {
    rule: 'W-1 二(一)',
    name: 'certified on the service date',
    patient: { certification: { certifiedOn: '2020-03-02', diseases: ['hypertension'], revokedOn: null } },
    expect: { outcome: 'paid', hits: [], fundFen: 6000 },
  },
  {
    rule: 'W-1 二(一)',
    name: 'certification revoked on the service date',
    patient: { certification: { certifiedOn: '2019-12-20', diseases: ['hypertension'], revokedOn: '2020-03-02' } },
    expect: { outcome: 'not_paid', hits: ['NOT_CERTIFIED'] },
  },
  {
    rule: 'W-1 二(一)',
    name: 'certification revoked the day after: still valid',
    patient: { certification: { certifiedOn: '2019-12-20', diseases: ['hypertension'], revokedOn: '2020-03-03' } },
    expect: { outcome: 'paid', hits: [] },
  },
  {
    rule: 'W-1 二(一)',
    name: 'every claim-level rule runs: employee and not certified are both reported',
    patient: { scheme: 'employee', certification: null },
    expect: { outcome: 'not_paid', hits: ['SCHEME_NOT_RESIDENT', 'NOT_CERTIFIED'] },
  },
  {
    rule: 'W-1 二(一)',
    name: 'a glucose-lowering drug for a patient certified for hypertension only',
    claim: { lines: [line({ drugCode: DRUG.metformin })] },
    expect: { outcome: 'not_paid', hits: ['DISEASE_NOT_CERTIFIED'], rationalUse: false },
  },

  // W-2 二(二): drugs that directly lower blood pressure or glucose
  {
    rule: 'W-2 二(二)',
    name: 'a statin is not a blood-pressure or glucose-lowering drug',
    claim: { lines: [line({ drugCode: 'atorvastatin' })] },
    expect: { outcome: 'not_paid', hits: ['DRUG_NOT_IN_CATALOGUE'], rationalUse: false, ruleIds: { DRUG_NOT_IN_CATALOGUE: 'W-2' } },
  },
  {
    rule: 'W-2 二(二)',
    name: 'olmesartan (not on Guiyang’s list) is in Wuxi’s scope by ATC C09',
    claim: { lines: [line({ drugCode: 'olmesartan' })] },
    expect: { outcome: 'paid', hits: [], fundFen: 6000 },
  },
  {
    rule: 'W-2 二(二)',
    name: 'a dosage form the drug is not marketed in',
    claim: { lines: [line({ form: 'injection' })] },
    expect: { outcome: 'not_paid', hits: ['FORM_NOT_IN_CATALOGUE'], ruleIds: { FORM_NOT_IN_CATALOGUE: 'W-2' } },
  },
  {
    rule: 'W-2 二(二)',
    name: 'one line out of scope, the other paid',
    claim: { lines: lines({ drugCode: 'atorvastatin' }, {}) },
    expect: { outcome: 'partially_paid', hits: ['DRUG_NOT_IN_CATALOGUE'], fundFen: 6000, lineFund: { 1: 0, 2: 6000 } },
  },

  // W-4 三(一): designated primary institution, or jointly a consortium
  {
    rule: 'W-4 三(一)',
    name: 'not at the designated institution: not paid',
    claim: { institution: institution({ id: 'wx-chc-9', consortiumId: 'wx-consortium-2' }) },
    expect: { outcome: 'not_paid', hits: ['NOT_DESIGNATED_INSTITUTION'], ruleIds: { NOT_DESIGNATED_INSTITUTION: 'W-4' } },
  },
  {
    rule: 'W-4 三(一)',
    name: 'another institution of the same consortium (联合定点) is allowed',
    claim: { institution: institution({ id: 'wx-thc-3', level: 'township_health_centre' }) },
    expect: { outcome: 'paid', hits: [], fundFen: 6000 },
  },
  {
    rule: 'W-4 三(一)',
    name: 'an institution outside any consortium is not',
    claim: { institution: institution({ id: 'wx-thc-4', level: 'township_health_centre', consortiumId: null }) },
    expect: { outcome: 'not_paid', hits: ['NOT_DESIGNATED_INSTITUTION'] },
  },
  { rule: 'W-4 三(一)', name: 'no designation at all', patient: { designations: [] }, expect: { outcome: 'not_paid', hits: ['NOT_DESIGNATED_INSTITUTION'] } },
  {
    rule: 'W-4 三(一)',
    name: 'the designation ended the day before',
    patient: { designations: [designation({ to: '2020-03-01' })] },
    expect: { outcome: 'not_paid', hits: ['NOT_DESIGNATED_INSTITUTION'] },
  },
  {
    rule: 'W-4 三(一)',
    name: 'the designation ends on the service date (inclusive)',
    patient: { designations: [designation({ to: '2020-03-02' })] },
    expect: { outcome: 'paid', hits: [] },
  },
  // W-4 三(一): 实行基层医疗卫生服务机构定点管理 — a hospital given as designated is not paid at the designated rate, nor at any (…不予支付)
  {
    rule: 'W-4 三(一)',
    name: 'a level-2 hospital given as the designated institution: not paid',
    claim: { institution: hospital2 },
    patient: { designations: [designation({ institutionId: hospital2.id, consortiumId: null })] },
    expect: { outcome: 'not_paid', hits: ['DESIGNATED_NOT_PRIMARY'], fundFen: 0, ruleIds: { DESIGNATED_NOT_PRIMARY: 'W-4' } },
  },
  {
    rule: 'W-4 三(一)',
    name: 'a consortium’s hospital as the designated institution, dispensed at a primary member: not paid',
    patient: { designations: [designation({ institutionId: 'wx-h2-lead', institutionLevel: 'level2_hospital' })] },
    expect: { outcome: 'not_paid', hits: ['DESIGNATED_NOT_PRIMARY'], fundFen: 0 },
  },
  {
    rule: 'W-4 三(一)',
    name: 'a township health centre given as designated, its level stated: paid',
    patient: { designations: [designation({ institutionLevel: 'township_health_centre' })] },
    expect: { outcome: 'paid', hits: [], fundFen: 6000 },
  },
  {
    rule: 'W-4 三(一)、二(三)',
    name: 'a referral by a designated hospital is not 经定点的基层机构转诊: not paid',
    claim: { pathway: 'referral', institution: institution({ id: 'wx-h3-1', level: 'level3_hospital', consortiumId: null }), referral: referralFromDesignated },
    patient: { designations: [designation({ institutionLevel: 'level2_hospital' })] },
    expect: { outcome: 'not_paid', hits: ['DESIGNATED_NOT_PRIMARY'], fundFen: 0 },
  },
  {
    rule: 'W-4 三(一)',
    name: 'the designation in force on the service date counts, not an earlier one',
    patient: {
      designations: [designation({ institutionId: 'wx-chc-9', consortiumId: null, from: '2019-12-12', to: '2020-02-29' }), designation({ from: '2020-03-01' })],
    },
    expect: { outcome: 'paid', hits: [] },
  },
  {
    rule: 'W-6 三(三)',
    name: 'an institution that is not a basic-insurance designated institution',
    claim: { institution: institution({ insuranceDesignated: false }) },
    expect: { outcome: 'not_paid', hits: ['INSTITUTION_NOT_INSURANCE_DESIGNATED'] },
  },

  // W-6 三(三): referral and emergency
  {
    rule: 'W-6 三(三)',
    name: 'referral without a referral record',
    claim: { pathway: 'referral', institution: hospital2 },
    expect: { outcome: 'not_paid', hits: ['REFERRAL_MISSING'], ruleIds: { REFERRAL_MISSING: 'W-6' } },
  },
  {
    rule: 'W-6 三(三)',
    name: 'referral issued by an institution that is not the designated one',
    claim: { pathway: 'referral', institution: hospital2, referral: { fromInstitutionId: 'wx-chc-9', issuedOn: '2020-02-20' } },
    expect: { outcome: 'not_paid', hits: ['REFERRAL_NOT_FROM_DESIGNATED'] },
  },
  {
    rule: 'W-6 三(三)',
    name: 'referral dated after the service',
    claim: { pathway: 'referral', institution: hospital2, referral: { fromInstitutionId: 'wx-chc-1', issuedOn: '2020-03-03' } },
    expect: { outcome: 'not_paid', hits: ['REFERRAL_AFTER_SERVICE'] },
  },
  {
    rule: 'W-6 三(三)',
    name: 'referral goes to a hospital in the city (市内), not outside it',
    claim: { pathway: 'referral', institution: elsewhere('level2_hospital'), referral: referralFromDesignated },
    expect: { outcome: 'not_paid', hits: ['INSTITUTION_OUT_OF_CITY'] },
  },
  {
    rule: 'W-6 三(三)',
    name: 'emergency at the nearest designated hospital, reimbursed afterwards by the designated institution',
    claim: { pathway: 'emergency', institution: institution({ id: 'wx-h3-1', level: 'level3_hospital', consortiumId: null }) },
    expect: { outcome: 'paid', hits: [], fundFen: 6000, ratioBp: 6000 },
  },
  {
    rule: 'W-6 三(三)',
    name: 'emergency claim without a designated primary institution to reimburse it',
    patient: { designations: [] },
    claim: { pathway: 'emergency', institution: institution({ id: 'wx-h3-1', level: 'level3_hospital', consortiumId: null }) },
    expect: { outcome: 'not_paid', hits: ['NOT_DESIGNATED_INSTITUTION'] },
  },

  // W-7 三(四): long-term residence elsewhere
  {
    rule: 'W-7 三(四)',
    name: 'out of area at a networked level-2 institution, at the insured city’s ratio',
    patient: { longTermResidenceElsewhere: true },
    claim: { pathway: 'out_of_area', institution: elsewhere('level2_hospital') },
    expect: { outcome: 'paid', hits: [], fundFen: 6000 },
  },
  {
    rule: 'W-7 三(四)',
    name: 'out of area at a level-3 hospital rejected',
    patient: { longTermResidenceElsewhere: true },
    claim: { pathway: 'out_of_area', institution: elsewhere('level3_hospital') },
    expect: { outcome: 'not_paid', hits: ['OUT_OF_AREA_LEVEL'], ruleIds: { OUT_OF_AREA_LEVEL: 'W-7' } },
  },
  {
    rule: 'W-7 三(四)',
    name: 'out of area at an institution not networked for settlement',
    patient: { longTermResidenceElsewhere: true },
    claim: { pathway: 'out_of_area', institution: elsewhere('community_health_centre', false) },
    expect: { outcome: 'not_paid', hits: ['OUT_OF_AREA_LEVEL'] },
  },
  {
    rule: 'W-7 三(四)',
    name: 'out of area without long-term residence registered',
    claim: { pathway: 'out_of_area', institution: elsewhere('level2_hospital') },
    expect: { outcome: 'not_paid', hits: ['OUT_OF_AREA_NOT_REGISTERED'] },
  },

  // W-9 四(二): long prescriptions up to 2 months, no repeated prescribing
  {
    rule: 'W-9 四(二)',
    name: '60 days of supply is within the long-prescription limit',
    claim: { lines: [line({ quantity: 60, daysSupply: 60, amountFen: 6000 })] },
    expect: { outcome: 'paid', hits: [], compliantFen: 6000, fundFen: 3600, rationalUse: true },
  },
  {
    rule: 'W-9 四(二)',
    name: '61 days: the 61st day is not compliant (pro rata), the rest is paid',
    claim: { lines: [line({ quantity: 61, daysSupply: 61, amountFen: 6100 })] },
    expect: {
      outcome: 'partially_paid',
      hits: ['LONG_PRESCRIPTION_EXCEEDED'],
      compliantFen: 6000,
      fundFen: 3600,
      rationalUse: false,
      ruleIds: { LONG_PRESCRIPTION_EXCEEDED: 'W-9' },
    },
  },
  {
    rule: 'W-9 四(二)',
    name: 'repeated prescribing: 14 days of the last fill still on hand',
    patient: { history: [fill('2020-02-15', DRUG.amlodipine, 30)] },
    expect: { outcome: 'not_paid', hits: ['DUPLICATE_DISPENSING'], rationalUse: false, ruleIds: { DUPLICATE_DISPENSING: 'W-9' } },
  },

  // W-11 五(二): no double payment with the chronic / special disease programme
  {
    rule: 'W-11 五(二)',
    name: 'a patient in the chronic-disease programme for hypertension is paid there, not here',
    patient: { chronicProgrammeDiseases: ['hypertension'] },
    expect: {
      outcome: 'not_paid',
      hits: ['COVERED_BY_CHRONIC_PROGRAMME'],
      fundFen: 0,
      rationalUse: true,
      category: 'special',
      ruleIds: { COVERED_BY_CHRONIC_PROGRAMME: 'W-11' },
    },
  },
  {
    rule: 'W-11 五(二)',
    name: 'in the programme for diabetes only: the hypertension drug is paid here',
    patient: { ...bothDiseases('2019-12-20'), chronicProgrammeDiseases: ['diabetes'] },
    expect: { outcome: 'paid', hits: [], fundFen: 6000 },
  },

  // Pathways the Wuxi opinion does not provide
  {
    rule: 'W-4 三',
    name: 'no extension-prescription pathway in Wuxi (and no G-5 line check either)',
    claim: { pathway: 'extension', sourcePrescription: { issuedOn: '2020-02-01', institutionLevel: 'level2_hospital', drugCodes: [DRUG.valsartan] } },
    expect: { outcome: 'not_paid', hits: ['PATHWAY_NOT_AVAILABLE'], fundFen: 0 },
  },
];

describe('Wuxi 2019', () => {
  it.each(cases)('$rule — $name', (c) => expectDecision(decide('wuxi', c), c.expect));

  describe('六: in force from the date of issue, 2019-12-12', () => {
    const onDay = (serviceDate: string) =>
      adjudicate(
        wuxiClaim({ serviceDate }),
        wuxiPatient({
          certification: { certifiedOn: '2019-12-12', diseases: ['hypertension'], revokedOn: null },
          designations: [designation({ from: '2019-12-12' })],
        }),
      );

    it('a claim on 2019-12-11 is not_in_force, with nothing paid and the reason stated', () => {
      const d = onDay('2019-12-11');
      expectDecision(d, { outcome: 'not_in_force', hits: ['RULE_SET_NOT_IN_FORCE'], fundFen: 0, compliantFen: 0 });
      expect(d.ruleSetId).toBeNull();
      expect(d.patientFen).toBe(10_000);
    });

    it('a claim on 2019-12-12 is adjudicated under wuxi-2019', () => {
      const d = onDay('2019-12-12');
      expectDecision(d, { outcome: 'paid', hits: [], fundFen: 6000 });
      expect(d.ruleSetId).toBe('wuxi-2019');
      expect(d.overrideName).toBeNull();
    });
  });

  it('W-3 二(三): the trace cites the cap and ratio as stated in the source, kind cited', () => {
    const d = decide('wuxi', {}, true);
    const params = (d.trace ?? []).flatMap((s) => s.parameters);
    expect(params.find((p) => p.name === 'capOneDiseaseFen')).toMatchObject({ value: 80_000, kind: 'cited', citation: { section: '二(三)' } });
    expect(params.find((p) => p.name === 'ratioDesignatedBp')).toMatchObject({ value: 6000, kind: 'cited', citation: { section: '二(三)' } });
    expect(params.find((p) => p.name === 'capIncludesGeneralOutpatient')).toMatchObject({ value: true, kind: 'cited' });
    expect(d.trace?.some((s) => s.ruleId === 'W-4' && s.section === '三(一)')).toBe(true);
  });

  it('W-3 二(三): the trace is an explanation only — the decision is the same without it', () => {
    const c: Case = {
      rule: '',
      name: '',
      patient: { fundPaidFen: 74_001 },
      claim: { lines: lines({}, { drugCode: DRUG.enalapril }) },
      expect: { outcome: 'paid', hits: [] },
    };
    const withTrace = decide('wuxi', c, true);
    const without = decide('wuxi', c, false);
    expect(without.trace).toBeNull();
    expect(withTrace.trace?.length).toBeGreaterThan(5);
    expect({ ...withTrace, trace: null }).toEqual(without);
  });
});
