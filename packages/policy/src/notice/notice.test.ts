/**
 * The notice against the source texts' own numbers: each case's figures are derived in its
 * comments from the text (Wuxi 二(三): 60 %, 800 / 1000 yuan including the general-outpatient
 * fund's part; 四(二): at most 2 months' supply; Guiyang 五(二)5 and 附件3: village scope) and
 * the rounding rule (a fund share is rounded down to the fen).
 */
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../adjudicate/adjudicate';
import { bothDiseases, fill, guiyangClaim, guiyangInstitution, guiyangPatient, lines, TEST_GUIYANG, wuxiClaim, wuxiPatient } from '../fixtures';
import type { ClaimInput, Decision } from '../types';
import { renderClaimNotice } from './notice';
import { renderYearNotice } from './year';
import type { NoticeClaim, YearPosition } from './types';

const noticeClaim = (c: ClaimInput, patch: Partial<NoticeClaim> = {}): NoticeClaim => ({
  serviceDate: c.serviceDate,
  institutionName: '测试社区卫生服务中心',
  lines: c.lines.map((l) => ({ lineNo: l.lineNo, drugCode: l.drugCode, quantity: l.quantity, daysSupply: l.daysSupply })),
  reversedOn: null,
  ...patch,
});

const texts = (n: { sections: readonly { kind: string; textZh: string }[] }, kind: string) => n.sections.filter((s) => s.kind === kind).map((s) => s.textZh);

describe('Wuxi: a claim reduced by the long-prescription limit and the cap', () => {
  // Both diseases certified: cap 1000 yuan (二(三)). Before the claim the benefit paid 700.00 and the
  // general-outpatient fund 150.00, which the cap includes (二(三) 含…普通门诊基金支付部分): 150.00 left.
  // Line 1: amlodipine, 90 days, ¥300.00; the limit is 60 days (四(二), 2 months): compliant
  //   floor(30000 × 60 / 90) = 20000 fen, share 60 % = 12000 fen, paid in full → 30.00 left.
  // Line 2: metformin, 30 days, ¥80.00: share 4800 fen, but only 3000 left → paid 3000, CAP_REACHED.
  // Fund 12000 + 3000 = 15000 fen; the patient pays 38000 − 15000 = 23000 fen.
  const claim = wuxiClaim({
    lines: lines({ daysSupply: 90, quantity: 90, amountFen: 30_000 }, { drugCode: 'metformin', quantity: 60, daysSupply: 30, amountFen: 8_000 }),
  });
  const patient = wuxiPatient({ ...bothDiseases('2019-12-20'), fundPaidFen: 70_000, generalOutpatient: { exhausted: true, fundPaidFen: 15_000 } });
  const d: Decision = adjudicate(claim, patient, { trace: true });
  const year: YearPosition = {
    year: 2020,
    asOf: '2020-12-31',
    capFen: 100_000,
    usedFen: 100_000,
    remainingFen: 0,
    fundPaidFen: 85_000,
    generalOutpatientFundFen: 15_000,
    capIncludesGeneralOutpatient: true,
    capCitation: { document: 'x', section: '二(三)' },
  };
  const n = renderClaimNotice({ decision: d, claim: noticeClaim(claim), year, person: { name: '张*', residentId: '320213**********12' } });

  it('states what was paid and what the patient pays', () => {
    expect([d.fundFen, d.patientFen]).toEqual([15_000, 23_000]);
    expect(texts(n, 'payment')).toEqual([
      '您于2020-03-02在测试社区卫生服务中心配药，药费合计380.00元，其中符合“两病”保障规定的280.00元；医保基金支付150.00元，您个人支付230.00元。',
    ]);
  });

  it('cites the ratio and the cap of 二(三), with what was used before and what is left', () => {
    expect(texts(n, 'ratio')).toEqual(['按《无锡市…意见》二（三），在约定的定点基层机构（或其联合体）就医配药，合规药费由基金支付60%。']);
    expect(texts(n, 'cap')).toEqual([
      '按《无锡市…意见》二（三），同时患有高血压、糖尿病的，您今年的医保基金最高支付限额为1000.00元（含居民医保普通门诊基金支付部分）；本次结算前已用850.00元，本次后还剩0.00元。',
    ]);
  });

  it('words each rule that changed the amount, citing its section', () => {
    expect(texts(n, 'rule')).toEqual([
      '按《无锡市…意见》四（二），长期处方最多60天用药量，氨氯地平开了90天，超出部分不予支付：第1项氨氯地平300.00元中按规定计算的是200.00元。',
      '按《无锡市…意见》二（三），您今年的基金最高支付限额已用完，第2项二甲双胍超出限额的部分由您自付。',
    ]);
    expect(n.sections.find((s) => s.code === 'LONG_PRESCRIPTION_EXCEEDED')).toMatchObject({ ruleId: 'W-9', section: '四(二)', lineNo: 1, amountFen: 10_000 });
  });

  it('gives the next refill of each line: the supply less the 7 days’ tolerance (configuration)', () => {
    // 2020-03-02 + 90 − 7 = 2020-05-24; + 30 − 7 = 2020-03-25.
    expect(n.sections.filter((s) => s.kind === 'refill').map((s) => [s.lineNo, s.date])).toEqual([
      [1, '2020-05-24'],
      [2, '2020-03-25'],
    ]);
    expect(texts(n, 'refill')[0]).toBe(
      '按《无锡市…意见》四（二），药未用完不得重复配药：氨氯地平本次配了90天的用量，最早可于2020-05-24再次配药（可在用完前7天内续配，该天数为本地配置）。',
    );
  });

  it('tells the year: the cap used (with the general-outpatient part) and left, and the person as the viewer may see them', () => {
    expect(texts(n, 'year')).toEqual(['截至2020-12-31，您2020年的年度限额已使用1000.00元（其中普通门诊基金支付150.00元），还剩0.00元。']);
    expect(n.textZh.split('\n')[0]).toBe('“两病”门诊用药结算告知书');
    expect(n.textZh).toContain('参保人：张*（身份证号 320213**********12）');
    expect(n.textEn).toContain('the fund pays ¥150.00 and you pay ¥230.00');
  });

  it('a reversed claim says so and gives no refill date', () => {
    const r = renderClaimNotice({ decision: d, claim: noticeClaim(claim, { reversedOn: '2020-03-05' }), year: null, person: null });
    expect(texts(r, 'reversal')).toEqual(['本次结算已于2020-03-05冲正（撤销），基金支付的150.00元已退回，不再计入年度限额。']);
    expect(texts(r, 'refill')).toEqual([]);
  });

  it('a claim outside the designated institution is refused as a whole (三(一)) and has no ratio sentence', () => {
    const elsewhere = wuxiClaim({ institution: { ...wuxiClaim().institution, id: 'wx-other', consortiumId: null } });
    const r = renderClaimNotice({ decision: adjudicate(elsewhere, wuxiPatient(), { trace: true }), claim: noticeClaim(elsewhere), year: null, person: null });
    expect(texts(r, 'rule')).toEqual(['按《无锡市…意见》三（一），您没有在约定的基层机构（或其联合体）就医配药，本次费用基金不予支付。']);
    expect(texts(r, 'ratio')).toEqual([]);
  });

  it('reads the same from a decision stored without its trace (the rule set’s own values)', () => {
    const plain = adjudicate(claim, patient);
    const r = renderClaimNotice({ decision: plain, claim: noticeClaim(claim), year, person: null });
    expect(r.sections.filter((s) => s.kind !== 'person').map((s) => s.textZh)).toEqual(n.sections.filter((s) => s.kind !== 'person').map((s) => s.textZh));
  });
});

describe('Guiyang: village scope and duplicate dispensing under a configured ratio', () => {
  // At a village clinic (五(二)5): amlodipine may be dispensed there (附件3 序号13 可延伸至村级),
  // nimodipine injection may not (附件3 序号18, 注射剂, no village scope). The ratio and cap are
  // configuration (G-4, 五(二)3): the test override sets 70 % and 900 yuan for one disease.
  // Line 1: ¥100.00 × 70 % = 7000 fen. Line 2: ¥40.00, refused. Cap left: 90000 − 20000 − 7000 = 63000.
  const claim = guiyangClaim({
    institution: guiyangInstitution({ id: 'gy-vc-1', level: 'village_clinic' }),
    lines: lines({}, { drugCode: 'nimodipine', form: 'injection', quantity: 2, daysSupply: 2, amountFen: 4_000 }),
  });
  const d = adjudicate(claim, guiyangPatient({ fundPaidFen: 20_000 }), { trace: true, overrides: [TEST_GUIYANG] });
  const n = renderClaimNotice({ decision: d, claim: noticeClaim(claim, { institutionName: '测试村卫生室' }), year: null, person: null });

  it('pays line 1 at the configured ratio and says the ratio is the deployment’s', () => {
    expect([d.fundFen, d.patientFen, d.capRemainingFen]).toEqual([7_000, 7_000, 63_000]);
    expect(texts(n, 'ratio')).toEqual(['按本地配置（test-guiyang），在可开展“两病”门诊诊疗的基层医疗卫生机构就医配药，合规药费由基金支付70%。']);
    expect(texts(n, 'cap')).toEqual(['按本地配置（test-guiyang），您今年的医保基金最高支付限额为900.00元；本次结算前已用200.00元，本次后还剩630.00元。']);
  });

  it('refuses line 2 by village scope, citing 五(二)5 and 附件3', () => {
    expect(texts(n, 'rule')).toEqual([
      '按《贵阳贵安…实施方案》五（二）5、附件3、附件4，尼莫地平（该剂型）不能在村卫生室、社区卫生服务站使用，第2项尼莫地平的40.00元基金不予支付。',
    ]);
    // 2021-09-01 + 30 − 7 = 2021-09-24, cited to 五(四)9 (严禁重复配药); the refused line has none.
    expect(n.sections.filter((s) => s.kind === 'refill').map((s) => [s.lineNo, s.date, s.citationZh])).toEqual([
      [1, '2021-09-24', '《贵阳贵安…实施方案》五（四）9'],
    ]);
  });

  it('a refill while 18 days are on hand is duplicate dispensing, with the day it may be refilled', () => {
    // Filled 2021-08-20 for 30 days: on 2021-09-01, 20 + 30 − 32 = 18 days on hand > 7 (configuration) → refused.
    // It may be refilled once no more than 7 days are left: 2021-09-01 + 18 − 7 = 2021-09-12.
    const c = guiyangClaim();
    const dup = adjudicate(c, guiyangPatient({ history: [fill('2021-08-20', 'amlodipine', 30, 'gy-thc-1')] }), { trace: true, overrides: [TEST_GUIYANG] });
    const r = renderClaimNotice({ decision: dup, claim: noticeClaim(c), year: null, person: null });
    expect(texts(r, 'rule')).toEqual([
      '按《贵阳贵安…实施方案》五（四）9，氨氯地平上次配的药还有18天没有用完，属于重复配药，第1项氨氯地平的100.00元基金不予支付。',
    ]);
    expect(r.sections.filter((s) => s.kind === 'refill').map((s) => s.date)).toEqual(['2021-09-12']);
  });

  it('without a configuration nothing is paid, and the notice says the levels are not set (五(二)3)', () => {
    const r = renderClaimNotice({
      decision: adjudicate(guiyangClaim(), guiyangPatient(), { trace: true }),
      claim: noticeClaim(guiyangClaim()),
      year: null,
      person: null,
    });
    expect(texts(r, 'rule')).toEqual(['按《贵阳贵安…实施方案》五（二）3，本地“两病”的支付比例和年度限额尚未配置，本次费用基金不予支付。']);
    expect(r.textZh).toContain('依据：《贵阳贵安创建城乡居民“两病”门诊用药保障专项行动示范城市的实施方案》（筑医保发〔2021〕13号）。');
  });
});

describe('the year’s notice', () => {
  it('Wuxi: sums the settled claims, leaves the reversed one out, and tells the cap from the ledger', () => {
    // Settled: 100.00 (fund 60.00) and 50.00 (fund 30.00); reversed: 80.00. Cap 800 (one disease, 二(三));
    // used 90.00 by the benefit + 120.00 by the general-outpatient fund = 210.00; left 590.00.
    // Supply lasts until 2020-06-30; with 7 days' tolerance the next fill is from 2020-06-23.
    const n = renderYearNotice({
      year: 2020,
      ruleSetId: 'wuxi-2019',
      position: {
        year: 2020,
        asOf: '2020-06-01',
        capFen: 80_000,
        usedFen: 21_000,
        remainingFen: 59_000,
        fundPaidFen: 9_000,
        generalOutpatientFundFen: 12_000,
        capIncludesGeneralOutpatient: true,
        capCitation: { document: '无锡市医保局等《关于贯彻实施江苏省“两病”门诊用药保障机制实施方案的意见》（2019-12-12）', section: '二(三)' },
      },
      claims: [
        { serviceDate: '2020-03-02', amountFen: 10_000, fundFen: 6_000, patientFen: 4_000, reversed: false },
        { serviceDate: '2020-04-02', amountFen: 8_000, fundFen: 4_800, patientFen: 3_200, reversed: true },
        { serviceDate: '2020-05-31', amountFen: 5_000, fundFen: 3_000, patientFen: 2_000, reversed: false },
      ],
      supplyLastsUntil: '2020-06-30',
      earlyRefillToleranceDays: 7,
      person: null,
    });
    expect(n.textZh.split('\n')).toEqual([
      '“两病”门诊用药年度待遇告知书',
      '2020年您共结算“两病”门诊用药2次（另有1次已冲正，不计入），药费合计150.00元，医保基金支付90.00元，您个人支付60.00元。',
      '按《无锡市…意见》二（三），您2020年的医保基金最高支付限额为800.00元（含居民医保普通门诊基金支付部分）。',
      '截至2020-06-01，您2020年的年度限额已使用210.00元（其中普通门诊基金支付120.00元），还剩590.00元。已配的药可用到2020-06-30，最早可于2020-06-23再次配药。',
      '依据：无锡市医疗保障局等四部门《关于贯彻实施〈江苏省完善城乡居民高血压糖尿病门诊用药保障机制的实施方案（试行）〉的意见》（2019年12月12日）。',
    ]);
  });

  it('Guiyang without a configured cap says it is not configured rather than 0', () => {
    const n = renderYearNotice({
      year: 2021,
      ruleSetId: 'guiyang-2021',
      position: {
        year: 2021,
        asOf: '2021-12-31',
        capFen: null,
        usedFen: 0,
        remainingFen: null,
        fundPaidFen: 0,
        generalOutpatientFundFen: 0,
        capIncludesGeneralOutpatient: false,
        capCitation: null,
      },
      claims: [],
      supplyLastsUntil: null,
      earlyRefillToleranceDays: 7,
      person: { name: '李*', residentId: '5201**********34' },
    });
    expect(n.sections.map((s) => s.kind)).toEqual(['person', 'summary', 'year', 'source']);
    expect(n.sections.find((s) => s.kind === 'year')?.textZh).toBe('截至2021-12-31，您2021年“两病”基金已支付0.00元；年度最高支付限额尚未配置。');
  });
});
