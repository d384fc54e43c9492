/**
 * Citus, the distributed PostgreSQL extension: what the migrations, the test set-up and the
 * loopback cluster (scripts/cluster.ts) share. Citus keeps its metadata (the nodes, the shards)
 * per database, so a database made on a cluster needs the extension on the coordinator AND on
 * every worker, and its coordinator copy must be told where the workers are.
 */
import pg from 'pg';

/** The SQL a migration's `addSql` would take; distributeIfCitus returns statements for it. */
export type Statement = string;

/** Whether the database a connection is on has the Citus extension. */
export const HAS_CITUS = `select exists (select 1 from pg_extension where extname = 'citus') as citus`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const databaseUrl = (url: string, database: string) => url.replace(/\/[^/?]*(\?.*)?$/, `/${database}$1`);

/** A URL of the same server for another host:port (same user and password). */
function nodeUrl(adminUrl: string, host: string, port: number, database: string): string {
  const u = new URL(adminUrl);
  u.hostname = host;
  u.port = String(port);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface ClusterNode {
  host: string;
  port: number;
}

/** The workers registered in the admin database of a cluster's coordinator (scripts/cluster.ts registers them there). */
export async function clusterWorkers(adminUrl: string): Promise<ClusterNode[]> {
  return withClient(adminUrl, async (c) => {
    const r = await c.query<{ host: string; port: number }>(
      `select nodename as host, nodeport as port from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeid`,
    );
    return r.rows;
  });
}

/**
 * Makes `database` ready for Citus: the extension in it on every worker and on the coordinator,
 * the coordinator's host set and the workers added. Run once after the database exists on every node.
 */
export async function enableCitus(adminUrl: string, database: string, workers: readonly ClusterNode[]): Promise<void> {
  const coordinator = new URL(adminUrl);
  for (const w of workers) await withClient(nodeUrl(adminUrl, w.host, w.port, database), (c) => c.query('create extension if not exists citus'));
  await withClient(databaseUrl(adminUrl, database), async (c) => {
    await c.query('create extension if not exists citus');
    await c.query(`select citus_set_coordinator_host($1, $2)`, [coordinator.hostname, Number(coordinator.port || 5432)]);
    for (const w of workers) {
      const known = await c.query(`select 1 from pg_dist_node where nodename = $1 and nodeport = $2`, [w.host, w.port]);
      if (known.rowCount === 0) await c.query(`select citus_add_node($1, $2)`, [w.host, w.port]);
    }
  });
}

/** A new database on every node of the cluster whose coordinator `adminUrl` is on, with Citus enabled in it. */
export async function createClusterDatabase(adminUrl: string, database: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const workers = await clusterWorkers(adminUrl);
  if (workers.length === 0)
    throw new Error(
      `createClusterDatabase: ${new URL(adminUrl).host} has no Citus workers registered (start the cluster with pnpm --filter @liangbing/api cluster:start)`,
    );
  const urls = [adminUrl, ...workers.map((w) => nodeUrl(adminUrl, w.host, w.port, 'postgres'))];
  for (const u of urls) await withClient(u, (c) => c.query(`create database ${database}`));
  await enableCitus(adminUrl, database, workers);
  return {
    url: databaseUrl(adminUrl, database),
    drop: async () => {
      for (const u of urls) await withClient(u, (c) => c.query(`drop database if exists ${database} with (force)`));
    },
  };
}

/** Whether the test run is on the Citus cluster (TEST_CLUSTER=1, see test/global-setup.ts). */
export const onTestCluster = () => process.env.TEST_CLUSTER === '1';

/** A new empty database for a test: on every node (Citus enabled) on the cluster, a plain one otherwise. */
export async function createTestDatabase(adminUrl: string, database: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // a suite that runs a PostgreSQL of its own (crash.int.test.ts) gets a plain database there
  if (onTestCluster() && (await withClient(adminUrl, (c) => c.query<{ citus: boolean }>(HAS_CITUS))).rows[0]!.citus)
    return createClusterDatabase(adminUrl, database);
  await withClient(adminUrl, (c) => c.query(`create database ${database}`));
  return {
    url: databaseUrl(adminUrl, database),
    drop: () => withClient(adminUrl, (c) => c.query(`drop database if exists ${database} with (force)`)).then(() => undefined),
  };
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Statements for a migration that distribute tables when the database has Citus and do nothing
 * on plain PostgreSQL: `distributed` by district_code, co-located with patients; `reference`
 * copied whole to every node. Each statement checks for the extension itself, so the same
 * migration runs on both engines. A table already distributed (or reference) is left as it is.
 */
export function distributeIfCitus(opts: { distributed?: readonly string[]; reference?: readonly string[]; colocateWith?: string }): Statement[] {
  const colocate = opts.colocateWith ?? 'patients';
  const body = [
    ...(opts.reference ?? []).map(
      (t) =>
        `if not exists (select 1 from pg_dist_partition where logicalrelid = ${literal(t)}::regclass) then perform create_reference_table(${literal(t)}); end if;`,
    ),
    ...(opts.distributed ?? []).map(
      (t) =>
        `if not exists (select 1 from pg_dist_partition where logicalrelid = ${literal(t)}::regclass) then perform create_distributed_table(${literal(t)}, 'district_code'${t === colocate ? `, colocate_with => 'none'` : `, colocate_with => ${literal(colocate)}`}); end if;`,
    ),
  ];
  if (body.length === 0) return [];
  return [`do $citus$ begin if exists (select 1 from pg_extension where extname = 'citus') then\n${body.join('\n')}\nend if; end $citus$`];
}
