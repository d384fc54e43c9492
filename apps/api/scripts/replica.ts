/**
 * A primary and a streaming hot-standby replica on loopback: PostgreSQL's own physical
 * replication (wal_level=replica, pg_basebackup -R), Debian's PostgreSQL 15, each with its own
 * data directory and port. The API sends statistics, lists and reports to the replica when
 * DATABASE_REPLICA_URL is set (src/db/replica.ts); this script is how a developer (and the
 * replica test) gets one.
 *
 *   pnpm --filter @liangbing/api replica:start    # prints DATABASE_URL and DATABASE_REPLICA_URL
 *   pnpm --filter @liangbing/api replica:status   # both servers, the replica's replay position and lag
 *   pnpm --filter @liangbing/api replica:stop
 *
 * Data under apps/api/.data/replica/ (REPLICA_DATA_DIR), ports REPLICA_PRIMARY_PORT (54340) and
 * REPLICA_STANDBY_PORT (54341). PostgreSQL refuses to run as root: as root, every server command
 * runs as the OS user postgres (runuser) and the data directories are that user's.
 * Self-contained on purpose (scripts/cluster.ts starts Citus the same way, separately).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const USER = 'postgres';
const PASSWORD = 'postgres';
export const DATABASE = 'liangbing';

export interface ReplicaPairOptions {
  /** holds primary/, replica/, their logs and sockets */
  dir: string;
  primaryPort: number;
  replicaPort: number;
}

export interface ReplicaPair {
  readonly primaryUrl: string;
  readonly replicaUrl: string;
  readonly options: ReplicaPairOptions;
}

const dirs = (o: ReplicaPairOptions) => ({ primary: path.join(o.dir, 'primary'), replica: path.join(o.dir, 'replica') });
const url = (port: number, database = DATABASE) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

export function binariesPresent(): boolean {
  return ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((b) => existsSync(path.join(PG_BIN, b)));
}

const asRoot = () => process.getuid?.() === 0;

/** A PostgreSQL binary, as the postgres user when we are root. */
async function pgTool(tool: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const bin = path.join(PG_BIN, tool);
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', USER, '--', bin, ...args]] : [bin, args];
  try {
    const { stdout } = await run(cmd, argv, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const x = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${(x.stderr || x.stdout || x.message).trim()}`);
  }
}

/** Directories the postgres user owns (PostgreSQL wants its data directory 0700 and its own). */
function ownDir(dir: string, mode = 0o755): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, mode);
  if (asRoot()) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${USER}:`));
  if (line === undefined) throw new Error('running as root needs an OS user postgres to run PostgreSQL as (PostgreSQL refuses root)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function conf(dataDir: string, lines: Record<string, string | number>): void {
  appendFileSync(
    dataDir + '/postgresql.conf',
    `\n# replica.ts\n${Object.entries(lines)
      .map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v}'`}`)
      .join('\n')}\n`,
  );
}

async function pgCtlStart(dataDir: string, log: string): Promise<void> {
  await pgTool('pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '60', 'start']);
}

/** Whether the server of a data directory is running (pg_ctl status). */
export async function running(dataDir: string): Promise<boolean> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  return pgTool('pg_ctl', ['-D', dataDir, 'status']).then(
    () => true,
    () => false,
  );
}

/**
 * Both servers, created on the first start: initdb and configure the primary, start it, create
 * the database, copy it with pg_basebackup -R (which writes standby.signal and primary_conninfo),
 * give the copy its own port, start it. A later start starts whichever of the two is stopped.
 */
export async function startReplicaPair(o: ReplicaPairOptions, log: (line: string) => void = () => undefined): Promise<ReplicaPair> {
  const d = dirs(o);
  ownDir(o.dir);
  if (!existsSync(path.join(d.primary, 'PG_VERSION'))) {
    log(`replica: initdb ${d.primary}`);
    ownDir(d.primary, 0o700);
    const pwfile = path.join(o.dir, '.pw');
    writeFileSync(pwfile, PASSWORD + '\n', { mode: 0o600 });
    if (asRoot()) chownSync(pwfile, postgresIds().uid, postgresIds().gid);
    await pgTool('initdb', [
      '-D',
      d.primary,
      '-U',
      USER,
      `--pwfile=${pwfile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    conf(d.primary, {
      listen_addresses: '127.0.0.1',
      port: o.primaryPort,
      unix_socket_directories: o.dir,
      wal_level: 'replica',
      max_wal_senders: 5,
      wal_keep_size: '256MB',
      hot_standby: 'on',
      max_connections: 200,
      shared_buffers: '128MB',
    });
  }
  if (!(await running(d.primary))) {
    log(`replica: starting the primary on port ${o.primaryPort}`);
    await pgCtlStart(d.primary, path.join(o.dir, 'primary.log'));
  }
  await ensureDatabase(o.primaryPort);
  if (!existsSync(path.join(d.replica, 'PG_VERSION'))) {
    log(`replica: pg_basebackup -R into ${d.replica}`);
    ownDir(d.replica, 0o700);
    await pgTool(
      'pg_basebackup',
      ['-h', '127.0.0.1', '-p', String(o.primaryPort), '-U', USER, '-D', d.replica, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
      { PGPASSWORD: PASSWORD },
    );
    // The copy has the primary's settings; what is the replica's own comes after them and wins.
    conf(d.replica, { port: o.replicaPort, hot_standby: 'on', hot_standby_feedback: 'on' });
  }
  if (!(await running(d.replica))) await startReplica(o, log);
  return { primaryUrl: url(o.primaryPort), replicaUrl: url(o.replicaPort), options: o };
}

/** Start the standby alone (after stopReplica or killReplica); waits until it accepts connections. */
export async function startReplica(o: ReplicaPairOptions, log: (line: string) => void = () => undefined): Promise<void> {
  log(`replica: starting the standby on port ${o.replicaPort}`);
  await pgCtlStart(dirs(o).replica, path.join(o.dir, 'replica.log'));
}

async function ensureDatabase(port: number): Promise<void> {
  const c = new pg.Client({ connectionString: url(port, 'postgres') });
  await c.connect();
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (rowCount === 0) await c.query(`create database ${DATABASE}`);
  } finally {
    await c.end();
  }
}

/** The postmaster's pid from postmaster.pid, or null when none is running. */
export function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * The replica's machine gone: SIGKILL to its postmaster and every process it started (no
 * shutdown, no goodbye to clients), then wait until they have all exited. Returns the pids killed.
 */
export async function killReplica(o: ReplicaPairOptions): Promise<number[]> {
  const pid = postmasterPid(dirs(o).replica);
  if (pid === null) throw new Error('killReplica: the replica is not running');
  const victims = [pid, ...childrenOf(pid)];
  for (const p of victims) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 10_000;
  while (victims.some(alive)) {
    if (Date.now() > deadline) throw new Error(`killReplica: processes ${victims.filter(alive).join(', ')} survived SIGKILL`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return victims;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirProc()) {
    try {
      const ppid = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (Number(ppid) === pid) out.push(entry);
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function readdirProc(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Fast shutdown of the standby (pg_ctl stop -m fast). */
export async function stopReplica(o: ReplicaPairOptions): Promise<void> {
  if (await running(dirs(o).replica)) await pgTool('pg_ctl', ['-D', dirs(o).replica, '-m', 'fast', '-w', 'stop']);
}

/** Both servers stopped (fast shutdown: open transactions roll back, nothing committed is lost). */
export async function stopReplicaPair(o: ReplicaPairOptions): Promise<void> {
  await stopReplica(o);
  if (await running(dirs(o).primary)) await pgTool('pg_ctl', ['-D', dirs(o).primary, '-m', 'fast', '-w', 'stop']);
}

export interface PairStatus {
  primary: boolean;
  replica: boolean;
  /** the replica is in recovery, streaming from the primary */
  streaming: boolean | null;
  replayLsn: string | null;
  primaryLsn: string | null;
}

export async function pairStatus(o: ReplicaPairOptions): Promise<PairStatus> {
  const d = dirs(o);
  const status: PairStatus = { primary: await running(d.primary), replica: await running(d.replica), streaming: null, replayLsn: null, primaryLsn: null };
  if (status.primary) status.primaryLsn = (await one(o.primaryPort, 'select pg_current_wal_flush_lsn()::text as v')) ?? null;
  if (status.replica) {
    status.replayLsn = (await one(o.replicaPort, 'select pg_last_wal_replay_lsn()::text as v')) ?? null;
    status.streaming =
      (await one(o.replicaPort, `select (pg_is_in_recovery() and exists (select 1 from pg_stat_wal_receiver where status = 'streaming'))::text as v`)) ===
      'true';
  }
  return status;
}

async function one(port: number, text: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url(port, 'postgres') });
  await c.connect();
  try {
    return (await c.query<{ v: string }>(text)).rows[0]?.v;
  } finally {
    await c.end();
  }
}

export function defaultOptions(env: NodeJS.ProcessEnv = process.env): ReplicaPairOptions {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return {
    dir: path.resolve(env.REPLICA_DATA_DIR ?? path.join(here, '..', '.data', 'replica')),
    primaryPort: Number(env.REPLICA_PRIMARY_PORT ?? 54340),
    replicaPort: Number(env.REPLICA_STANDBY_PORT ?? 54341),
  };
}

async function main(command: string | undefined): Promise<void> {
  const o = defaultOptions();
  if (!binariesPresent()) throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql-15, or set PG_BIN)`);
  if (command === 'start') {
    const pair = await startReplicaPair(o, (l) => console.log(l));
    console.log(`DATABASE_URL=${pair.primaryUrl}`);
    console.log(`DATABASE_REPLICA_URL=${pair.replicaUrl}`);
  } else if (command === 'stop') {
    await stopReplicaPair(o);
    console.log('replica: primary and standby stopped');
  } else if (command === 'status') {
    console.log(JSON.stringify(await pairStatus(o), null, 2));
  } else {
    throw new Error('usage: replica.ts start|stop|status');
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
