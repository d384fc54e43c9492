// Time from navigation start to the first chart painted on the overview (the `performance` mark
// set by src/composables/useChart.ts), in Debian's Chromium. Target: within 1 s.
// Needs the running API and a served dashboard: E2E_DASHBOARD_URL (e.g. http://127.0.0.1:4173 from
// `pnpm preview`), E2E_API_URL, and a token (BENCH_TOKEN, else the API's GET /demo-tokens).
import { chromium } from 'playwright-core';
import { parseDemoTokens } from '../src/api/demoTokens';
import { FIRST_CHART_MARK } from '../src/composables/useChart';

const TARGET_MS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dashboardUrl = process.env.E2E_DASHBOARD_URL?.replace(/\/+$/, '');
const apiUrl = process.env.E2E_API_URL?.replace(/\/+$/, '');

async function token(): Promise<string> {
  if (process.env.BENCH_TOKEN) return process.env.BENCH_TOKEN;
  const response = await fetch(`${apiUrl}/demo-tokens`);
  if (!response.ok) throw new Error(`GET ${apiUrl}/demo-tokens answered ${response.status}; set BENCH_TOKEN`);
  const found = parseDemoTokens(await response.json()).find((d) => d.role === 'CITY_LEADERSHIP');
  if (!found) throw new Error('no CITY_LEADERSHIP demo token; set BENCH_TOKEN');
  return found.token;
}

async function main(): Promise<void> {
  if (!dashboardUrl || !apiUrl) {
    console.log('first-paint: skipped (set E2E_DASHBOARD_URL and E2E_API_URL to measure against a running API)');
    return;
  }
  const jwt = await token();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const timings: number[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      // A new context each run: cold HTTP cache, as a first visit.
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript((t) => sessionStorage.setItem('liangbing.token', t), jwt);
      const page = await context.newPage();
      await page.goto(`${dashboardUrl}/${process.env.BENCH_QUERY ?? ''}`);
      const handle = await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, FIRST_CHART_MARK, { timeout: 15_000 });
      timings.push(Number(await handle.jsonValue()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  console.log(`first-paint: runs ${timings.map((t) => t.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms (target ≤ ${TARGET_MS} ms)`);
  if (median > TARGET_MS) {
    console.error('first-paint: over target');
    process.exitCode = 1;
  }
}

await main();
