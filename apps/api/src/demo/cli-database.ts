/**
 * The database a command-line tool works on: --database-url, else DATABASE_URL, else the
 * development embedded PostgreSQL under .data/ (reused when the API already runs it, started
 * otherwise), the same one `./dev start` uses.
 */
import pg from 'pg';
import { loadConfig } from '../config';
import { startEmbedded } from '../db/embedded';

export function argOf(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function cliDatabase(argv: readonly string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = argOf(argv, 'database-url') ?? loadConfig().databaseUrl;
  if (given != null) return { url: given, stop: async () => {} };
  const port = Number(process.env.PG_PORT ?? 54329);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/liangbing`;
  if (await reachable(url)) return { url, stop: async () => {} };
  const server = await startEmbedded(loadConfig().dataDir, port);
  await server.createDatabase('liangbing').catch(() => undefined);
  return { url: server.url('liangbing'), stop: server.stop };
}
