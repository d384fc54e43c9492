// The wall display (issue 17 item 18): the dashboard at 1920×1080 as a leadership room shows it.
// No KPI value clipped, the what-if total not squeezed into vertical text, the lower third of the
// screen used, a district on the map clickable to drill down to it, and a period without data
// reading 暂无数据 rather than 0.0 %. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ViewerDocument } from '../src/graphql/generated';
import { apiAs, clickFirstClickable, launchChromium, periodWithData, screenshot, settled } from './helpers';

const apiUrl = inject('apiUrl');
const dashboardUrl = inject('dashboardUrl');
const tokens = inject('tokens');

let browser: Browser;
let page: Page;
let city: string;
let period: { year: number; quarter: number };
const query = (over: Record<string, string> = {}) =>
  new URLSearchParams({ city, year: String(period.year), quarter: String(period.quarter), disease: 'ALL', region: city, ...over }).toString();

beforeAll(async () => {
  city = (await apiAs(apiUrl, tokens.city)(ViewerDocument, {})).viewer.cityCode;
  period = await periodWithData(apiUrl, tokens.city);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  await context.addInitScript((t) => sessionStorage.setItem('liangbing.token', t), tokens.city);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function canvases(selector: string): Promise<void> {
  await page.waitForFunction((s) => document.querySelectorAll(`${s} canvas`).length > 0, selector, { timeout: 20_000 });
}

describe('wall display, 1920×1080', () => {
  it('overview on the wall: no KPI value clipped, the lower third used', async () => {
    await page.goto(`${dashboardUrl}/?${query({ screen: 'big' })}`);
    await settled(page, 'overview');
    await canvases('[data-testid="trend-standardisedManagement"]');
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid^="kpi-"], [data-testid^="kpi-"] .kpi-value, [data-testid^="rate-"] [data-role="value"]')]
        .filter((el) => el.scrollWidth > el.clientWidth)
        .map((el) => `${el.closest('[data-testid]')?.getAttribute('data-testid')}: ${el.scrollWidth} > ${el.clientWidth}`),
    );
    expect(clipped).toEqual([]);
    // something drawn in the lower third of the screen without scrolling: a chart reaching below 2/3 of the height
    const lowest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('canvas')].map((c) => Math.min(c.getBoundingClientRect().bottom, window.innerHeight))),
    );
    expect(lowest).toBeGreaterThan((1080 * 5) / 6);
    await screenshot(page, 'wall-overview');
  });

  it('a period without data reads 暂无数据, not 0.0 %', async () => {
    await page.goto(`${dashboardUrl}/?${query({ year: String(period.year + 1), quarter: '1' })}`);
    await settled(page, 'overview');
    const card = page.locator('[data-testid="rate-standardisedManagement"] [data-role="value"]');
    await card.waitFor();
    expect((await card.innerText()).trim()).toBe('暂无数据');
    expect((await page.locator('[data-testid="rate-rationalMedication"] [data-role="value"]').innerText()).trim()).not.toBe('0.0%');
    await screenshot(page, 'wall-no-data');
  });

  it('the what-if total is laid out in rows, not squeezed into vertical text', async () => {
    await page.goto(`${dashboardUrl}/what-if?${query({ quarter: '' })}`);
    await settled(page, 'whatIf');
    await page.locator('[data-testid="whatif-form"] [data-role="preset"]').click();
    await page.locator('[data-testid="whatif-form"] [data-role="run"]').click();
    await page.locator('[data-testid="whatif-total"]').waitFor({ timeout: 90_000 });
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="whatif-total"] th, [data-testid="whatif-total"] td')]
        .filter((el) => el.innerText.trim() !== '')
        .map((el) => ({ text: el.innerText.trim(), width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height })),
    );
    expect(cells.length).toBeGreaterThan(8);
    for (const c of cells) {
      expect(c.width, c.text).toBeGreaterThanOrEqual(64);
      expect(c.height, c.text).toBeLessThan(48); // one line of text: vertical text is many lines high
    }
    await screenshot(page, 'wall-what-if');
  });

  it('clicking a district on the map drills down to it', async () => {
    await page.goto(`${dashboardUrl}/map?${query()}`);
    await settled(page, 'map');
    await canvases('[data-testid="map-chart"]');
    const canvas = page.locator('[data-testid="map-chart"] canvas').first();
    const box = (await canvas.boundingBox())!;
    let clicked = false;
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      if (await clickFirstClickable(page, canvas, box.y + box.height * f)) {
        clicked = true;
        break;
      }
    }
    expect(clicked).toBe(true);
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('region') !== city, { timeout: 15_000 });
    const region = new URL(page.url()).searchParams.get('region')!;
    expect(region).toMatch(/^\d{6}$/);
    expect(region.slice(0, 4)).toBe(city.slice(0, 4));
    await settled(page, 'overview');
    await screenshot(page, 'wall-map-drilled');
  });
});
