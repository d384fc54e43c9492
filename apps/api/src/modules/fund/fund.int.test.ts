import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { seedProgramme, type Programme } from '../scorecard/institutions-fund.fixture';

let h: Harness;
let p: Programme;
let leader: string;
let lxBureau: string;
beforeAll(async () => {
  h = await startHarness();
  p = await seedProgramme(h);
  leader = await h.token({ role: 'city_leadership' });
  lxBureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
});
afterAll(async () => h.close());

const SET = `mutation($input: FundBudgetInput!) { setFundBudget(input: $input) { districtCode year budgetFen source setBy } }`;
const WATCH = `query($region: String!, $asOf: String) { fundWatch(regionCode: $region, year: 2025, asOf: $asOf) {
  asOf method citation districtsWithoutBudget
  total { budgetFen paidToDateFen completeMonths runRateFen projectedYearEndFen projectedVsBudgetFen budgetUsed projectedOverBudget patientsReachingCap
          months { month label fundPaidFen cumulativeFen projectedCumulativeFen budgetLineFen patientsReachingCap } }
  districts { region { code } budget { budgetFen source } paidToDateFen projectedYearEndFen projectedOverBudget patientsReachingCap months { month fundPaidFen patientsReachingCap } } } }`;

interface Row {
  budgetFen: number | null;
  paidToDateFen: number;
  completeMonths: number;
  runRateFen: number | null;
  projectedYearEndFen: number | null;
  projectedVsBudgetFen: number | null;
  budgetUsed: number | null;
  projectedOverBudget: boolean | null;
  patientsReachingCap: number;
  months: {
    month: number;
    label: string;
    fundPaidFen: number | null;
    cumulativeFen: number | null;
    projectedCumulativeFen: number | null;
    budgetLineFen: number | null;
    patientsReachingCap: number;
  }[];
}
interface Watch {
  fundWatch: {
    asOf: string;
    method: string;
    citation: string;
    districtsWithoutBudget: string[];
    total: Row;
    districts: (Row & { region: { code: string }; budget: { budgetFen: number; source: string } | null })[];
  };
}

describe('setFundBudget (五(一) 基金运行)', () => {
  it('lets a district bureau set its own district’s budget and the leadership any district of the city', async () => {
    const own = await h.gql(lxBureau, SET, { input: { districtCode: '320213', year: 2025, budgetFen: 1_000_000, source: '2025年两病门诊用药基金预算通知' } });
    expect(own.errors).toBeUndefined();
    expect(own.data).toEqual({
      setFundBudget: { districtCode: '320213', year: 2025, budgetFen: 1_000_000, source: '2025年两病门诊用药基金预算通知', setBy: 'u-district_bureau' },
    });
    const city = await h.gql(leader, SET, { input: { districtCode: '320281', year: 2025, budgetFen: 5_000, source: '市局预算' } });
    expect(city.errors).toBeUndefined();
    const audited = await h.sql<{ n: string }>(`select count(*) as n from audit_log where action = 'fund_budget.set'`);
    expect(Number(audited[0]!.n)).toBe(2);
  });

  it('audits a change with the figure it replaces', async () => {
    const set = (budgetFen: number, source: string) => h.gql(lxBureau, SET, { input: { districtCode: '320213', year: 2026, budgetFen, source } });
    expect((await set(300_000, '2026年预算通知')).errors).toBeUndefined();
    expect((await set(350_000, '2026年预算调整')).errors).toBeUndefined();
    const rows = await h.sql<{
      detail: { budgetFen: number; source: string; before: { budgetFen: number; source: string; setBy: string; setAt: string } | null };
    }>(`select detail from audit_log where action = 'fund_budget.set' and entity_id = '320213/2026' order by id`);
    expect(rows.map((r) => r.detail)).toEqual([
      { budgetFen: 300_000, source: '2026年预算通知', before: null },
      {
        budgetFen: 350_000,
        source: '2026年预算调整',
        before: { budgetFen: 300_000, source: '2026年预算通知', setBy: 'u-district_bureau', setAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
      },
    ]);
  });

  it('refuses another district’s budget, an institution, a missing source and a negative figure', async () => {
    expect((await h.gql(lxBureau, SET, { input: { districtCode: '320281', year: 2025, budgetFen: 1, source: 'x' } })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    const operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    expect((await h.gql(operator, SET, { input: { districtCode: '320213', year: 2025, budgetFen: 1, source: 'x' } })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await h.gql(lxBureau, SET, { input: { districtCode: '320213', year: 2025, budgetFen: 1, source: '  ' } })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'source',
    });
    expect((await h.gql(lxBureau, SET, { input: { districtCode: '320213', year: 2025, budgetFen: -5, source: 'x' } })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'budgetFen',
    });
  });
});

describe('fundWatch', () => {
  it('projects the year end from the last three complete months and compares it with the budget (梁溪区, as of 30 April)', async () => {
    const r = await h.gql<Watch>(leader, WATCH, { region: '320213', asOf: '2025-04-30' });
    expect(r.errors).toBeUndefined();
    const t = r.data!.fundWatch.total;
    // Feb c1, Mar c2, Apr c3 (0) + c4 + c8; January nothing
    const feb = p.c1.fundFen;
    const mar = p.c2.fundFen;
    const apr = p.c3.fundFen + p.c4.fundFen + p.c8.fundFen;
    expect(t.months.slice(0, 5).map((m) => m.fundPaidFen)).toEqual([0, feb, mar, apr, null]);
    expect(t.completeMonths).toBe(4);
    expect(t.runRateFen).toBe(Math.round((feb + mar + apr) / 3));
    expect(t.projectedYearEndFen).toBe(feb + mar + apr + Math.round((feb + mar + apr) / 3) * 8);
    expect(t.budgetFen).toBe(1_000_000);
    expect(t.projectedVsBudgetFen).toBe(t.projectedYearEndFen! - 1_000_000);
    expect(t.projectedOverBudget).toBe(false);
    expect(t.budgetUsed).toBeCloseTo((feb + mar + apr) / 1_000_000, 10);
    expect(t.months[11]).toMatchObject({ label: '2025-12', fundPaidFen: null, projectedCumulativeFen: t.projectedYearEndFen, budgetLineFen: 1_000_000 });
    // P1 used up the cap on 2025-03-05 (benefit_ledger.cap_reached_on)
    expect(t.patientsReachingCap).toBe(1);
    expect(t.months[2]!.patientsReachingCap).toBe(1);
  });

  it('sums the districts for the city, and says when the year is over budget', async () => {
    const r = await h.gql<Watch>(leader, WATCH, { region: '320200', asOf: '2025-06-30' });
    expect(r.errors).toBeUndefined();
    const w = r.data!.fundWatch;
    const paid = Object.values(p).reduce((a, c) => a + c.fundFen, 0);
    expect(w.total.paidToDateFen).toBe(paid);
    expect(w.districts.map((d) => d.region.code)).toEqual(['320213', '320281']);
    expect(w.districts.reduce((a, d) => a + d.paidToDateFen, 0)).toBe(paid);
    expect(w.total.budgetFen).toBe(1_005_000);
    expect(w.districtsWithoutBudget).toEqual([]);
    const jy = w.districts.find((d) => d.region.code === '320281')!;
    expect(jy.budget).toEqual({ budgetFen: 5_000, source: '市局预算' });
    // 江阴市 paid 60 yuan in January and nothing since: the run rate is 0, the projection what was paid
    expect(jy.projectedYearEndFen).toBe(p.c6.fundFen);
    expect(jy.projectedOverBudget).toBe(true);
    expect(w.method).toContain('average of the last three complete months');
    expect(w.citation).toContain('五(一)');
  });

  it('counts a reversed claim out and keeps a district bureau to its own district', async () => {
    const jy = await h.token({ role: 'district_bureau', districtCode: '320281' });
    await h.gql(jy, `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "fund test") { id } }`, { id: p.c6.id });
    const r = await h.gql<Watch>(jy, WATCH, { region: '320281', asOf: '2025-06-30' });
    expect(r.data!.fundWatch.total.paidToDateFen).toBe(0);
    expect((await h.gql(jy, WATCH, { region: '320200', asOf: '2025-06-30' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(jy, WATCH, { region: '320281', asOf: '2025-13-01' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});
