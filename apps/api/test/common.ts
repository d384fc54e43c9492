/**
 * What the two test set-ups share: a throwaway database per suite on the run's PostgreSQL (the
 * embedded one of global-setup.ts), and GraphQL over HTTP to a running API. harness.ts (the API
 * as a test configures it, on a small fixed programme) and production.ts (the API as main.ts
 * boots it, on an empty database) are both built on these.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export type GqlResponse<T> = { data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] };
export type Gql = <T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>) => Promise<GqlResponse<T>>;

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

/** POST /graphql of the API at `baseUrl`, with a bearer token when given. */
export function gqlClient(baseUrl: string): Gql {
  return async (token, query, variables) => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  };
}
