/**
 * What the two test set-ups share: a throwaway database per suite on the run's PostgreSQL (the
 * embedded one of global-setup.ts), and GraphQL over HTTP to a running API. harness.ts (the API
 * as a test configures it, on a small fixed programme) and production.ts (the API as main.ts
 * boots it, on an empty database) are both built on these.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createTestDatabase } from '../src/db/citus';

export type GqlResponse<T> = { data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] };
export type Gql = <T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>) => Promise<GqlResponse<T>>;

/** A new empty database (on every node, Citus enabled, on the cluster: TEST_CLUSTER=1); returns its URL and a function that drops it. */
export async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createTestDatabase(inject('pgAdminUrl'), `t_${randomBytes(6).toString('hex')}`);
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
