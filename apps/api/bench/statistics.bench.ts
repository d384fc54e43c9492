/**
 * The dashboard's statistics: latency from the rollups against the same figures from the raw
 * tables, both through StatisticsService in this process (same code above the counts), one query
 * at a time; and the rollup path end to end through the API's GraphQL endpoint.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Scope } from '../src/auth/scope';
import { signToken, type Viewer } from '../src/auth/tokens';
import { exec } from '../src/db/sql';
import { RegionDirectory } from '../src/modules/regions/region.directory';
import type { DiseaseFilter } from '../src/modules/statistics/counts';
import { rawCountsByGroup } from '../src/modules/statistics/statistics.raw';
import { StatisticsService } from '../src/modules/statistics/statistics.service';
import { latencies } from './tools';

export interface StatisticsResult {
  queries: number;
  rollup: ReturnType<typeof latencies>;
  raw: ReturnType<typeof latencies>;
  http: ReturnType<typeof latencies>;
  /** how many of the queries the raw path answered within its budget, each compared with the rollups */
  rawCompared: number;
  figuresEqual: boolean;
}

interface Case {
  region: string;
  year: number;
  quarter: number | null;
  disease: DiseaseFilter;
}

const DASHBOARD = `query($r: String!, $y: Int!, $q: Int, $d: DiseaseFilter) { statistics(regionCode: $r, year: $y, quarter: $q, disease: $d) {
  indicators { awareness { numerator denominator rate } standardisedManagement { numerator denominator rate } rationalMedication { numerator denominator rate }
    bloodPressureControl { numerator denominator rate } glucoseControl { numerator denominator rate } benefitCoverage { numerator denominator rate }
    reimbursementRatio { numerator denominator rate } adherence { numerator denominator rate } beneficiaries benefitUses drugCostFen fundPaidFen managedPatients }
  children { region { code name } indicators { managedPatients beneficiaries fundPaidFen standardisedManagement { numerator denominator } } } } }`;

export async function statisticsBench(
  orm: MikroORM,
  apiUrl: string,
  secret: Uint8Array,
  opts: { rounds: number; rawBudgetSeconds: number },
): Promise<StatisticsResult> {
  const em = orm.em.fork();
  const regions = new RegionDirectory();
  await regions.load(em);
  const [latest] = await exec<{ d: string }>(em, `select to_char(max(service_date), 'YYYY-MM-DD') as d from claims`);
  const year = Number(latest!.d.slice(0, 4));
  const quarter = Math.floor((Number(latest!.d.slice(5, 7)) - 1) / 3) + 1;
  const cities = regions.cities();
  const cases: Case[] = [];
  for (const city of cities) {
    const districts = regions.districtsOf(city.code).slice(0, 3);
    for (const region of [city.code, ...districts.map((d) => d.code)]) {
      for (const q of [quarter, null]) for (const disease of ['ALL', 'HYPERTENSION'] as const) cases.push({ region, year, quarter: q, disease });
    }
  }
  const scopeOf = (cityCode: string) =>
    new Scope({ userId: 'bench', role: 'city_leadership', cityCode, districtCode: null, institutionId: null }, (c) =>
      regions.districtsOf(c).map((d) => d.code),
    );
  const rollupService = new StatisticsService(regions);
  const rawService = new StatisticsService(regions, rawCountsByGroup);
  const cityOf = (code: string) => regions.get(code)!.cityCode;

  const run = async (service: StatisticsService, c: Case) => {
    const t = performance.now();
    const s = await service.statistics(orm.em.fork(), scopeOf(cityOf(c.region)), c.region, c.year, c.quarter, c.disease);
    return { ms: performance.now() - t, s };
  };
  // Warm the rollups once, then run the raw path within its budget: each raw answer is compared
  // with the rollups' and timed (a raw query over millions of claims takes a minute and more, so at
  // that size the budget, not the case list, decides how many are run; the first always is).
  for (const c of cases) await run(rollupService, c);
  const rollup: number[] = [];
  for (let i = 0; i < opts.rounds; i++) for (const c of cases) rollup.push((await run(rollupService, c)).ms);
  const raw: number[] = [];
  let figuresEqual = true;
  let rawCompared = 0;
  const stopAt = performance.now() + opts.rawBudgetSeconds * 1000;
  for (let i = 0; i < opts.rounds; i++) {
    for (const c of cases) {
      if (raw.length > 0 && performance.now() >= stopAt) break;
      const b = await run(rawService, c);
      raw.push(b.ms);
      if (i === 0) {
        rawCompared++;
        if (JSON.stringify((await run(rollupService, c)).s) !== JSON.stringify(b.s)) figuresEqual = false;
      }
    }
    if (performance.now() >= stopAt) break;
  }

  const tokens = new Map<string, string>();
  for (const city of cities)
    tokens.set(
      city.code,
      await signToken(secret, {
        userId: 'bench-leader',
        role: 'city_leadership',
        cityCode: city.code,
        districtCode: null,
        institutionId: null,
      } satisfies Viewer),
    );
  const http: number[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    for (const c of cases) {
      const t = performance.now();
      const res = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(cityOf(c.region))}` },
        body: JSON.stringify({ query: DASHBOARD, variables: { r: c.region, y: c.year, q: c.quarter, d: c.disease } }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`statistics over HTTP failed: ${JSON.stringify(body.errors)}`);
      http.push(performance.now() - t);
    }
  }
  return { queries: cases.length, rawCompared, rollup: latencies(rollup), raw: latencies(raw), http: latencies(http), figuresEqual };
}
