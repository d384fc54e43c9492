/**
 * What a replay needs wherever it runs, in the API's thread or in a worker: its own connections and
 * one engine over them, and the messages between the pool and its workers. Both whatif.pool.ts and
 * whatif.worker.ts import it, so neither imports the other.
 */
import pg from 'pg';
import { placeholderParts } from '../../db/sql';
import { ReplayEngine, type DistrictJob, type DistrictResult, type Held } from './whatif.engine';
import type { Query } from './whatif.source';

/** A replay's own connections: reads of a district run `connections` statements at once. */
export function replayConnections(url: string, connections: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: connections, application_name: 'liangbing-whatif' });
  // An idle connection the server closed must not take the replay down.
  pool.on('error', () => undefined);
  return pool;
}

/** A parameterised statement on a pg pool, with db/sql.ts's `?` placeholders. */
export function poolQuery(pool: pg.Pool): Query {
  return async <T>(text: string, params: readonly unknown[] = []): Promise<T[]> => {
    const numbered = placeholderParts(text, params).reduce((out, part, i) => (i === 0 ? part : `${out}$${i}${part}`), '');
    return (await pool.query(numbered, params as unknown[])).rows as T[];
  };
}

/** How a worker (or the API's own thread) opens its engine. */
export interface WorkerConfig {
  url: string;
  budgetClaims: number;
  connections: number;
}

export type WorkerRequest = { id: number; job: DistrictJob };
export type WorkerReply = { id: number; result: DistrictResult; held: Held } | { id: number; error: string };

/** The one way an engine is made: its own connections, its own claims budget. */
export function openReplayEngine(config: WorkerConfig): { engine: ReplayEngine; pool: pg.Pool } {
  const pool = replayConnections(config.url, config.connections);
  return { engine: new ReplayEngine(poolQuery(pool), { budgetClaims: config.budgetClaims }), pool };
}
