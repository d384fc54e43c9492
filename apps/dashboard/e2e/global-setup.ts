// Global setup of the e2e run: API (see api-hooks.ts), tokens, and the built dashboard served by
// `vite preview` unless E2E_DASHBOARD_URL points at one already running.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { mintTokens, startApi, stopChild, type E2eTokens } from './api-hooks';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dashboardUrl: string;
    tokens: E2eTokens;
  }
}

const appDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = 'node_modules/.e2e-dist';

async function waitFor(url: string, what: string, timeoutMs: number, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, init);
      if (response.status < 500) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s (${last})`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: appDir, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.E2E_API_URL?.replace(/\/+$/, '');
  const started = given ? null : await startApi();
  const apiUrl = given ?? started!.url;
  const stopApi = started?.stop ?? null;
  // A fresh API migrates and loads the demo programme before it listens: allow it minutes.
  await waitFor(`${apiUrl}/graphql`, 'The API', 600_000, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const tokens = await mintTokens(apiUrl);

  let dashboardUrl = process.env.E2E_DASHBOARD_URL?.replace(/\/+$/, '');
  let preview: ChildProcess | null = null;
  if (!dashboardUrl) {
    // Built with this run's API URL baked in, into its own folder so dist/ is left alone.
    const env = { ...process.env, VITE_API_URL: apiUrl };
    const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
    await run(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], env);
    const port = process.env.E2E_PREVIEW_PORT ?? '4174';
    preview = spawn(process.execPath, [vite, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', port, '--strictPort'], {
      cwd: appDir,
      env,
      stdio: 'inherit',
    });
    dashboardUrl = `http://127.0.0.1:${port}`;
    await waitFor(dashboardUrl, 'vite preview', 30_000);
  }

  project.provide('apiUrl', apiUrl);
  project.provide('dashboardUrl', dashboardUrl);
  project.provide('tokens', tokens);

  return async () => {
    await Promise.all([stopChild(preview, 10_000), stopApi?.()]);
  };
}
