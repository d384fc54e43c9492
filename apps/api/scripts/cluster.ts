/**
 * A Citus cluster on loopback for trying the distributed schema and for the test run on it
 * (TEST_CLUSTER=1): a coordinator and two workers, Debian's PostgreSQL 15 with Citus preloaded,
 * data under apps/api/.data/cluster/. Citus is installed by ../shared/vendor/install-citus.sh (a
 * deployment installs it from Citus's packages; see the README's "Deploying on Citus").
 *
 *   pnpm --filter @liangbing/api cluster:start    start (or say it is running), register the workers, print DATABASE_URL
 *   pnpm --filter @liangbing/api cluster:status   each node, and the workers the coordinator knows
 *   pnpm --filter @liangbing/api cluster:stop     fast shutdown of every node
 *   pnpm --filter @liangbing/api cluster:reset    stop and delete the data directories
 *
 * CITUS_PG_BIN (default /usr/lib/postgresql/15/bin) and CLUSTER_PORT (the coordinator's port,
 * default 55432; the workers take the next two) change where it runs.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { enableCitus } from '../src/db/citus';

const BIN = process.env.CITUS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const BASE_PORT = Number(process.env.CLUSTER_PORT ?? 55432);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.data/cluster');
const HOST = '127.0.0.1';
/** the application's database on the cluster; the tests make their own */
const APP_DATABASE = 'liangbing';

interface Node {
  name: string;
  port: number;
  dir: string;
}

const NODES: Node[] = ['coordinator', 'worker1', 'worker2'].map((name, i) => ({ name, port: BASE_PORT + i, dir: path.join(ROOT, name) }));
const [COORDINATOR, ...WORKERS] = NODES as [Node, ...Node[]];

export const adminUrl = (port = BASE_PORT, database = 'postgres') => `postgres://postgres@${HOST}:${port}/${database}`;

/** PostgreSQL refuses to run as root: as root, its programs run as the OS user postgres. */
function run(program: string, args: string[], opts: { allowFail?: boolean } = {}): { status: number; out: string } {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, program), ...args]] : [path.join(BIN, program), args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error) throw new Error(`${program}: ${r.error.message}`);
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${program} ${args.join(' ')} failed (${r.status}): ${out}`);
  return { status: r.status ?? 1, out };
}

function owned(dir: string) {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
}

function initialise(node: Node) {
  if (existsSync(path.join(node.dir, 'PG_VERSION'))) return;
  owned(ROOT);
  owned(node.dir);
  run('initdb', ['-D', node.dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
  const conf = [
    '',
    '# scripts/cluster.ts',
    `port = ${node.port}`,
    `listen_addresses = '${HOST}'`,
    `unix_socket_directories = '${node.dir}'`,
    "shared_preload_libraries = 'citus'",
    'max_connections = 300',
    'shared_buffers = 128MB',
    'max_prepared_transactions = 200',
    // Citus runs a maintenance worker per database that has the extension (the tests make one per suite)
    'max_worker_processes = 128',
    // small shards for a small machine: a test database is made per suite, each table's shards are created with it
    'citus.shard_count = 4',
    'citus.log_remote_commands = off',
    // a transaction that wrote a distributed table over parallel connections may not then write a
    // reference table the distributed ones have keys to (an institution edited after a multi-shard
    // read-write): one connection per node keeps every transaction valid (ARCHITECTURE.md, Running on Citus)
    "citus.multi_shard_modify_mode = 'sequential'",
    'wal_level = logical',
    'fsync = on',
  ].join('\n');
  writeFileSync(path.join(node.dir, 'postgresql.conf'), `${readFileSync(path.join(node.dir, 'postgresql.conf'), 'utf8')}${conf}\n`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster's pid when this node's server runs; removes a postmaster.pid whose process is gone or is not this node's postgres. */
function running(node: Node): number | null {
  const pidFile = path.join(node.dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let ours = false;
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
    try {
      ours = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .some((a) => a === node.dir);
    } catch {
      ours = false;
    }
  }
  if (ours) return pid;
  console.log(`cluster: ${node.name}: removing a stale postmaster.pid (pid ${pid} is not its server)`);
  unlinkSync(pidFile);
  return null;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Starts what is not running, registers the workers; returns the coordinator's admin URL. */
export async function startCluster(): Promise<string> {
  if (!existsSync(path.join(BIN, 'postgres'))) throw new Error(`cluster: no PostgreSQL at ${BIN} (set CITUS_PG_BIN)`);
  const lib = run('pg_config', ['--pkglibdir']).out;
  if (!existsSync(path.join(lib, 'citus.so')))
    throw new Error(`cluster: Citus is not installed into ${lib} (run ../shared/vendor/install-citus.sh, or install Citus's packages)`);
  for (const node of NODES) {
    initialise(node);
    const pid = running(node);
    if (pid !== null) {
      console.log(`cluster: ${node.name} is already running (pid ${pid}, port ${node.port})`);
      continue;
    }
    run('pg_ctl', ['-D', node.dir, '-l', path.join(node.dir, 'server.log'), '-w', '-t', '60', 'start']);
    console.log(`cluster: ${node.name} started on ${HOST}:${node.port}`);
  }
  // The admin database's metadata names the workers: the test set-up (createClusterDatabase) reads them from there.
  const workers = WORKERS.map((w) => ({ host: HOST, port: w.port }));
  await enableCitus(adminUrl(), 'postgres', workers);
  for (const w of WORKERS) {
    if ((await query(adminUrl(w.port), `select 1 from pg_database where datname = $1`, [APP_DATABASE])).length === 0)
      await query(adminUrl(w.port), `create database ${APP_DATABASE}`);
  }
  if ((await query(adminUrl(), `select 1 from pg_database where datname = $1`, [APP_DATABASE])).length === 0)
    await query(adminUrl(), `create database ${APP_DATABASE}`);
  await enableCitus(adminUrl(), APP_DATABASE, workers);
  const nodes = await query<{ nodename: string; nodeport: number }>(
    adminUrl(BASE_PORT, APP_DATABASE),
    `select nodename, nodeport from pg_dist_node where groupid <> 0 order by nodeid`,
  );
  console.log(`cluster: workers ${nodes.map((n) => `${n.nodename}:${n.nodeport}`).join(', ')}`);
  console.log(`DATABASE_URL=${adminUrl(BASE_PORT, APP_DATABASE)}`);
  return adminUrl();
}

export function stopCluster() {
  for (const node of [...WORKERS, COORDINATOR]) {
    if (!existsSync(path.join(node.dir, 'PG_VERSION')) || running(node) === null) {
      console.log(`cluster: ${node.name} is not running`);
      continue;
    }
    run('pg_ctl', ['-D', node.dir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    console.log(`cluster: ${node.name} stopped`);
  }
}

async function status(): Promise<number> {
  let down = 0;
  for (const node of NODES) {
    const pid = existsSync(path.join(node.dir, 'PG_VERSION')) ? running(node) : null;
    if (pid === null) down++;
    console.log(`cluster: ${node.name} ${pid === null ? 'not running' : `running (pid ${pid})`} on ${HOST}:${node.port}, ${node.dir}`);
  }
  if (running(COORDINATOR) !== null) {
    const nodes = await query<{ nodename: string; nodeport: number; isactive: boolean }>(
      adminUrl(),
      `select nodename, nodeport, isactive from pg_dist_node where groupid <> 0 order by nodeid`,
    ).catch(() => []);
    console.log(`cluster: workers registered: ${nodes.map((n) => `${n.nodename}:${n.nodeport}${n.isactive ? '' : ' (inactive)'}`).join(', ') || 'none'}`);
    console.log(`DATABASE_URL=${adminUrl(BASE_PORT, APP_DATABASE)}`);
  }
  return down === 0 ? 0 : 1;
}

function reset() {
  stopCluster();
  rmSync(ROOT, { recursive: true, force: true });
  console.log(`cluster: removed ${ROOT}`);
}

async function main(): Promise<number> {
  switch (process.argv[2]) {
    case 'start':
      await startCluster();
      return 0;
    case 'stop':
      stopCluster();
      return 0;
    case 'status':
      return status();
    case 'reset':
      reset();
      return 0;
    default:
      console.error('usage: cluster.ts start | stop | status | reset');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
