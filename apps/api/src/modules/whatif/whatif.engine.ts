/**
 * Replays one district's period at a time, keeping the snapshots it read (whatif.snapshot.ts) in
 * memory, least recently used first out, within a budget of claims. One engine runs in each replay
 * worker (whatif.worker.ts), or in the API's own thread when workers are turned off; its jobs run
 * one after another, so two requests never read the same snapshot twice.
 */
import { getHeapStatistics } from 'node:v8';
import type { InstitutionRef, RuleSetOverride } from '@liangbing/policy';
import { districtBatches, institutionRefs, type Period, type Query } from './whatif.source';
import { contains, narrow } from './whatif.narrow';
import { isFresh, readWatermark, snapshotKey, type DistrictSnapshot } from './whatif.snapshot';
import { paidOf, replaySide, tallyOf, type Capture, type DistrictTally, type MonthTally, type SideTally } from './whatif.run';
import type { ReplayPatientData } from './whatif.replay';

export interface DistrictJob {
  districtCode: string;
  period: Period;
  /** the deployment's overrides: what the claims were decided under */
  base: RuleSetOverride[];
  /** identifies the deployment's overrides (their JSON), so that the replay under them is kept with the snapshot */
  baseKey: string;
  /** the deployment's overrides with the what-if on top; null only reads and replays as configured (a preload) */
  combined: RuleSetOverride[] | null;
  /** the institutions' fingerprint as the request found it */
  institutionsKey: string;
}

/** One job per district, all under the same configuration and what-if. */
export function districtJobs(
  districts: readonly string[],
  period: Period,
  base: readonly RuleSetOverride[],
  combined: RuleSetOverride[] | null,
  institutionsKey: string,
): DistrictJob[] {
  const baseKey = JSON.stringify(base);
  return districts.map((districtCode) => ({ districtCode, period, base: [...base], baseKey, combined, institutionsKey }));
}

export interface DistrictResult {
  tally: DistrictTally;
  months: MonthTally[];
  /** where the district's claims came from: kept in memory since an earlier request, or read for this one */
  source: 'memory' | 'database';
  /** reading the snapshot from the database (0 from memory) */
  readMs: number;
  /** checking that a kept snapshot is still fresh */
  checkMs: number;
  /** deciding claims and tallying */
  replayMs: number;
  /** when the snapshot's read began (epoch ms) */
  dataAsOf: number;
}

export interface Held {
  snapshots: number;
  claims: number;
  /** the V8 heap in use by the engine's thread */
  heapUsedBytes: number;
}

export interface EngineOptions {
  /** claims kept in memory across snapshots; the least recently used snapshots are dropped past it */
  budgetClaims: number;
  /** patients per statement when reading */
  batchSize?: number;
  /** sees every input pair the what-if side decides (the benchmark's baseline) */
  capture?: Capture;
}

/** The deployment configurations whose replays are kept with a snapshot: a deployment has one at a time. */
const CONFIGURED_KEPT = 2;

export class ReplayEngine {
  readonly #snapshots = new Map<string, DistrictSnapshot>();
  #institutions: { key: string; refs: Map<string, InstitutionRef> } | null = null;
  #claims = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly q: Query,
    private readonly options: EngineOptions,
  ) {}

  /** Jobs run one at a time, in the order they arrive. */
  replay(job: DistrictJob): Promise<DistrictResult> {
    const run = this.#queue.then(() => this.#replay(job));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Snapshots and claims held in memory, and the heap of the thread that holds them. */
  held(): Held {
    return { snapshots: this.#snapshots.size, claims: this.#claims, heapUsedBytes: getHeapStatistics().used_heap_size };
  }

  async #replay(job: DistrictJob): Promise<DistrictResult> {
    const started = performance.now();
    const key = snapshotKey(job.districtCode, job.period);
    let snapshot = this.#snapshots.get(key);
    let source: DistrictResult['source'] = 'memory';
    if (snapshot !== undefined && (snapshot.institutionsKey !== job.institutionsKey || !(await isFresh(this.q, snapshot)))) {
      this.#drop(key);
      snapshot = undefined;
    }
    if (snapshot === undefined) {
      snapshot = await this.#cutFromKept(job);
      if (snapshot !== undefined) this.#keep(key, snapshot);
    }
    const checkMs = performance.now() - started;
    if (snapshot === undefined) {
      source = 'database';
      snapshot = await this.#read(job);
      this.#keep(key, snapshot);
    } else if (this.#snapshots.delete(key)) {
      // most recently used last (one over the budget was never kept)
      this.#snapshots.set(key, snapshot);
    }
    const replayStarted = performance.now();
    let configured = snapshot.configured.get(job.baseKey);
    if (configured === undefined) {
      configured = replaySide(snapshot.patients, job.base);
      if (snapshot.configured.size >= CONFIGURED_KEPT) snapshot.configured.delete(snapshot.configured.keys().next().value!);
      snapshot.configured.set(job.baseKey, configured);
    }
    const whatIf: SideTally = job.combined === null ? configured : replaySide(snapshot.patients, job.combined, this.options.capture);
    const { tally, months } = tallyOf(job.districtCode, snapshot.patients.length, snapshot.paid, configured, whatIf);
    return {
      tally,
      months,
      source,
      readMs: source === 'database' ? snapshot.readMs : 0,
      checkMs: source === 'memory' ? checkMs : 0,
      replayMs: performance.now() - replayStarted,
      dataAsOf: snapshot.readAt,
    };
  }

  /**
   * The job's period cut out of the smallest fresh snapshot of the district that contains it
   * (whatif.narrow.ts), or undefined. It shares the longer period's claim objects and its
   * watermark (it is the same read), and is kept like any snapshot so that its replay as
   * configured is kept with it; the budget counts its claims although they are shared.
   */
  async #cutFromKept(job: DistrictJob): Promise<DistrictSnapshot | undefined> {
    const containing = [...this.#snapshots.values()]
      .filter((s) => s.districtCode === job.districtCode && s.institutionsKey === job.institutionsKey && contains(s.period, job.period))
      .sort((a, b) => a.claims - b.claims);
    for (const outer of containing) {
      if (!(await isFresh(this.q, outer))) {
        this.#drop(snapshotKey(outer.districtCode, outer.period));
        continue;
      }
      const patients = narrow(outer.patients, outer.period, job.period);
      const paid = paidOf(patients, job.period);
      return { ...outer, period: job.period, patients, claims: paid.side.claims, paid, configured: new Map() };
    }
    return undefined;
  }

  async #read(job: DistrictJob): Promise<DistrictSnapshot> {
    const readAt = Date.now();
    const started = performance.now();
    const watermark = await readWatermark(this.q, job.districtCode);
    if (this.#institutions?.key !== job.institutionsKey) {
      // Every kept snapshot holds the old institutions: none of them can be used again.
      for (const k of [...this.#snapshots.keys()]) this.#drop(k);
      this.#institutions = { key: job.institutionsKey, refs: await institutionRefs(this.q) };
    }
    const patients: ReplayPatientData[] = [];
    for await (const batch of districtBatches(this.q, job.districtCode, job.period, this.#institutions.refs, this.options.batchSize ?? 1000)) {
      for (const p of batch) patients.push(p);
    }
    const paid = paidOf(patients, job.period);
    return {
      districtCode: job.districtCode,
      period: job.period,
      patients,
      claims: paid.side.claims,
      watermark,
      institutionsKey: job.institutionsKey,
      readAt,
      readMs: performance.now() - started,
      paid,
      configured: new Map(),
    };
  }

  #keep(key: string, s: DistrictSnapshot): void {
    // A snapshot larger than the whole budget serves its own request and is not kept.
    if (s.claims > this.options.budgetClaims) return;
    for (const k of this.#snapshots.keys()) {
      if (this.#claims + s.claims <= this.options.budgetClaims) break;
      this.#drop(k);
    }
    this.#snapshots.set(key, s);
    this.#claims += s.claims;
  }

  #drop(key: string): void {
    const s = this.#snapshots.get(key);
    if (s === undefined) return;
    this.#snapshots.delete(key);
    this.#claims -= s.claims;
  }
}
