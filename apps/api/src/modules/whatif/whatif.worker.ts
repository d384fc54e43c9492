/**
 * A replay worker: a thread of its own with a ReplayEngine, its own small pool of connections and
 * the snapshots of the districts it was given. The API's thread keeps serving requests while the
 * workers decide millions of claims, and each worker's heap holds only its own districts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReplayEngine, type DistrictJob, type DistrictResult, type Held } from './whatif.engine';
import { poolQuery, replayConnections } from './whatif.pool';

export interface WorkerConfig {
  url: string;
  budgetClaims: number;
  connections: number;
}

export type WorkerRequest = { id: number; job: DistrictJob };
export type WorkerReply = { id: number; result: DistrictResult; held: Held } | { id: number; error: string };

const config = workerData as WorkerConfig;
const engine = new ReplayEngine(poolQuery(replayConnections(config.url, config.connections)), { budgetClaims: config.budgetClaims });

parentPort!.on('message', (m: WorkerRequest) => {
  engine.replay(m.job).then(
    (result) => parentPort!.postMessage({ id: m.id, result, held: engine.held() } satisfies WorkerReply),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReply),
  );
});
