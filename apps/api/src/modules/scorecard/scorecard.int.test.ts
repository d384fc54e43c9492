import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { seedProgramme, type Programme } from './institutions-fund.fixture';

let h: Harness;
let p: Programme;
let leader: string;
beforeAll(async () => {
  h = await startHarness();
  p = await seedProgramme(h);
  leader = await h.token({ role: 'city_leadership' });
});
afterAll(async () => h.close());

const RATE = '{ numerator denominator rate }';
const SCORECARDS = `query($region: String!) { institutionScorecards(regionCode: $region, year: 2025, quarter: 2) {
  period { from to } rubric { id items { metric weight target direction } }
  scorecards { institution { id level districtCode } score scoredWeight rank peers claims ruleHits ruleHitsPer100Claims
    standardisedManagement ${RATE} rationalMedication ${RATE} bloodPressureControl ${RATE} glucoseControl ${RATE}
    drugShares { lines amountFen centrallyProcured { byAmount ${RATE} byCount ${RATE} } essential { byAmount ${RATE} byCount ${RATE} } classA { byAmount ${RATE} byCount ${RATE} } }
    items { metric value achievement points } } } }`;

interface R {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface Card {
  institution: { id: string; level: string; districtCode: string };
  score: number | null;
  scoredWeight: number;
  rank: number | null;
  peers: number;
  claims: number;
  ruleHits: number;
  ruleHitsPer100Claims: number | null;
  standardisedManagement: R | null;
  rationalMedication: R | null;
  bloodPressureControl: R | null;
  glucoseControl: R | null;
  drugShares: {
    lines: number;
    amountFen: number;
    centrallyProcured: { byAmount: R; byCount: R };
    essential: { byAmount: R; byCount: R };
    classA: { byAmount: R; byCount: R };
  };
  items: { metric: string; value: number | null; achievement: number | null; points: number | null }[];
}
interface Result {
  institutionScorecards: { period: { from: string; to: string }; rubric: { id: string; items: { metric: string; weight: number }[] }; scorecards: Card[] };
}

const pair = (r: R | null) => (r === null ? null : [r.numerator, r.denominator]);

describe('institutionScorecards (W-10 四(三) 绩效考核), 梁溪区 2025 Q2', () => {
  let cards: Card[];
  beforeAll(async () => {
    const r = await h.gql<Result>(leader, SCORECARDS, { region: '320213' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.institutionScorecards.period).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    cards = r.data!.institutionScorecards.scorecards;
  });
  const card = (id: string) => cards.find((c) => c.institution.id === id)!;

  it('scores the primary institutions only, to scorecard-rubric.v1, without the essential-drug share (G-8)', async () => {
    expect(cards.map((c) => c.institution.id)).toEqual(['I-LX-CHC', 'I-LX-CHC2']);
    const r = await h.gql<Result>(leader, SCORECARDS, { region: '320213' });
    const rubric = r.data!.institutionScorecards.rubric;
    expect(rubric.id).toBe('scorecard-rubric.v1');
    expect(rubric.items.reduce((a, i) => a + i.weight, 0)).toBe(100);
    expect(rubric.items.map((i) => i.metric).some((m) => /essential/i.test(m))).toBe(false);
  });

  it('shares its 两病 dispensing by the drug reference’s flags, by amount and by count (c3, c4, c7)', () => {
    const s = card('I-LX-CHC').drugShares;
    // amlodipine 500 (集采, 基药, 甲类) + metformin 120 and 90 (集采, 基药, 甲类) + levamlodipine 80 (基药, 乙类)
    expect(s.lines).toBe(4);
    expect(s.amountFen).toBe(79_000);
    expect(pair(s.centrallyProcured.byAmount)).toEqual([71_000, 79_000]);
    expect(pair(s.centrallyProcured.byCount)).toEqual([3, 4]);
    expect(pair(s.essential.byAmount)).toEqual([79_000, 79_000]);
    expect(pair(s.classA.byAmount)).toEqual([71_000, 79_000]);
    expect(pair(s.classA.byCount)).toEqual([3, 4]);
    const other = card('I-LX-CHC2').drugShares;
    // valsartan 50 yuan: 甲类 only
    expect([pair(other.centrallyProcured.byAmount), pair(other.essential.byAmount), pair(other.classA.byAmount)]).toEqual([
      [0, 5_000],
      [0, 5_000],
      [5_000, 5_000],
    ]);
  });

  it('counts rule hits per 100 claims', () => {
    const c = card('I-LX-CHC');
    const hits = p.c3.hitCodes.length + p.c4.hitCodes.length + p.c7.hitCodes.length;
    expect(p.c7.hitCodes).toContain('LONG_PRESCRIPTION_EXCEEDED');
    expect(c.claims).toBe(3);
    expect(c.ruleHits).toBe(hits);
    expect(c.ruleHitsPer100Claims).toBeCloseTo((hits * 100) / 3, 10);
  });

  it('takes its patients’ rates from the statistics module’s counts, the same as institutionStatistics', async () => {
    const c = card('I-LX-CHC');
    // P1: four face-to-face follow-ups, last 138/84; P2: one face-to-face, last 128/79, fasting glucose 7.5
    expect(pair(c.standardisedManagement)).toEqual([1, 2]);
    expect(pair(c.bloodPressureControl)).toEqual([2, 2]);
    expect(pair(c.glucoseControl)).toEqual([0, 1]);
    // c7 breaks the long-prescription limit (W-9): not rational use
    expect(pair(c.rationalMedication)).toEqual([2, 3]);
    const s = await h.gql<{ institutionStatistics: { institution: { id: string }; indicators: Record<string, R> }[] }>(
      leader,
      `{ institutionStatistics(regionCode: "320213", year: 2025, quarter: 2) { institution { id } indicators { standardisedManagement ${RATE} rationalMedication ${RATE} bloodPressureControl ${RATE} glucoseControl ${RATE} } } }`,
    );
    const stats = s.data!.institutionStatistics.find((x) => x.institution.id === 'I-LX-CHC')!.indicators;
    expect(pair(c.standardisedManagement)).toEqual(pair(stats.standardisedManagement!));
    expect(pair(c.rationalMedication)).toEqual(pair(stats.rationalMedication!));
  });

  it('scores to the rubric and ranks among peers of the same level and district', () => {
    const chc = card('I-LX-CHC');
    // 25 × (0.5 / 0.6) + 20 × ((2/3) / 0.95) + 15 × 1 + 15 × 0 + 10 × 1 + 5 × 1 + 10 × 0 (66.7 hits per 100, over twice the target of 5)
    const expected = 25 * (0.5 / 0.6) + 20 * (2 / 3 / 0.95) + 15 + 0 + 10 + 5 + 0;
    expect(chc.score).toBe(Math.round(expected * 10) / 10);
    expect(chc.scoredWeight).toBe(100);
    const two = card('I-LX-CHC2');
    // P4: managed, no follow-up (0 / 1, 0 / 1, no diabetes); c8 rational, valsartan 甲类 only, no hits:
    // rational 20 + class A 5 + hits 10 of the 85 weights with a value, scaled to 100
    expect(two.scoredWeight).toBe(85);
    expect(two.score).toBe(Math.round(((35 * 100) / 85) * 10) / 10);
    expect(two.items.find((i) => i.metric === 'glucoseControl')).toMatchObject({ value: null, achievement: null, points: null });
    expect([chc.rank, chc.peers, two.rank, two.peers]).toEqual([1, 2, 2, 2]);
  });

  it('leaves an institution without figures unscored and unranked, and adds hospitals when asked', async () => {
    const r = await h.gql<Result>(leader, SCORECARDS.replace('quarter: 2)', 'quarter: 2, primaryOnly: false)'), { region: '320200' });
    expect(r.errors).toBeUndefined();
    const all = r.data!.institutionScorecards.scorecards;
    expect(all.some((c) => c.institution.level === 'LEVEL2_HOSPITAL')).toBe(true);
    const jy = all.find((c) => c.institution.id === 'I-JY-THC')!;
    expect([jy.score, jy.rank, jy.peers]).toEqual([null, null, 0]);
  });

  it('is the bureau’s assessment: not for institutions, and a district bureau sees its own district only', async () => {
    const operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    expect((await h.gql(operator, SCORECARDS, { region: '320213' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const bureau = await h.token({ role: 'district_bureau', districtCode: '320281' });
    expect((await h.gql(bureau, SCORECARDS, { region: '320213' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const unknown = await h.gql(leader, `{ institutionScorecards(regionCode: "320213", year: 2025, quarter: 2, rubricId: "nope") { rubric { id } } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rubricId' });
  });
});
