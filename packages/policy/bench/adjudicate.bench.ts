/**
 * Adjudication throughput on one core: the policy core without and with the explanation trace,
 * and the same checks written for json-rules-engine, over the same realistic mix of claims.
 * Each engine is warmed up, then run several times for at least RUN_MS each; the median run is
 * reported. Before timing, the benchmark checks that both engines pay the same on every claim.
 *
 * Targets: ≥ 1,000,000 decisions/s without the trace and ≥ 20× json-rules-engine. A missed target
 * is reported; it fails the process only with BENCH_STRICT=1, so that a slow CI machine does not.
 */
import os from 'node:os';
import { adjudicate, type AdjudicateOptions, type RuleSetOverride } from '../src/index';
import { JsonRulesEngineAdjudicator } from './json-rules-engine';
import { buildMix, type MixItem } from './mix';

const RUNS = 5;
const RUN_MS = Number(process.env['BENCH_RUN_MS'] ?? 1000);
const WARMUP_MS = Number(process.env['BENCH_WARMUP_MS'] ?? 1000);
const TARGET_PER_SECOND = 1_000_000;
const TARGET_RATIO = 20;
/** The out-of-cache row: five times the mix, more than the processor's cache holds, as in a bulk replay. */
const LARGE_MIX = 50_000;

interface Measure {
  /** decisions per second of wall-clock time, per run */
  readonly perSecond: number[];
  readonly median: number;
  /** decisions per CPU-second of the main thread (robust to other processes on the machine), median run */
  readonly perCpuSecond: number;
}

interface Run {
  readonly wall: number;
  readonly cpu: number;
}

/** CPU time of this thread in ms: what the adjudications cost, whatever else the machine runs. */
function cpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs `pass` (which returns how many claims it decided) until `ms` have passed; decisions per second. */
function timeSync(ms: number, pass: () => number): Run {
  let decided = 0;
  const cpu0 = cpuMs();
  const start = performance.now();
  let now = start;
  do {
    decided += pass();
    now = performance.now();
  } while (now - start < ms);
  return { wall: (decided / (now - start)) * 1000, cpu: (decided / (cpuMs() - cpu0)) * 1000 };
}

async function timeAsync(ms: number, pass: () => Promise<number>): Promise<Run> {
  let decided = 0;
  const cpu0 = cpuMs();
  const start = performance.now();
  let now = start;
  do {
    decided += await pass();
    now = performance.now();
  } while (now - start < ms);
  return { wall: (decided / (now - start)) * 1000, cpu: (decided / (cpuMs() - cpu0)) * 1000 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(runs: readonly Run[]): Measure {
  const perSecond = runs.map((r) => r.wall);
  return { perSecond, median: median(perSecond), perCpuSecond: median(runs.map((r) => r.cpu)) };
}

let sink = 0;

function measureCore(mix: readonly MixItem[], trace: boolean): Measure {
  // A service builds its options once per configuration, not per claim.
  const shared = new Map<readonly RuleSetOverride[], AdjudicateOptions>();
  const options: AdjudicateOptions[] = mix.map((m) => {
    let o = shared.get(m.overrides);
    if (o === undefined) {
      o = { overrides: m.overrides, trace };
      shared.set(m.overrides, o);
    }
    return o;
  });
  const pass = () => {
    for (let i = 0; i < mix.length; i++) {
      const m = mix[i]!;
      sink += adjudicate(m.claim, m.patient, options[i]).fundFen;
    }
    return mix.length;
  };
  timeSync(WARMUP_MS, pass);
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(timeSync(RUN_MS, pass));
  return summarise(runs);
}

async function measureJre(mix: readonly MixItem[], jre: JsonRulesEngineAdjudicator): Promise<Measure> {
  const chunk = 250;
  let next = 0;
  const pass = async () => {
    for (let k = 0; k < chunk; k++) {
      const m = mix[next]!;
      next = (next + 1) % mix.length;
      sink += (await jre.adjudicate(m.claim, m.patient, m.overrides))?.fundFen ?? 0;
    }
    return chunk;
  };
  await timeAsync(WARMUP_MS, pass);
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await timeAsync(RUN_MS, pass));
  return summarise(runs);
}

/** The distinct hit codes (the core reports CAP_REACHED on each line it cuts, the generic engine once). */
const codeSet = (codes: readonly string[]) => [...new Set(codes)].sort().join();
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

async function main(): Promise<void> {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const mix = buildMix();

  // The core first, before the generic engine has filled the heap with its own objects.
  const plain = measureCore(mix, false);
  const traced = measureCore(mix, true);
  const large = measureCore(buildMix({ size: LARGE_MIX }), false);

  // Describe the mix, and check that both engines agree on what the fund pays.
  const jre = new JsonRulesEngineAdjudicator();
  let wuxi = 0;
  let lines = 0;
  let clean = 0;
  let agree = 0;
  const disagreements: string[] = [];
  for (const m of mix) {
    if (m.claim.cityCode === '320200') wuxi++;
    lines += m.claim.lines.length;
    const ours = adjudicate(m.claim, m.patient, { overrides: m.overrides });
    if (ours.hits.length === 0) clean++;
    const theirs = await jre.adjudicate(m.claim, m.patient, m.overrides);
    const same =
      theirs !== null &&
      theirs.fundFen === ours.fundFen &&
      theirs.compliantFen === ours.compliantFen &&
      codeSet(theirs.codes) === codeSet(ours.hits.map((h) => h.code));
    if (same) agree++;
    else if (disagreements.length < 3)
      disagreements.push(
        `  ${m.claim.cityCode} ${m.claim.serviceDate}: core ${ours.fundFen} fen [${ours.hits.map((h) => h.code).join(', ')}], json-rules-engine ${theirs?.fundFen} fen [${theirs?.codes.join(', ')}]`,
      );
  }

  const generic = await measureJre(mix, jre);
  const ratio = plain.median / generic.median;

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const rows: [string, Measure][] = [
    ['@liangbing/policy, no trace', plain],
    ['@liangbing/policy, with trace', traced],
    [`@liangbing/policy, no trace, ${fmt(LARGE_MIX)} claims`, large],
    ['json-rules-engine 7 (same checks)', generic],
  ];
  const out: string[] = [];
  out.push('两病 adjudication benchmark (packages/policy/bench/adjudicate.bench.ts)');
  out.push(
    `machine: ${cpu}, ${os.cpus().length} logical CPUs, one core used | Node ${process.version} | ${os.platform()} ${os.arch()} | ${new Date().toISOString().slice(0, 10)}`,
  );
  out.push(
    `mix: ${fmt(mix.length)} claims (Wuxi ${fmt(wuxi)}, Guiyang ${fmt(mix.length - wuxi)} under override “bench-guiyang”), ${(lines / mix.length).toFixed(2)} lines a claim, ${((clean / mix.length) * 100).toFixed(1)} % without any hit`,
  );
  out.push(`load average at start: ${load} (other processes share the machine's cores)`);
  out.push(`method: warm-up ${WARMUP_MS} ms, then ${RUNS} runs of ≥ ${RUN_MS} ms each; median run shown`);
  out.push(`agreement: core and json-rules-engine decide the same fund, compliant amount and distinct hit codes on ${fmt(agree)} / ${fmt(mix.length)} claims`);
  out.push(...disagreements);
  out.push('');
  out.push(`| ${pad('engine', 44)} | ${lpad('decisions/s (median)', 20)} | ${lpad('runs: min – max', 25)} | ${lpad('per CPU-second', 14)} |`);
  out.push(`|${'-'.repeat(46)}|${'-'.repeat(21)}:|${'-'.repeat(26)}:|${'-'.repeat(15)}:|`);
  for (const [name, m] of rows) {
    out.push(
      `| ${pad(name, 44)} | ${lpad(fmt(m.median), 20)} | ${lpad(`${fmt(Math.min(...m.perSecond))} – ${fmt(Math.max(...m.perSecond))}`, 25)} | ${lpad(fmt(m.perCpuSecond), 14)} |`,
    );
  }
  out.push('');
  out.push(`the ${fmt(LARGE_MIX)}-claim row is the same generator with five times as many claims: its inputs do not fit the cache, as in a bulk replay`);
  out.push(
    `ratio core (no trace) / json-rules-engine: ${ratio.toFixed(1)}×; the trace costs ${((1 - traced.median / plain.median) * 100).toFixed(0)} % of throughput`,
  );
  const speedOk = plain.median >= TARGET_PER_SECOND;
  const ratioOk = ratio >= TARGET_RATIO;
  out.push(
    `targets (wall clock): ≥ ${fmt(TARGET_PER_SECOND)} decisions/s without the trace: ${speedOk ? 'met' : 'MISSED'}; ≥ ${TARGET_RATIO}× json-rules-engine: ${ratioOk ? 'met' : 'MISSED'}`,
  );
  if (!speedOk && plain.perCpuSecond >= TARGET_PER_SECOND)
    out.push(
      `  (per CPU-second of the main thread the core decides ${fmt(plain.perCpuSecond)}/s: the wall clock lost to other processes; load average ${load})`,
    );
  console.log(out.join('\n'));
  if (sink === -1) console.log('(sink)');

  if (agree !== mix.length) process.exitCode = 1;
  else if (process.env['BENCH_STRICT'] === '1' && !(speedOk && ratioOk)) process.exitCode = 1;
}

await main();
