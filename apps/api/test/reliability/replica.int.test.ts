/**
 * Reads on a streaming replica (issue 18, part 4), on a real PostgreSQL 15 primary and hot
 * standby that scripts/replica.ts starts in a temporary directory on free ports:
 * statistics are answered from the replica (proved by pausing its replay: a claim the primary has
 * is not in the figures until the replica replays it); a replica behind REPLICA_MAX_LAG_SECONDS is
 * left for the primary; a replica killed (SIGKILL) under a load of reads and claims loses no read
 * and no claim; restarted, it catches up and serves again.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens';
import { boot } from '../../src/boot';
import { loadConfig } from '../../src/config';
import { freePort } from '../../src/db/embedded';
import { migrate, openOrm } from '../../src/db/orm';
import { ReadRouter } from '../../src/db/replica';
import { exec } from '../../src/db/sql';
import { GUIYANG_DEMO_OVERRIDE } from '../../src/policy-config';
import { listen, type RunningServer } from '../../src/server';
import { createServices } from '../../src/services';
import { binariesPresent, killReplica, PG_BIN, startReplica, startReplicaPair, stopReplicaPair, type ReplicaPair } from '../../scripts/replica';
import { gqlClient, type Gql } from '../common';
import { claimInput, SECRET, seedWuxi, SUBMIT, TODAY } from '../harness';

const MAX_LAG_SECONDS = 3;
const STATS = `{ statistics(regionCode: "320200", year: 2025, quarter: 2) { source replicaState replicaLagSeconds dataAsOf indicators { benefitUses } } }`;

interface Stats {
  source: 'PRIMARY' | 'REPLICA';
  replicaState: string;
  replicaLagSeconds: number | null;
  dataAsOf: string;
  indicators: { benefitUses: number };
}

describe.skipIf(!binariesPresent())(`reads on a streaming replica (PostgreSQL 15 in ${PG_BIN}; skipped only when its binaries are absent)`, () => {
  let dir: string;
  let pair: ReplicaPair;
  let orm: MikroORM;
  let replicaOrm: MikroORM;
  let router: ReadRouter;
  let server: RunningServer;
  let gql: Gql;
  let token: string;
  let operator: string;

  const stats = async (): Promise<Stats> => {
    const r = await gql<{ statistics: Stats }>(token, STATS);
    expect(r.errors).toBeUndefined();
    return r.data!.statistics;
  };
  const until = async <T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(v)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const onPrimary = async (): Promise<number> =>
    Number((await exec<{ n: string }>(orm.em.fork(), `select count(*) as n from claims where service_date between '2025-04-01' and '2025-06-30'`))[0]!.n);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-replica-'));
    chmodSync(dir, 0o755);
    pair = await startReplicaPair({ dir: path.join(dir, 'pair'), primaryPort: await freePort(), replicaPort: await freePort() });
    orm = await openOrm(pair.primaryUrl, 30);
    await migrate(orm);
    await seedWuxi((text, params = []) => exec(orm.em.fork(), text, params));
    replicaOrm = await openOrm(pair.replicaUrl, 10, { connectionTimeoutMillis: 2000 });
    router = new ReadRouter(orm, replicaOrm, { maxLagSeconds: MAX_LAG_SECONDS, ttlMs: 200 });
    const services = createServices([GUIYANG_DEMO_OVERRIDE], () => TODAY);
    server = await listen({ orm, services, secret: SECRET, production: false, reads: router }, 0);
    gql = gqlClient(server.url);
    token = await signToken(SECRET, { userId: 'u-lead', role: 'city_leadership', cityCode: '320200', districtCode: null, institutionId: null });
    operator = await signToken(SECRET, { userId: 'u-op', role: 'institution_operator', cityCode: '320200', districtCode: '320213', institutionId: 'I-LX-CHC' });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await router?.close();
    await orm?.close();
    if (pair) await stopReplicaPair(pair.options);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers statistics from the replica: a claim on the primary is in the figures only once the replica has replayed it', async () => {
    const before = await until('the replica serving, caught up with the seed', stats, (s) => s.source === 'REPLICA');
    expect(before.replicaState).toBe('SERVING');
    expect(before.replicaLagSeconds).toBeLessThanOrEqual(MAX_LAG_SECONDS);
    expect(Number.isNaN(Date.parse(before.dataAsOf))).toBe(false);
    expect(before.indicators.benefitUses).toBe(0);

    // A connection of its own to the replica, ended before the next test kills it.
    const replicaClient = new pg.Client({ connectionString: pair.replicaUrl });
    await replicaClient.connect();
    await replicaClient.query('select pg_wal_replay_pause()');
    try {
      const submitted = await gql<{ submitClaim: { claim: { id: string; status: string } } }>(operator, SUBMIT, { input: claimInput() });
      expect(submitted.errors).toBeUndefined();
      // The writer reads its own write: the mutation's answer comes from the primary.
      expect(submitted.data!.submitClaim.claim.status).toBe('ACCEPTED');
      expect(await onPrimary()).toBe(1);
      // Within the bound the replica still answers, and it has not replayed the claim.
      const paused = await stats();
      expect(paused.source).toBe('REPLICA');
      expect(paused.indicators.benefitUses).toBe(0);
      // Paused past the bound: behind, so the primary answers, with the claim.
      const behind = await until('the replica left behind', stats, (s) => s.source === 'PRIMARY', (MAX_LAG_SECONDS + 5) * 1000);
      expect(behind.replicaState).toBe('BEHIND');
      expect(behind.replicaLagSeconds).toBeGreaterThan(MAX_LAG_SECONDS);
      expect(behind.indicators.benefitUses).toBe(1);
      const health = (await (await fetch(`${server.url}/readyz`)).json()) as { ok: boolean; replica: { state: string; readsFrom: string } };
      expect(health).toMatchObject({ ok: true, replica: { state: 'behind', readsFrom: 'primary' } });
    } finally {
      await replicaClient.query('select pg_wal_replay_resume()');
      await replicaClient.end();
    }
    const after = await until('the replica caught up', stats, (s) => s.source === 'REPLICA');
    expect(after.indicators.benefitUses).toBe(1);
  });

  it('loses no read and no claim when the replica is killed under load, and serves again once restarted', async () => {
    await until('the replica serving', stats, (s) => s.source === 'REPLICA');
    const acknowledged: string[] = [];
    const readErrors: unknown[] = [];
    const sources: string[] = [];
    let stop = false;
    const patients = ['P1', 'P2'];
    const claimLoop = async (patientId: string) => {
      while (!stop) {
        const r = await gql<{ submitClaim: { claim: { id: string } } }>(operator, SUBMIT, { input: claimInput({ patientId }) });
        if (r.errors === undefined) acknowledged.push(r.data!.submitClaim.claim.id);
      }
    };
    const readLoop = async () => {
      while (!stop) {
        const r = await gql<{ statistics: Stats }>(token, STATS);
        if (r.errors !== undefined) readErrors.push(r.errors);
        else sources.push(r.data!.statistics.source);
        const list = await gql<{ claims: { totalCount: number } }>(token, `{ claims(first: 5) { totalCount nodes { id } } }`);
        if (list.errors !== undefined) readErrors.push(list.errors);
      }
    };
    const loops = [...patients.map(claimLoop), readLoop(), readLoop()];
    await new Promise((r) => setTimeout(r, 1500));
    const servedBeforeKill = sources.length;
    const killed = await killReplica(pair.options);
    expect(killed.length).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(loops);

    expect(readErrors).toEqual([]);
    expect(sources.slice(0, servedBeforeKill)).toContain('REPLICA');
    expect(sources.length).toBeGreaterThan(servedBeforeKill);
    expect(sources.slice(servedBeforeKill).at(-1)).toBe('PRIMARY');
    const down = await stats();
    expect(down).toMatchObject({ source: 'PRIMARY', replicaState: 'UNREACHABLE', replicaLagSeconds: null });
    const health = await fetch(`${server.url}/readyz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'up', replica: { state: 'unreachable', readsFrom: 'primary' } });

    // Every acknowledged claim is on the primary.
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await exec<{ n: string }>(orm.em.fork(), `select count(*) as n from claims where id = any(?::uuid[])`, [acknowledged]);
    expect(Number(stored[0]!.n)).toBe(acknowledged.length);

    // Restarted, the replica replays what it missed and answers again, with the primary's figures.
    await startReplica(pair.options);
    const back = await until('the replica serving again', stats, (s) => s.source === 'REPLICA', 30_000);
    expect(back.indicators.benefitUses).toBe(down.indicators.benefitUses);
    expect(down.indicators.benefitUses).toBeGreaterThan(1);
  });

  it('is configured by DATABASE_REPLICA_URL at start-up, and a replica that is down delays nothing and fails no readiness', async () => {
    const env = { LIANGBING_MODE: 'production', JWT_SECRET: 'replica-test-secret-replica-test-secret', API_PORT: '0', DATABASE_URL: pair.primaryUrl };
    for (const [replicaUrl, state] of [
      [pair.replicaUrl, 'serving'],
      [`postgres://postgres:postgres@127.0.0.1:${await freePort()}/liangbing`, 'unreachable'],
    ] as const) {
      const lines: string[] = [];
      const started = Date.now();
      const api = await boot(loadConfig({ ...env, DATABASE_REPLICA_URL: replicaUrl, REPLICA_MAX_LAG_SECONDS: '5' }), {
        log: (l) => lines.push(l),
        today: () => TODAY,
      });
      try {
        expect(Date.now() - started).toBeLessThan(20_000);
        expect(lines.find((l) => l.includes('(bound'))).toMatch(new RegExp(`read replica postgres://postgres:\\*\\*\\*@.*: ${state}.*bound 5 s`));
        const ready = await fetch(`${api.server.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({
          ok: true,
          database: 'up',
          replica: { state, maxLagSeconds: 5, readsFrom: state === 'serving' ? 'replica' : 'primary' },
        });
      } finally {
        await api.stop();
      }
    }
  });
});
