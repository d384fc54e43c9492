import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../db/citus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { generateDemo } from '@liangbing/demo';
import { signToken } from '../auth/tokens';
import { migrate, openOrm } from '../db/orm';
import { exec, execOn } from '../db/sql';
import { checkRollups } from '../modules/statistics/rollup.check';
import { RULE_SETS, type RuleSetOverride } from '@liangbing/policy';
import { districtJobs, ReplayEngine } from '../modules/whatif/whatif.engine';
import { replayInThread, type ReplayTotals } from '../modules/whatif/whatif.local';
import { combineOverrides } from '../modules/whatif/whatif.override';
import { mergeMonths } from '../modules/whatif/whatif.run';
import { institutionsKey } from '../modules/whatif/whatif.snapshot';
import { GUIYANG_DEMO_OVERRIDE } from '../policy-config';
import { listen, type RunningServer } from '../server';
import { createServices } from '../services';
import { DEMO_SEED, isEmpty, loadDemo } from './load';

const SECRET = new TextEncoder().encode('test-secret-test-secret-test-secret-0123');
const SCALE = 0.05;
const name = `t_load_${randomBytes(4).toString('hex')}`;
let orm: MikroORM;
let server: RunningServer;
let indexesBefore: string[];

let db: { url: string; drop: () => Promise<void> };

const indexes = async () =>
  (await exec<{ d: string }>(orm.em.fork(), `select indexdef as d from pg_indexes where schemaname = 'public' order by 1`)).map((r) => r.d);

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'), name);
  orm = await openOrm(db.url, 10);
  await migrate(orm);
  indexesBefore = await indexes();
  // In the test's own thread: a worker thread would not get vitest's TypeScript transform.
  await loadDemo(orm.em.fork(), [GUIYANG_DEMO_OVERRIDE], { scale: SCALE, trace: false, worker: false });
  server = await listen({ orm, services: createServices([GUIYANG_DEMO_OVERRIDE]), secret: SECRET, production: false }, 0);
});
afterAll(async () => {
  await server?.stop();
  await orm?.close();
  await db?.drop();
});

describe('the COPY demo load', () => {
  it('writes every generated record, puts keys and indexes back, and fills rollups equal to the raw tables', async () => {
    const data = generateDemo({ seed: DEMO_SEED, scale: SCALE });
    const count = async (t: string) => Number((await exec<{ n: string }>(orm.em.fork(), `select count(*) as n from ${t}`))[0]!.n);
    expect(await isEmpty(orm.em.fork())).toBe(false);
    expect(await count('patients')).toBe(data.patients.length);
    expect(await count('claims')).toBe(data.claims.length);
    expect(await count('claim_documents')).toBe(data.claims.length);
    const prescriptions = new Set(data.claims.flatMap((c) => (c.sourcePrescription === null ? [] : [c.sourcePrescription.id])));
    expect(prescriptions.size).toBeGreaterThan(0);
    expect(await count('prescriptions')).toBe(prescriptions.size);
    expect(await count('claim_lines')).toBe(data.claims.reduce((n, c) => n + c.claim.lines.length, 0));
    expect(await count('follow_ups')).toBe(data.followUps.length);
    expect(await indexes()).toEqual(indexesBefore);
    const check = await checkRollups(orm.em.fork());
    expect(check.comparisons).toBe(120);
    expect(check.mismatches).toEqual([]);
  });

  it('loads family-doctor signings (some ended) and third-party deliveries of Wuxi claims only, counted by the statistics', async () => {
    const em = orm.em.fork();
    const [s] = await exec<{ n: string; ended: string; managed: string }>(
      em,
      `select count(*) as n, count(*) filter (where s.ended_reason is not null) as ended, count(*) filter (where p.managed) as managed
         from family_doctor_signings s join patients p on p.district_code = s.district_code and p.id = s.patient_id`,
    );
    expect(Number(s!.n)).toBeGreaterThan(0);
    expect(Number(s!.ended)).toBeGreaterThan(0);
    expect(Number(s!.managed)).toBe(Number(s!.n));
    const [d] = await exec<{ n: string; elsewhere: string; hashed: string }>(
      em,
      `select count(*) as n, count(*) filter (where c.city_code <> '320200') as elsewhere, count(*) filter (where doc.request->'delivery'->>'providerCode' = d.provider_code) as hashed
         from claim_deliveries d join claims c on c.district_code = d.district_code and c.id = d.claim_id
         join claim_documents doc on doc.district_code = d.district_code and doc.claim_id = d.claim_id`,
    );
    expect(Number(d!.n)).toBeGreaterThan(0);
    expect(Number(d!.elsewhere)).toBe(0);
    expect(Number(d!.hashed)).toBe(Number(d!.n));
    const [r] = await exec<{ signed: string }>(
      em,
      `select sum(signed_managed) as signed from stat_patient_counts where year = 2025 and quarter = 4 and disease_filter = 'ALL'`,
    );
    expect(Number(r!.signed)).toBeGreaterThan(0);
  });

  it('stores the demo’s Wuxi payment standard (W 四(一)) and decides the city’s claims under it, none of them over it', async () => {
    const em = orm.em.fork();
    const versions = await exec<{ id: string; n: number }>(em, `select id, jsonb_array_length(rows) as n from payment_standard_versions`);
    expect(versions).toEqual([{ id: '320200-2024-01-01', n: 5 }]);
    const [wuxi] = await exec<{ all: string; named: string; over: string }>(
      em,
      `select count(*) as all, count(*) filter (where override_name = 'payment-standard-320200-2024-01-01') as named,
              count(*) filter (where 'OVER_PAYMENT_STANDARD' = any(hit_codes)) as over
         from claims where city_code = '320200'`,
    );
    expect(Number(wuxi!.all)).toBeGreaterThan(0);
    // Every Wuxi claim (the demo period starts with the standard) names it; priced at the demo's own prices, none exceeds it.
    expect(wuxi!.named).toBe(wuxi!.all);
    expect(wuxi!.over).toBe('0');
  });

  it('replays a stored year as it was decided, the same in any batch size, from 1 January or mid-year (what-if)', async () => {
    const em = orm.em.fork();
    const districts = (await exec<{ code: string }>(em, `select code from regions where level = 'district' order by code`)).map((r) => r.code);
    const stored = async (from: string, to: string) =>
      (
        await exec<{ n: string; fund: string }>(
          em,
          `select count(*) as n, coalesce(sum(fund_fen), 0) as fund from claims where status = 'accepted' and service_date between ?::date and ?::date`,
          [from, to],
        )
      )[0]!;
    const q = execOn(em);
    const figures = (t: ReplayTotals) => ({ districts: t.districts, months: t.months, claimsReplayed: t.claimsReplayed });
    for (const [from, to] of [
      ['2025-01-01', '2025-12-31'],
      ['2025-07-01', '2025-12-31'],
    ] as const) {
      const whole = await replayInThread(q, districts, { from, to }, [GUIYANG_DEMO_OVERRIDE], []);
      const s = await stored(from, to);
      expect(whole.claimsReplayed).toBe(Number(s.n));
      expect(whole.districts.reduce((a, d) => a + d.paid.fundFen, 0)).toBe(Number(s.fund));
      // With no what-if on top, both replays are the same replay, and every claim comes out as it was
      // paid: the stored claims, lines and prescriptions (extension claims' sources, G-5) hold all
      // that the decisions used.
      expect(whole.districts.map((d) => d.whatIf)).toEqual(whole.districts.map((d) => d.asConfigured));
      expect(whole.districts.map((d) => [d.districtCode, d.claimsNotReproduced, d.claimsChanged])).toEqual(whole.districts.map((d) => [d.districtCode, 0, 0]));
      expect(whole.districts.map((d) => d.asConfigured)).toEqual(whole.districts.map((d) => d.paid));
      // Batch boundaries (and the reads ahead of them) change nothing.
      expect(figures(await replayInThread(q, districts, { from, to }, [GUIYANG_DEMO_OVERRIDE], [], { batchSize: 7 }))).toEqual(figures(whole));
    }
  });

  it('cuts any period out of a longer one kept in memory exactly as a read of it would give it (what-if)', async () => {
    const em = orm.em.fork();
    const q = execOn(em);
    const districts = (await exec<{ code: string }>(em, `select code from regions where level = 'district' order by code`)).map((r) => r.code);
    const base = [GUIYANG_DEMO_OVERRIDE];
    // A what-if that moves most patients' decisions: every cap to 300 yuan, so the opening position, the history and the drugs before all count.
    const capped: RuleSetOverride[] = RULE_SETS.map((rs) => ({
      name: 'what-if:cap 300',
      description: 'test',
      ruleSetId: rs.id,
      source: { document: 'test', section: '—' },
      parameters: { capOneDiseaseFen: 30_000, capBothDiseasesFen: 30_000 },
    }));
    const outer = { from: '2024-03-01', to: '2025-12-31' };
    const institutions = await institutionsKey(q);
    const kept = new ReplayEngine(q, { budgetClaims: 10_000_000 });
    for (const j of districtJobs(districts, outer, base, null, institutions)) expect((await kept.replay(j)).source).toBe('database');
    let changed = 0;
    for (const inner of [
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2025-03-15', to: '2025-09-30' },
      { from: '2024-08-10', to: '2025-02-20' },
      { from: '2024-03-01', to: '2024-03-01' },
      { from: '2025-12-31', to: '2025-12-31' },
    ]) {
      const read = await replayInThread(q, districts, inner, base, capped);
      const cut = [];
      for (const j of districtJobs(districts, inner, base, combineOverrides(base, capped), institutions)) {
        const r = await kept.replay(j);
        expect(r.source).toBe('memory');
        cut.push(r);
      }
      expect(cut.map((r) => r.tally)).toEqual(read.districts);
      expect(mergeMonths(cut.map((r) => r.months))).toEqual(read.months);
      changed += read.districts.reduce((a, d) => a + d.claimsChanged, 0);
    }
    // the lower cap moved decisions in the periods compared, so the openings and histories were put to use
    expect(changed).toBeGreaterThan(100);
  });

  it('decided each claim as submitClaim decides it: replaying a patient’s year through the API gives the same decisions', async () => {
    const em = orm.em.fork();
    const [who] = await exec<{ district_code: string; patient_id: string }>(
      em,
      `select district_code, patient_id from claims where year = 2025 and city_code = '320200' group by 1, 2 having count(*) >= 4 and bool_or(hit_codes <> '{}') order by 2 limit 1`,
    );
    expect(who).toBeDefined();
    const stored = await exec<{
      request: Record<string, unknown>;
      outcome: string;
      fund_fen: string;
      category: string;
      rational_use: boolean;
      hit_codes: string[];
    }>(
      em,
      `select d.request, c.outcome, c.fund_fen, c.category, c.rational_use, c.hit_codes from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id
        where c.district_code = ? and c.patient_id = ? and c.year = 2025 order by c.service_date, c.created_at, c.idempotency_key`,
      [who!.district_code, who!.patient_id],
    );
    // Take the year's claims out (raw rows and the ledger's sums), then submit the same requests again.
    await exec(
      em,
      `delete from claim_lines l using claims c where l.district_code = c.district_code and l.claim_id = c.id and c.district_code = ? and c.patient_id = ? and c.year = 2025`,
      [who!.district_code, who!.patient_id],
    );
    await exec(
      em,
      `delete from claim_documents d using claims c where d.district_code = c.district_code and d.claim_id = c.id and c.district_code = ? and c.patient_id = ? and c.year = 2025`,
      [who!.district_code, who!.patient_id],
    );
    await exec(em, `delete from claims where district_code = ? and patient_id = ? and year = 2025`, [who!.district_code, who!.patient_id]);
    await exec(
      em,
      `update benefit_ledger set fund_paid_fen = 0, compliant_fen = 0, drug_cost_fen = 0, claims_paid = 0, cap_reached_on = null where district_code = ? and patient_id = ? and year = 2025`,
      [who!.district_code, who!.patient_id],
    );
    const token = await signToken(SECRET, {
      userId: 'bureau',
      role: 'district_bureau',
      cityCode: '320200',
      districtCode: who!.district_code,
      institutionId: null,
    });
    const replayed: { outcome: string; fundFen: number; category: string; hits: { code: string }[] }[] = [];
    for (const s of stored) {
      const r = s.request;
      const input = {
        ...r,
        idempotencyKey: `${String(r.idempotencyKey)}-again`,
        pathway: String(r.pathway).toUpperCase(),
        lines: (r.lines as { form: string }[]).map((l) => ({ ...l, form: l.form.toUpperCase() })),
      };
      for (const k of Object.keys(input) as (keyof typeof input)[]) if (input[k] === null) delete input[k];
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { outcome fundFen category hits { code } } } }`,
          variables: { i: input },
        }),
      });
      const body = (await res.json()) as { data?: { submitClaim: { claim: (typeof replayed)[number] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      replayed.push(body.data!.submitClaim.claim);
    }
    expect(replayed.map((c) => [c.outcome.toLowerCase(), c.fundFen, c.category.toLowerCase(), [...new Set(c.hits.map((h) => h.code))].sort()])).toEqual(
      stored.map((s) => [s.outcome, Number(s.fund_fen), s.category, [...s.hit_codes].sort()]),
    );
  });
});
