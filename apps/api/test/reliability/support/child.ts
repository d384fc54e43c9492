/**
 * The API as a separate process (`node --import tsx src/main.ts`, the production entry point),
 * so that it can be killed with SIGKILL: no handler runs, nothing is flushed, the connections
 * to PostgreSQL are cut by the kernel. Node runs main.ts itself (not through the tsx CLI, which
 * would leave the real server orphaned when only its wrapper is killed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../../src/db/embedded';
import { SECRET } from '../../harness';

const API_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export interface ChildApi {
  url: string;
  port: number;
  pid: number;
  /** SIGKILL, and wait until the process is gone */
  kill: () => Promise<void>;
  /** SIGTERM (the graceful shutdown), and wait */
  stop: () => Promise<void>;
  output: () => string;
}

/** Starts main.ts against an existing, seeded database (so it neither migrates anything new nor loads the demo). */
export async function spawnApi(databaseUrl: string, port?: number, env: Record<string, string> = {}): Promise<ChildApi> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: databaseUrl, API_PORT: String(chosen), JWT_SECRET: new TextDecoder().decode(SECRET), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start in 120 s:\n${log}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/GraphQL at http/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code} before it listened:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    output: () => log,
  };
}
