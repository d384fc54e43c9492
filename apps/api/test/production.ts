/**
 * The real API started by boot() on a new, empty database of the run's PostgreSQL, configured
 * from an environment as main.ts is (loadConfig): by default production mode with the test
 * identity provider of jwks.ts. For tests of production mode and an end-to-end production test.
 */
import { boot, type Booted } from '../src/boot';
import { loadConfig } from '../src/config';
import { exec } from '../src/db/sql';
import { emptyDatabase, gqlClient, type Gql } from './common';
import { startTestProvider, type TestProvider } from './jwks';

export { emptyDatabase };

export interface ProductionApi {
  readonly booted: Booted;
  readonly provider: TestProvider;
  readonly url: string;
  /** what boot logged */
  readonly log: readonly string[];
  gql: Gql;
  sql: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

/**
 * Boots the API on an empty database with `env` on top of production mode and the provider's
 * settings (pass a value of '' to unset one). `beforeBoot` may fill the database first.
 */
export async function startProductionApi(
  env: Record<string, string> = {},
  opts: {
    today?: () => string;
    provider?: TestProvider;
    /** fills the database before boot */
    beforeBoot?: (url: string) => Promise<void>;
    /** boot on this database (made by emptyDatabase) and leave it on close, instead of a new one dropped on close */
    database?: { url: string };
  } = {},
): Promise<ProductionApi> {
  const provider = opts.provider ?? (await startTestProvider());
  const db = opts.database === undefined ? await emptyDatabase() : { url: opts.database.url, drop: async () => {} };
  const log: string[] = [];
  let booted: Booted;
  try {
    await opts.beforeBoot?.(db.url);
    const config = loadConfig({ LIANGBING_MODE: 'production', ...provider.env, DATABASE_URL: db.url, API_PORT: '0', ...env });
    booted = await boot(config, { log: (l) => log.push(l), ...(opts.today ? { today: opts.today } : {}) });
  } catch (e) {
    await db.drop();
    if (opts.provider === undefined) await provider.stop();
    throw e;
  }
  const url = booted.server.url;
  return {
    booted,
    provider,
    url,
    log,
    sql: (text, params = []) => exec(booted.orm.em.fork(), text, params),
    gql: gqlClient(url),
    close: async () => {
      await booted.stop();
      await db.drop();
      if (opts.provider === undefined) await provider.stop();
    },
  };
}
