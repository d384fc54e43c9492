// The printable notice for the insured person (#20), opened from a demo claim's detail: the page
// shows the API's sentences, zh-CN first, with the claim's own figures; English under the toggle.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ClaimNoticeDocument, ViewerDocument } from '../src/graphql/generated';
import { formatYuan } from '../src/charts/options/format';
import { apiAs, launchChromium, resultsDir, screenshot, settled, signedInPage } from './helpers';

const apiUrl = inject('apiUrl');
const dashboardUrl = inject('dashboardUrl');
const tokens = inject('tokens');
const asDistrict = apiAs(apiUrl, tokens.district);

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await signedInPage(browser, tokens.district);
});
afterAll(async () => browser?.close());

describe('the claim notice page', () => {
  it('opens from a claim, shows its figures in plain Chinese citing the text, and prints', async () => {
    const { viewer } = await asDistrict(ViewerDocument, {});
    const wuxi = viewer.cityCode === '320200';

    // Reached from where claims are shown: a claim's detail in the claims view opens its notice.
    await page.goto(`${dashboardUrl}/claims`);
    await settled(page, 'claims');
    const row = page.locator('[data-testid="claims-table"] tbody tr[data-claim]').first();
    const id = (await row.getAttribute('data-claim'))!;
    await row.locator('[data-role="expand"]').click();
    await page.locator('[data-role="notice-link"]').first().click();
    await page.locator('[data-testid="notice"]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe(`/claims/${id}/notice`);
    const { claim } = await asDistrict(ClaimNoticeDocument, { id });

    expect(await page.locator('[data-role="title"]').innerText()).toBe('“两病”门诊用药结算告知书');
    const payment = await page.locator('[data-role="sentence"][data-kind="payment"]').innerText();
    // The figures are the claim's own, as the claims list gives them.
    expect(payment).toContain(`药费合计${formatYuan(claim!.amountFen)}元`);
    expect(payment).toContain(`医保基金支付${formatYuan(claim!.fundFen)}元，您个人支付${formatYuan(claim!.patientFen)}元`);
    if (wuxi && claim!.fundFen > 0)
      expect(await page.locator('[data-role="sentence"][data-kind="ratio"]').innerText()).toMatch(/^按《无锡市…意见》二（三），.+基金支付\d+%。$/);
    if (claim!.fundFen > 0)
      expect(await page.locator('[data-role="sentence"][data-kind="cap"]').innerText()).toMatch(/最高支付限额为[\d.]+元.*本次后还剩[\d.]+元。$/);
    // Every sentence on the page is the API's, in order.
    const api = claim;
    const shown = await page.locator('[data-role="sentence"]').allInnerTexts();
    expect(shown.map((s) => s.trim())).toEqual(api!.notice.sections.filter((s) => s.kind !== 'source').map((s) => s.textZh));
    expect(await page.locator('[data-role="sentence"][data-kind="person"]').innerText()).not.toMatch(/\d{17}[\dX]/);
    await screenshot(page, 'notice-zh');
    writeFileSync(`${resultsDir}notice-zh.txt`, `${api!.notice.textZh}\n`);

    // Print: the app's header and the toolbar are hidden.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-role="print"]').isVisible()).toBe(false);
    await screenshot(page, 'notice-print');
    await page.emulateMedia({ media: 'screen' });

    // English under the language toggle.
    await page.locator('[data-testid="locale"]').selectOption('en');
    await page.locator('[data-role="title"]', { hasText: 'notice of settlement' }).waitFor();
    expect(await page.locator('[data-role="sentence"][data-kind="payment"]').innerText()).toContain(`the fund pays ¥${formatYuan(claim!.fundFen)}`);
    await page.locator('[data-testid="locale"]').selectOption('zh');
  });
});
