/**
 * A claim refused outright counts in neither 结算药品费用 (drug-cost.v2) nor 合理用药率
 * (rational-medication.v2); a claim whose lines were refused counts in both. Figures by hand on
 * test/harness.ts's data, 梁溪区 2025 Q1, from the definitions (INDICATORS.md, definitions.ts):
 *   A. P1 at I-LX-CHC, amlodipine 1 000 fen: paid, rational.
 *   B. P1 at I-LX-H3 (not P1's designated institution nor its consortium, no referral): refused
 *      outright (NOT_DESIGNATED_INSTITUTION, W-4 三(一)), 2 000 fen — not a claim of the benefit.
 *   C. P2 at I-LX-CHC, terazosin (outside Wuxi's ATC groups, W-2 二(二)) 4 000 fen: the line is
 *      refused, the claim is not rational use — and it counts.
 *   So: 合理用药率 = 1 / 2 (A; A and C), 结算药品费用 = 1 000 + 4 000 = 5 000 fen, in the rollups
 *   and the raw tables alike (stats:check).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { restateOpenYears } from '../../../migrations/Migration20261206070000_restate_patient_rollups';
import { ensureMaterialised, materialise } from './rollup.build';
import { checkRollups } from './rollup.check';

let h: Harness;
let leader: string;
type Claim = { outcome: string; fundFen: number; hits: { code: string }[] };
const decided: Record<string, Claim> = {};

beforeAll(async () => {
  h = await startHarness();
  leader = await h.token({ role: 'city_leadership' });
  await ensureMaterialised(h.orm.em.fork(), ['320213', '320281'], 2025);
  const bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  const submit = async (name: string, input: Record<string, unknown>) => {
    const r = await h.gql<{ submitClaim: { claim: Claim } }>(bureau, SUBMIT, { input });
    expect(r.errors).toBeUndefined();
    decided[name] = r.data!.submitClaim.claim;
  };
  await submit('A', claimInput({ serviceDate: '2025-02-03' }, { amountFen: 1000 }));
  await submit('B', claimInput({ serviceDate: '2025-02-10', institutionId: 'I-LX-H3' }, { amountFen: 2000 }));
  await submit('C', claimInput({ patientId: 'P2', serviceDate: '2025-03-04' }, { drugCode: 'terazosin', amountFen: 4000 }));
});
afterAll(async () => h.close());

const Q = `query($y: Int!, $q: Int) { statistics(regionCode: "320213", year: $y, quarter: $q) { indicators { rationalMedication { numerator denominator definitionId } drugCostFen } figureDefinitions { id key } } }`;
type Out = {
  statistics: {
    indicators: { rationalMedication: { numerator: number; denominator: number; definitionId: string }; drugCostFen: number };
    figureDefinitions: { id: string; key: string }[];
  };
};

async function expectHandFigures(quarter: number | null): Promise<void> {
  const r = await h.gql<Out>(leader, Q, { y: 2025, q: quarter });
  expect(r.errors).toBeUndefined();
  const i = r.data!.statistics.indicators;
  expect(i.rationalMedication).toEqual({ numerator: 1, denominator: 2, definitionId: 'rational-medication.v2' });
  expect(i.drugCostFen).toBe(5000);
  expect(r.data!.statistics.figureDefinitions.find((f) => f.key === 'drugCostFen')!.id).toBe('drug-cost.v2');
}

describe('a claim refused outright is out of 合理用药率 and 结算药品费用', () => {
  it('the three claims are decided as the header says', () => {
    expect(decided.A).toMatchObject({ outcome: 'paid' });
    expect(decided.B!.fundFen).toBe(0);
    expect(decided.B!.hits.map((x) => x.code)).toContain('NOT_DESIGNATED_INSTITUTION');
    expect(decided.C!.fundFen).toBe(0);
    expect(decided.C!.hits.map((x) => x.code)).toEqual(['DRUG_NOT_IN_CATALOGUE']);
  });

  for (const [label, quarter] of [
    ['2025 Q1', 1],
    ['the year 2025', null],
  ] as const) {
    it(`${label}: 合理用药率 1 / 2, 结算药品费用 5 000 fen`, async () => expectHandFigures(quarter));
  }

  it('rebuilt from the raw tables (the migration throws the open year away, the next process builds it on first read through stat_patient_facts’ hits): the same figures', async () => {
    const materialised = async () => (await h.sql(`select district_code from stat_materialised where year = 2025 order by 1`)).length;
    expect(await materialised()).toBe(2);
    for (const sql of restateOpenYears()) await h.sql(sql);
    expect(await materialised()).toBe(0);
    // what ensureMaterialised does on a process's first read of the year (this process remembers it built them)
    for (const d of ['320213', '320281']) expect(await materialise(h.orm.em.fork(), d, 2025)).toBe(true);
    await expectHandFigures(1);
    await expectHandFigures(null);
  });

  it('stat_patient_facts and the lives’ function it wraps are PL/pgSQL (planned per district on Citus, Migration20261207900000)', async () => {
    const langs = await h.sql<{ proname: string; lanname: string }>(
      `select p.proname, l.lanname from pg_proc p join pg_language l on l.oid = p.prolang where p.proname in ('stat_patient_facts', 'stat_patient_facts_lives') order by 1`,
    );
    expect(langs).toEqual([
      { proname: 'stat_patient_facts', lanname: 'plpgsql' },
      { proname: 'stat_patient_facts_lives', lanname: 'plpgsql' },
    ]);
  });

  it('the rollups equal the raw tables (stats:check)', async () => {
    const check = await checkRollups(h.orm.em.fork(), { years: [2025] });
    expect(check.values).toBeGreaterThan(100);
    expect(check.mismatches).toEqual([]);
  });
});
