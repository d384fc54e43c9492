/** 附件5 against PostgreSQL: per-line disease split, the filler fields, and the Excel file laid out as the plan's table. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  // one visit of P2 (both diseases) with a drug for each: one use of each disease, each drug's cost in its own column
  const input = {
    ...claimInput({ patientId: 'P2', serviceDate: '2025-05-02' }),
    lines: [
      { drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1500 },
      { drugCode: 'metformin', form: 'ORAL', quantity: 60, daysSupply: 30, amountFen: 2500 },
    ],
  };
  const r = await h.gql(bureau, SUBMIT, { input });
  expect(r.errors).toBeUndefined();
});
afterAll(async () => h.close());

const Q = `query($f: String, $p: String, $d: String) { quarterlyReport(regionCode: "320213", year: 2025, quarter: 2, fillerName: $f, fillerPhone: $p, reportDate: $d) {
  rows { category disease managedPatients beneficiaries benefitUses drugCostFen } excelPath } }`;
type R = {
  quarterlyReport: {
    rows: { category: string; disease: string; managedPatients: number; beneficiaries: number; benefitUses: number; drugCostFen: number }[];
    excelPath: string;
  };
};

describe('quarterlyReport (附件5)', () => {
  it('counts a visit for each disease it paid drugs for, and each drug’s cost once', async () => {
    const r = await h.gql<R>(bureau, Q, {});
    expect(r.errors).toBeUndefined();
    const row = (c: string, d: string) => r.data!.quarterlyReport.rows.find((x) => x.category === c && x.disease === d);
    expect(row('SPECIAL', 'HYPERTENSION')).toEqual({
      category: 'SPECIAL',
      disease: 'HYPERTENSION',
      managedPatients: 2,
      beneficiaries: 1,
      benefitUses: 1,
      drugCostFen: 1500,
    });
    expect(row('SPECIAL', 'DIABETES')).toMatchObject({ managedPatients: 1, beneficiaries: 1, benefitUses: 1, drugCostFen: 2500 });
    expect(row('CHRONIC_PROGRAMME', 'HYPERTENSION')).toMatchObject({ managedPatients: 0, benefitUses: 0 });
  });

  it('downloads as the plan lays the table out, with the filler’s name, phone and date', async () => {
    const r = await h.gql<R>(bureau, Q, { f: '张三', p: '0510-12345678', d: '2025-07-05' });
    const res = await fetch(`${h.server.url}${r.data!.quarterlyReport.excelPath}`, { headers: { authorization: `Bearer ${bureau}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').text).toBe('无锡市城乡居民“两病”门诊用药保障专项统计表（2025年第2季度）');
    expect(ws.getCell('A2').text).toBe('填报单位：梁溪区医疗保障局');
    expect(ws.getCell('F2').text).toBe('报送时间：2025年7月5日');
    expect([ws.getCell('A3').text, ws.getCell('B3').text, ws.getCell('F3').text]).toEqual(['类别', '高血压', '糖尿病']);
    expect(ws.getRow(4).values).toEqual([
      undefined,
      '',
      '规范化管理人数(人)',
      '待遇享受人数(人)',
      '待遇享受人次(次)',
      '降血压药品费用(元)',
      '规范化管理人数(人)',
      '待遇享受人数(人)',
      '待遇享受人次(次)',
      '降血糖药品费用(元)',
    ]);
    expect(ws.getRow(5).values).toEqual([undefined, '“两病”专项保障机制', 2, 1, 1, 15, 1, 1, 1, 25]);
    expect(ws.getCell('A6').text).toBe('门诊慢特病中“两病”用药患者');
    expect([ws.getCell('A8').text, ws.getCell('F8').text]).toEqual(['报送人：张三', '电话：0510-12345678']);
  });

  it('carries each city’s own title and basis, and cites only that city’s texts in its indicator definitions', async () => {
    const forms = `query($r: String!) { quarterlyReport(regionCode: $r, year: 2025, quarter: 2) { title basis } indicatorDefinitions { key: id source } }`;
    type F = { quarterlyReport: { title: string; basis: string }; indicatorDefinitions: { key: string; source: string }[] };
    const wuxi = await h.gql<F>(bureau, forms, { r: '320213' });
    expect(wuxi.errors).toBeUndefined();
    expect(wuxi.data!.quarterlyReport.title).toBe('无锡市城乡居民“两病”门诊用药保障专项统计表');
    expect(wuxi.data!.quarterlyReport.basis).toContain('无锡市医疗保障局');
    expect(wuxi.data!.quarterlyReport.basis).toContain('五(一)');
    for (const d of wuxi.data!.indicatorDefinitions) expect(d.source, d.key).not.toMatch(/筑医保|贵阳/);
    expect(wuxi.data!.indicatorDefinitions.find((d) => d.key === 'reimbursement-ratio.v1')!.source).toContain('二(三)');

    const guiyangBureau = await h.token({ role: 'city_leadership', cityCode: '520100' });
    const guiyang = await h.gql<{ indicatorDefinitions: { id: string; source: string }[] }>(guiyangBureau, `{ indicatorDefinitions { id source } }`);
    expect(guiyang.data!.indicatorDefinitions.find((d) => d.id === 'awareness.v1')!.source).toContain('筑医保发〔2021〕13号');
    for (const d of guiyang.data!.indicatorDefinitions) expect(d.source, d.id).not.toMatch(/无锡/);
  });

  it('refuses a malformed filler field', async () => {
    const r = await h.gql<R>(bureau, Q, { p: 'call me' });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fillerPhone' });
  });
});
