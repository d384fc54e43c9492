/**
 * The real API started by boot() on a new, empty database of the run's PostgreSQL, configured
 * from an environment as main.ts is (loadConfig): by default production mode with the test
 * identity provider of jwks.ts. For tests of production mode and an end-to-end production test.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { boot, type Booted } from '../src/boot';
import { loadConfig } from '../src/config';
import { exec } from '../src/db/sql';
import { startTestProvider, type TestProvider } from './jwks';

type Gql = <T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>) => Promise<{ data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] }>;

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

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new empty database; returns its URL and a function that drops it. */
export async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  return { url: inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`), drop: () => admin((c) => c.query(`drop database ${name} with (force)`)).then(() => undefined) };
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
    gql: async (token, query, variables) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    close: async () => {
      await booted.stop();
      await db.drop();
      if (opts.provider === undefined) await provider.stop();
    },
  };
}
