// The API's GraphQL explorer (Ruru, at the API's `/` outside production) as a new user meets it:
// the page and every file it loads (its script, its styles, the editor's workers) come from the
// API itself, the editor renders, and a query typed into it with a bearer token in the headers
// editor answers with data. It once never loaded: every /ruru-static/ file answered 404.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ViewerDocument } from '../src/graphql/generated';
import { apiAs, launchChromium, screenshot } from './helpers';

const apiUrl = inject('apiUrl');
const tokens = inject('tokens');

let browser: Browser;
let page: Page;
/** every response of the API's own origin that was not a success, as "status path" */
const failed: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin === new URL(apiUrl).origin && r.status() >= 400) failed.push(`${r.status()} ${url.pathname}`);
  });
});

afterAll(async () => {
  await browser?.close();
});

/** Replaces what a Monaco editor of the explorer holds with `text` (inserted, so no bracket is auto-closed). */
async function fill(editor: string, text: string): Promise<void> {
  // The variables and headers editors share a class; only the one shown takes the click.
  await page.locator(`${editor} .monaco-editor`).filter({ visible: true }).first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

describe('the GraphQL explorer', () => {
  it('loads every file it needs from the API and renders its editor', async () => {
    await page.goto(`${apiUrl}/`);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').waitFor();
    const assets = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.startsWith('/ruru-static/')),
    );
    expect(assets).toContain('/ruru-static/ruru.js');
    expect(assets).toContain('/ruru-static/ruru.css');
    expect(failed).toEqual([]);
  });

  it('runs a query typed into it, with the bearer token in its headers, and shows the answer', async () => {
    const { viewer } = await apiAs(apiUrl, tokens.district)(ViewerDocument, {});
    await fill('.graphiql-query-editor', '{ viewer { userId role districtCode } }');
    await page.getByRole('button', { name: /^headers$/i }).click();
    await fill('.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${tokens.district}` }));
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await response.getByText(viewer.userId).first().waitFor({ timeout: 20_000 });
    // Monaco draws spaces as no-break spaces: compare with whitespace made plain.
    const shown = (await response.innerText()).replace(/\s+/g, ' ');
    await screenshot(page, 'explorer');
    // The answer is the district viewer's own, as the API gives it to the same token.
    expect(shown).toContain(`"userId": "${viewer.userId}"`);
    expect(shown).toContain(`"role": "DISTRICT_BUREAU"`);
    expect(shown).toContain(`"districtCode": "${viewer.districtCode}"`);
    expect(shown).not.toContain('UNAUTHENTICATED');
    // and what it cost (graphql/cost.ts), in the answer's extensions
    expect(shown).toMatch(/"cost": 1\b/);
    expect(failed).toEqual([]);
  });
});
