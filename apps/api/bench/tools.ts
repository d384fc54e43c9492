/** Shared pieces of the benchmarks: child servers, peak memory, pgbench, autocannon, percentiles. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';

export const API_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const PG15 = '/usr/lib/postgresql/15/bin';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function latencies(samples: number[]): { n: number; p50: number; p95: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing listens on ${port} after ${seconds} s`);
}

export interface ChildServer {
  url: string;
  pid: number;
  /** peak resident memory so far (VmHWM), MB: the process's and its children's (the API's cluster workers), summed */
  peakRssMb: () => number;
  stop: () => Promise<void>;
}

/** Starts a TypeScript entry point under tsx as its own process and waits for its port. */
export async function startChild(script: string, args: string[], env: Record<string, string>, port: number, log = false): Promise<ChildServer> {
  const tsx = path.join(API_DIR, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [script, ...args], { cwd: API_DIR, env: { ...process.env, ...env }, stdio: log ? 'inherit' : 'ignore' });
  await waitForPort(port, child, 120);
  // tsx runs the program in a child node process: the memory to read is that process's.
  const pid = nodePidUnder(child.pid!) ?? child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    peakRssMb: () => [pid, ...childrenOf(pid)].reduce((sum, p) => sum + peakRssMb(p), 0),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

function childrenOf(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').filter(Boolean).map(Number);
}

function nodePidUnder(pid: number): number | null {
  return childrenOf(pid)[0] ?? null;
}

export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Runs pgbench (PostgreSQL 15's, as the postgres user when we are root: it refuses root). */
export function pgbench(args: string[], port: number): string {
  const command = [path.join(PG15, 'pgbench'), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', ...args].map((a) => `'${a}'`).join(' ');
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', `PGPASSWORD=postgres ${command}`], { encoding: 'utf8' })
    : spawnSync('/bin/sh', ['-c', `PGPASSWORD=postgres ${command}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr}`);
  return r.stdout + r.stderr;
}

export function tpsOf(pgbenchOutput: string): number {
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(pgbenchOutput);
  if (!m) throw new Error(`no tps in pgbench output:\n${pgbenchOutput}`);
  return Number(m[1]);
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  errors: number;
  non2xx: number;
  latencyP50: number;
  latencyP97_5: number;
}

/** autocannon against a GraphQL endpoint; `next` makes each request's JSON body and its own headers (a token). */
export async function hammer(
  url: string,
  connections: number,
  seconds: number,
  next: () => { body: string; headers?: Record<string, string> },
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = next();
          return { ...req, body: n.body, headers: { ...req.headers, 'content-type': 'application/json', ...n.headers } };
        },
      },
    ],
  });
  return {
    requests: r.requests.total,
    perSecond: r.requests.total / seconds,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    latencyP50: r.latency.p50,
    latencyP97_5: r.latency.p97_5,
  };
}

/**
 * CPU time (user + system, ms) used so far by a process and all its live descendants, with what
 * their exited children used (cutime/cstime): the API's workers, or a PostgreSQL server's backends.
 * Taken before and after a load window it is the work the window cost, whatever else shares the
 * machine, where requests per second fall with every other process that runs.
 */
export function cpuMsOfTree(root: number): number {
  const ticks = 100; // USER_HZ on Linux
  const procs = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // after the command's ')': state, ppid (1), … utime, stime, cutime, cstime (11–14)
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(name), { parent: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      // the process ended meanwhile: its time is in its parent's cutime/cstime
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = procs.get(p)?.parent ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of procs) if (inTree(pid)) total += p.ticks;
  return (total * 1000) / ticks;
}

/** The processes whose CPU a load window is charged with: the API's tree and the PostgreSQL server's. */
export interface CpuMeters {
  api: () => number;
  pg: () => number;
}

/** Runs a load window and answers the CPU it cost, ms, by side. */
export async function metered<T>(meters: CpuMeters | undefined, run: () => Promise<T>): Promise<T & { cpuMs?: { api: number; pg: number } }> {
  if (meters === undefined) return (await run()) as T & { cpuMs?: { api: number; pg: number } };
  const a = meters.api();
  const p = meters.pg();
  const out = await run();
  return { ...out, cpuMs: { api: meters.api() - a, pg: meters.pg() - p } };
}

/** The postmaster's pid of a data directory (first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}
