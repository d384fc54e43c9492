/**
 * The real API started by boot() as main.ts does: production mode on an empty database (no demo
 * data, no demo doors, Guiyang refused NOT_CONFIGURED without real rates, paid once they are set),
 * start-up refused without a real token setting, and demo mode loading the demo as before.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIYANG_BENEFIT_DOCUMENTS, type RuleSetOverride } from '@liangbing/policy';
import { boot } from './boot';
import { DEVELOPMENT_SECRET, loadConfig } from './config';
import { exec } from './db/sql';
import { checkRollups } from './modules/statistics/rollup.check';
import { claimInput, SUBMIT } from '../test/harness';
import { startTestProvider, type TestProvider } from '../test/jwks';
import { emptyDatabase, startProductionApi, type ProductionApi } from '../test/production';

const TODAY = '2025-06-30';
const today = () => TODAY;
const TABLES = ['institutions', 'patients', 'claims', 'follow_ups', 'app_users', 'population_figures', 'benefit_ledger', 'audit_log'];

/** 南明区 of Guiyang: a community health centre and one certified hypertension patient designated there, G-3/G-4. */
async function seedGuiyang(sql: ProductionApi['sql']): Promise<void> {
  await sql(`insert into regions (code, name, level, parent_code, city_code) values
    ('520102','南明区','district','520100','520100'), ('520102001','花果园街道','street','520102','520100')`);
  await sql(
    `insert into institutions values ('I-GY-CHC','花果园社区卫生服务中心','community_health_centre','520100','520102','520102001',null,true,true,false)`,
  );
  await sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, scheme, managed, managed_since, managing_institution_id) values
    ('520102','G1','520102195502020011','刘芳','male','1955-02-02','520102001','resident',true,'2021-01-01','I-GY-CHC')`);
  await sql(`insert into patient_diseases values ('520102','G1','hypertension',null,'2015-01-01')`);
  await sql(`insert into certifications values ('520102','G1','G-0001','2021-07-01','I-GY-CHC','{hypertension}',null)`);
  await sql(`insert into designations values ('520102','G1','2025-01-01',null,'I-GY-CHC',null,'2024-12-01',true)`);
  await sql(`insert into benefit_ledger (district_code, patient_id, year, general_outpatient_exhausted) values ('520102','G1',2025,true)`);
}

const count = async (api: ProductionApi, table: string) => Number((await api.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
const bureau = (p: TestProvider) => p.sign({ sub: 'gy-bureau-1', role: 'district_bureau', city: '520100', district: '520102' });
const guiyangClaim = (key: string) => ({ ...claimInput({ patientId: 'G1', institutionId: 'I-GY-CHC', serviceDate: '2025-05-01', idempotencyKey: key }) });

describe('production mode on an empty database', () => {
  let api: ProductionApi;
  beforeAll(async () => {
    api = await startProductionApi({}, { today });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('loads no demo data: every table stays empty but for the rule sets’ cities, and says it runs in production', async () => {
    for (const t of TABLES) expect(await count(api, t), t).toBe(0);
    // A city comes with its rule set (modules/regions/cities.ts): the leadership creates its districts under it.
    expect(await api.sql(`select code, name, level from regions order by code`)).toEqual([
      { code: '320200', name: '无锡市', level: 'city' },
      { code: '520100', name: '贵阳市', level: 'city' },
    ]);
    expect(api.log).toContain('api: production mode');
    expect(api.log.some((l) => /DEMO/.test(l))).toBe(false);
  });

  it('serves neither /demo-tokens nor the explorer: structured 404s', async () => {
    for (const p of ['/demo-tokens', '/', '/ruru-static/ruru.js']) {
      const res = await fetch(`${api.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type'), p).toMatch(/application\/json/);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code, p).toBe('NOT_FOUND');
    }
    const page = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('deployment: the mode without a token; overrides, unset benefit levels and the issuer for a viewer only', async () => {
    const open = await api.gql<{ deployment: { mode: string; demoData: boolean; placeholderRates: boolean } }>(
      null,
      `{ deployment { mode demoData placeholderRates } }`,
    );
    expect(open.data?.deployment).toEqual({ mode: 'PRODUCTION', demoData: false, placeholderRates: false });
    const closed = await api.gql(null, `{ deployment { tokenIssuer } }`);
    expect(closed.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const token = await bureau(api.provider);
    const r = await api.gql<{
      deployment: {
        tokenIssuer: string;
        developmentTokens: boolean;
        overrides: unknown[];
        notConfigured: { ruleSetId: string; parameters: string[]; documents: string; setting: string }[];
      };
    }>(token, `{ deployment { tokenIssuer developmentTokens overrides { name } notConfigured { ruleSetId cityCode parameters documents setting } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.deployment.tokenIssuer).toBe(api.provider.issuer);
    expect(r.data!.deployment.developmentTokens).toBe(false);
    // No override file and production: the demo's placeholder override is not there.
    expect(r.data!.deployment.overrides).toEqual([]);
    const gy = r.data!.deployment.notConfigured.find((u) => u.ruleSetId === 'guiyang-2021');
    expect(gy?.parameters).toEqual(expect.arrayContaining(['ratioDesignatedBp', 'capOneDiseaseFen', 'capBothDiseasesFen']));
    expect(gy?.documents).toContain(GUIYANG_BENEFIT_DOCUMENTS);
    expect(gy?.setting).toBe('POLICY_OVERRIDES_FILE');
    // Wuxi's levels are cited (W-3): it is not listed.
    expect(r.data!.deployment.notConfigured.map((u) => u.ruleSetId)).not.toContain('wuxi-2019');
    expect(api.log.some((l) => l.includes('guiyang-2021') && l.includes('NOT_CONFIGURED'))).toBe(true);
  });
});

describe('a Guiyang claim in production', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-overrides-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused NOT_CONFIGURED naming the settings and stores nothing; once the rates are set, the same key is paid at them', async () => {
    const provider = await startTestProvider();
    const db = await emptyDatabase();
    try {
      const first = await startProductionApi({}, { today, provider, database: db });
      await seedGuiyang(first.sql);
      const token = await bureau(provider);
      const key = 'gy-claim-1';
      const r = await first.gql(token, SUBMIT, { input: guiyangClaim(key) });
      const e = r.errors?.[0];
      expect(e?.extensions.code).toBe('NOT_CONFIGURED');
      expect(e?.message).toContain('ratioDesignatedBp');
      expect(e?.message).toContain('capOneDiseaseFen');
      expect(e?.message).toContain('POLICY_OVERRIDES_FILE');
      expect(e?.message).toContain(GUIYANG_BENEFIT_DOCUMENTS);
      expect(e?.extensions.messageZh).toMatch(/贵阳市.*尚未配置.*POLICY_OVERRIDES_FILE/);
      expect(e?.extensions.detail).toMatchObject({
        outcome: 'not_configured',
        cityCode: '520100',
        ruleSetId: 'guiyang-2021',
        setting: 'POLICY_OVERRIDES_FILE',
      });
      // The batch path answers the same, claim by claim.
      const batch = await first.gql<{ submitClaims: { error: { code: string; messageEn: string } | null; result: unknown }[] }>(
        token,
        `mutation($i: [SubmitClaimInput!]!) { submitClaims(inputs: $i) { error { code messageEn } result { claim { id } } } }`,
        { i: [guiyangClaim('gy-batch-1'), guiyangClaim('gy-batch-2')] },
      );
      expect(batch.data?.submitClaims.map((b) => b.error?.code)).toEqual(['NOT_CONFIGURED', 'NOT_CONFIGURED']);
      expect(batch.data?.submitClaims[0]!.error?.messageEn).toContain('ratioDesignatedBp');
      // Nothing stored: no claim, no line, no audit, the ledger as it was.
      expect(await count(first, 'claims')).toBe(0);
      expect(await count(first, 'claim_lines')).toBe(0);
      expect(await count(first, 'audit_log')).toBe(0);
      const [ledger] = await first.sql<{ fund_paid_fen: string; drug_cost_fen: string; claims_paid: number }>(
        `select fund_paid_fen, drug_cost_fen, claims_paid from benefit_ledger where patient_id = 'G1'`,
      );
      expect([Number(ledger!.fund_paid_fen), Number(ledger!.drug_cost_fen), ledger!.claims_paid]).toEqual([0, 0, 0]);
      await first.close();

      // The bureau sets the rates (values of this test, not policy), and the API is restarted with them.
      const override: RuleSetOverride = {
        name: 'guiyang-test-rates',
        description: 'test values',
        ruleSetId: 'guiyang-2021',
        source: { document: 'test', section: '—' },
        parameters: {
          ratioDesignatedBp: 6000,
          ratioReferralBp: 6000,
          ratioExtensionBp: 6000,
          capOneDiseaseFen: 50_000,
          capBothDiseasesFen: 70_000,
          deductibleFen: 0,
        },
      };
      const file = path.join(dir, 'overrides.json');
      writeFileSync(file, JSON.stringify([override]));
      const second = await startProductionApi({ POLICY_OVERRIDES_FILE: file }, { today, provider, database: db });
      try {
        const paid = await second.gql<{ submitClaim: { replayed: boolean; claim: { outcome: string; fundFen: number; ratioBp: number; capFen: number } } }>(
          token,
          SUBMIT,
          { input: guiyangClaim(key) },
        );
        expect(paid.errors).toBeUndefined();
        // Not a replay of a refusal: decided now, 60 % of the 1,000 fen line, within the 500-yuan cap.
        expect(paid.data!.submitClaim).toMatchObject({ replayed: false, claim: { outcome: 'paid', fundFen: 600, ratioBp: 6000, capFen: 50_000 } });
        const d = await second.gql<{ deployment: { overrides: { name: string }[]; notConfigured: { ruleSetId: string }[] } }>(
          token,
          `{ deployment { overrides { name } notConfigured { ruleSetId } } }`,
        );
        expect(d.data!.deployment.overrides.map((o) => o.name)).toEqual(['guiyang-test-rates']);
        expect(d.data!.deployment.notConfigured).toEqual([]);
        expect((await checkRollups(second.booted.orm.em.fork())).mismatches).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
      await provider.stop();
    }
  });
});

describe('start-up is refused without a real token setting', () => {
  const base = { LIANGBING_MODE: 'production', JWT_JWKS_URL: '', JWT_ISSUER: '', JWT_AUDIENCE: '' };

  it('names JWT_SECRET and JWT_JWKS_URL when neither is set, and refuses a short or the development secret', async () => {
    await expect(startProductionApi(base)).rejects.toThrow(/JWT_JWKS_URL.*JWT_SECRET/);
    await expect(startProductionApi({ ...base, JWT_SECRET: 'too-short' })).rejects.toThrow(/JWT_SECRET must be at least 32 characters/);
    await expect(startProductionApi({ ...base, JWT_SECRET: DEVELOPMENT_SECRET })).rejects.toThrow(/JWT_SECRET is the development default/);
    // NODE_ENV=production alone means production.
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/production mode needs a token setting/);
  });

  it('refuses an OIDC issuer whose discovery document cannot be read, before touching the database', async () => {
    const config = loadConfig({
      LIANGBING_MODE: 'production',
      OIDC_ISSUER: 'http://127.0.0.1:9/',
      JWT_AUDIENCE: 'liangbing-api',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
    });
    await expect(boot(config, { log: () => undefined })).rejects.toThrow(
      /OIDC_ISSUER: could not read http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration/,
    );
  });

  it('with a JWT_SECRET of its own (no provider) starts, takes HS256 tokens signed with it and refuses the development secret’s', async () => {
    const secret = 'a-bureau-secret-of-at-least-32-characters!';
    const api = await startProductionApi({ ...base, JWT_SECRET: secret }, { today });
    try {
      const { signToken } = await import('./auth/tokens');
      const viewer = { userId: 'u1', role: 'city_leadership' as const, cityCode: '520100', districtCode: null, institutionId: null };
      const ok = await api.gql<{ viewer: { userId: string } }>(await signToken(new TextEncoder().encode(secret), viewer), `{ viewer { userId } }`);
      expect(ok.data?.viewer.userId).toBe('u1');
      const dev = await api.gql(await signToken(new TextEncoder().encode(DEVELOPMENT_SECRET), viewer), `{ viewer { userId } }`);
      expect(dev.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      // A provider's token is refused: none is configured.
      const rs = await api.gql(await api.provider.sign({ sub: 'x', role: 'city_leadership', city: '520100' }), `{ viewer { userId } }`);
      expect(rs.errors?.[0]?.message).toMatch(/RS256.*not accepted/);
      expect((await fetch(`${api.url}/demo-tokens`)).status).toBe(404);
    } finally {
      await api.close();
    }
  });
});

describe('demo mode (the default)', () => {
  it('loads the demo into an empty database, serves /demo-tokens and the explorer, and says so', async () => {
    const db = await emptyDatabase();
    const log: string[] = [];
    const booted = await boot(loadConfig({ DATABASE_URL: db.url, API_PORT: '0', DEMO_SCALE: '0.05' }), { log: (l) => log.push(l), today });
    try {
      const [row] = await exec<{ n: string }>(booted.orm.em.fork(), `select count(*) as n from patients`);
      expect(Number(row!.n)).toBeGreaterThan(0);
      expect(log).toContain('api: DEMO mode — demo data and placeholder Guiyang rates');
      const tokens = (await (await fetch(`${booted.server.url}/demo-tokens`)).json()) as { token: string; role: string }[];
      expect(tokens.length).toBeGreaterThan(0);
      expect((await fetch(`${booted.server.url}/`)).headers.get('content-type')).toMatch(/text\/html/);
      const res = await fetch(`${booted.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]!.token}` },
        body: JSON.stringify({ query: `{ deployment { mode demoData placeholderRates developmentTokens overrides { name source } } }` }),
      });
      const d = ((await res.json()) as { data: { deployment: Record<string, unknown> } }).data.deployment;
      expect(d).toMatchObject({ mode: 'DEMO', demoData: true, placeholderRates: true, developmentTokens: true });
      expect(d.overrides).toEqual([{ name: 'guiyang-demo-configuration', source: 'apps/api/src/policy-config.ts (demo deployment), GUIYANG_DEMO_OVERRIDE' }]);
    } finally {
      await booted.stop();
      await db.drop();
    }
  });
});
