/**
 * The replay workers. Each district belongs to one worker from the first time it is replayed, so
 * that its snapshot is read once and kept where it is replayed; districts nobody owns yet go to
 * whichever worker is free first. With `workers: 0` one engine replays in the API's own thread.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { ReplayEngine, DistrictJob, DistrictResult, Held } from './whatif.engine';
import { isIsoDate } from '@liangbing/policy';
import type { Period } from './whatif.source';
import { openReplayEngine, type WorkerConfig, type WorkerReply, type WorkerRequest } from './whatif.replayer';

export interface ReplayPoolOptions {
  /** worker threads; 0 replays in the API's own thread */
  workers: number;
  /** claims each worker keeps in memory */
  budgetClaims: number;
  /** each worker's V8 old-generation limit, MB */
  heapMb: number;
  /** each worker's connections to PostgreSQL (reads of one district run this many statements at once) */
  connections: number;
}

/**
 * WHATIF_PRELOAD: a year (2025) or a period (2025-01-01..2025-06-30) whose claims are read into the
 * workers at start-up, so that the first what-if over it is answered from memory; none by default.
 */
export function preloadPeriod(v: string | undefined): Period | null {
  if (v === undefined || v === '') return null;
  const year = /^(\d{4})$/.exec(v);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(v);
  if (range && isIsoDate(range[1]!) && isIsoDate(range[2]!) && range[1]! <= range[2]!) return { from: range[1]!, to: range[2]! };
  throw new Error(`WHATIF_PRELOAD must be a year (2025) or a period (2025-01-01..2025-06-30), not ${JSON.stringify(v)}`);
}

const positive = (v: string | undefined, fallback: number, name: string): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, not ${JSON.stringify(v)}`);
  return n;
};

/**
 * WHATIF_WORKERS (default: the cores, at most 4), WHATIF_CACHE_CLAIMS (claims kept per worker,
 * default 6,000,000: a full-size city-year is 5.7 M), WHATIF_WORKER_HEAP_MB (default 8192),
 * WHATIF_CONNECTIONS (per worker, default 3).
 */
export function replayPoolOptions(env: NodeJS.ProcessEnv = process.env): ReplayPoolOptions {
  return {
    workers: positive(env.WHATIF_WORKERS, Math.min(availableParallelism(), 4), 'WHATIF_WORKERS'),
    budgetClaims: positive(env.WHATIF_CACHE_CLAIMS, 6_000_000, 'WHATIF_CACHE_CLAIMS'),
    heapMb: positive(env.WHATIF_WORKER_HEAP_MB, 8192, 'WHATIF_WORKER_HEAP_MB'),
    connections: Math.max(1, positive(env.WHATIF_CONNECTIONS, 3, 'WHATIF_CONNECTIONS')),
  };
}

interface Replayer {
  replay(job: DistrictJob): Promise<DistrictResult>;
  readonly alive: boolean;
  /** what it held after its last job */
  readonly held: Held | null;
  close(): Promise<void>;
}

class LocalReplayer implements Replayer {
  readonly alive = true;
  readonly #pool: pg.Pool;
  readonly #engine: ReplayEngine;
  constructor(url: string, o: ReplayPoolOptions) {
    ({ engine: this.#engine, pool: this.#pool } = openReplayEngine({ url, connections: o.connections, budgetClaims: o.budgetClaims }));
  }
  replay(job: DistrictJob): Promise<DistrictResult> {
    return this.#engine.replay(job);
  }
  get held(): Held {
    return this.#engine.held();
  }
  close(): Promise<void> {
    return this.#pool.end();
  }
}

/**
 * The worker runs TypeScript like the rest of the API: under tsx it inherits the loader; elsewhere
 * (the test runner) it is given tsx's loader explicitly.
 */
function workerExecArgv(): string[] | undefined {
  if (process.execArgv.some((a) => a === 'tsx' || /[\\/]tsx[\\/]dist[\\/]loader\.mjs$/.test(a))) return undefined;
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

class WorkerReplayer implements Replayer {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: DistrictResult) => void; reject: (e: Error) => void }>();
  #next = 0;
  #alive = true;
  #held: Held | null = null;

  constructor(url: string, o: ReplayPoolOptions) {
    const execArgv = workerExecArgv();
    this.#worker = new Worker(new URL('./whatif.worker.ts', import.meta.url), {
      workerData: { url, budgetClaims: o.budgetClaims, connections: o.connections } satisfies WorkerConfig,
      ...(execArgv === undefined ? {} : { execArgv }),
      resourceLimits: { maxOldGenerationSizeMb: o.heapMb },
    });
    this.#worker.on('message', (m: WorkerReply) => {
      const p = this.#pending.get(m.id);
      if (p === undefined) return;
      this.#pending.delete(m.id);
      if ('error' in m) p.reject(new Error(`what-if worker: ${m.error}`));
      else {
        this.#held = m.held;
        p.resolve(m.result);
      }
    });
    const fail = (e: Error) => {
      this.#alive = false;
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`what-if worker stopped (exit code ${code})`)));
  }

  get alive(): boolean {
    return this.#alive;
  }

  get held(): Held | null {
    return this.#held;
  }

  replay(job: DistrictJob): Promise<DistrictResult> {
    if (!this.#alive) return Promise.reject(new Error('what-if worker stopped'));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, job } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.#alive = false;
    await this.#worker.terminate();
  }
}

export class ReplayPool {
  readonly #replayers: (Replayer | null)[];
  /** district → the replayer that holds its snapshots */
  readonly #owner = new Map<string, number>();

  constructor(
    private readonly url: string,
    private readonly options: ReplayPoolOptions,
  ) {
    this.#replayers = Array.from({ length: Math.max(1, options.workers) }, () => null);
  }

  #replayer(i: number): Replayer {
    let r = this.#replayers[i];
    if (r === null || r === undefined || !r.alive) {
      // A worker that died took its snapshots with it: its districts are nobody's until replayed again.
      for (const [d, o] of this.#owner) if (o === i) this.#owner.delete(d);
      r = this.options.workers === 0 ? new LocalReplayer(this.url, this.options) : new WorkerReplayer(this.url, this.options);
      this.#replayers[i] = r;
    }
    return r;
  }

  /** Every job replayed, each by its district's worker; the results in the jobs' order. */
  async run(jobs: readonly DistrictJob[]): Promise<DistrictResult[]> {
    const n = this.#replayers.length;
    const own: DistrictJob[][] = Array.from({ length: n }, () => []);
    const free: DistrictJob[] = [];
    for (const j of jobs) {
      const o = this.#owner.get(j.districtCode);
      const r = o === undefined ? null : this.#replayers[o];
      if (o !== undefined && r !== null && r !== undefined && r.alive) own[o]!.push(j);
      else free.push(j);
    }
    const results = new Map<DistrictJob, DistrictResult>();
    await Promise.all(
      own.map(async (mine, i) => {
        for (;;) {
          const job = mine.shift() ?? free.shift();
          if (job === undefined) return;
          const r = this.#replayer(i);
          this.#owner.set(job.districtCode, i);
          results.set(job, await r.replay(job));
        }
      }),
    );
    return jobs.map((j) => results.get(j)!);
  }

  /** What each worker held after its last job (null for one that has run none). */
  held(): (Held | null)[] {
    return this.#replayers.map((r) => r?.held ?? null);
  }

  async close(): Promise<void> {
    const all = this.#replayers.filter((r): r is Replayer => r !== null);
    this.#replayers.fill(null);
    this.#owner.clear();
    await Promise.all(all.map((r) => r.close()));
  }
}
