/**
 * One name, one figure (issue 17 item 15). The 附件5 report, the overview and the cascade each show
 * counts and sums; before, 规范化管理 named three different figures (the report's managed patients,
 * the rate's numerator, the cascade's step) and 药品费用 two (every claim's drug cost on the
 * overview, the disease's drugs on paid claims in the report), with no definition shown.
 *
 * On the harness's 梁溪区, 2025 Q2, each figure is computed here from the raw tables by its written
 * definition (FIGURES), not from the API's own queries; then figures the API gives one definition
 * (one name) must be equal, and figures that differ must carry different names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRUGS } from '@liangbing/policy';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
const FROM = '2025-04-01';
const TO = '2025-06-30';
const HT_DRUGS = DRUGS.filter((d) => d.disease === 'hypertension').map((d) => d.code);
const DM_DRUGS = DRUGS.filter((d) => d.disease === 'diabetes').map((d) => d.code);

type Figure = { id: string; key: string; nameZh: string; nameEn: string; definitionZh: string; windowZh: string };
type Ind = {
  managedPatients: number;
  standardManagedPatients: number;
  beneficiaries: number;
  benefitUses: number;
  drugCostFen: number;
  fundPaidFen: number;
  standardisedManagement: { numerator: number; denominator: number; definitionId: string };
};
type Row = { category: string; disease: string; managedPatients: number; beneficiaries: number; benefitUses: number; drugCostFen: number; fundPaidFen: number };
type Out = {
  all: { indicators: Ind; figureDefinitions: Figure[] };
  ht: { indicators: Ind };
  dm: { indicators: Ind };
  quarterlyReport: { rows: Row[]; columns: { column: string; definition: Figure }[] };
  indicatorDefinitions: { id: string; numeratorZh: string; denominatorZh: string; windowZh: string }[];
};
const IND = `indicators { managedPatients standardManagedPatients beneficiaries benefitUses drugCostFen fundPaidFen standardisedManagement { numerator denominator definitionId } }`;
const FIG = `id key nameZh nameEn definitionZh windowZh`;
const Q = `{
  all: statistics(regionCode: "320213", year: 2025, quarter: 2, disease: ALL) { ${IND} figureDefinitions { ${FIG} } }
  ht: statistics(regionCode: "320213", year: 2025, quarter: 2, disease: HYPERTENSION) { ${IND} }
  dm: statistics(regionCode: "320213", year: 2025, quarter: 2, disease: DIABETES) { ${IND} }
  quarterlyReport(regionCode: "320213", year: 2025, quarter: 2) { rows { category disease managedPatients beneficiaries benefitUses drugCostFen fundPaidFen } columns { column definition { ${FIG} } } }
  indicatorDefinitions { id numeratorZh denominatorZh windowZh }
}`;

let out: Out;

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  const submit = async (input: Record<string, unknown>) => {
    const r = await h.gql<{ submitClaim: { claim: { fundFen: number } } }>(bureau, SUBMIT, { input });
    expect(r.errors).toBeUndefined();
    return r.data!.submitClaim.claim;
  };
  // P2 (both diseases): one visit with a drug of each disease, paid; one with a diabetes drug only.
  await submit({
    ...claimInput({ patientId: 'P2', serviceDate: '2025-05-02' }),
    lines: [
      { drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1500 },
      { drugCode: 'metformin', form: 'ORAL', quantity: 60, daysSupply: 30, amountFen: 2500 },
    ],
  });
  await submit({
    ...claimInput({ patientId: 'P2', serviceDate: '2025-06-03' }),
    lines: [{ drugCode: 'metformin', form: 'ORAL', quantity: 60, daysSupply: 30, amountFen: 2600 }],
  });
  // P1: a paid visit; one at a level-3 hospital without a referral, refused outright (a claim-level rule, NOT_DESIGNATED_INSTITUTION);
  // and one with a drug outside Wuxi's scope (terazosin, W-2 二(二)): its line refused, the fund pays nothing for it.
  await submit(claimInput({ patientId: 'P1', serviceDate: '2025-05-10' }));
  const refusedOutright = await submit(claimInput({ patientId: 'P1', serviceDate: '2025-06-10', institutionId: 'I-LX-H3' }, { amountFen: 4200 }));
  expect(refusedOutright.fundFen).toBe(0);
  const lineRefused = await submit(claimInput({ patientId: 'P1', serviceDate: '2025-06-12' }, { drugCode: 'terazosin', amountFen: 1700 }));
  expect(lineRefused.fundFen).toBe(0);
  const r = await h.gql<Out>(bureau, Q);
  expect(r.errors).toBeUndefined();
  out = r.data!;
});
afterAll(async () => h.close());

/** Each figure by its definition (FIGURES), straight from the raw tables. */
async function byDefinition(disease: 'hypertension' | 'diabetes' | null) {
  const one = async (text: string, params: unknown[]) => Number(Object.values((await h.sql<Record<string, string>>(text, params))[0]!)[0] ?? 0);
  const hasDisease =
    disease === null
      ? 'true'
      : `exists (select 1 from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id and d.disease = '${disease}' and d.diagnosed_on <= '${TO}')`;
  const claimOf = disease === null ? 'true' : `'${disease}' = any(c.diseases)`;
  // 规范化管理人数: under management at the period end, alive and resident, with the disease.
  const managed = await one(
    `select count(*) from patients p where p.district_code = '320213' and p.managed and p.managed_since <= ?::date and (p.left_on is null or p.left_on > ?::date) and ${hasDisease}
      and exists (select 1 from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id and d.diagnosed_on <= ?::date)`,
    [TO, TO, TO],
  );
  // 随访达标人数: of those, ≥ 2 face-to-face follow-ups from 1 January to the end of Q2 (diabetes: each with a glucose), each disease its own rule.
  const f2f = (
    d: string,
    glucose: boolean,
  ) => `(not exists (select 1 from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id and d.disease = '${d}' and d.diagnosed_on <= '${TO}')
      or (select count(*) from follow_ups f where f.district_code = p.district_code and f.patient_id = p.id and f.face_to_face ${glucose ? 'and f.fasting_glucose_tenths is not null' : ''} and f.follow_up_date between '2025-01-01' and '${TO}') >= 2)`;
  const rule =
    disease === 'hypertension'
      ? f2f('hypertension', false)
      : disease === 'diabetes'
        ? f2f('diabetes', true)
        : `${f2f('hypertension', false)} and ${f2f('diabetes', true)}`;
  const standard = await one(
    `select count(*) from patients p where p.district_code = '320213' and p.managed and p.managed_since <= ?::date and (p.left_on is null or p.left_on > ?::date) and ${hasDisease}
      and exists (select 1 from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id and d.diagnosed_on <= ?::date) and ${rule}`,
    [TO, TO, TO],
  );
  const claims = `from claims c where c.district_code = '320213' and c.status = 'accepted' and c.service_date between '${FROM}' and '${TO}' and ${claimOf}`;
  return {
    managed,
    standard,
    beneficiaries: await one(`select count(distinct c.patient_id) ${claims} and c.fund_fen > 0`, []),
    benefitUses: await one(`select count(*) ${claims} and c.fund_fen > 0`, []),
    // drug-cost.v2: not a claim refused outright (a hit of severity reject_claim in its stored decision)
    drugCost: await one(
      `select coalesce(sum(c.amount_fen), 0) ${claims} and not exists (select 1 from claim_documents d cross join jsonb_array_elements(d.decision->'hits') x
        where d.district_code = c.district_code and d.claim_id = c.id and x->>'severity' = 'reject_claim')`,
      [],
    ),
    fundPaid: await one(`select coalesce(sum(c.fund_fen), 0) ${claims}`, []),
  };
}

/** 附件5's own figures for a disease, by their definitions: the disease's drugs on claims the fund paid. */
async function reportByDefinition(disease: 'hypertension' | 'diabetes') {
  const drugs = disease === 'hypertension' ? HT_DRUGS : DM_DRUGS;
  const [r] = await h.sql<{ persons: string; uses: string; cost: string }>(
    `select count(distinct c.patient_id) filter (where l.fund_fen > 0) as persons, count(distinct c.id) filter (where l.fund_fen > 0) as uses, coalesce(sum(l.amount_fen), 0) as cost
       from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
      where c.district_code = '320213' and c.status = 'accepted' and c.fund_fen > 0 and c.service_date between ?::date and ?::date and l.drug_code = any(?::text[])`,
    [FROM, TO, drugs],
  );
  return { beneficiaries: Number(r!.persons), benefitUses: Number(r!.uses), drugCost: Number(r!.cost) };
}

const reportSum = (disease: string, column: keyof Row) =>
  out.quarterlyReport.rows.filter((r) => r.disease === disease).reduce((s, r) => s + (r[column] as number), 0);
const figure = (id: string) =>
  out.all.figureDefinitions.find((f) => f.id === id) ?? out.quarterlyReport.columns.find((c) => c.definition.id === id)?.definition;
const columnFigure = (column: string) => out.quarterlyReport.columns.find((c) => c.column === column)!.definition;

describe('one name, one figure', () => {
  it('every figure has a definition, and no two definitions share a name', () => {
    const all = [...out.all.figureDefinitions, ...out.quarterlyReport.columns.map((c) => c.definition)];
    const byId = new Map(all.map((f) => [f.id, f]));
    for (const f of byId.values()) {
      expect(f.definitionZh.length, f.id).toBeGreaterThan(10);
      expect(f.windowZh, f.id).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const key of ['managedPatients', 'standardManagedPatients', 'beneficiaries', 'benefitUses', 'drugCostFen', 'fundPaidFen']) {
      expect(
        out.all.figureDefinitions.some((f) => f.key === key),
        key,
      ).toBe(true);
    }
    const names = [...byId.values()].map((f) => f.nameZh);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set([...byId.values()].map((f) => f.nameEn)).size).toBe(names.length);
  });

  it('规范化管理人数 is one figure: the report’s column, the statistics’ managed patients (the cascade’s step), the rate’s denominator', async () => {
    expect(columnFigure('managedPatients').id).toBe(out.all.figureDefinitions.find((f) => f.key === 'managedPatients')!.id);
    expect(columnFigure('managedPatients').nameZh).toBe('规范化管理人数');
    for (const [disease, stats] of [
      ['hypertension', out.ht],
      ['diabetes', out.dm],
    ] as const) {
      const want = await byDefinition(disease);
      expect(reportSum(disease.toUpperCase(), 'managedPatients'), disease).toBe(want.managed);
      expect(stats.indicators.managedPatients, disease).toBe(want.managed);
      expect(stats.indicators.standardisedManagement.denominator, disease).toBe(want.managed);
    }
  });

  it('the rate’s numerator is another figure with another name: 随访达标人数', async () => {
    const want = await byDefinition('hypertension');
    expect(out.ht.indicators.standardisedManagement.numerator).toBe(want.standard);
    expect(out.ht.indicators.standardManagedPatients).toBe(want.standard);
    // they differ here (P2 had one face-to-face follow-up by the end of Q2), so their names must too
    expect(want.standard).not.toBe(want.managed);
    const standard = out.all.figureDefinitions.find((f) => f.key === 'standardManagedPatients')!;
    expect(standard.nameZh).toBe('随访达标人数');
    expect(standard.nameZh).not.toBe(figure('managed-patients.v1')!.nameZh);
    // and the rate's own definition names both
    const rate = out.indicatorDefinitions.find((d) => d.id === out.ht.indicators.standardisedManagement.definitionId)!;
    expect(rate.numeratorZh).toContain(standard.nameZh);
    expect(rate.denominatorZh).toContain('规范化管理人数');
  });

  it('drug cost: the overview’s 结算药品费用 (every claim) and the report’s disease drug cost (paid claims) differ, under different names', async () => {
    const all = await byDefinition(null);
    expect(out.all.indicators.drugCostFen).toBe(all.drugCost);
    const ht = await reportByDefinition('hypertension');
    const dm = await reportByDefinition('diabetes');
    expect(reportSum('HYPERTENSION', 'drugCostFen')).toBe(ht.drugCost);
    expect(reportSum('DIABETES', 'drugCostFen')).toBe(dm.drugCost);
    // the terazosin visit's 1,700 fen (its line refused, nothing paid) is in 结算药品费用 and in no disease's report cost; the level-3 visit, refused outright, is in neither
    expect(all.drugCost - (ht.drugCost + dm.drugCost)).toBe(1700);
    const overview = out.all.figureDefinitions.find((f) => f.key === 'drugCostFen')!;
    expect(overview.nameZh).toBe('结算药品费用');
    expect(columnFigure('drugCostFen').id).not.toBe(overview.id);
    expect(columnFigure('drugCostFen').nameZh).not.toBe(overview.nameZh);
  });

  it('beneficiaries and uses: the report counts by the drug’s disease, the statistics by the patient’s; where they differ, so do the names', async () => {
    const ht = await byDefinition('hypertension');
    const dm = await byDefinition('diabetes');
    expect(out.ht.indicators.beneficiaries).toBe(ht.beneficiaries);
    expect(out.ht.indicators.benefitUses).toBe(ht.benefitUses);
    expect(out.dm.indicators.benefitUses).toBe(dm.benefitUses);
    const rHt = await reportByDefinition('hypertension');
    expect(reportSum('HYPERTENSION', 'beneficiaries')).toBe(rHt.beneficiaries);
    expect(reportSum('HYPERTENSION', 'benefitUses')).toBe(rHt.benefitUses);
    // P2's diabetes-only visit is a hypertension patient's claim, but no hypertension drug was paid on it
    expect(rHt.benefitUses).toBeLessThan(ht.benefitUses);
    for (const key of ['beneficiaries', 'benefitUses'] as const) {
      const stat = out.all.figureDefinitions.find((f) => f.key === key)!;
      expect(columnFigure(key).id).not.toBe(stat.id);
      expect(columnFigure(key).nameZh).not.toBe(stat.nameZh);
    }
  });

  it('基金支付 is one figure: the report’s total equals the statistics’ fund paid', async () => {
    const all = await byDefinition(null);
    expect(out.all.indicators.fundPaidFen).toBe(all.fundPaid);
    expect(out.quarterlyReport.rows.reduce((s, r) => s + r.fundPaidFen, 0)).toBe(all.fundPaid);
    expect(columnFigure('fundPaidFen').id).toBe(out.all.figureDefinitions.find((f) => f.key === 'fundPaidFen')!.id);
  });
});
