/**
 * The insured person's notices through the API (#20 part 1): claim.notice from the stored decision
 * and its trace, patient.yearNotice from the year's claims and the ledger; the person masked for
 * the bureau, unmasked for the auditor and that read audited; the trace and hits read in Chinese.
 * Figures from Wuxi's text: 60 % (二(三)), 800 yuan for one disease including the general-outpatient
 * fund's part (二(三)), at most 2 months' supply (四(二)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
let auditor: string;
let claimId: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  auditor = await h.token({ role: 'auditor' });
  // P1, hypertension: 90 days of amlodipine, ¥300.00. Compliant floor(30000 × 60 / 90) = 20000 fen,
  // fund 60 % = 12000 fen, the patient 18000. Cap 80000, less the general-outpatient fund's 20000
  // (the harness's ledger) = 60000 before, 48000 after.
  const r = await h.gql<{ submitClaim: { claim: { id: string; fundFen: number } } }>(bureau, SUBMIT, {
    input: claimInput({ serviceDate: '2025-05-02' }, { quantity: 90, daysSupply: 90, amountFen: 30_000 }),
  });
  expect(r.errors).toBeUndefined();
  claimId = r.data!.submitClaim.claim.id;
  expect(r.data!.submitClaim.claim.fundFen).toBe(12_000);
});
afterAll(async () => h.close());

const NOTICE = `query($id: ID!) { claim(id: $id) { notice { titleZh textZh textEn sections { kind code lineNo ruleId section citationZh textZh amountFen date } } } }`;
type Section = {
  kind: string;
  code: string | null;
  lineNo: number | null;
  ruleId: string | null;
  section: string | null;
  citationZh: string | null;
  textZh: string;
  amountFen: number | null;
  date: string | null;
};
type N = { titleZh: string; textZh: string; textEn: string; sections: Section[] };

describe('claim.notice', () => {
  it('tells the bureau what was paid, the cap, the rule that reduced it and the next refill, the person masked', async () => {
    const r = await h.gql<{ claim: { notice: N } }>(bureau, NOTICE, { id: claimId });
    expect(r.errors).toBeUndefined();
    const n = r.data!.claim.notice;
    const of = (kind: string) => n.sections.filter((s) => s.kind === kind).map((s) => s.textZh);
    expect(n.titleZh).toBe('“两病”门诊用药结算告知书');
    expect(of('payment')[0]).toMatch(
      /^您于2025-05-02在.+配药，药费合计300\.00元，其中符合“两病”保障规定的200\.00元；医保基金支付120\.00元，您个人支付180\.00元。$/,
    );
    expect(of('ratio')).toEqual(['按《无锡市…意见》二（三），在约定的定点基层机构（或其联合体）就医配药，合规药费由基金支付60%。']);
    expect(of('cap')).toEqual([
      '按《无锡市…意见》二（三），您今年的医保基金最高支付限额为800.00元（含居民医保普通门诊基金支付部分）；本次结算前已用200.00元，本次后还剩480.00元。',
    ]);
    expect(n.sections.find((s) => s.kind === 'rule')).toMatchObject({
      code: 'LONG_PRESCRIPTION_EXCEEDED',
      ruleId: 'W-9',
      section: '四(二)',
      lineNo: 1,
      amountFen: 10_000,
    });
    // 2025-05-02 + 90 − 7 (configured tolerance) = 2025-07-24.
    expect(n.sections.find((s) => s.kind === 'refill')?.date).toBe('2025-07-24');
    const person = of('person')[0]!;
    expect(person).not.toContain('王建国');
    expect(person).not.toContain('320213195001010013');
    expect(n.textEn).toContain('the fund pays ¥120.00 and you pay ¥180.00');
  });

  it('shows the auditor the person unmasked, and that read is audited', async () => {
    const before = await h.sql<{ n: string }>(`select count(*) as n from audit_log where action = 'claim.notice'`);
    const r = await h.gql<{ claim: { notice: N } }>(auditor, NOTICE, { id: claimId });
    expect(r.errors).toBeUndefined();
    expect(r.data!.claim.notice.textZh).toContain('参保人：王建国（身份证号 320213195001010013）');
    const after = await h.sql<{ n: string }>(`select count(*) as n from audit_log where action = 'claim.notice'`);
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);
  });

  it('the explanation and the hits read in Chinese from the stored trace', async () => {
    const r = await h.gql<{
      claim: {
        hits: { code: string; textZh: string }[];
        explanation: { kind: string | null; stepZh: string; resultZh: string; citationZh: string; parameters: { name: string; valueZh: string }[] }[];
      };
    }>(bureau, `query($id: ID!) { claim(id: $id) { hits { code textZh } explanation { kind stepZh resultZh citationZh parameters { name valueZh } } } }`, {
      id: claimId,
    });
    expect(r.errors).toBeUndefined();
    const c = r.data!.claim;
    expect(c.hits).toEqual([{ code: 'LONG_PRESCRIPTION_EXCEEDED', textZh: '按《无锡市…意见》四（二），超过长处方用药天数上限，超出部分不予支付' }]);
    expect(c.explanation.every((s) => s.kind !== null)).toBe(true);
    expect(c.explanation.find((s) => s.kind === 'LONG_PRESCRIPTION')).toMatchObject({
      stepZh: '用药天数不超过长期处方上限',
      resultZh: '90天',
      citationZh: '《无锡市…意见》四（二）',
      parameters: [{ name: 'longPrescriptionMaxDays', valueZh: '60天' }],
    });
  });
});

describe('patient.yearNotice', () => {
  it('sums the year and tells the cap used and left from the ledger, the person as the patient query shows it', async () => {
    const r = await h.gql<{ patient: { yearNotice: N } }>(
      bureau,
      `{ patient(id: "P1") { yearNotice(year: 2025) { textZh sections { kind textZh amountFen } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const n = r.data!.patient.yearNotice;
    const of = (kind: string) => n.sections.find((s) => s.kind === kind);
    expect(of('summary')?.textZh).toBe('2025年您共结算“两病”门诊用药1次，药费合计300.00元，医保基金支付120.00元，您个人支付180.00元。');
    expect(of('cap')?.textZh).toBe('按《无锡市…意见》二（三），您2025年的医保基金最高支付限额为800.00元（含居民医保普通门诊基金支付部分）。');
    // Used: 12000 by the benefit + 20000 by the general-outpatient fund; left 48000.
    expect(of('year')).toMatchObject({ amountFen: 48_000 });
    expect(of('year')?.textZh).toMatch(/年度限额已使用320\.00元（其中普通门诊基金支付200\.00元），还剩480\.00元。/);
    expect(of('person')?.textZh).not.toContain('王建国');
  });

  it('refuses a year out of range with a coded error naming the field', async () => {
    const r = await h.gql(bureau, `{ patient(id: "P1") { yearNotice(year: 1999) { textZh } } }`);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});
