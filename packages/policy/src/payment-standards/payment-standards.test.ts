/**
 * The payment standard (W 四(一)): 按照国家和省对“两病”用药确定的支付标准，进行动态维护。为确保“两病”患者尽早享受待遇，
 * 目前暂按现有支付标准执行。 The fund's share is reckoned on min(submitted, standard × quantity); the excess is the
 * patient's, its own amount on the line and a hit. Figures are worked by hand in each case's comment.
 */
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../adjudicate/adjudicate';
import { bothDiseases, guiyangClaim, guiyangPatient, lines, TEST_GUIYANG, TEST_WUXI_STANDARD, wuxiClaim, wuxiPatient } from '../fixtures';
import { renderClaimNotice } from '../notice/notice';
import type { RuleSetOverride } from '../overrides';
import { validateOverride } from '../overrides';
import { traceStepZh } from '../zh/trace';
import { normaliseStrength } from './compile';

const WITH = { overrides: [TEST_WUXI_STANDARD] };

describe('W 四(一) payment standard', () => {
  it('pays on the standard and leaves the excess to the patient', () => {
    // 30 tablets of amlodipine 5 mg at 100.00 yuan; standard 2.00 yuan a tablet → 60.00 yuan counts, 40.00 is over.
    // Fund: floor(6000 × 60 %) = 3600 (二(三) 60 %); patient 10000 − 3600 = 6400.
    const d = adjudicate(wuxiClaim({ lines: lines({ strength: '5mg' }) }), wuxiPatient(), WITH);
    expect(d.lines[0]).toMatchObject({ amountFen: 10_000, compliantFen: 6_000, fundFen: 3_600, patientFen: 6_400, overStandardFen: 4_000 });
    expect(d.outcome).toBe('partially_paid');
    const h = d.hits.find((x) => x.code === 'OVER_PAYMENT_STANDARD');
    expect(h).toMatchObject({ ruleId: 'W-8', section: '四(一)', severity: 'reduce_line', lineNo: 1, failsRationalUse: false });
    expect(d.rationalUse).toBe(true);
  });

  it('a line within the standard is paid on its price, with nothing over', () => {
    // 30 × 2.00 = 60.00 ≥ 50.00 submitted: fund floor(5000 × 60 %) = 3000.
    const d = adjudicate(wuxiClaim({ lines: lines({ strength: '5mg', amountFen: 5_000 }) }), wuxiPatient(), WITH);
    expect(d.lines[0]).toMatchObject({ compliantFen: 5_000, fundFen: 3_000, overStandardFen: 0, hitCodes: [] });
    expect(d.outcome).toBe('paid');
  });

  it('a drug without a standard in force is paid on its submitted price (目前暂按现有支付标准执行)', () => {
    // nifedipine has no row: 10000 × 60 % = 6000.
    const d = adjudicate(wuxiClaim({ lines: lines({ drugCode: 'nifedipine' }) }), wuxiPatient(), { ...WITH, trace: true });
    expect(d.lines[0]).toMatchObject({ fundFen: 6_000, overStandardFen: 0 });
    const step = d.trace!.find((s) => s.step.startsWith('payment standard'))!;
    expect(step).toMatchObject({ ruleId: 'W-8', section: '四(一)', result: 'none for this drug and form: paid on the submitted price' });
  });

  it('a claim before the version takes effect is paid on its submitted price', () => {
    const d = adjudicate(wuxiClaim({ serviceDate: '2019-12-30', lines: lines({ strength: '5mg' }) }), wuxiPatient({ designations: [] }), {
      ...WITH,
      trace: true,
    });
    expect(d.lines[0]!.overStandardFen).toBe(0);
    expect(d.hits.map((h) => h.code)).not.toContain('OVER_PAYMENT_STANDARD');
  });

  it('without any standard loaded nothing changes, and the trace says the submitted price is paid', () => {
    const d = adjudicate(wuxiClaim(), wuxiPatient(), { trace: true });
    expect(d.lines[0]).toMatchObject({ fundFen: 6_000, overStandardFen: 0 });
    const step = d.trace!.find((s) => s.step === 'payment standard in force')!;
    expect(traceStepZh(step, d.ruleSetId).resultZh).toContain('目前暂按现有支付标准执行');
    expect(traceStepZh(step, d.ruleSetId).citationZh).toBe('《无锡市…意见》四（一）');
  });

  it('matches the strength as written, spaces and case aside', () => {
    expect(normaliseStrength(' 5 MG ')).toBe('5mg');
    expect(normaliseStrength('０.５ｇ')).toBe('0.5g');
    const d = adjudicate(wuxiClaim({ lines: lines({ strength: '5 MG' }) }), wuxiPatient(), WITH);
    expect(d.lines[0]!.overStandardFen).toBe(4_000);
  });

  it('another strength than the standard’s is paid on its submitted price', () => {
    const d = adjudicate(wuxiClaim({ lines: lines({ strength: '10mg' }) }), wuxiPatient(), { ...WITH, trace: true });
    expect(d.lines[0]).toMatchObject({ fundFen: 6_000, overStandardFen: 0 });
    const step = d.trace!.find((s) => s.step.startsWith('payment standard'))!;
    expect(step.result).toBe('none for this strength (standards for 5mg): paid on the submitted price');
    expect(traceStepZh(step, d.ruleSetId).resultZh).toBe('该规格无支付标准（有标准的规格：5mg）：按申报价格计算');
  });

  it('a line without a strength takes the only standard of its drug and form, and none where there are several', () => {
    // amlodipine has one strength: it applies (4000 over). Metformin has two: not applied, paid on 10000.
    const one = adjudicate(wuxiClaim({ lines: lines({}) }), wuxiPatient(), WITH);
    expect(one.lines[0]!.overStandardFen).toBe(4_000);
    const patient = wuxiPatient({ ...bothDiseases('2019-12-20') });
    const several = adjudicate(wuxiClaim({ lines: lines({ drugCode: 'metformin', quantity: 60 }) }), patient, { ...WITH, trace: true });
    expect(several.lines[0]).toMatchObject({ fundFen: 6_000, overStandardFen: 0 });
    const step = several.trace!.find((s) => s.step.startsWith('payment standard'))!;
    expect(step.result).toBe('strength not given, several standards (0.25g, 0.5g): paid on the submitted price');
    // With its strength: 60 × 0.35 = 21.00 counts; fund floor(2100 × 60 %) = 1260; 79.00 over.
    const named = adjudicate(wuxiClaim({ lines: lines({ drugCode: 'metformin', quantity: 60, strength: '0.5g' }) }), patient, WITH);
    expect(named.lines[0]).toMatchObject({ compliantFen: 2_100, fundFen: 1_260, overStandardFen: 7_900 });
  });

  it('the long-prescription limit reduces the line after the standard', () => {
    // 90 days, 90 tablets at 300.00; standard 90 × 2.00 = 180.00 (120.00 over); Wuxi's 60 days (四(二)): 180.00 × 60/90 = 120.00.
    // Fund floor(12000 × 60 %) = 7200.
    const d = adjudicate(wuxiClaim({ lines: lines({ strength: '5mg', quantity: 90, daysSupply: 90, amountFen: 30_000 }) }), wuxiPatient(), WITH);
    expect(d.lines[0]).toMatchObject({ compliantFen: 12_000, fundFen: 7_200, overStandardFen: 12_000 });
    expect(d.lines[0]!.hitCodes).toEqual(['OVER_PAYMENT_STANDARD', 'LONG_PRESCRIPTION_EXCEEDED']);
  });

  it('a rejected line shows nothing over the standard: the whole line is refused by its own rule', () => {
    const d = adjudicate(wuxiClaim({ lines: lines({ strength: '5mg' }, { strength: '5mg', lineNo: 2 }) }), wuxiPatient(), WITH);
    // The second amlodipine line duplicates the first (G-9 / W-9 四(二)).
    expect(d.lines[1]).toMatchObject({ compliantFen: 0, fundFen: 0, overStandardFen: 0 });
    expect(d.lines[1]!.hitCodes).not.toContain('OVER_PAYMENT_STANDARD');
  });

  it('Guiyang’s plan sets no standard: a standard handed to its rule set is not applied', () => {
    const guiyangStandard: RuleSetOverride = { ...TEST_WUXI_STANDARD, ruleSetId: 'guiyang-2021', from: '2021-07-01' };
    const plain = adjudicate(guiyangClaim(), guiyangPatient(), { overrides: [TEST_GUIYANG] });
    const d = adjudicate(guiyangClaim(), guiyangPatient(), { overrides: [TEST_GUIYANG, guiyangStandard], trace: true });
    expect(d.fundFen).toBe(plain.fundFen);
    expect(d.lines[0]!.overStandardFen).toBe(0);
    expect(d.trace!.some((s) => s.step.startsWith('payment standard'))).toBe(false);
  });

  it('a what-if changes a standard on top of the version in force', () => {
    // 4.00 a tablet: 30 × 4.00 = 120.00 ≥ 100.00, nothing over; fund 6000.
    const raise: RuleSetOverride = {
      name: 'what-if:dearer',
      description: 'amlodipine at 4 yuan',
      ruleSetId: 'wuxi-2019',
      source: { document: 'what-if', section: '—' },
      parameters: {},
      paymentStandardChanges: [{ drugCode: 'amlodipine', form: 'oral', strength: '5mg', unitPriceFen: 400 }],
    };
    const d = adjudicate(wuxiClaim({ lines: lines({ strength: '5mg' }) }), wuxiPatient(), { overrides: [TEST_WUXI_STANDARD, raise], trace: true });
    expect(d.lines[0]).toMatchObject({ fundFen: 6_000, overStandardFen: 0 });
    expect(d.trace!.find((s) => s.step.startsWith('payment standard'))!.step).toBe('payment standard 5mg of test-standard-2020 changed by what-if:dearer');
    // Removed (null): paid on the submitted price.
    const remove = { ...raise, paymentStandardChanges: [{ drugCode: 'amlodipine', form: 'oral' as const, strength: '5mg', unitPriceFen: null }] };
    expect(adjudicate(wuxiClaim(), wuxiPatient(), { overrides: [TEST_WUXI_STANDARD, remove] }).lines[0]!.overStandardFen).toBe(0);
    // A standard where none is loaded: 1.00 a tablet → 30.00 counts, fund 1800, 70.00 over.
    const only = { ...raise, paymentStandardChanges: [{ drugCode: 'amlodipine', form: 'oral' as const, strength: '5mg', unitPriceFen: 100 }] };
    expect(adjudicate(wuxiClaim(), wuxiPatient(), { overrides: [only] }).lines[0]).toMatchObject({ fundFen: 1_800, overStandardFen: 7_000 });
    expect(validateOverride({ ...raise, paymentStandardChanges: [{ drugCode: 'amlodipine', form: 'oral', strength: ' ', unitPriceFen: -1 }] })).toEqual([
      'paymentStandardChanges[0].unitPriceFen must be a non-negative integer in fen',
      'paymentStandardChanges[0].strength must not be empty',
    ]);
  });

  it('the notice says what was over the standard and cites 四(一)', () => {
    const claim = wuxiClaim({ lines: lines({ strength: '5mg' }) });
    const d = adjudicate(claim, wuxiPatient(), { ...WITH, trace: true });
    const n = renderClaimNotice({
      decision: d,
      claim: { serviceDate: claim.serviceDate, institutionName: null, reversedOn: null, lines: claim.lines },
      person: null,
      year: null,
    });
    const s = n.sections.find((x) => x.code === 'OVER_PAYMENT_STANDARD')!;
    expect(s.textZh).toBe(
      '按《无锡市…意见》四（一），第1项氨氯地平的价格高于医保支付标准（每单位2.00元），基金按支付标准计算支付，超出标准的40.00元由您个人负担。',
    );
    expect(s.amountFen).toBe(4_000);
  });
});
