/**
 * Properties that hold for every claim and patient, whatever the rules decide: the money adds up,
 * the fund never pays more than the ratio of the compliant cost or than the cap left, nothing is
 * negative, hits and lines agree, and a hit cites a rule of the claim's own city. The claims are
 * arbitrary but valid inputs (as the API's validation would let through) for both cities, with
 * no override, the test override, or an arbitrary override.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DRUGS } from '../catalogue/drugs';
import type { ClinicalFinding, Disease } from '../catalogue/types';
import { fromDay, toDay } from '../dates';
import { GUIYANG_CITY, TEST_GUIYANG, WUXI_CITY } from '../fixtures';
import { MAX_LINE_AMOUNT_FEN } from '../money';
import type { RuleSetOverride } from '../overrides';
import { INSTITUTION_LEVELS, PATHWAYS, type ClaimInput, type Decision, type PatientYear } from '../types';
import { adjudicate } from './adjudicate';
import { traceStepZh } from '../zh/trace';

const DRUG_CODES = [...DRUGS.map((d) => d.code), 'atorvastatin', 'aspirin'];
const FINDINGS: ClinicalFinding[] = [
  'chf_needs_rapid_or_parenteral_diuresis',
  'arb_intolerant_or_ineffective',
  'chronic_heart_failure_nyha_2_4',
  'reduced_ejection_fraction_evidence',
  't2_uncontrolled_on_intermediate_long_insulin',
  't2_uncontrolled_on_short_insulin_or_oral',
  'first_line_contraindicated',
];
const INSTITUTION_IDS = ['i-1', 'i-2', 'i-3', 'i-4'];
const CONSORTIA = [null, 'c-1', 'c-2'];
const DISEASES: Disease[] = ['hypertension', 'diabetes'];

const day = (from: string, to: string) => fc.integer({ min: toDay(from), max: toDay(to) });
/** Mostly the value a clean claim has, sometimes anything: so that paid, reduced and rejected claims all occur often. */
const mostly = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: any, weight: 1 });
const amountFen = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 60_000 }), weight: 8 },
  { arbitrary: fc.integer({ min: 0, max: MAX_LINE_AMOUNT_FEN }), weight: 1 },
);
const fen = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: 0, max }));
const diseases = fc.subarray(DISEASES);
const PRIMARY_LEVELS = INSTITUTION_LEVELS.filter((l) => l !== 'level2_hospital' && l !== 'level3_hospital');
/** Drugs on both cities' lists, in their own dosage form. */
const COMMON = [
  'amlodipine',
  'nifedipine',
  'enalapril',
  'valsartan',
  'metoprolol',
  'hydrochlorothiazide',
  'metformin',
  'acarbose',
  'glimepiride',
  'empagliflozin',
  'insulin-glargine',
];
const formOf = (code: string) => DRUGS.find((d) => d.code === code)?.forms[0] ?? 'oral';

const overrideArb = (ruleSetId: string): fc.Arbitrary<RuleSetOverride> =>
  fc
    .record({
      ratioDesignatedBp: fc.integer({ min: 0, max: 10_000 }),
      ratioReferralBp: fc.integer({ min: 0, max: 10_000 }),
      ratioExtensionBp: fc.integer({ min: 0, max: 10_000 }),
      ratioEmergencyBp: fc.integer({ min: 0, max: 10_000 }),
      ratioOutOfAreaBp: fc.integer({ min: 0, max: 10_000 }),
      capOneDiseaseFen: fen(200_000),
      capBothDiseasesFen: fen(300_000),
      deductibleFen: fen(20_000),
    })
    .map((parameters) => ({ name: 'arbitrary', description: 'property test', ruleSetId, source: { document: 'property test', section: '—' }, parameters }));

interface Scenario {
  readonly claim: ClaimInput;
  readonly patient: PatientYear;
  readonly overrides: readonly RuleSetOverride[];
}

const lineArb = fc
  .record({
    drugCode: mostly(fc.constantFrom(...COMMON), fc.constantFrom(...DRUG_CODES)),
    ownForm: mostly(fc.constant(true), fc.boolean()),
    otherForm: fc.constantFrom('oral' as const, 'injection' as const),
    daysSupply: mostly(fc.integer({ min: 7, max: 60 }), fc.integer({ min: 1, max: 120 })),
    unitsPerDay: mostly(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 12 })),
    amountFen,
  })
  .map((l) => ({
    drugCode: l.drugCode,
    form: l.ownForm ? formOf(l.drugCode) : l.otherForm,
    quantity: l.unitsPerDay * l.daysSupply,
    daysSupply: l.daysSupply,
    amountFen: l.amountFen,
  }));

export const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    wuxi: fc.boolean(),
    serviceDay: mostly(day('2021-07-01', '2024-12-31'), day('2019-11-01', '2024-12-31')),
    institution: fc.record({
      id: fc.constantFrom(...INSTITUTION_IDS),
      level: mostly(fc.constantFrom(...PRIMARY_LEVELS), fc.constantFrom(...INSTITUTION_LEVELS)),
      inCity: mostly(fc.constant(true), fc.boolean()),
      insuranceDesignated: mostly(fc.constant(true), fc.boolean()),
      canTreatTwoDiseases: mostly(fc.constant(true), fc.boolean()),
      consortiumId: fc.constantFrom(...CONSORTIA),
      networkedOutOfArea: fc.boolean(),
    }),
    pathway: mostly(fc.constant('designated' as const), fc.constantFrom(...PATHWAYS)),
    referral: fc.option(fc.record({ fromInstitutionId: fc.constantFrom(...INSTITUTION_IDS), daysBefore: fc.integer({ min: -3, max: 60 }) })),
    source: fc.option(
      fc.record({
        daysBefore: fc.integer({ min: -3, max: 250 }),
        institutionLevel: fc.constantFrom(...INSTITUTION_LEVELS),
        drugCodes: fc.subarray([...COMMON, ...DRUG_CODES.slice(0, 5)], { maxLength: 8 }),
      }),
    ),
    conditionStable: mostly(fc.constant(true), fc.boolean()),
    lineNos: fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 3 }),
    lines: fc.array(lineArb, { minLength: 3, maxLength: 3 }),
    patient: fc.record({
      scheme: mostly(fc.constant('resident' as const), fc.constantFrom('resident' as const, 'employee' as const, 'uninsured' as const)),
      diseases,
      diabetesType: fc.constantFrom('type1' as const, 'type2' as const, 'other' as const),
      certification: mostly(
        fc.record({ daysBefore: fc.integer({ min: 0, max: 900 }), diseases: fc.constant(DISEASES), revokedDaysBefore: fc.constant(null) }),
        fc.option(fc.record({ daysBefore: fc.integer({ min: -10, max: 900 }), diseases, revokedDaysBefore: fc.option(fc.integer({ min: -30, max: 30 })) })),
      ),
      designatedHere: mostly(fc.constant(true), fc.boolean()),
      designations: fc.array(
        fc.record({
          institutionId: fc.constantFrom(...INSTITUTION_IDS),
          consortiumId: fc.constantFrom(...CONSORTIA),
          fromDaysBefore: fc.integer({ min: -30, max: 400 }),
          length: fc.option(fc.integer({ min: 0, max: 400 })),
        }),
        { maxLength: 2 },
      ),
      chronicProgrammeDiseases: mostly(fc.constant<Disease[]>([]), diseases),
      longTermResidenceElsewhere: fc.boolean(),
      generalExhausted: mostly(fc.constant(true), fc.boolean()),
      generalFundPaidFen: fen(120_000),
      fundPaidFen: fen(150_000),
      findings: fc.subarray(FINDINGS),
      priorDrugCodes: fc.subarray(DRUG_CODES, { maxLength: 5 }),
      compliantFenYtd: fen(50_000),
      history: fc.array(
        fc.record({
          daysBefore: fc.integer({ min: 0, max: 150 }),
          drugCode: fc.constantFrom(...DRUG_CODES),
          daysSupply: fc.integer({ min: 1, max: 90 }),
          institutionId: fc.constantFrom(...INSTITUTION_IDS),
        }),
        { maxLength: 4 },
      ),
    }),
    overrideChoice: mostly(fc.constant('test'), fc.constantFrom('none', 'test', 'arbitrary')),
    wuxiOverride: overrideArb('wuxi-2019'),
    guiyangOverride: overrideArb('guiyang-2021'),
  })
  .map((s): Scenario => {
    const city = s.wuxi ? WUXI_CITY : GUIYANG_CITY;
    const before = (n: number) => fromDay(s.serviceDay - n);
    const p = s.patient;
    const claim: ClaimInput = {
      serviceDate: fromDay(s.serviceDay),
      cityCode: city,
      institution: {
        id: s.institution.id,
        level: s.institution.level,
        cityCode: s.institution.inCity ? city : '310100',
        districtCode: '000000',
        insuranceDesignated: s.institution.insuranceDesignated,
        canTreatTwoDiseases: s.institution.canTreatTwoDiseases,
        consortiumId: s.institution.consortiumId,
        networkedOutOfArea: s.institution.networkedOutOfArea,
      },
      pathway: s.pathway,
      referral: s.referral === null ? null : { fromInstitutionId: s.referral.fromInstitutionId, issuedOn: before(s.referral.daysBefore) },
      sourcePrescription:
        s.source === null ? null : { issuedOn: before(s.source.daysBefore), institutionLevel: s.source.institutionLevel, drugCodes: s.source.drugCodes },
      conditionStable: s.conditionStable,
      lines: s.lineNos.map((lineNo, i) => ({ lineNo, ...s.lines[i]! })),
    };
    const here = { institutionId: s.institution.id, consortiumId: s.institution.consortiumId, from: before(400), to: null };
    const patient: PatientYear = {
      scheme: p.scheme,
      districtCode: '000000',
      diseases: p.diseases.map((disease) => ({ disease, diabetesType: disease === 'diabetes' ? p.diabetesType : null, diagnosedOn: before(1000) })),
      certification:
        p.certification === null
          ? null
          : {
              certifiedOn: before(p.certification.daysBefore),
              diseases: p.certification.diseases,
              revokedOn: p.certification.revokedDaysBefore === null ? null : before(p.certification.revokedDaysBefore),
            },
      designations: [
        ...(p.designatedHere ? [here] : []),
        ...p.designations.map((d) => ({
          institutionId: d.institutionId,
          consortiumId: d.consortiumId,
          from: before(d.fromDaysBefore),
          to: d.length === null ? null : before(d.fromDaysBefore - d.length),
        })),
      ],
      chronicProgrammeDiseases: p.chronicProgrammeDiseases,
      longTermResidenceElsewhere: p.longTermResidenceElsewhere,
      generalOutpatient: { exhausted: p.generalExhausted, fundPaidFen: p.generalFundPaidFen },
      fundPaidFen: p.fundPaidFen,
      findings: p.findings,
      priorDrugCodes: p.priorDrugCodes,
      compliantFenYtd: p.compliantFenYtd,
      history: p.history.map((h) => ({ date: before(h.daysBefore), drugCode: h.drugCode, daysSupply: h.daysSupply, institutionId: h.institutionId })),
    };
    const overrides =
      s.overrideChoice === 'none' ? [] : s.overrideChoice === 'test' ? (s.wuxi ? [] : [TEST_GUIYANG]) : [s.wuxi ? s.wuxiOverride : s.guiyangOverride];
    return { claim, patient, overrides };
  });

const RUNS = { numRuns: 2000 };
const run = (s: Scenario, trace = false): Decision => adjudicate(s.claim, s.patient, { overrides: s.overrides, trace });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('adjudication properties', () => {
  it('per line: nothing negative, compliant ≤ amount, fund ≤ floor(ratio × compliant), fund + patient = amount', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s);
        expect(d.lines.length).toBe(s.claim.lines.length);
        d.lines.forEach((l, i) => {
          const input = s.claim.lines[i]!;
          expect(l.lineNo).toBe(input.lineNo);
          expect(l.amountFen).toBe(input.amountFen);
          for (const v of [l.compliantFen, l.fundFen, l.patientFen]) {
            expect(Number.isSafeInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
          expect(l.compliantFen).toBeLessThanOrEqual(l.amountFen);
          expect(l.fundFen).toBeLessThanOrEqual(Math.floor((l.compliantFen * d.ratioBp) / 10_000));
          expect(l.fundFen + l.patientFen).toBe(l.amountFen);
        });
      }),
      RUNS,
    );
  });

  it('totals are the sums of the lines', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s);
        expect(d.amountFen).toBe(sum(d.lines.map((l) => l.amountFen)));
        expect(d.compliantFen).toBe(sum(d.lines.map((l) => l.compliantFen)));
        expect(d.fundFen).toBe(sum(d.lines.map((l) => l.fundFen)));
        expect(d.patientFen).toBe(sum(d.lines.map((l) => l.patientFen)));
        expect(d.fundFen + d.patientFen).toBe(d.amountFen);
      }),
      RUNS,
    );
  });

  it('the fund never pays more than the cap left, which includes the general-outpatient fund in Wuxi (W-3)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s);
        if (d.outcome === 'not_in_force') {
          expect(d.fundFen).toBe(0);
          return;
        }
        const capLeftBefore = Math.max(0, d.capFen - d.capUsedBeforeFen);
        expect(d.fundFen).toBeLessThanOrEqual(capLeftBefore);
        expect(d.capRemainingFen).toBe(capLeftBefore - d.fundFen);
        const wuxi = s.claim.cityCode === WUXI_CITY;
        expect(d.capUsedBeforeFen).toBe(s.patient.fundPaidFen + (wuxi ? s.patient.generalOutpatient.fundPaidFen : 0));
        if (wuxi && s.overrides.length === 0) {
          expect([80_000, 100_000]).toContain(d.capFen);
          expect(d.fundFen).toBeLessThanOrEqual(Math.max(0, 100_000 - s.patient.fundPaidFen - s.patient.generalOutpatient.fundPaidFen));
        }
      }),
      RUNS,
    );
  });

  it('outcome, hits and lines agree', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s);
        const paid = d.outcome === 'paid' || d.outcome === 'partially_paid';
        expect(paid).toBe(d.fundFen > 0);
        if (d.outcome === 'not_configured') expect(d.hits.map((h) => h.code)).toContain('PARAMETER_NOT_CONFIGURED');
        if (d.hits.some((h) => h.severity === 'reject_claim')) expect(d.fundFen).toBe(0);
        expect(d.rationalUse).toBe(!d.hits.some((h) => h.failsRationalUse));
        for (const l of d.lines) {
          const own = d.hits.filter((h) => h.lineNo === l.lineNo).map((h) => h.code);
          expect([...l.hitCodes].sort()).toEqual(own.sort());
          const lineHits = d.hits.filter((h) => h.lineNo === l.lineNo);
          if (lineHits.some((h) => h.severity === 'reject_line')) expect(l.fundFen).toBe(0);
        }
        for (const h of d.hits) {
          if (h.lineNo !== null) expect(d.lines.some((l) => l.lineNo === h.lineNo)).toBe(true);
          else expect(['reject_claim']).toContain(h.severity);
        }
      }),
      RUNS,
    );
  });

  it('Guiyang without an override never pays: not_configured (or rejected), never a silent zero', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        if (s.claim.cityCode !== GUIYANG_CITY) return;
        const d = adjudicate(s.claim, s.patient);
        expect(d.fundFen).toBe(0);
        expect(['not_configured', 'not_paid', 'not_in_force']).toContain(d.outcome);
        if (d.outcome === 'not_paid') expect(d.hits.map((h) => h.code)).toContain('PATHWAY_NOT_AVAILABLE');
      }),
      RUNS,
    );
  });

  it('every hit and every step of the trace cites a rule of the claim’s own city', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s, true);
        const own = s.claim.cityCode === WUXI_CITY ? /^W-\d+$/ : /^G-\d+$/;
        // RULE_SET_NOT_IN_FORCE included: it cites the city's own date of force (W-0 六, G-0 七(三)).
        for (const h of d.hits) expect(h.ruleId, `${h.code} in ${d.ruleSetId}`).toMatch(own);
        for (const step of d.trace ?? []) if (step.ruleId !== '—') expect(step.ruleId, `${step.step} in ${d.ruleSetId}`).toMatch(own);
      }),
      RUNS,
    );
  });

  it('every step of the trace is of a known kind and reads in Chinese (zh/trace.ts)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s, true);
        for (const step of d.trace ?? []) expect(traceStepZh(step, d.ruleSetId).kind, step.step).not.toBeNull();
      }),
      RUNS,
    );
  });

  it('the trace changes nothing but the trace, and adjudication is deterministic', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plain = run(s);
        const traced = run(s, true);
        expect(plain.trace).toBeNull();
        expect(traced.trace?.length).toBeGreaterThan(0);
        expect({ ...traced, trace: null }).toEqual(plain);
        expect(run(s)).toEqual(plain);
      }),
      { numRuns: 1000 },
    );
  });

  it('more paid earlier in the year never means more paid now', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 120_000 }), (s, more) => {
        const later = { ...s, patient: { ...s.patient, fundPaidFen: s.patient.fundPaidFen + more } };
        expect(run(later).fundFen).toBeLessThanOrEqual(run(s).fundFen);
      }),
      { numRuns: 1000 },
    );
  });
});
