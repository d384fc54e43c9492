/**
 * The API's process: the environment's configuration (config.ts: demo mode unless LIANGBING_MODE
 * or NODE_ENV=production says otherwise), start-up (boot.ts), and a clean stop on SIGINT/SIGTERM.
 * A refused configuration ends the process with every problem listed, each naming its setting.
 *
 * With API_WORKERS > 1 this process is a node:cluster primary that serves nothing itself: it
 * starts one worker, which migrates (and in demo mode loads an empty database) before it listens,
 * then the others, which find nothing to migrate; all of them accept on the one port. Each worker
 * holds its own pool, token cache and what-if snapshots; every decision that must be exact (the
 * cap, idempotency, the rollups) is made under the database's locks, so nothing depends on which
 * worker a request reaches. A worker that dies is replaced; SIGINT/SIGTERM stop them all.
 */
import cluster from 'node:cluster';
import { boot } from './boot';
import { ConfigError, loadConfig, type Config } from './config';

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`api: ${e.message}`);
  process.exit(2);
}

if (config.workers > 1 && cluster.isPrimary) {
  let stopping = false;
  const fork = () => new Promise<void>((resolve) => cluster.fork().once('listening', () => resolve()));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`api: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    void fork();
  });
  await fork();
  for (let i = 1; i < config.workers; i++) await fork();
  console.log(`api: ${config.workers} worker processes on port ${config.port}`);
  const shutdown = () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w?.process.kill('SIGTERM');
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} else {
  const running = await boot(config, { preload: true });
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
