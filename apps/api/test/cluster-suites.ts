/**
 * The API's integration suites on the Citus cluster (`pnpm --filter @liangbing/api test:cluster`,
 * run by .ci/run): those seen passing there (ON_CLUSTER); every other *.int.test.ts is listed with
 * why (EXCLUDED, or "not yet run to the end on the cluster"). The issue requires the cap under
 * concurrency, idempotency, the access matrix, claim batches and the rollups: all pass there.
 *
 *   tsx test/cluster-suites.ts            starts the cluster if needed and runs the suites on it
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The suites run on the cluster: each one seen passing there (TEST_CLUSTER=1). A suite is added
 * here once it passes on the cluster; every other suite is named in EXCLUDED with why.
 */
export const ON_CLUSTER = [
  'src/db/citus.int.test.ts',
  'src/modules/claims/claim-batch.int.test.ts',
  'src/modules/statistics/rollups.int.test.ts',
  'src/modules/patients/patient-life.int.test.ts',
  'test/reliability/concurrency.int.test.ts',
  'test/reliability/idempotency.int.test.ts',
  'test/reliability/access.int.test.ts',
  'src/modules/audit/audit-log.int.test.ts',
  'src/modules/credit/credit.int.test.ts',
  'src/auth/access.int.test.ts',
  'src/auth/provider.int.test.ts',
  'src/boot.int.test.ts',
  'src/demo/load.int.test.ts',
  'src/graphql/cost.int.test.ts',
  'src/graphql/lean-lists.int.test.ts',
  'src/modules/availability/availability.int.test.ts',
  'src/modules/capitation/capitation.int.test.ts',
  'src/modules/catalogue/catalogue.int.test.ts',
  'src/modules/claims/claims.int.test.ts',
  'src/modules/claims/delivery.int.test.ts',
  'src/modules/claims/drug-input.int.test.ts',
  'src/modules/claims/notice.int.test.ts',
  'src/modules/claims/year-summary.int.test.ts',
  'src/modules/clinical/clinical.int.test.ts',
  'src/modules/clinical/general-outpatient.int.test.ts',
  'src/modules/fhir/fhir.int.test.ts',
  'src/modules/fund/fund.int.test.ts',
  'src/modules/history/history.context.int.test.ts',
  'src/modules/history/history.import.int.test.ts',
  'src/modules/history/history.rerun.int.test.ts',
  'src/modules/masterdata/institution-import.int.test.ts',
  'src/modules/masterdata/institutions.int.test.ts',
  'src/modules/masterdata/regions-population.int.test.ts',
  'src/modules/monitoring/monitoring.int.test.ts',
  'src/modules/monitoring/over-standard.int.test.ts',
  'src/modules/patients/patient-records.int.test.ts',
  'src/modules/paystd/paystd.int.test.ts',
  'src/modules/reports/quarterly.int.test.ts',
  'src/modules/roster/roster.int.test.ts',
  'src/modules/scorecard/scorecard.int.test.ts',
  'src/modules/settings/settings.int.test.ts',
  'src/modules/signing/signing.int.test.ts',
  'src/modules/statistics/figures.int.test.ts',
  'src/modules/statistics/per-disease.int.test.ts',
  'src/modules/statistics/refused.int.test.ts',
  'src/modules/statistics/statistics.int.test.ts',
  'test/production.int.test.ts',
  'test/reliability/certify-operator.int.test.ts',
  'test/reliability/fhir-access.int.test.ts',
  'test/reliability/hostile.int.test.ts',
  'test/reliability/override-zh.int.test.ts',
  'src/modules/whatif/whatif.int.test.ts',
];

/** The suites the issue requires on the cluster: each must be in ON_CLUSTER, or in EXCLUDED saying what still fails. */
export const REQUIRED = [
  'test/reliability/concurrency.int.test.ts',
  'test/reliability/idempotency.int.test.ts',
  'test/reliability/access.int.test.ts',
  'src/modules/claims/claim-batch.int.test.ts',
  'src/modules/statistics/rollups.int.test.ts',
  'src/db/citus.int.test.ts',
];

const NOT_YET = 'not yet run to the end on the cluster: it may pass, it is not claimed to';

/** suite → why it does not run on the cluster (every suite not in ON_CLUSTER) */
export const EXCLUDED: Record<string, string> = {
  'test/reliability/crash.int.test.ts':
    'kills and restarts a PostgreSQL of its own (embedded, started by the test) under load: it tests that server, not the cluster, and the cluster suite cannot kill a shared coordinator',
  'test/reliability/restart.int.test.ts': 'restarts the API on an embedded PostgreSQL it starts itself: nothing of it touches the cluster',
  'test/reliability/replica.int.test.ts':
    'starts a PostgreSQL 15 primary and a streaming replica of its own (scripts/replica.ts) and kills the replica under load: it tests streaming replication, not the cluster (Citus scales writes by shards, replicas scale reads of one node)',
  'test/reliability/migrations.int.test.ts':
    'its backup half (pg_dump, restore, same statistics) runs on a PostgreSQL 15 it starts itself; its rollback half (every migration down and up) would undistribute and redistribute every table on the cluster; ' +
    NOT_YET,
  'src/modules/statistics/plans.int.test.ts':
    "reads one PostgreSQL's plans (EXPLAIN names the tables an index scan or a sequential scan reads); on the cluster the coordinator's plan is Citus's custom scan over shard tables (claims_102008 …), so the test's table names do not appear: the cluster's plans are checked by src/db/citus.int.test.ts (router queries)",
};

function suites(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'lint-fixtures' ? [] : suites(rel);
    return e.name.endsWith('.int.test.ts') ? [rel] : [];
  });
}

export function clusterSuites(): { run: string[]; excluded: [string, string][] } {
  const all = [...suites('src'), ...suites('test')].sort();
  for (const r of [...REQUIRED, ...ON_CLUSTER]) if (!all.includes(r)) throw new Error(`cluster-suites: ${r} does not exist`);
  for (const r of REQUIRED)
    if (!ON_CLUSTER.includes(r) && !(r in EXCLUDED))
      throw new Error(`cluster-suites: required ${r} is neither run on the cluster nor excluded with its reason`);
  const excluded = all.filter((s) => !ON_CLUSTER.includes(s)).map((s): [string, string] => [s, EXCLUDED[s] ?? NOT_YET]);
  return { run: ON_CLUSTER, excluded };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { run: list, excluded } = clusterSuites();
  for (const [s, why] of excluded) console.log(`test:cluster: not on the cluster: ${s} (${why})`);
  const started = Date.now();
  // A suite's set-up on the cluster creates its database on three nodes and distributes every
  // table in the migrations (about a minute on an idle 2-core machine, four and more when it is
  // shared): the hooks and tests get five times vitest.config.ts's limits there.
  const limits = ['--hookTimeout=600000', '--testTimeout=300000'];
  const r = spawnSync('npx', ['vitest', 'run', ...limits, ...list], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TEST_CLUSTER: '1' } });
  console.log(`test:cluster: ${list.length} suites in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(r.status ?? 1);
}
