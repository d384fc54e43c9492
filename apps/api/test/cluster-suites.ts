/**
 * The API's integration suites on the Citus cluster (`pnpm --filter @liangbing/api test:cluster`,
 * run by .ci/run): every *.int.test.ts except those named here, each with why. The cap under
 * concurrency, idempotency, the access matrix, claim batches and the rollups are never excluded.
 *
 *   tsx test/cluster-suites.ts            starts the cluster if needed and runs the suites on it
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** suite → why it does not run on the cluster */
export const EXCLUDED: Record<string, string> = {
  'test/reliability/crash.int.test.ts':
    'kills and restarts a PostgreSQL of its own (embedded, started by the test) under load: it tests that server, not the cluster, and the cluster suite cannot kill a shared coordinator',
  'test/reliability/restart.int.test.ts': 'restarts the API on an embedded PostgreSQL it starts itself: nothing of it touches the cluster',
};

/** Suites that must pass on the cluster whatever else is excluded. */
export const REQUIRED = [
  'test/reliability/concurrency.int.test.ts',
  'test/reliability/idempotency.int.test.ts',
  'test/reliability/access.int.test.ts',
  'src/modules/claims/claim-batch.int.test.ts',
  'src/modules/statistics/rollups.int.test.ts',
  'src/db/citus.int.test.ts',
];

function suites(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'lint-fixtures' ? [] : suites(rel);
    return e.name.endsWith('.int.test.ts') ? [rel] : [];
  });
}

export function clusterSuites(): string[] {
  const all = [...suites('src'), ...suites('test')].sort();
  for (const r of REQUIRED) if (!all.includes(r)) throw new Error(`cluster-suites: required suite ${r} does not exist`);
  for (const r of REQUIRED) if (r in EXCLUDED) throw new Error(`cluster-suites: ${r} must run on the cluster`);
  return all.filter((s) => !(s in EXCLUDED));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const list = clusterSuites();
  for (const [s, why] of Object.entries(EXCLUDED)) console.log(`test:cluster: not on the cluster: ${s} (${why})`);
  const started = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', ...list], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TEST_CLUSTER: '1' } });
  console.log(`test:cluster: ${list.length} suites in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(r.status ?? 1);
}
