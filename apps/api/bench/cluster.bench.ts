/**
 * One node against the Citus cluster (issue 18, part 5), on the same server and the same data:
 *   pnpm --filter @liangbing/api bench:cluster [--scale 22] [--seconds 20] [--rounds 20]
 * Not part of `pnpm bench`: it needs the loopback cluster (scripts/cluster.ts, Citus built into
 * PostgreSQL 15), which it starts if it is not running.
 *
 * The demo at `scale` (22 ≈ 1 M claims) is loaded into a plain database on the coordinator
 * (lb_one_<scale>: no Citus extension in it, so it is PostgreSQL 15 on one node), then copied as a
 * template into lb_citus_<scale>, which gets the extension on every node and is distributed by the
 * Citus migration's own statements (what a database already in use goes through when it moves to
 * Citus: "existing rows are copied into the shards"). Both are kept and reused by the next run.
 * For each: claims through GraphQL one per request and in batches of 50 (bench/claims.bench.ts,
 * 8 connections), with the CPU time each PostgreSQL node and the API process spent on them
 * (/proc, per claim); and the statistics' latency from the rollups in this process, a district's
 * and a city's apart. Results go to bench/results/cluster-<scale>.json.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { Migration20261207900000DistributeOnCitus } from '../migrations/Migration20261207900000_distribute_on_citus';
import { adminUrl, startCluster } from '../scripts/cluster';
import { Scope } from '../src/auth/scope';
import { clusterWorkers, enableCitus } from '../src/db/citus';
import { migrate, openOrm } from '../src/db/orm';
import { exec } from '../src/db/sql';
import { argOf } from '../src/demo/cli-database';
import { isEmpty, loadDemo } from '../src/demo/load';
import { RegionDirectory } from '../src/modules/regions/region.directory';
import type { DiseaseFilter } from '../src/modules/statistics/counts';
import { StatisticsService } from '../src/modules/statistics/statistics.service';
import { loadPolicyOverrides } from '../src/policy-config';
import { claimsBench, type ClaimsResult } from './claims.bench';
import { API_DIR, freePort, latencies, startChild } from './tools';

const argv = process.argv.slice(2);
const scale = Number(argOf(argv, 'scale') ?? 22);
const seconds = Number(argOf(argv, 'seconds') ?? 20);
const rounds = Number(argOf(argv, 'rounds') ?? 20);
const SECRET_TEXT = 'benchmark-secret-benchmark-secret-0123456789';
const secret = new TextEncoder().encode(SECRET_TEXT);
const OVERRIDES_FILE = path.join(os.tmpdir(), 'liangbing-bench-overrides.json');
const CLUSTER_DIR = path.join(API_DIR, '.data', 'cluster');
const TICK = 100; // USER_HZ on Linux
const say = (m: string) => console.error(`[bench:cluster] ${m} (load ${os.loadavg()[0]!.toFixed(1)})`);
const dbUrl = (database: string) => adminUrl(undefined, database);

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}
const exists = async (url: string, name: string) => (await sql(url, `select 1 from pg_database where datname = $1`, [name])).length > 0;

/** CPU seconds used so far by one node: its postmaster, its children that ended (reaped) and those alive. */
function nodeCpuSeconds(node: string): number {
  const pid = Number(readFileSync(path.join(CLUSTER_DIR, node, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    if (Number(entry) === pid) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICK;
}

function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
}

const NODES = ['coordinator', 'worker1', 'worker2'] as const;
type Cpu = Record<(typeof NODES)[number] | 'api', number>;
const cpuNow = (apiPid: number): Cpu => ({ ...Object.fromEntries(NODES.map((n) => [n, nodeCpuSeconds(n)])), api: processCpuSeconds(apiPid) }) as Cpu;
const cpuPerClaim = (before: Cpu, after: Cpu, claims: number) =>
  Object.fromEntries(Object.entries(after).map(([k, v]) => [k, claims === 0 ? NaN : ((v - before[k as keyof Cpu]) * 1000) / claims])) as Cpu;

interface StatCase {
  level: 'district' | 'city';
  region: string;
  cityCode: string;
  year: number;
  quarter: number | null;
  disease: DiseaseFilter;
}

async function statisticsOf(orm: MikroORM): Promise<{ district: ReturnType<typeof latencies>; city: ReturnType<typeof latencies>; answers: string }> {
  const em = orm.em.fork();
  const regions = new RegionDirectory();
  await regions.load(em);
  const [latest] = await exec<{ d: string }>(em, `select to_char(max(service_date), 'YYYY-MM-DD') as d from claims where submitted_by = 'demo-loader'`);
  const year = Number(latest!.d.slice(0, 4));
  const quarter = Math.floor((Number(latest!.d.slice(5, 7)) - 1) / 3) + 1;
  const cases: StatCase[] = [];
  for (const city of regions.cities()) {
    const places = [
      { level: 'city' as const, region: city.code },
      ...regions
        .districtsOf(city.code)
        .slice(0, 3)
        .map((d) => ({ level: 'district' as const, region: d.code })),
    ];
    for (const p of places)
      for (const q of [quarter, null])
        for (const disease of ['ALL', 'HYPERTENSION'] as const) cases.push({ ...p, cityCode: city.code, year, quarter: q, disease });
  }
  const service = new StatisticsService(regions);
  const scopeOf = (cityCode: string) =>
    new Scope({ userId: 'bench', role: 'city_leadership', cityCode, districtCode: null, institutionId: null }, (c) =>
      regions.districtsOf(c).map((d) => d.code),
    );
  const run = async (c: StatCase) => {
    const t = performance.now();
    const s = await service.statistics(orm.em.fork(), scopeOf(c.cityCode), c.region, c.year, c.quarter, c.disease);
    return { ms: performance.now() - t, s };
  };
  const answers: unknown[] = [];
  for (const c of cases) answers.push((await run(c)).s); // warm, and the figures to compare between the engines
  const ms = { district: [] as number[], city: [] as number[] };
  for (let i = 0; i < rounds; i++) for (const c of cases) ms[c.level].push((await run(c)).ms);
  return { district: latencies(ms.district), city: latencies(ms.city), answers: JSON.stringify(answers) };
}

/** The Citus migration's statements, as it would run them (it distributes every table it finds with a non-null district_code). */
function distributeStatements(): string[] {
  const out: string[] = [];
  const m = Object.create(Migration20261207900000DistributeOnCitus.prototype) as { addSql: (s: string) => void; up: () => void };
  m.addSql = (s) => out.push(s);
  m.up();
  return out;
}

async function prepare(): Promise<{ one: string; citus: string; fresh: boolean; load: unknown; distributeSeconds: number | null }> {
  const admin = await startCluster();
  const tag = String(scale).replace('.', '_');
  const one = `lb_one_${tag}`;
  const citus = `lb_citus_${tag}`;
  if (!(await exists(admin, one))) await sql(admin, `create database ${one}`);
  const orm = await openOrm(dbUrl(one), 10);
  let load: unknown = null;
  try {
    await migrate(orm);
    if (await isEmpty(orm.em.fork())) {
      say(`loading the demo at scale ${scale} into ${one}`);
      load = await loadDemo(orm.em.fork(), loadPolicyOverrides(), { scale, url: dbUrl(one), progress: true }, say);
    }
  } finally {
    await orm.close();
  }
  let distributeSeconds: number | null = null;
  // distributed already (a run before this one): reused; a copy left undistributed by a run cut short is made again
  const distributed =
    (await exists(admin, citus)) &&
    (
      await sql<{ d: boolean }>(
        dbUrl(citus),
        `select to_regclass('pg_dist_partition') is not null and exists (select 1 from pg_dist_partition where logicalrelid = 'patients'::regclass) as d`,
      ).catch(() => [{ d: false }])
    )[0]!.d;
  const fresh = !distributed;
  if (fresh) {
    say(`copying ${one} into ${citus} and distributing it`);
    const workers = await clusterWorkers(admin);
    const nodeUrls = workers.map((w) => {
      const u = new URL(admin);
      u.hostname = w.host;
      u.port = String(w.port);
      return u.toString();
    });
    for (const u of [admin, ...nodeUrls]) await sql(u, `drop database if exists ${citus} with (force)`);
    await sql(admin, `create database ${citus} template ${one}`);
    for (const u of nodeUrls) await sql(u, `create database ${citus}`);
    await enableCitus(admin, citus, workers);
    const t = performance.now();
    const c = new pg.Client({ connectionString: dbUrl(citus) });
    await c.connect();
    try {
      await c.query('begin');
      for (const s of distributeStatements()) await c.query(s);
      await c.query('commit');
      await c.query('vacuum analyze');
    } finally {
      await c.end();
    }
    distributeSeconds = (performance.now() - t) / 1000;
    say(`distributed in ${distributeSeconds.toFixed(0)} s`);
  }
  return { one, citus, fresh, load, distributeSeconds };
}

interface EngineResult {
  database: string;
  size: { patients: number; claims: number };
  shards: { distributedTables: number; shardsPerTable: number } | null;
  statistics: { district: ReturnType<typeof latencies>; city: ReturnType<typeof latencies> };
  claims: ClaimsResult;
  /** CPU milliseconds per claim stored, per process group, during each claims run */
  cpuMsPerClaim: { single: Cpu; batched: Cpu };
  loadAverage: { before: number[]; after: number[] };
}

async function measure(database: string, run: string): Promise<EngineResult & { answers: string }> {
  const before = os.loadavg();
  const url = dbUrl(database);
  const orm = await openOrm(url, 10);
  try {
    const [size] = await exec<{ patients: string; claims: string }>(
      orm.em.fork(),
      `select (select count(*) from patients) as patients, (select count(*) from claims) as claims`,
    );
    const [citus] = await exec<{ citus: boolean }>(orm.em.fork(), `select exists (select 1 from pg_extension where extname = 'citus') as citus`);
    const shards = citus!.citus
      ? (
          await exec<{ tables: number; shards: number }>(
            orm.em.fork(),
            `select count(*)::int as tables, max(shard_count)::int as shards from citus_tables where citus_table_type = 'distributed'`,
          )
        ).map((r) => ({ distributedTables: r.tables, shardsPerTable: r.shards }))[0]!
      : null;
    say(`${database}: statistics, ${rounds} rounds`);
    const statistics = await statisticsOf(orm);
    say(`${database}: statistics p95 district ${statistics.district.p95.toFixed(1)} ms, city ${statistics.city.p95.toFixed(1)} ms`);

    const apiPort = await freePort();
    await writeFile(OVERRIDES_FILE, JSON.stringify(loadPolicyOverrides(undefined, 'demo')));
    const api = await startChild(
      'src/main.ts',
      [],
      { DATABASE_URL: url, API_PORT: String(apiPort), JWT_SECRET: SECRET_TEXT, NODE_ENV: 'production', POLICY_OVERRIDES_FILE: OVERRIDES_FILE },
      apiPort,
    );
    try {
      // claimsBench runs single then batched; the CPU is read around the whole run and split by the
      // claims stored (each half is also read apart below, with a second, shorter run per mode)
      say(`${database}: claims, one per request then in batches of 50, ${seconds} s each`);
      const c0 = cpuNow(api.pid);
      const claims = await claimsBench(orm, api.url, secret, { seconds, connections: 8, batchSize: 50, run: `${run}-${database}` });
      const c1 = cpuNow(api.pid);
      say(`${database}: claims single ${claims.single.claimsPerSecond.toFixed(0)}/s, batched ${claims.batched.claimsPerSecond.toFixed(0)}/s`);
      const single = await claimsBench(orm, api.url, secret, {
        seconds: Math.max(5, seconds / 2),
        connections: 8,
        batchSize: 1,
        run: `${run}-${database}-cpu`,
      });
      const c2 = cpuNow(api.pid);
      return {
        database,
        size: { patients: Number(size!.patients), claims: Number(size!.claims) },
        shards,
        statistics: { district: statistics.district, city: statistics.city },
        claims,
        cpuMsPerClaim: {
          // the second run's batches are of one claim: both of its halves are one-claim requests
          single: cpuPerClaim(c1, c2, single.single.stored + single.batched.stored),
          // the first run's CPU less what its one-claim half cost at the one-claim rate
          batched: cpuPerClaimBatched(c0, c1, cpuPerClaim(c1, c2, single.single.stored + single.batched.stored), claims),
        },
        loadAverage: { before, after: os.loadavg() },
        answers: statistics.answers,
      };
    } finally {
      await api.stop();
    }
  } finally {
    await orm.close();
  }
}

function cpuPerClaimBatched(before: Cpu, after: Cpu, singleMs: Cpu, claims: ClaimsResult): Cpu {
  return Object.fromEntries(
    Object.entries(after).map(([k, v]) => {
      const spent = (v - before[k as keyof Cpu]) * 1000 - singleMs[k as keyof Cpu] * claims.single.stored;
      return [k, claims.batched.stored === 0 ? NaN : Math.max(0, spent) / claims.batched.stored];
    }),
  ) as Cpu;
}

const started = Date.now();
const prepared = await prepare();
const run = Date.now().toString(36);
const one = await measure(prepared.one, run);
const citus = await measure(prepared.citus, run);
const ratio = (a: number, b: number) => a / b;
const result = {
  scale,
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
  fresh: prepared.fresh,
  load: prepared.load,
  distributeSeconds: prepared.distributeSeconds,
  // the same rows in both only when lb_citus was copied from lb_one in this run (the claims runs add claims to each)
  statisticsEqual: prepared.fresh ? one.answers === citus.answers : null,
  one: { ...one, answers: undefined },
  citus: { ...citus, answers: undefined },
  ratios: {
    claimsSingle: ratio(citus.claims.single.claimsPerSecond, one.claims.single.claimsPerSecond),
    claimsBatched: ratio(citus.claims.batched.claimsPerSecond, one.claims.batched.claimsPerSecond),
    districtStatisticP95: ratio(citus.statistics.district.p95, one.statistics.district.p95),
    cityStatisticP95: ratio(citus.statistics.city.p95, one.statistics.city.p95),
  },
  seconds: Math.round((Date.now() - started) / 1000),
};
await mkdir(path.join(API_DIR, 'bench', 'results'), { recursive: true });
await writeFile(path.join(API_DIR, 'bench', 'results', `cluster-${scale}.json`), `${JSON.stringify(result, null, 2)}\n`);

const f = (x: number, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
const cpu = (c: Cpu) => `coordinator ${f(c.coordinator, 2)}, workers ${f(c.worker1, 2)} + ${f(c.worker2, 2)}, API ${f(c.api, 2)} ms`;
console.log(
  [
    `scale ${scale}: ${f(one.size.patients)} patients, ${f(one.size.claims)} claims (one node) / ${f(citus.size.claims)} (Citus, ${citus.shards?.distributedTables} tables × ${citus.shards?.shardsPerTable} shards)`,
    `                                   one node   Citus (coordinator + 2 workers)   Citus / one`,
    `  claims, one per request  /s      ${f(one.claims.single.claimsPerSecond).padStart(8)}   ${f(citus.claims.single.claimsPerSecond).padStart(8)}   ${f(result.ratios.claimsSingle, 2)}`,
    `  claims, batches of 50    /s      ${f(one.claims.batched.claimsPerSecond).padStart(8)}   ${f(citus.claims.batched.claimsPerSecond).padStart(8)}   ${f(result.ratios.claimsBatched, 2)}`,
    `  district statistic p95   ms      ${f(one.statistics.district.p95, 1).padStart(8)}   ${f(citus.statistics.district.p95, 1).padStart(8)}   ${f(result.ratios.districtStatisticP95, 2)}`,
    `  city statistic p95       ms      ${f(one.statistics.city.p95, 1).padStart(8)}   ${f(citus.statistics.city.p95, 1).padStart(8)}   ${f(result.ratios.cityStatisticP95, 2)}`,
    `  CPU per claim, single    one node: ${cpu(one.cpuMsPerClaim.single)}`,
    `                           Citus:    ${cpu(citus.cpuMsPerClaim.single)}`,
    `  CPU per claim, batched   one node: ${cpu(one.cpuMsPerClaim.batched)}`,
    `                           Citus:    ${cpu(citus.cpuMsPerClaim.batched)}`,
    `  cap held: one node ${one.claims.cap.overCap === 0 && one.claims.cap.ledgerMismatches === 0 ? 'yes' : 'NO'}, Citus ${citus.claims.cap.overCap === 0 && citus.claims.cap.ledgerMismatches === 0 ? 'yes' : 'NO'}; statistics equal: ${result.statisticsEqual ?? 'not compared (reused databases)'}`,
    `  load average (1 min) one node ${f(one.loadAverage.before[0]!, 1)} → ${f(one.loadAverage.after[0]!, 1)}, Citus ${f(citus.loadAverage.before[0]!, 1)} → ${f(citus.loadAverage.after[0]!, 1)}; ${result.seconds} s in all`,
  ].join('\n'),
);
process.exit(0);
