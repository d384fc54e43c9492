/**
 * Configuration as data through GraphQL: the seeds and their sources, a leadership change and what it
 * changes from its date only, refusals, and production mode without placeholder values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, SECRET, startHarness, SUBMIT, TODAY, type Harness } from '../../../test/harness';
import { GUIYANG_DEMO_OVERRIDE } from '../../policy-config';
import { listen, type RunningServer } from '../../server';
import { createServices } from '../../services';
import { MONITORING_CONFIG } from '../monitoring/monitoring.config';
import { SCORECARD_RUBRIC_V1 } from '../scorecard/scorecard.rubric';

let h: Harness;
let leader: string;
let bureau: string;

type Gql = Harness['gql'];
type Err = { message: string; extensions: Record<string, unknown> };

const SET = `mutation($key: String!, $city: String!, $district: String, $from: String!, $value: JSON!, $source: ConfigurationSourceInput!) {
  setConfigurationValue(key: $key, cityCode: $city, districtCode: $district, validFrom: $from, value: $value, source: $source) { id key districtCode validFrom value setBy source { kind document section note } } }`;
const CONFIG = `query($city: String!, $date: String!, $district: String) { configuration(cityCode: $city, date: $date, districtCode: $district) {
  key unit type seedBasis configured value validFrom districtCode setBy seedValue source { kind document section note } history { validFrom value setBy source { kind } } } }`;
const RUN = `mutation($f: String!, $t: String!) { runMonitoring(regionCode: "320213", from: $f, to: $t) { raised { kind count } alreadyKnown thresholds { key value validFrom source { kind note } } } }`;
const SCORES = `query($q: Int!) { institutionScorecards(regionCode: "320213", year: 2025, quarter: $q) {
  rubric { id version items { metric weight target } settings { key validFrom source { kind } } }
  scorecards { institution { id } score standardisedManagement { rate } items { metric weight value achievement points } } } }`;
const TARGETS = `query($r: String!) { headlineTargets(regionCode: $r, year: 2025, quarter: 2) { indicator key value setting { validFrom districtCode source { kind document section note } } } }`;
const CAPITATION = `query($m: Int) { capitationSettlement(regionCode: "320213", year: 2025, month: $m) {
  parameters { name key value validFrom source { kind document section } } institutions { month designatedPatients capitationFen } } }`;

const bureauSource = (note: string) => ({ kind: 'BUREAU', note });
type Entry = {
  key: string;
  seedBasis: string;
  configured: boolean;
  value: unknown;
  validFrom: string | null;
  setBy: string | null;
  seedValue: unknown;
  source: { kind: string; document: string | null; section: string | null; note: string | null } | null;
  history: { validFrom: string; value: unknown; setBy: string; source: { kind: string } }[];
};
type Run = {
  runMonitoring: {
    raised: { kind: string; count: number }[];
    alreadyKnown: number;
    thresholds: { key: string; value: unknown; validFrom: string; source: { kind: string; note: string | null } }[];
  };
};
type Scores = {
  institutionScorecards: {
    rubric: {
      id: string;
      version: string;
      items: { metric: string; weight: number; target: number }[];
      settings: { key: string; validFrom: string; source: { kind: string } }[];
    };
    scorecards: {
      institution: { id: string };
      score: number | null;
      standardisedManagement: { rate: number | null } | null;
      items: { metric: string; weight: number; value: number | null; achievement: number | null; points: number | null }[];
    }[];
  };
};

async function configuration(gql: Gql, token: string, date: string, district: string | null = null): Promise<Map<string, Entry>> {
  const r = await gql<{ configuration: Entry[] }>(token, CONFIG, { city: '320200', date, district });
  expect(r.errors).toBeUndefined();
  return new Map(r.data!.configuration.map((e) => [e.key, e]));
}

async function set(
  token: string,
  key: string,
  validFrom: string,
  value: unknown,
  source: Record<string, unknown> = bureauSource('局长办公会 2025-03-20 决定'),
  district: string | null = null,
  gql: Gql = h.gql,
) {
  return gql<{ setConfigurationValue: { id: string; key: string; validFrom: string; value: unknown; setBy: string; source: { kind: string } } }>(token, SET, {
    key,
    city: '320200',
    district,
    from: validFrom,
    value,
    source,
  });
}

const rowsOf = async (key: string) => Number((await h.sql<{ n: string }>(`select count(*) as n from configuration_values where key = ?`, [key]))[0]!.n);

beforeAll(async () => {
  h = await startHarness();
  leader = await h.token({ role: 'city_leadership', userId: 'leader-320200' });
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  // P1 refills amlodipine at the same institution with 21 days still on hand: an early refill under the seed (more than 7 days).
  for (const serviceDate of ['2025-04-01', '2025-04-10']) {
    const r = await h.gql(bureau, SUBMIT, { input: claimInput({ serviceDate }) });
    expect(r.errors).toBeUndefined();
  }
});
afterAll(async () => h.close());

describe('seeds', () => {
  it('writes the code’s constants for each city once, and the configuration query shows the seed’s source for untouched keys', async () => {
    const c = await configuration(h.gql, leader, TODAY);
    const early = c.get('monitoring.earlyRefillDaysLeft')!;
    expect(early).toMatchObject({
      configured: true,
      value: MONITORING_CONFIG.earlyRefillDaysLeft,
      validFrom: '2000-01-01',
      setBy: 'seed',
      seedBasis: 'default',
    });
    expect(early.source).toMatchObject({ kind: 'seed', section: '五(四)；五(四)9' });
    expect(early.source!.note).toContain('MONITORING_CONFIG.earlyRefillDaysLeft');
    expect(c.get('capitation.perHeadMonthlyFen')).toMatchObject({ seedBasis: 'placeholder', configured: true, source: { kind: 'seed', section: '四(一)' } });
    expect(c.get('scorecard.weights')!.value).toEqual(Object.fromEntries(SCORECARD_RUBRIC_V1.items.map((i) => [i.metric, i.weight])));
    // Every key the registry declares for Wuxi has exactly one seed row; a second seeding adds none.
    const seeds = await h.sql<{ n: string }>(`select count(*) as n from configuration_values where city_code = '320200' and source_kind = 'seed'`);
    expect(Number(seeds[0]!.n)).toBe(c.size);
    expect(await h.services.settings.seed(h.orm.em.fork())).toBe(0);
  });
});

describe('setConfigurationValue', () => {
  it('is the city leadership’s only: a district bureau, an auditor and another city’s leadership are FORBIDDEN', async () => {
    const others = [bureau, await h.token({ role: 'auditor' }), await h.token({ role: 'city_leadership', cityCode: '520100' })];
    for (const t of others) {
      const r = await set(t, 'monitoring.earlyRefillDaysLeft', '2025-04-01', 25);
      expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    expect(await rowsOf('monitoring.earlyRefillDaysLeft')).toBe(1);
  });

  it('refuses an invalid value, naming the field, and writes nothing', async () => {
    const cases: [string, string, unknown, Record<string, unknown>, string | null, string][] = [
      ['monitoring.noSuchThing', '2025-04-01', 1, bureauSource('x'), null, 'key'],
      ['monitoring.earlyRefillDaysLeft', '2025-04-01', 7.5, bureauSource('x'), null, 'value'],
      ['monitoring.earlyRefillDaysLeft', '2025-04-01', 91, bureauSource('x'), null, 'value'],
      ['monitoring.earlyRefillDaysLeft', '2025-02-30', 10, bureauSource('x'), null, 'validFrom'],
      ['monitoring.earlyRefillDaysLeft', '2025-04-01', 10, { kind: 'BUREAU' }, null, 'source.note'],
      ['monitoring.earlyRefillDaysLeft', '2025-04-01', 10, { kind: 'DOCUMENT', document: '锡医保发〔2025〕1号' }, null, 'source.section'],
      ['monitoring.earlyRefillDaysLeft', '2025-04-01', 10, bureauSource('x'), '320213', 'districtCode'],
      ['monitoring.ruleHitCodes', '2025-04-01', ['OVER_QUANTITY', 'NO_SUCH_CODE'], bureauSource('x'), null, 'value.1'],
      ['credit.reviewThreshold', '2025-04-01', { institution: 5 }, bureauSource('x'), null, 'value.patient'],
      [
        'scorecard.weights',
        '2025-04-01',
        { ...Object.fromEntries(SCORECARD_RUBRIC_V1.items.map((i) => [i.metric, i.weight])), standardisedManagement: 30 },
        bureauSource('x'),
        null,
        'value',
      ],
      ['dashboard.target.awareness', '2025-04-01', 0.8, bureauSource('x'), '520102', 'districtCode'],
    ];
    for (const [key, from, value, source, district, field] of cases) {
      const r = await set(leader, key, from, value, source, district);
      expect(r.errors?.[0]?.extensions, `${key} ${JSON.stringify(value)}`).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const weights = await set(leader, 'scorecard.weights', '2025-04-01', {
      ...Object.fromEntries(SCORECARD_RUBRIC_V1.items.map((i) => [i.metric, i.weight])),
      standardisedManagement: 30,
    });
    expect(weights.errors?.[0]?.extensions.messageEn).toMatch(/sum to 100, they sum to 105/);
    const [n] = await h.sql<{ n: string }>(`select count(*) as n from configuration_values where source_kind <> 'seed'`);
    expect(Number(n!.n)).toBe(0);
  });
});

describe('a leadership change of a monitoring threshold', () => {
  it('changes the next run’s result from its date only, is audited, and the run says which values it used', async () => {
    const before = await h.gql<Run>(bureau, RUN, { f: '2025-04-01', t: '2025-06-30' });
    expect(before.errors).toBeUndefined();
    expect(before.data!.runMonitoring.raised).toContainEqual({ kind: 'EARLY_REFILL', count: 1 });
    const known = before.data!.runMonitoring.raised.reduce((s, r) => s + r.count, 0);
    expect(before.data!.runMonitoring.thresholds.find((t) => t.key === 'monitoring.earlyRefillDaysLeft')).toMatchObject({
      value: 7,
      validFrom: '2000-01-01',
      source: { kind: 'seed' },
    });

    // From Q2 on, a refill is early only with more than 25 days on hand: the 21-day refill is no longer a finding.
    const r = await set(leader, 'monitoring.earlyRefillDaysLeft', '2025-04-01', 25, bureauSource('稽核组 2025-03-28 会议：提前配药容忍度放宽至25天'));
    expect(r.errors).toBeUndefined();
    expect(r.data!.setConfigurationValue).toMatchObject({
      key: 'monitoring.earlyRefillDaysLeft',
      validFrom: '2025-04-01',
      value: 25,
      setBy: 'leader-320200',
      source: { kind: 'bureau' },
    });

    const after = await h.gql<Run>(bureau, RUN, { f: '2025-04-01', t: '2025-06-30' });
    expect(after.data!.runMonitoring).toMatchObject({ raised: [], alreadyKnown: known - 1 });
    expect(after.data!.runMonitoring.thresholds.find((t) => t.key === 'monitoring.earlyRefillDaysLeft')).toMatchObject({
      value: 25,
      validFrom: '2025-04-01',
      source: { kind: 'bureau', note: expect.stringContaining('25天') },
    });
    // A run over a period ending before the change still uses the value then in force.
    const q1 = await h.gql<Run>(bureau, RUN, { f: '2025-01-01', t: '2025-03-31' });
    expect(q1.data!.runMonitoring.thresholds.find((t) => t.key === 'monitoring.earlyRefillDaysLeft')).toMatchObject({ value: 7, source: { kind: 'seed' } });

    const audit = await h.sql<{ district_code: string; user_id: string; entity_id: string; detail: Record<string, unknown> }>(
      `select district_code, user_id, entity_id, detail from audit_log where action = 'configuration.set'`,
    );
    expect(audit).toEqual([
      {
        district_code: '320200',
        user_id: 'leader-320200',
        entity_id: r.data!.setConfigurationValue.id,
        detail: expect.objectContaining({
          key: 'monitoring.earlyRefillDaysLeft',
          validFrom: '2025-04-01',
          value: 25,
          before: { value: 7, validFrom: '2000-01-01', sourceKind: 'seed' },
        }),
      },
    ]);
    // History is kept: the seed row and the change, oldest first.
    const c = await configuration(h.gql, bureau, TODAY);
    expect(c.get('monitoring.earlyRefillDaysLeft')!.history.map((x) => [x.validFrom, x.value, x.source.kind])).toEqual([
      ['2000-01-01', 7, 'seed'],
      ['2025-04-01', 25, 'bureau'],
    ]);
    expect((await configuration(h.gql, bureau, '2025-03-31')).get('monitoring.earlyRefillDaysLeft')).toMatchObject({ value: 7, source: { kind: 'seed' } });
  });
});

describe('scorecard weights changed from a date', () => {
  it('scores the quarters from that date with the new weights and the earlier quarter exactly as before', async () => {
    const q1Before = await h.gql<Scores>(leader, SCORES, { q: 1 });
    expect(q1Before.errors).toBeUndefined();
    expect(q1Before.data!.institutionScorecards.rubric.version).toBe('scorecard-rubric.v1');

    // Only standardised management counts, against a target of 50 %.
    const weights = Object.fromEntries(SCORECARD_RUBRIC_V1.items.map((i) => [i.metric, i.metric === 'standardisedManagement' ? 100 : 0]));
    const targets = Object.fromEntries(SCORECARD_RUBRIC_V1.items.map((i) => [i.metric, i.metric === 'standardisedManagement' ? 0.5 : i.target]));
    const doc = { kind: 'DOCUMENT', document: '无锡市医保局 2025年基层机构“两病”绩效考核细则', section: '第三条' };
    expect((await set(leader, 'scorecard.weights', '2025-04-01', weights, doc)).errors).toBeUndefined();
    expect((await set(leader, 'scorecard.targets', '2025-04-01', targets, doc)).errors).toBeUndefined();

    const q2 = (await h.gql<Scores>(leader, SCORES, { q: 2 })).data!.institutionScorecards;
    expect(q2.rubric.id).toBe('scorecard-rubric.v1+320200@2025-04-01');
    expect(q2.rubric.settings.map((s) => [s.key, s.validFrom, s.source.kind])).toEqual([
      ['scorecard.weights', '2025-04-01', 'document'],
      ['scorecard.targets', '2025-04-01', 'document'],
    ]);
    const chc = q2.scorecards.find((c) => c.institution.id === 'I-LX-CHC')!;
    const rate = chc.standardisedManagement!.rate!;
    expect(rate).toBeGreaterThan(0);
    // The score is standardised management's achievement alone: min(1, rate ÷ 0.5) × 100, to one decimal.
    expect(chc.score).toBe(Math.round(Math.min(1, rate / 0.5) * 1000) / 10);
    expect(chc.items.filter((i) => i.weight > 0).map((i) => i.metric)).toEqual(['standardisedManagement']);

    const q1After = await h.gql<Scores>(leader, SCORES, { q: 1 });
    expect(q1After.data).toEqual(q1Before.data);
  });
});

describe('a district’s own dashboard target', () => {
  it('is the target for that district and no other, with its source', async () => {
    const r = await set(
      leader,
      'dashboard.target.standardisedManagement',
      '2025-01-01',
      0.8,
      { kind: 'DOCUMENT', document: '梁溪区2025年“两病”工作目标责任书', section: '二(1)' },
      '320213',
    );
    expect(r.errors).toBeUndefined();
    const of = async (region: string) =>
      (
        await h.gql<{
          headlineTargets: {
            indicator: string;
            value: number | null;
            setting: { districtCode: string | null; source: { kind: string; document: string | null } } | null;
          }[];
        }>(leader, TARGETS, { r: region })
      ).data!.headlineTargets;
    expect((await of('320213')).find((t) => t.indicator === 'standardisedManagement')).toMatchObject({
      value: 0.8,
      setting: { districtCode: '320213', source: { kind: 'document', document: '梁溪区2025年“两病”工作目标责任书' } },
    });
    expect((await of('320281')).find((t) => t.indicator === 'standardisedManagement')).toMatchObject({
      value: 0.7,
      setting: { districtCode: null, source: { kind: 'seed' } },
    });
    expect((await of('320200')).map((t) => [t.indicator, t.value])).toEqual([
      ['awareness', 0.6],
      ['standardisedManagement', 0.7],
      ['rationalMedication', 0.9],
    ]);
  });
});

describe('fund budgets', () => {
  it('keep every figure set, with its source: setting the year’s budget again never erases the earlier one', async () => {
    const SETB = `mutation($i: FundBudgetInput!) { setFundBudget(input: $i) { budgetFen history { budgetFen source setBy } } }`;
    expect(
      (await h.gql(bureau, SETB, { i: { districtCode: '320213', year: 2025, budgetFen: 1_000_000, source: '2025年两病门诊用药基金预算通知' } })).errors,
    ).toBeUndefined();
    const second = await h.gql<{ setFundBudget: { budgetFen: number; history: { budgetFen: number; source: string; setBy: string }[] } }>(leader, SETB, {
      i: { districtCode: '320213', year: 2025, budgetFen: 1_200_000, source: '年中预算调整通知' },
    });
    expect(second.data!.setFundBudget).toEqual({
      budgetFen: 1_200_000,
      history: [
        { budgetFen: 1_000_000, source: '2025年两病门诊用药基金预算通知', setBy: 'u-district_bureau' },
        { budgetFen: 1_200_000, source: '年中预算调整通知', setBy: 'leader-320200' },
      ],
    });
    const watch = await h.gql<{ fundWatch: { districts: { budget: { budgetFen: number; history: { budgetFen: number }[] } | null }[] } }>(
      leader,
      `{ fundWatch(regionCode: "320213", year: 2025) { districts { budget { budgetFen history { budgetFen } } } } }`,
    );
    expect(watch.data!.fundWatch.districts[0]!.budget).toEqual({ budgetFen: 1_200_000, history: [{ budgetFen: 1_000_000 }, { budgetFen: 1_200_000 }] });
  });
});

describe('production mode', () => {
  let prod: RunningServer;
  let gql: Gql;
  beforeAll(async () => {
    prod = await listen(
      { orm: h.orm, services: createServices([GUIYANG_DEMO_OVERRIDE], () => TODAY, { production: true }), secret: SECRET, production: true },
      0,
    );
    gql = async (token, query, variables) => {
      const res = await fetch(`${prod.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    };
  });
  afterAll(async () => prod.stop());

  it('never settles capitation at the placeholder rate: NOT_CONFIGURED names the setting until the leadership sets it', async () => {
    const demo = await h.gql<{ capitationSettlement: { parameters: { source: { kind: string } }[] } }>(leader, CAPITATION, { m: 3 });
    expect(demo.data!.capitationSettlement.parameters[0]!.source.kind).toBe('seed');

    const refused = await gql(leader, CAPITATION, { m: 3 });
    const err = refused.errors?.[0] as Err;
    expect(err.extensions).toMatchObject({ code: 'NOT_CONFIGURED', detail: { key: 'capitation.perHeadMonthlyFen', cityCode: '320200' } });
    expect(err.message).toMatch(/^not configured: .*set capitation\.perHeadMonthlyFen via setConfigurationValue/);
    const c = await configuration(gql, leader, TODAY);
    expect(c.get('capitation.perHeadMonthlyFen')).toMatchObject({ configured: false, value: null, seedBasis: 'placeholder' });
    // Values that are the code's working defaults, not placeholders, stay in force in both modes.
    expect(c.get('monitoring.earlyRefillDaysLeft')).toMatchObject({ configured: true, value: 25 });
    expect(c.get('capitation.surplusRetentionBp')).toMatchObject({ configured: true, seedBasis: 'interpretation' });

    const rate = await set(
      leader,
      'capitation.perHeadMonthlyFen',
      '2025-01-01',
      4200,
      { kind: 'DOCUMENT', document: '无锡市医保局 2025年度“两病”人头费标准的通知', section: '一' },
      null,
      gql,
    );
    expect(rate.errors).toBeUndefined();
    const month = await gql<{
      capitationSettlement: {
        parameters: { key: string; value: number; source: { kind: string; document: string } }[];
        institutions: { designatedPatients: number; capitationFen: number }[];
      };
    }>(leader, CAPITATION, { m: 3 });
    expect(month.errors).toBeUndefined();
    expect(month.data!.capitationSettlement.parameters).toEqual([
      expect.objectContaining({
        key: 'capitation.perHeadMonthlyFen',
        value: 4200,
        source: expect.objectContaining({ kind: 'document', document: '无锡市医保局 2025年度“两病”人头费标准的通知' }),
      }),
    ]);
    for (const i of month.data!.capitationSettlement.institutions) expect(i.capitationFen).toBe(i.designatedPatients * 4200);
    // The year's package needs the overspend share too, which is still a placeholder.
    const year = await gql(leader, CAPITATION, { m: null });
    expect((year.errors?.[0] as Err).extensions).toMatchObject({ code: 'NOT_CONFIGURED', detail: { key: 'capitation.overspendCompensationBp' } });
  });

  it('shows no dashboard target nobody set', async () => {
    const t = await gql<{ headlineTargets: { indicator: string; value: number | null; setting: unknown }[] }>(leader, TARGETS, { r: '320281' });
    expect(t.data!.headlineTargets).toEqual([
      { indicator: 'awareness', key: 'dashboard.target.awareness', value: null, setting: null },
      { indicator: 'standardisedManagement', key: 'dashboard.target.standardisedManagement', value: null, setting: null },
      { indicator: 'rationalMedication', key: 'dashboard.target.rationalMedication', value: null, setting: null },
    ]);
  });
});
