// Browser and API helpers for the e2e tests. The browser is Debian's Chromium: playwright-core
// never downloads one, and `chromium.launch` gives every run a fresh temporary profile.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { createClient } from '../src/api/client';
import { ContextDocument } from '../src/graphql/generated';

export const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page signed in with `token` (kept in sessionStorage, as the login page does). */
export async function signedInPage(browser: Browser, token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true, locale: 'zh-CN' });
  await context.addInitScript((t) => sessionStorage.setItem('liangbing.token', t), token);
  return context.newPage();
}

/** Queries the API directly with the same typed documents the dashboard sends. */
export function apiAs(apiUrl: string, token: string) {
  const client = createClient({ baseUrl: apiUrl, getToken: () => token });
  return <R, V>(document: DocumentTypeDecoration<R, V> & { toString(): string }, variables: V) => client.request(document, variables);
}

/** Waits until a view has finished loading: its charts drew a canvas, or it shows a designed state. */
export async function settled(page: Page, view: string): Promise<void> {
  await page.locator(`[data-view="${view}"]`).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-state="loading"]').length === 0, null, { timeout: 20_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });
}

/** The quarter the tests look at: E2E_PERIOD (e.g. "2024Q4"), else the quarter of the latest claim the API holds. */
export async function periodWithData(apiUrl: string, token: string): Promise<{ year: number; quarter: number }> {
  const fixed = /^(\d{4})Q([1-4])$/.exec(process.env.E2E_PERIOD ?? '');
  if (fixed) return { year: Number(fixed[1]), quarter: Number(fixed[2]) };
  const { latestDataPeriod } = await apiAs(apiUrl, token)(ContextDocument, {});
  if (latestDataPeriod?.quarter == null) throw new Error('The API holds no claims; set E2E_PERIOD');
  return { year: latestDataPeriod.year, quarter: latestDataPeriod.quarter };
}

export async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).trim();
}

/**
 * Moves along a horizontal line of a chart's canvas until ECharts shows the pointer cursor (a bar
 * or a clickable axis name is under the mouse), then clicks there. Returns false if nothing was.
 */
export async function clickFirstClickable(page: Page, canvas: Locator, y: number): Promise<boolean> {
  const box = await canvas.boundingBox();
  if (!box) return false;
  for (let x = box.x + 4; x < box.x + box.width; x += 6) {
    await page.mouse.move(x, y);
    const pointer = await canvas.evaluate((el) => {
      for (let node: HTMLElement | null = el as HTMLElement; node && node.tagName !== 'SECTION'; node = node.parentElement) {
        if (node.style.cursor === 'pointer') return true;
      }
      return false;
    });
    if (pointer) {
      await page.mouse.click(x, y);
      return true;
    }
  }
  return false;
}
