/**
 * The API's process: the environment's configuration (config.ts: demo mode unless LIANGBING_MODE
 * or NODE_ENV=production says otherwise), start-up (boot.ts), and a clean stop on SIGINT/SIGTERM.
 * A refused configuration ends the process with every problem listed, each naming its setting.
 */
import { boot } from './boot';
import { ConfigError, loadConfig } from './config';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`api: ${e.message}`);
  process.exit(2);
}
const running = await boot(config, { preload: true });

const shutdown = async () => {
  await running.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
