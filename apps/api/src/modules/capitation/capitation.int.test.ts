/** Capitation settlement against PostgreSQL: per institution and month, and the consortium package at year end (W-8). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, seedWuxi, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { CAPITATION_CONFIG } from './capitation.config';

let h: Harness;
let leader: string;
const fund: Record<string, number> = {};
const RATE = CAPITATION_CONFIG['320200']!.perHeadMonthlyFen.value;

beforeAll(async () => {
  h = await startHarness(async (sql) => {
    await seedWuxi(sql);
    await sql(
      `insert into regions (code, name, level, parent_code, city_code) values ('520100','贵阳市','city',null,'520100'), ('520102','南明区','district','520100','520100')`,
    );
  });
  leader = await h.token({ role: 'city_leadership' });
  const bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  // P1 and P2 are designated to I-LX-CHC (consortium C1 with I-LX-H2) all year, and certified
  for (const [name, over, line] of [
    ['p1-mar', { serviceDate: '2025-03-03' }, { amountFen: 100_000 }],
    ['p2-mar', { patientId: 'P2', serviceDate: '2025-03-05' }, { drugCode: 'metformin', quantity: 60, amountFen: 100_000 }],
    ['p2-may', { patientId: 'P2', serviceDate: '2025-05-05' }, { amountFen: 40_000 }],
  ] as const) {
    const r = await h.gql<{ submitClaim: { claim: { fundFen: number } } }>(bureau, SUBMIT, { input: claimInput(over, line) });
    expect(r.errors).toBeUndefined();
    fund[name] = r.data!.submitClaim.claim.fundFen;
  }
});
afterAll(async () => h.close());

const Q = `query($r: String!, $y: Int!, $m: Int) { capitationSettlement(regionCode: $r, year: $y, month: $m) {
  month parameters { name value kind section }
  institutions { institutionId month designatedPatients capitationFen fundPaidFen fundPaidHereFen balanceFen }
  consortia { consortiumId memberIds designatedPatientMonths budgetFen fundPaidFen overspendFen surplusFen yearEnd compensationFen retainedFen settlementFen yearEndAdjustmentFen } } }`;
type S = {
  capitationSettlement: {
    parameters: { name: string; kind: string; section: string }[];
    institutions: Record<string, unknown>[];
    consortia: Record<string, unknown>[];
  };
};

describe('capitationSettlement', () => {
  it('for a month: designated patients × the per-head rate against what their claims cost', async () => {
    const r = await h.gql<S>(leader, Q, { r: '320213', y: 2025, m: 3 });
    expect(r.errors).toBeUndefined();
    const s = r.data!.capitationSettlement;
    // A month uses the per-head rate only; the year-end shares are listed with the year's settlement.
    expect(s.parameters.map((p) => [p.name, p.kind, p.section])).toEqual([['perHeadMonthlyFen', 'configuration', '四(一)']]);
    const march = fund['p1-mar']! + fund['p2-mar']!;
    expect(s.institutions).toEqual([
      {
        institutionId: 'I-LX-CHC',
        month: '2025-03',
        designatedPatients: 2,
        capitationFen: 2 * RATE,
        fundPaidFen: march,
        fundPaidHereFen: march,
        balanceFen: 2 * RATE - march,
      },
    ]);
    expect(s.consortia).toEqual([
      expect.objectContaining({
        consortiumId: 'C1',
        memberIds: ['I-LX-CHC', 'I-LX-H2'],
        budgetFen: 2 * RATE,
        fundPaidFen: march,
        yearEnd: false,
        compensationFen: null,
        settlementFen: null,
      }),
    ]);
  });

  it('for the year: the consortium’s package budget, with the overspend partly compensated', async () => {
    const r = await h.gql<S>(leader, Q, { r: '320213', y: 2025 });
    expect(r.data!.capitationSettlement.parameters.map((p) => [p.name, p.kind, p.section])).toEqual([
      ['perHeadMonthlyFen', 'configuration', '四(一)'],
      ['overspendCompensationBp', 'configuration', '四(一)'],
      ['surplusRetentionBp', 'configuration', '四(一)'],
    ]);
    const c = r.data!.capitationSettlement.consortia[0]!;
    const budget = 24 * RATE;
    const paid = fund['p1-mar']! + fund['p2-mar']! + fund['p2-may']!;
    expect(paid).toBeGreaterThan(budget);
    const compensation = Math.floor(((paid - budget) * CAPITATION_CONFIG['320200']!.overspendCompensationBp.value) / 10_000);
    expect(c).toEqual({
      consortiumId: 'C1',
      memberIds: ['I-LX-CHC', 'I-LX-H2'],
      designatedPatientMonths: 24,
      budgetFen: budget,
      fundPaidFen: paid,
      overspendFen: paid - budget,
      surplusFen: 0,
      yearEnd: true,
      compensationFen: compensation,
      retainedFen: 0,
      settlementFen: budget + compensation,
      yearEndAdjustmentFen: budget + compensation - paid,
    });
    expect(r.data!.capitationSettlement.institutions).toHaveLength(12);
  });

  it('keeps a surplus when the claims cost less than the budget', async () => {
    const r = await h.gql<S>(leader, Q, { r: '320281', y: 2025 });
    // 江阴's P3 has no claims: its institution's capitation is all surplus, and it is in no consortium
    expect(r.data!.capitationSettlement.institutions.every((i) => i.fundPaidFen === 0 && i.designatedPatients === 1)).toBe(true);
    expect(r.data!.capitationSettlement.consortia).toEqual([]);
  });

  it('is scoped, and refused for a city whose rules do not settle by capitation', async () => {
    const inst = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-H2' });
    const own = await h.gql<S>(inst, Q, { r: '320213', y: 2025, m: 3 });
    expect(own.data!.capitationSettlement).toMatchObject({ institutions: [], consortia: [] });
    const other = await h.token({ role: 'district_bureau', districtCode: '320281' });
    expect((await h.gql(other, Q, { r: '320213', y: 2025 })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const gy = await h.token({ role: 'district_bureau', districtCode: '520102', cityCode: '520100' });
    const r = await h.gql(gy, Q, { r: '520102', y: 2025 });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
  });
});
