/**
 * Reads on a streaming replica (DATABASE_REPLICA_URL), writes on the primary.
 *
 * Only what a caller reads as a figure or a page — statistics, reports, lists — goes through
 * `RequestReads.run`; a mutation, its own answer, the claim path and every transaction use the
 * request's primary EntityManager (`Context.em`), so a writer always reads its own writes.
 *
 * The replica serves only while it is reachable and within REPLICA_MAX_LAG_SECONDS of the primary.
 * Its lag is measured, not guessed from pg_last_xact_replay_timestamp() alone (on an idle primary
 * that timestamp ages although the replica has everything): each probe samples the primary's
 * flushed WAL position with its time (the primary's clock), and the replica's data is as of the latest sampled time
 * whose position it has replayed (or its last replayed commit, if later). Probes are cached for
 * PROBE_TTL_MS; a read the replica fails for a connection's reason marks it unreachable at once,
 * and every read the replica fails is answered again from the primary.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AppError } from '../errors';

export type ReplicaState = 'none' | 'serving' | 'behind' | 'unreachable';
export type ReadSource = 'primary' | 'replica';

export interface ReplicaStatus {
  readonly state: ReplicaState;
  /** seconds the replica's data is behind the primary's; null with no replica or none reachable */
  readonly lagSeconds: number | null;
  /** when the replica's data was the primary's (ms since the epoch); null unless reachable */
  readonly replicaDataAsOf: number | null;
  /** when this status was measured (ms since the epoch) */
  readonly measuredAt: number;
  /** why the replica is not serving, when it is not */
  readonly reason: string | null;
}

/** What one read was answered from. */
export interface ReadInfo {
  readonly source: ReadSource;
  readonly state: ReplicaState;
  readonly lagSeconds: number | null;
  /** ISO 8601: the answer reflects every write committed before then (the primary: when the read began) */
  readonly dataAsOf: string;
}

export interface ReadRouterOptions {
  maxLagSeconds: number;
  /** how long a probe's answer is used (default 1 s) */
  ttlMs?: number;
  /** a probe that takes longer counts the replica unreachable (default 1 s) */
  probeTimeoutMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/** 'X/Y' (pg_lsn as text) as a number that orders like the position. */
export function lsnValue(lsn: string): bigint {
  const m = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(lsn);
  if (!m) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

interface Sample {
  at: number;
  lsn: bigint;
}

/**
 * When the replica's data was the primary's: the latest sampled time whose flushed position it
 * has replayed, or the commit time of the last transaction it replayed, whichever is later.
 */
export function replicaDataAsOf(samples: readonly Sample[], replayed: bigint, lastReplayedCommit: number | null): number | null {
  let asOf = lastReplayedCommit;
  for (const s of samples) if (s.lsn <= replayed && (asOf === null || s.at > asOf)) asOf = s.at;
  return asOf;
}

/** Errors that say the server or the connection is gone, not that the statement is wrong. */
export function connectionLost(e: unknown): boolean {
  const x = e as { code?: string; message?: string; cause?: unknown } | null;
  if (x === null || typeof x !== 'object') return false;
  const code = String(x.code ?? '');
  if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|08...|57P0[123])$/.test(code)) return true;
  if (
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode)|ECONNREFUSED|ECONNRESET/i.test(
      x.message ?? '',
    )
  )
    return true;
  return x.cause !== undefined && x.cause !== e && connectionLost(x.cause);
}

export class ReadRouter {
  private status: ReplicaStatus;
  private refreshing: Promise<ReplicaStatus> | null = null;
  private samples: Sample[] = [];
  private readonly ttlMs: number;
  private readonly probeTimeoutMs: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly primary: MikroORM,
    private readonly replica: MikroORM | null,
    private readonly options: ReadRouterOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    this.status = {
      state: replica === null ? 'none' : 'unreachable',
      lagSeconds: null,
      replicaDataAsOf: null,
      measuredAt: replica === null ? Infinity : -Infinity,
      reason: replica === null ? null : 'not probed yet',
    };
  }

  get configured(): boolean {
    return this.replica !== null;
  }

  get maxLagSeconds(): number {
    return this.options.maxLagSeconds;
  }

  /** The replica's state, measured at most ttlMs ago (concurrent callers share one probe). */
  async current(): Promise<ReplicaStatus> {
    if (this.replica === null || this.now() - this.status.measuredAt < this.ttlMs) return this.status;
    this.refreshing ??= this.probe().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** A read on the replica failed for a connection's reason: primary until the next probe says otherwise. */
  markUnreachable(reason: string): void {
    if (this.status.state !== 'unreachable') this.log(`api: read replica unreachable (${reason}): reads go to the primary`);
    this.status = { state: 'unreachable', lagSeconds: null, replicaDataAsOf: null, measuredAt: this.now(), reason };
  }

  /** An EntityManager fork on the replica (only while one is configured). */
  replicaEm(): EntityManager {
    if (this.replica === null) throw new Error('no read replica configured');
    return this.replica.em.fork();
  }

  async close(): Promise<void> {
    if (this.replica !== null) await this.replica.close();
  }

  private async probe(): Promise<ReplicaStatus> {
    const before = this.status.state;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${this.probeTimeoutMs} ms`)), this.probeTimeoutMs)),
    );
    try {
      this.status = await Promise.race([this.measure(), timeout]);
    } catch (e) {
      this.status = {
        state: 'unreachable',
        lagSeconds: null,
        replicaDataAsOf: null,
        measuredAt: this.now(),
        reason: e instanceof Error ? e.message : String(e),
      };
    } finally {
      clearTimeout(timer);
    }
    if (this.status.state !== before)
      this.log(
        `api: read replica ${this.status.state}${this.status.reason === null ? '' : ` (${this.status.reason})`}${this.status.state === 'serving' ? '' : ': reads go to the primary'}`,
      );
    return this.status;
  }

  private async measure(): Promise<ReplicaStatus> {
    // The primary's clock, like pg_last_xact_replay_timestamp(): the lag does not depend on this host's clock.
    const [p] = await this.primary.em
      .getConnection()
      .execute<{ lsn: string; at: number }[]>('select pg_current_wal_flush_lsn()::text as lsn, (extract(epoch from clock_timestamp()) * 1000)::float8 as at');
    const at = Number(p!.at);
    this.samples.push({ at, lsn: lsnValue(p!.lsn) });
    // Enough history to date a replica up to a few bounds behind; older than that is "behind" anyway.
    const keepFrom = at - Math.max(60_000, this.options.maxLagSeconds * 3000);
    this.samples = this.samples.filter((s) => s.at >= keepFrom).slice(-1000);
    const [r] = await this.replica!.em.getConnection().execute<{ recovery: boolean; replayed: string | null; committed: number | null }[]>(
      `select pg_is_in_recovery() as recovery,
              coalesce(pg_last_wal_replay_lsn(), pg_current_wal_flush_lsn())::text as replayed,
              (extract(epoch from pg_last_xact_replay_timestamp()) * 1000)::float8 as committed`,
    );
    // Not in recovery: a primary itself (promoted, or the same server), so as current as it gets.
    const asOf = r!.recovery ? replicaDataAsOf(this.samples, lsnValue(r!.replayed!), r!.committed === null ? null : Number(r!.committed)) : at;
    const measuredAt = this.now();
    if (asOf === null)
      return { state: 'behind', lagSeconds: null, replicaDataAsOf: null, measuredAt, reason: 'the replica has replayed nothing the primary is known to have' };
    const lagSeconds = Math.max(0, (at - asOf) / 1000);
    const behind = lagSeconds > this.options.maxLagSeconds;
    return {
      state: behind ? 'behind' : 'serving',
      lagSeconds,
      replicaDataAsOf: asOf,
      measuredAt,
      reason: behind ? `${lagSeconds.toFixed(1)} s behind, more than REPLICA_MAX_LAG_SECONDS=${this.options.maxLagSeconds}` : null,
    };
  }
}

/**
 * One request's reads: `run` answers a read from the replica while it serves, else (and when the
 * replica fails it) from the request's primary EntityManager; `last` is what the latest read was
 * answered from, for the fields that report it (`statistics { source dataAsOf replicaLagSeconds }`).
 */
export class RequestReads {
  private replicaEm: EntityManager | null = null;
  last: ReadInfo | null = null;

  constructor(
    private readonly router: ReadRouter | null,
    private readonly primaryEm: EntityManager,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(read: (em: EntityManager) => Promise<T>): Promise<T> {
    const started = this.now();
    const status = this.router === null ? null : await this.router.current();
    if (this.router !== null && status !== null && status.state === 'serving') {
      this.replicaEm ??= this.router.replicaEm();
      try {
        const value = await read(this.replicaEm);
        this.last = { source: 'replica', state: 'serving', lagSeconds: status.lagSeconds, dataAsOf: new Date(status.replicaDataAsOf!).toISOString() };
        return value;
      } catch (e) {
        // The caller's own mistakes are the same on either server.
        if (e instanceof AppError) throw e;
        if (connectionLost(e)) this.router.markUnreachable(e instanceof Error ? e.message : String(e));
        this.replicaEm = null;
      }
    }
    const value = await read(this.primaryEm);
    const after = this.router === null ? null : await this.router.current();
    this.last = { source: 'primary', state: after?.state ?? 'none', lagSeconds: after?.lagSeconds ?? null, dataAsOf: new Date(started).toISOString() };
    return value;
  }
}
