/**
 * The API's benchmark suite, every figure a ratio taken in one run on one database:
 *   pnpm --filter @liangbing/api bench [--scales 2.2,22] [--seconds 20] [--api-workers 2] [--raw-budget 120] [--keep]
 * For each scale (2.2 ≈ 100 k claims, 22 ≈ 1 M, 220 ≈ 10 M) it loads the demo into its own
 * database on the benchmark PostgreSQL (bench/pg.ts; an existing load is reused), then measures
 * pgbench TPC-B (8 clients) on the same server, the statistics from the rollups against the raw
 * tables, the bureau's read mix against PostGraphile 5, claims through GraphQL one by one and in
 * batches, and the API process's peak memory. Results go to bench/results/scale-<s>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { argOf } from '../src/demo/cli-database';
import { migrate, openOrm } from '../src/db/orm';
import { exec } from '../src/db/sql';
import { isEmpty, loadDemo } from '../src/demo/load';
import { checkRollups } from '../src/modules/statistics/rollup.check';
import { loadPolicyOverrides } from '../src/policy-config';
import { claimsBench } from './claims.bench';
import { BENCH_DATA, BENCH_PORT, benchUrl, reachable, SETTINGS, startBenchServer } from './pg';
import { readsBench } from './reads.bench';
import { statisticsBench } from './statistics.bench';
import { API_DIR, cpuMsOfTree, freePort, pgbench, postmasterPid, startChild, tpsOf } from './tools';

const argv = process.argv.slice(2);
const scales = (argOf(argv, 'scales') ?? '2.2').split(',').map(Number);
const seconds = Number(argOf(argv, 'seconds') ?? 20);
// The API on both cores by default (node:cluster, main.ts): PostGraphile and pgbench run as they would be deployed too.
const apiWorkers = argOf(argv, 'api-workers') ?? '2';
// The raw statistics path's time budget after its first round (an A/B of the write path can shorten it).
const rawBudgetSeconds = Number(argOf(argv, 'raw-budget') ?? 120);
const SECRET_TEXT = 'benchmark-secret-benchmark-secret-0123456789';
const secret = new TextEncoder().encode(SECRET_TEXT);
const say = (m: string) => console.error(`[bench] ${m}`);
// The API runs in production mode, where Guiyang has no rates unless a file sets them: the demo's
// placeholder rates, named in a file as a deployment would, so that the demo programme's Guiyang claims are paid as loaded.
const OVERRIDES_FILE = path.join(os.tmpdir(), 'liangbing-bench-overrides.json');

async function ensureDatabase(name: string): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: benchUrl('postgres') });
  await c.connect();
  try {
    const r = await c.query(`select 1 from pg_database where datname = $1`, [name]);
    if (r.rowCount === 0) await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
}

async function tpcb(): Promise<{ tps: number; output: string }> {
  await ensureDatabase('bench_tpcb');
  if (!(await reachable(benchUrl('bench_tpcb'))) || !(await tpcbReady())) pgbench(['-i', '-q', '-s', '10', 'bench_tpcb'], BENCH_PORT);
  const output = pgbench(['-c', '8', '-j', '2', '-T', String(seconds), '-M', 'prepared', 'bench_tpcb'], BENCH_PORT);
  return { tps: tpsOf(output), output };
}

async function tpcbReady(): Promise<boolean> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: benchUrl('bench_tpcb') });
  await c.connect();
  try {
    return (await c.query(`select 1 from pg_tables where tablename = 'pgbench_accounts'`)).rowCount === 1;
  } finally {
    await c.end();
  }
}

const server = await startBenchServer();
// The CPU each load window costs is charged to the API's process tree and to this server's (bench/tools.ts cpuMsOfTree).
const postmaster = postmasterPid(BENCH_DATA);
try {
  for (const scale of scales) {
    const name = `lb_bench_${String(scale).replace('.', '_')}`;
    await ensureDatabase(name);
    const url = benchUrl(name);
    const loadAtStart = os.loadavg();
    const orm = await openOrm(url, 10);
    try {
      await migrate(orm);
      let load: Record<string, unknown> | null = null;
      if (await isEmpty(orm.em.fork())) {
        say(`loading scale ${scale} into ${name}`);
        load = { ...(await loadDemo(orm.em.fork(), loadPolicyOverrides(), { scale, url, progress: true }, say)) };
      }
      const [size] = await exec<{ patients: string; claims: string; follow_ups: string; bytes: string }>(
        orm.em.fork(),
        `select (select count(*) from patients) as patients, (select count(*) from claims) as claims, (select count(*) from follow_ups) as follow_ups, pg_database_size(current_database()) as bytes`,
      );
      say(`${name}: ${size!.patients} patients, ${size!.claims} claims, ${(Number(size!.bytes) / 1e9).toFixed(1)} GB`);

      say('pgbench TPC-B, 8 clients');
      const tpcbBefore = await tpcb();
      say(`pgbench: ${tpcbBefore.tps.toFixed(0)} tps`);

      const apiPort = await freePort();
      await writeFile(OVERRIDES_FILE, JSON.stringify(loadPolicyOverrides(undefined, 'demo')));
      const api = await startChild(
        'src/main.ts',
        [],
        {
          DATABASE_URL: url,
          API_PORT: String(apiPort),
          API_WORKERS: apiWorkers,
          JWT_SECRET: SECRET_TEXT,
          NODE_ENV: 'production',
          POLICY_OVERRIDES_FILE: OVERRIDES_FILE,
        },
        apiPort,
      );
      try {
        say('statistics: rollups against raw tables');
        const statistics = await statisticsBench(orm, api.url, secret, { rounds: 10, rawBudgetSeconds });
        say(
          `statistics p95: rollups ${statistics.rollup.p95.toFixed(1)} ms, raw ${statistics.raw.p95.toFixed(1)} ms, HTTP ${statistics.http.p95.toFixed(1)} ms`,
        );

        const pglPort = await freePort();
        const postgraphile = await startChild('bench/postgraphile-server.ts', [url, String(pglPort), '20'], { GRAPHILE_ENV: 'production' }, pglPort);
        let reads;
        try {
          say('read mix: this API against PostGraphile 5, 16 connections each');
          reads = await readsBench(orm, api.url, postgraphile.url, secret, {
            seconds,
            connections: 16,
            cpu: { api: () => cpuMsOfTree(api.pid), postgraphile: () => cpuMsOfTree(postgraphile.pid), pg: () => cpuMsOfTree(postmaster) },
          });
          say(`reads: API ${reads.api.perSecond.toFixed(0)}/s, PostGraphile ${reads.postgraphile.perSecond.toFixed(0)}/s`);
        } finally {
          await postgraphile.stop();
        }

        say('claims through GraphQL, 8 connections');
        const run = Date.now().toString(36);
        const claims = await claimsBench(orm, api.url, secret, {
          seconds,
          connections: 8,
          batchSize: 50,
          run,
          cpu: { api: () => cpuMsOfTree(api.pid), pg: () => cpuMsOfTree(postmaster) },
        });
        say(`claims: single ${claims.single.claimsPerSecond.toFixed(0)}/s, batched ${claims.batched.claimsPerSecond.toFixed(0)}/s`);
        const tpcbAfter = await tpcb();
        const tps = (tpcbBefore.tps + tpcbAfter.tps) / 2;
        const [latestYear] = await exec<{ y: number }>(orm.em.fork(), `select max(year) as y from claims`);
        const check = await checkRollups(orm.em.fork(), { years: [latestYear!.y], quarters: [4], diseases: ['ALL'], groupings: ['district'] });
        const peakRssMb = api.peakRssMb();
        const result: Result = {
          scale,
          database: name,
          date: new Date().toISOString(),
          loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
          apiWorkers,
          settings: SETTINGS,
          load,
          size: { patients: Number(size!.patients), claims: Number(size!.claims), followUps: Number(size!.follow_ups), gigabytes: Number(size!.bytes) / 1e9 },
          pgbench: { tpsBefore: tpcbBefore.tps, tpsAfter: tpcbAfter.tps, tps },
          statistics: { ...statistics, p95Ratio: statistics.raw.p95 / statistics.rollup.p95, p50Ratio: statistics.raw.p50 / statistics.rollup.p50 },
          reads: { ...reads, ratio: reads.api.perSecond / reads.postgraphile.perSecond },
          claims: { ...claims, singleRatio: claims.single.claimsPerSecond / tps, batchedRatio: claims.batched.claimsPerSecond / tps },
          rollupsAfterClaims: { comparisons: check.comparisons, differences: check.mismatches.length },
          api: { peakRssMb },
        };
        await mkdir(path.join(API_DIR, 'bench', 'results'), { recursive: true });
        await writeFile(path.join(API_DIR, 'bench', 'results', `scale-${scale}.json`), `${JSON.stringify(result, null, 2)}\n`);
        console.log(summary(result));
      } finally {
        await api.stop();
      }
    } finally {
      await orm.close();
    }
  }
} finally {
  if (!argv.includes('--keep')) await server.stop();
}

interface Result {
  scale: number;
  database: string;
  date: string;
  loadAverage: { atStart: number[]; atEnd: number[] };
  apiWorkers: string;
  settings: readonly string[];
  load: Record<string, unknown> | null;
  size: { patients: number; claims: number; followUps: number; gigabytes: number };
  pgbench: { tpsBefore: number; tpsAfter: number; tps: number };
  statistics: Awaited<ReturnType<typeof statisticsBench>> & { p95Ratio: number; p50Ratio: number };
  reads: Awaited<ReturnType<typeof readsBench>> & { ratio: number };
  claims: Awaited<ReturnType<typeof claimsBench>> & { singleRatio: number; batchedRatio: number };
  rollupsAfterClaims: { comparisons: number; differences: number };
  api: { peakRssMb: number };
}

function ms(x: number): string {
  return x.toLocaleString('en', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}
function cpuText(c: { apiMs: number; pgMs: number } | undefined): string {
  return c === undefined ? '' : `; CPU a claim ${ms(c.apiMs + c.pgMs)} ms (API ${ms(c.apiMs)}, PostgreSQL ${ms(c.pgMs)})`;
}
function readCpuText(r: Result['reads']): string {
  const per = (l: { requests: number; cpuMs?: { api: number; pg: number } }) =>
    l.cpuMs === undefined ? NaN : (l.cpuMs.api + l.cpuMs.pg) / Math.max(1, l.requests);
  const a = per(r.api);
  const b = per(r.postgraphile);
  return Number.isNaN(a) ? '' : `; CPU a request ${ms(a)} / ${ms(b)} ms (server + PostgreSQL) = ${ms(b / a)}× by CPU`;
}

function summary(r: Result): string {
  const f = (x: number, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    `scale ${r.scale}: ${f(r.size.patients)} patients, ${f(r.size.claims)} claims; API workers ${r.apiWorkers}; load average ${r.loadAverage.atStart.map((l) => f(l, 2)).join(' ')} at the start, ${r.loadAverage.atEnd.map((l) => f(l, 2)).join(' ')} at the end`,
    `  pgbench TPC-B 8 clients          ${f(r.pgbench.tps)} tps`,
    `  claims, one per request          ${f(r.claims.single.claimsPerSecond)} /s  = ${f(r.claims.singleRatio, 2)}× pgbench${cpuText(r.claims.single.cpuPerClaim)}`,
    `  claims, batches of ${r.claims.batched.batchSize}            ${f(r.claims.batched.claimsPerSecond)} /s  = ${f(r.claims.batchedRatio, 2)}× pgbench${cpuText(r.claims.batched.cpuPerClaim)}`,
    `  cap held: ${r.claims.cap.overCap === 0 && r.claims.cap.ledgerMismatches === 0 ? 'yes' : 'NO'} (${r.claims.cap.patientYears} patient-years checked)`,
    `  statistics p50/p95 rollups       ${f(r.statistics.rollup.p50, 1)} / ${f(r.statistics.rollup.p95, 1)} ms (HTTP ${f(r.statistics.http.p50, 1)} / ${f(r.statistics.http.p95, 1)} ms)`,
    `  statistics p50/p95 raw tables    ${f(r.statistics.raw.p50, 1)} / ${f(r.statistics.raw.p95, 1)} ms  = ${f(r.statistics.p95Ratio, 0)}× at p95 (${r.statistics.rawCompared} of ${r.statistics.queries} queries compared, ${r.statistics.figuresEqual ? 'equal' : 'NOT EQUAL'})`,
    `  read mix API / PostGraphile      ${f(r.reads.api.perSecond)} / ${f(r.reads.postgraphile.perSecond)} req/s = ${f(r.reads.ratio, 2)}×${readCpuText(r.reads)}`,
    `  API peak RSS                     ${f(r.api.peakRssMb)} MB`,
  ].join('\n');
}
