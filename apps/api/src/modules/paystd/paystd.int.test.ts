/**
 * Payment standards (W 四(一)) through the API against PostgreSQL: the city bureau loads a dated, cited
 * version (CSV, Excel or rows), every row's problems coded and nothing stored while there is one; a claim
 * over the standard is paid on the standard and the excess is the patient's, its own amount and hit; a
 * later version supersedes it from its date; two versions compare. Figures are worked by hand.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, type Harness } from '../../../test/harness';

let h: Harness;
let leader: string;
let bureau: string;
let operator: string;

const LOAD = `mutation($i: LoadPaymentStandardInput!) { loadPaymentStandard(input: $i) {
  applied replayed problems { rowNo column code messageZh } version { id effectiveFrom rowCount sourceDocument sourceSection rows { drugCode drugName form strength unitPriceFen } } } }`;
const CLAIM = `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { claim { id outcome amountFen compliantFen fundFen patientFen
  hits { code ruleId section citationZh textZh } lines { lineNo compliantFen fundFen patientFen overStandardFen hitCodes }
  notice { textZh sections { kind code amountFen textZh } } explanation { step result stepZh resultZh citationZh } } } }`;

interface Load {
  loadPaymentStandard: {
    applied: boolean;
    replayed: boolean;
    problems: { rowNo: number; column: string; code: string; messageZh: string }[];
    version: {
      id: string;
      effectiveFrom: string;
      rowCount: number;
      sourceDocument: string;
      sourceSection: string;
      rows: { drugCode: string; drugName: string; form: string; strength: string; unitPriceFen: number }[];
    } | null;
  };
}
interface Claimed {
  submitClaim: {
    claim: {
      id: string;
      outcome: string;
      amountFen: number;
      compliantFen: number;
      fundFen: number;
      patientFen: number;
      hits: { code: string; ruleId: string; section: string; citationZh: string; textZh: string }[];
      lines: { lineNo: number; compliantFen: number; fundFen: number; patientFen: number; overStandardFen: number; hitCodes: string[] }[];
      notice: { textZh: string; sections: { kind: string; code: string | null; amountFen: number | null; textZh: string }[] };
      explanation: { step: string; result: string; stepZh: string; resultZh: string; citationZh: string }[];
    };
  };
}

const SOURCE = { sourceDocument: '无锡市医疗保障局“两病”用药支付标准（测试）', sourceSection: '附表' };
const CSV_V1 = '通用名,剂型,规格,支付标准（元）\n氨氯地平,口服,5mg,0.20\nmetformin,口服,0.5 g,0.10\n';

beforeAll(async () => {
  h = await startHarness();
  leader = await h.token({ role: 'city_leadership', cityCode: '320200' });
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213', cityCode: '320200' });
  operator = await h.token({ role: 'institution_operator', districtCode: '320213', cityCode: '320200', institutionId: 'I-LX-CHC' });
});
afterAll(async () => h.close());

describe('loading a payment standard', () => {
  it('is the city bureau’s: a district bureau and another city are refused', async () => {
    const i = { cityCode: '320200', effectiveFrom: '2025-03-01', ...SOURCE, csv: CSV_V1 };
    expect((await h.gql(bureau, LOAD, { i })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const guiyang = await h.token({ role: 'city_leadership', cityCode: '520100' });
    expect((await h.gql(guiyang, LOAD, { i })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // Guiyang's plan sets no per-drug standard (五(二)3 defers the 保障标准 to documents outside it): its own bureau is told so.
    expect((await h.gql(guiyang, LOAD, { i: { ...i, cityCode: '520100', effectiveFrom: '2025-03-01' } })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.cityCode',
    });
  });

  it('names each bad field, and each bad row by its row, column and code; nothing is stored', async () => {
    const bad = await h.gql(leader, LOAD, {
      i: { cityCode: '320200', effectiveFrom: '2025-02-30', sourceDocument: ' ', sourceSection: '附表', csv: CSV_V1, rows: [] },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.effectiveFrom' });
    expect((bad.errors?.[0]?.extensions.detail as { field: string }[]).map((d) => d.field)).toEqual(['input.effectiveFrom', 'input.sourceDocument', 'input']);
    const header = await h.gql(leader, LOAD, { i: { cityCode: '320200', effectiveFrom: '2025-03-01', ...SOURCE, csv: '通用名,剂型\n氨氯地平,口服\n' } });
    expect(header.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });

    const csv = [
      '通用名,剂型,规格,支付标准（元）,支付标准（分）',
      '氨氯地平,口服,5mg,0.20,',
      '不存在药,口服,5mg,0.20,',
      '氨氯地平,注射,5mg,0.20,',
      '缬沙坦,口服,,0.20,',
      '缬沙坦,口服,80mg,0.205,',
      '缬沙坦,口服,160mg,0.30,31',
      '氨氯地平,口服,5 MG,0.25,',
      '厄贝沙坦,片剂,150mg,,0',
    ].join('\n');
    const r = await h.gql<Load>(leader, LOAD, { i: { cityCode: '320200', effectiveFrom: '2025-03-01', ...SOURCE, csv } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.loadPaymentStandard.applied).toBe(false);
    expect(r.data!.loadPaymentStandard.version).toBeNull();
    expect(r.data!.loadPaymentStandard.problems.map((p) => [p.rowNo, p.column, p.code])).toEqual([
      [3, '通用名', 'UNKNOWN_DRUG'],
      [4, '剂型', 'FORM_NOT_MARKETED'],
      [5, '规格', 'REQUIRED'],
      [6, '支付标准（元）', 'PRICE_NOT_WHOLE_FEN'],
      [7, '支付标准（元）', 'PRICE_MISMATCH'],
      [8, '规格', 'DUPLICATE_ROW'],
      [9, '支付标准（分）', 'PRICE_OUT_OF_RANGE'],
    ]);
    const rows = await h.gql<Load>(leader, LOAD, {
      i: { cityCode: '320200', effectiveFrom: '2025-03-01', ...SOURCE, rows: [{ drugCode: 'nope', form: 'ORAL', strength: 'x'.repeat(41), unitPriceFen: 10 }] },
    });
    expect(rows.data!.loadPaymentStandard.problems.map((p) => [p.column, p.code])).toEqual([
      ['input.rows[0].drugCode', 'UNKNOWN_DRUG'],
      ['input.rows[0].strength', 'TOO_LONG'],
    ]);
    expect(await h.sql(`select id from payment_standard_versions`)).toEqual([]);
    expect(await h.sql(`select id from audit_log where action = 'payment_standard.load'`)).toEqual([]);
  });

  it('stores a version with its date and source, audited; the same list again changes nothing', async () => {
    const i = { cityCode: '320200', effectiveFrom: '2025-03-01', ...SOURCE, csv: CSV_V1 };
    const r = await h.gql<Load>(leader, LOAD, { i });
    expect(r.errors).toBeUndefined();
    expect(r.data!.loadPaymentStandard).toMatchObject({ applied: true, replayed: false, problems: [] });
    expect(r.data!.loadPaymentStandard.version).toEqual({
      id: '320200-2025-03-01',
      effectiveFrom: '2025-03-01',
      rowCount: 2,
      ...SOURCE,
      rows: [
        { drugCode: 'amlodipine', drugName: '氨氯地平', form: 'ORAL', strength: '5mg', unitPriceFen: 20 },
        { drugCode: 'metformin', drugName: '二甲双胍', form: 'ORAL', strength: '0.5 g', unitPriceFen: 10 },
      ],
    });
    const again = await h.gql<Load>(leader, LOAD, { i });
    expect(again.data!.loadPaymentStandard).toMatchObject({ applied: true, replayed: true });
    const other = await h.gql(leader, LOAD, { i: { ...i, csv: CSV_V1.replace('0.20', '0.21') } });
    expect(other.errors?.[0]?.extensions.code).toBe('CONFLICT');
    const audits = await h.sql<{ user_id: string; district_code: string; entity_id: string }>(
      `select user_id, district_code, entity_id from audit_log where action = 'payment_standard.load'`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.entity_id).toBe('320200-2025-03-01');
  });
});

describe('a claim against the standard', () => {
  let claimId = '';
  it('is paid on the standard; the excess is the patient’s, shown on the line and as a hit citing 四(一)', async () => {
    // 30 tablets of amlodipine 5 mg for 10.00 yuan; standard 0.20 a tablet → 6.00 counts, 4.00 over.
    // Fund floor(600 × 60 %) = 360 (二(三)); patient 1000 − 360 = 640.
    const r = await h.gql<Claimed>(bureau, CLAIM, { input: claimInput({}, { strength: '5mg' }) });
    expect(r.errors).toBeUndefined();
    const c = r.data!.submitClaim.claim;
    claimId = c.id;
    expect(c).toMatchObject({ outcome: 'partially_paid', amountFen: 1000, compliantFen: 600, fundFen: 360, patientFen: 640 });
    expect(c.lines).toEqual([{ lineNo: 1, compliantFen: 600, fundFen: 360, patientFen: 640, overStandardFen: 400, hitCodes: ['OVER_PAYMENT_STANDARD'] }]);
    expect(c.hits).toEqual([
      {
        code: 'OVER_PAYMENT_STANDARD',
        ruleId: 'W-8',
        section: '四(一)',
        citationZh: '《无锡市…意见》四（一）',
        textZh: '按《无锡市…意见》四（一），超出医保支付标准的部分由个人负担，基金按支付标准计算支付',
      },
    ]);
    const rule = c.notice.sections.find((s) => s.code === 'OVER_PAYMENT_STANDARD')!;
    expect(rule).toMatchObject({ kind: 'rule', amountFen: 400 });
    expect(rule.textZh).toBe(
      '按《无锡市…意见》四（一），第1项氨氯地平的价格高于医保支付标准（每单位0.20元），基金按支付标准计算支付，超出标准的4.00元由您个人负担。',
    );
    const step = c.explanation.find((s) => s.step.startsWith('payment standard'))!;
    expect(step).toMatchObject({
      step: 'payment standard 5mg of 320200-2025-03-01',
      result: '20 fen × 30 units = 600 fen; submitted 1000 fen; over 400 fen',
      resultZh: '每单位0.20元×30个单位=6.00元；申报10.00元；超出标准4.00元由个人负担',
      citationZh: '《无锡市…意见》四（一）',
    });
    // Stored: the line's patient share includes the excess; the ledger counts what counts.
    const [line] = await h.sql<{ compliant_fen: string; fund_fen: string; patient_fen: string }>(
      `select compliant_fen, fund_fen, patient_fen from claim_lines where district_code = '320213' and claim_id = ?`,
      [claimId],
    );
    expect(line).toEqual({ compliant_fen: '600', fund_fen: '360', patient_fen: '640' });
  });

  it('a drug without a standard, and a claim before the version, are paid on the submitted price', async () => {
    // nifedipine has no row: 1000 × 60 % = 600.
    const r = await h.gql<Claimed>(bureau, CLAIM, { input: claimInput({ serviceDate: '2025-05-05' }, { drugCode: 'nifedipine' }) });
    expect(r.data!.submitClaim.claim.lines[0]).toMatchObject({ fundFen: 600, overStandardFen: 0, hitCodes: [] });
    const before = await h.gql<Claimed>(bureau, CLAIM, { input: claimInput({ serviceDate: '2025-02-20', patientId: 'P2' }, { strength: '5mg' }) });
    expect(before.errors).toBeUndefined();
    expect(before.data!.submitClaim.claim.lines[0]).toMatchObject({ fundFen: 600, overStandardFen: 0 });
  });

  it('a version may not be dated before claims already decided; a later one supersedes from its date, and two compare', async () => {
    const early = await h.gql(leader, LOAD, { i: { cityCode: '320200', effectiveFrom: '2025-05-01', ...SOURCE, csv: CSV_V1 } });
    expect(early.errors?.[0]?.extensions.code).toBe('CONFLICT');
    // 第二版 from 2025-06-01: amlodipine 0.30, metformin dropped, nifedipine 30mg 0.50 added.
    const rows = [
      { drugCode: 'amlodipine', form: 'ORAL', strength: '5mg', unitPriceFen: 30 },
      { drugCode: '硝苯地平', form: 'ORAL', strength: '30mg', unitPriceFen: 50 },
    ];
    const v2 = await h.gql<Load>(leader, LOAD, { i: { cityCode: '320200', effectiveFrom: '2025-06-01', ...SOURCE, title: '第二版', rows } });
    expect(v2.errors).toBeUndefined();
    expect(v2.data!.loadPaymentStandard.version!.rows.map((r) => [r.drugCode, r.unitPriceFen])).toEqual([
      ['amlodipine', 30],
      ['nifedipine', 50],
    ]);
    // 30 × 0.30 = 9.00 counts, 1.00 over; fund floor(900 × 60 %) = 540.
    const c = await h.gql<Claimed>(bureau, CLAIM, { input: claimInput({ serviceDate: '2025-06-02', patientId: 'P2' }, { strength: '5mg' }) });
    expect(c.data!.submitClaim.claim.lines[0]).toMatchObject({ compliantFen: 900, fundFen: 540, overStandardFen: 100 });

    const listed = await h.gql<{ paymentStandardVersions: { id: string; title: string }[] }>(
      operator,
      `{ paymentStandardVersions(cityCode: "320200") { id title } }`,
    );
    expect(listed.data!.paymentStandardVersions.map((v) => v.id)).toEqual(['320200-2025-03-01', '320200-2025-06-01']);
    const d = await h.gql<{
      paymentStandardDiff: {
        added: { drugCode: string; strength: string; unitPriceFen: number }[];
        removed: { drugCode: string }[];
        changed: { key: string; before: { unitPriceFen: number }; after: { unitPriceFen: number }; differenceFen: number }[];
      };
    }>(
      bureau,
      `{ paymentStandardDiff(cityCode: "320200", fromVersion: "320200-2025-03-01", toVersion: "320200-2025-06-01") {
        added { drugCode strength unitPriceFen } removed { drugCode } changed { key before { unitPriceFen } after { unitPriceFen } differenceFen } } }`,
    );
    expect(d.errors).toBeUndefined();
    expect(d.data!.paymentStandardDiff).toEqual({
      added: [{ drugCode: 'nifedipine', strength: '30mg', unitPriceFen: 50 }],
      removed: [{ drugCode: 'metformin' }],
      changed: [{ key: 'amlodipine|oral|5mg', before: { unitPriceFen: 20 }, after: { unitPriceFen: 30 }, differenceFen: 10 }],
    });
    const guiyang = await h.token({ role: 'city_leadership', cityCode: '520100' });
    expect((await h.gql(guiyang, `{ paymentStandardVersions(cityCode: "320200") { id } }`)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(
      (await h.gql(bureau, `{ paymentStandardDiff(cityCode: "320200", fromVersion: "320200-2025-03-01", toVersion: "nope") { added { drugCode } } }`))
        .errors?.[0]?.extensions.code,
    ).toBe('NOT_FOUND');
  });

  it('takes the list as an Excel workbook too', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('支付标准');
    ws.addRow(['通用名', '剂型', '规格', '支付标准（分）']);
    ws.addRow(['氨氯地平', '口服', '5mg', 28]);
    ws.addRow(['氨氯地平', '口服', '10mg', 'x']);
    const excelBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await h.gql<Load>(leader, LOAD, { i: { cityCode: '320200', effectiveFrom: '2025-06-20', ...SOURCE, excelBase64 } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.loadPaymentStandard.problems.map((p) => [p.rowNo, p.column, p.code])).toEqual([[3, '支付标准（分）', 'INVALID_PRICE']]);
  });
});

describe('the what-if changes a standard', () => {
  const WHAT_IF = `query($input: WhatIfInput!) { whatIf(input: $input) { claimsReplayed claimsChanged claimsNotReproduced
    paymentStandards { ruleSetId drugCode form strength before after }
    total { paid { fundFen } asConfigured { fundFen } whatIf { fundFen } effect { fundFen outOfPocketFen } } } }`;
  interface WhatIf {
    whatIf: {
      claimsReplayed: number;
      claimsChanged: number;
      claimsNotReproduced: number;
      paymentStandards: { ruleSetId: string; drugCode: string; form: string; strength: string; before: number | null; after: number | null }[];
      total: { paid: { fundFen: number }; asConfigured: { fundFen: number }; whatIf: { fundFen: number }; effect: { fundFen: number; outOfPocketFen: number } };
    };
  }
  const input = (unitPriceFen: number | null) => ({
    regionCode: '320213',
    from: '2025-03-01',
    to: '2025-06-30',
    name: 'amlodipine at 0.50',
    parameters: {},
    paymentStandards: [{ drugCode: '氨氯地平', form: 'ORAL', strength: '5mg', unitPriceFen }],
  });

  it('replays the period with the standard changed and shows the effect', async () => {
    // Paid in 梁溪区 from 2025-03-01: 360 (amlodipine at 0.20) + 600 (nifedipine, no standard) + 540 (amlodipine at 0.30) = 1500.
    // At 0.50 a tablet 30 × 0.50 = 15.00 ≥ 10.00: both amlodipine claims pay 600, +240 and +60 = +300.
    const r = await h.gql<WhatIf>(leader, WHAT_IF, { input: input(50) });
    expect(r.errors).toBeUndefined();
    const w = r.data!.whatIf;
    expect(w).toMatchObject({ claimsReplayed: 3, claimsChanged: 2, claimsNotReproduced: 0 });
    expect(w.paymentStandards).toEqual([{ ruleSetId: 'wuxi-2019', drugCode: 'amlodipine', form: 'ORAL', strength: '5mg', before: 30, after: 50 }]);
    expect(w.total).toEqual({
      paid: { fundFen: 1500 },
      asConfigured: { fundFen: 1500 },
      whatIf: { fundFen: 1800 },
      effect: { fundFen: 300, outOfPocketFen: -300 },
    });
    // Removing the standard pays the submitted price: the same 1800 here.
    const removed = await h.gql<WhatIf>(leader, WHAT_IF, { input: input(null) });
    expect(removed.data!.whatIf.total.whatIf.fundFen).toBe(1800);
    expect(removed.data!.whatIf.paymentStandards[0]).toMatchObject({ before: 30, after: null });
  });

  it('refuses a bad change by its field', async () => {
    const bad = await h.gql(leader, WHAT_IF, {
      input: { ...input(0), paymentStandards: [{ drugCode: 'nope', form: 'ORAL', strength: '', unitPriceFen: 0 }] },
    });
    expect((bad.errors?.[0]?.extensions.detail as { field: string }[]).map((d) => d.field)).toEqual([
      'input.paymentStandards[0].drugCode',
      'input.paymentStandards[0].strength',
      'input.paymentStandards[0].unitPriceFen',
    ]);
  });
});

describe('the what-if over a drug with two strengths', () => {
  // 第三版 from 2025-06-10: amlodipine 5mg at 0.30 and 10mg at 0.50 a tablet. A stored line's strength is in its
  // request only (claim_documents); without it the replay could not tell the two standards apart (W 四(一)).
  const WHAT_IF = `query($input: WhatIfInput!) { whatIf(input: $input) { claimsReplayed claimsChanged claimsNotReproduced
    paymentStandards { drugCode strength before after }
    total { paid { fundFen } asConfigured { fundFen } whatIf { fundFen } effect { fundFen outOfPocketFen } } } }`;
  interface WhatIf {
    whatIf: {
      claimsReplayed: number;
      claimsChanged: number;
      claimsNotReproduced: number;
      paymentStandards: { drugCode: string; strength: string; before: number | null; after: number | null }[];
      total: { paid: { fundFen: number }; asConfigured: { fundFen: number }; whatIf: { fundFen: number }; effect: { fundFen: number; outOfPocketFen: number } };
    };
  }
  const whatIf = (change: { drugCode: string; strength: string; unitPriceFen: number }) =>
    h.gql<WhatIf>(leader, WHAT_IF, {
      input: {
        regionCode: '320213',
        from: '2025-06-10',
        to: '2025-06-30',
        name: 'two strengths',
        parameters: {},
        paymentStandards: [{ form: 'ORAL', ...change }],
      },
    });

  beforeAll(async () => {
    const rows = [
      { drugCode: 'amlodipine', form: 'ORAL', strength: '5mg', unitPriceFen: 30 },
      { drugCode: 'amlodipine', form: 'ORAL', strength: '10mg', unitPriceFen: 50 },
      { drugCode: 'metformin', form: 'ORAL', strength: '0.5g', unitPriceFen: 10 },
    ];
    const v3 = await h.gql<Load>(leader, LOAD, { i: { cityCode: '320200', effectiveFrom: '2025-06-10', ...SOURCE, title: '第三版', rows } });
    expect(v3.errors).toBeUndefined();
  });

  it('is paid on each strength’s own standard, and the replay as configured reproduces both claims to the fen', async () => {
    // 10mg: 30 × 0.50 = 15.00 counts of 20.00, 5.00 over; fund floor(1500 × 60 %) = 900.
    const ten = await h.gql<Claimed>(bureau, CLAIM, { input: claimInput({ serviceDate: '2025-06-11' }, { strength: '10 mg', amountFen: 2000 }) });
    expect(ten.errors).toBeUndefined();
    expect(ten.data!.submitClaim.claim.lines[0]).toMatchObject({ compliantFen: 1500, fundFen: 900, overStandardFen: 500 });
    // metformin 0.5g: 30 × 0.10 = 3.00 counts of 10.00, 7.00 over; fund floor(300 × 60 %) = 180.
    const other = await h.gql<Claimed>(bureau, CLAIM, {
      input: claimInput({ serviceDate: '2025-06-12', patientId: 'P2' }, { drugCode: 'metformin', strength: '0.5g' }),
    });
    expect(other.errors).toBeUndefined();
    expect(other.data!.submitClaim.claim.lines[0]).toMatchObject({ compliantFen: 300, fundFen: 180, overStandardFen: 700 });

    // A change that touches neither claim (no 5mg in the period): both replay as stored, as configured and under the what-if.
    const r = await whatIf({ drugCode: 'amlodipine', strength: '5mg', unitPriceFen: 40 });
    expect(r.errors).toBeUndefined();
    expect(r.data!.whatIf).toMatchObject({ claimsReplayed: 2, claimsChanged: 0, claimsNotReproduced: 0 });
    expect(r.data!.whatIf.total).toEqual({
      paid: { fundFen: 1080 },
      asConfigured: { fundFen: 1080 },
      whatIf: { fundFen: 1080 },
      effect: { fundFen: 0, outOfPocketFen: 0 },
    });
  });

  it('changing the 10mg standard moves the 10mg claim only', async () => {
    // 10mg at 0.60: 30 × 0.60 = 18.00 counts; fund floor(1800 × 60 %) = 1080, +180; the metformin claim stays at 180.
    const r = await whatIf({ drugCode: 'amlodipine', strength: '10mg', unitPriceFen: 60 });
    expect(r.errors).toBeUndefined();
    const w = r.data!.whatIf;
    expect(w).toMatchObject({ claimsReplayed: 2, claimsChanged: 1, claimsNotReproduced: 0 });
    expect(w.paymentStandards).toEqual([{ drugCode: 'amlodipine', strength: '10mg', before: 50, after: 60 }]);
    expect(w.total).toEqual({
      paid: { fundFen: 1080 },
      asConfigured: { fundFen: 1080 },
      whatIf: { fundFen: 1260 },
      effect: { fundFen: 180, outOfPocketFen: -180 },
    });
  });
});
