/**
 * A replay worker: a thread of its own with a ReplayEngine, its own small pool of connections and
 * the snapshots of the districts it was given. The API's thread keeps serving requests while the
 * workers decide millions of claims, and each worker's heap holds only its own districts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReplayEngine, type WorkerConfig, type WorkerReply, type WorkerRequest } from './whatif.replayer';

const { engine } = openReplayEngine(workerData as WorkerConfig);

parentPort!.on('message', (m: WorkerRequest) => {
  engine.replay(m.job).then(
    (result) => parentPort!.postMessage({ id: m.id, result, held: engine.held() } satisfies WorkerReply),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReply),
  );
});
