// The bureau's operations against the real API: the claims behind a rule hit (paged, each with its
// lines, hits and explanation), monitoring cases (a district bureau runs the monitoring and confirms
// a case with reversal, which reverses the claim; the city leadership reads only), and the roster
// import (all or nothing, certify in bulk, an uninsured reason recorded).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  AlertDetailDocument,
  AlertsDocument,
  ClaimsDocument,
  RosterImportDocument,
  RuleHitCountsDocument,
  ViewerDocument,
  type AlertFieldsFragment,
} from '../src/graphql/generated';
import { formatCount, formatYuan } from '../src/charts/options/format';
import { monthRange } from '../src/state/claims';
import { periodRange } from '../src/state/filters';
import { rosterOutcomes } from '../src/state/roster';
import { apiAs, launchChromium, periodWithData, screenshot, settled, signedInPage, text } from './helpers';
import { rosterFile } from './roster-file';

const apiUrl = inject('apiUrl');
const dashboardUrl = inject('dashboardUrl');
const tokens = inject('tokens');
const asCity = apiAs(apiUrl, tokens.city);
const asDistrict = apiAs(apiUrl, tokens.district);

let browser: Browser;
let cityPage: Page;
let districtPage: Page;
let city: string;
let district: string;
let period: { year: number; quarter: number };
const query = (region: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ city, year: String(period.year), quarter: String(period.quarter), disease: 'ALL', region, ...extra }).toString();

beforeAll(async () => {
  const { viewer } = await asDistrict(ViewerDocument, {});
  city = viewer.cityCode;
  district = viewer.districtCode ?? '';
  period = await periodWithData(apiUrl, tokens.city);
  browser = await launchChromium();
  cityPage = await signedInPage(browser, tokens.city);
  districtPage = await signedInPage(browser, tokens.district);
});

afterAll(async () => {
  await browser?.close();
});

describe('claims behind a rule hit', () => {
  it('lands from an alert row with its filters; counts, lines, hits and trace equal the API', async () => {
    await cityPage.goto(`${dashboardUrl}/alerts?${query(city)}`);
    await settled(cityPage, 'alerts');
    const { ruleHitCounts } = await asCity(RuleHitCountsDocument, { regionCode: city, ...periodRange(period.year, period.quarter) });
    expect(ruleHitCounts.length).toBeGreaterThan(0);
    const link = cityPage.locator('[data-role="claims-link"]').first();
    const href = new URL((await link.getAttribute('href')) ?? '', dashboardUrl);
    expect(href.pathname).toBe('/claims');
    for (const key of ['hit', 'institution', 'month', 'region', 'year', 'quarter']) expect(href.searchParams.get(key)).toBeTruthy();
    await link.click();
    await settled(cityPage, 'claims');

    const hit = href.searchParams.get('hit') ?? '';
    const institution = href.searchParams.get('institution') ?? '';
    const month = href.searchParams.get('month') ?? '';
    const { claims } = await asCity(ClaimsDocument, {
      filter: { regionCode: city, hitCode: hit, institutionId: institution, ...monthRange(month) },
      first: 20,
      after: null,
    });
    expect(claims.totalCount).toBeGreaterThan(0);
    expect(Number(await cityPage.locator('[data-testid="claims-pager"] [data-role="total"]').getAttribute('data-raw'))).toBe(claims.totalCount);
    const rows = cityPage.locator('[data-testid="claims-table"] tbody tr[data-claim]');
    expect(await rows.count()).toBe(claims.nodes.length);
    const first = claims.nodes[0]!;
    expect(await rows.first().getAttribute('data-claim')).toBe(first.id);
    expect(await text(cityPage, `tr[data-claim="${first.id}"] [data-role="fund"]`)).toBe(formatYuan(first.fundFen));

    await rows.first().locator('[data-role="expand"]').click();
    const detail = cityPage.locator('[data-testid="claim-detail"]');
    await detail.waitFor();
    expect(await detail.locator('[data-role="lines"] tbody tr').count()).toBe(first.lines.length);
    expect(await detail.locator('[data-role="hits"] tbody tr').count()).toBe(first.hits.length);
    const shownHit = first.hits.find((h) => h.code === hit);
    expect(shownHit).toBeDefined();
    expect(await detail.locator(`[data-role="hits"] tr[data-code="${hit}"] [data-role="message"]`).first().innerText()).toBe(shownHit?.messageZh);
    expect(await detail.locator('[data-role="trace"] tbody tr').count()).toBe(first.explanation.length);
    const parameters = first.explanation.flatMap((s) => s.parameters);
    expect(await detail.locator('[data-role="parameter"]').count()).toBe(parameters.length);
    if (parameters[0]) expect(await detail.locator(`[data-role="parameter"] [data-kind="${parameters[0].kind}"]`).count()).toBeGreaterThan(0);
    await screenshot(cityPage, 'claims-detail');
  });

  it('pages through a rule hit over the quarter by cursor', async () => {
    const { ruleHitCounts } = await asCity(RuleHitCountsDocument, { regionCode: city, ...periodRange(period.year, period.quarter) });
    const totals = new Map<string, number>();
    for (const h of ruleHitCounts) totals.set(h.code, (totals.get(h.code) ?? 0) + h.count);
    const [code] = [...totals].sort((a, b) => b[1] - a[1])[0] ?? [''];
    const filter = { regionCode: city, hitCode: code, ...periodRange(period.year, period.quarter) };
    const one = await asCity(ClaimsDocument, { filter, first: 20, after: null });
    await cityPage.goto(`${dashboardUrl}/claims?${query(city, { hit: code })}`);
    await settled(cityPage, 'claims');
    expect(await text(cityPage, '[data-testid="claims-pager"] [data-role="total"]')).toContain(formatCount(one.claims.totalCount));
    if (!one.claims.hasNextPage) return;
    const two = await asCity(ClaimsDocument, { filter, first: 20, after: one.claims.endCursor });
    await cityPage.locator('[data-testid="claims-pager"] [data-role="next"]').click();
    await cityPage.waitForURL(/after=/);
    await settled(cityPage, 'claims');
    const ids = await cityPage
      .locator('[data-testid="claims-table"] tbody tr[data-claim]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-claim')));
    expect(ids).toEqual(two.claims.nodes.map((c) => c.id));
    await cityPage.locator('[data-testid="claims-pager"] [data-role="previous"]').click();
    await cityPage.waitForURL((url) => !url.searchParams.has('after'));
    await settled(cityPage, 'claims');
    expect(await cityPage.locator('[data-testid="claims-table"] tbody tr[data-claim]').first().getAttribute('data-claim')).toBe(one.claims.nodes[0]?.id);
  });
});

describe('monitoring cases', () => {
  let confirmed: AlertFieldsFragment | null = null;

  it('a district bureau runs monitoring, then confirms a case with reversal: its claim is reversed', async () => {
    await districtPage.goto(`${dashboardUrl}/alerts?${query(district)}`);
    await settled(districtPage, 'alerts');
    await districtPage.locator('[data-testid="run-monitoring"]').click();
    await districtPage.locator('[data-testid="run-result"]').waitFor({ timeout: 60_000 });
    await settled(districtPage, 'alerts');
    const filter = { regionCode: district, ...periodRange(period.year, period.quarter) };
    const { alerts } = await asDistrict(AlertsDocument, { filter, first: 20, after: null });
    expect(alerts.totalCount).toBeGreaterThan(0);
    expect(Number(await districtPage.locator('[data-testid="cases-total"]').getAttribute('data-raw'))).toBe(alerts.totalCount);
    expect(await districtPage.locator('[data-testid="cases-table"] tbody tr').count()).toBe(alerts.nodes.length);

    const open = await asDistrict(AlertsDocument, { filter: { ...filter, status: 'OPEN' }, first: 100, after: null });
    const target = open.alerts.nodes.find((a) => a.claimIds.length > 0 && a.patientId !== null);
    expect(target).toBeDefined();
    confirmed = target ?? null;
    const claimId = target?.claimIds[0] ?? '';
    await districtPage.goto(`${dashboardUrl}/alerts?${query(district, { case: target?.id ?? '' })}`);
    const panel = districtPage.locator('[data-testid="case-detail"]');
    await panel.locator('[data-role="evidence"]').waitFor();
    await districtPage.waitForFunction(() => document.querySelector('[data-testid="case-detail"] [data-role="patient"]')?.textContent?.includes('*'));
    expect(await panel.locator(`[data-role="case-claims"] tr[data-claim="${claimId}"] [data-role="claim-status"]`).innerText()).toBe('已结算');

    await panel.locator('select[name="nextStatus"]').selectOption('CONFIRMED');
    await panel.locator('input[name="assignee"]').fill('e2e稽核员');
    await panel.locator('input[name="reverseClaims"]').check();
    await panel.locator('[data-role="save"]').click();
    await panel.locator('[data-role="saved"]').waitFor();
    await districtPage.waitForFunction(
      (id) => document.querySelector(`[data-testid="case-detail"] tr[data-claim="${id}"] [data-role="claim-status"]`)?.textContent?.trim() === '已冲正',
      claimId,
    );
    const { alert } = await asDistrict(AlertDetailDocument, { id: target?.id ?? '' });
    expect(alert.status).toBe('CONFIRMED');
    expect(alert.assignee).toBe('e2e稽核员');
    expect(alert.claims.find((c) => c.id === claimId)?.status).toBe('REVERSED');
    expect(alert.history.at(-1)?.reversedClaimIds).toContain(claimId);
    expect(await panel.locator('[data-role="status"]').first().innerText()).toBe('已确认违规');
    await screenshot(districtPage, 'alerts-case-confirmed');

    // The claims page shows the reversal too.
    const reversed = await asDistrict(ClaimsDocument, {
      filter: { regionCode: district, status: 'REVERSED', ...periodRange(period.year, period.quarter) },
      first: 100,
      after: null,
    });
    expect(reversed.claims.nodes.map((c) => c.id)).toContain(claimId);
    await districtPage.goto(`${dashboardUrl}/claims?${query(district, { status: 'REVERSED' })}`);
    await settled(districtPage, 'claims');
    expect(Number(await districtPage.locator('[data-testid="claims-pager"] [data-role="total"]').getAttribute('data-raw'))).toBe(reversed.claims.totalCount);
  });

  it('the city leadership reads the cases but cannot run or change them', async () => {
    await cityPage.goto(`${dashboardUrl}/alerts?${query(city, confirmed ? { case: confirmed.id } : {})}`);
    await settled(cityPage, 'alerts');
    const { alerts } = await asCity(AlertsDocument, { filter: { regionCode: city, ...periodRange(period.year, period.quarter) }, first: 20, after: null });
    expect(Number(await cityPage.locator('[data-testid="cases-total"]').getAttribute('data-raw'))).toBe(alerts.totalCount);
    expect(await cityPage.locator('[data-testid="run-monitoring"]').count()).toBe(0);
    if (confirmed) {
      await cityPage.locator('[data-testid="case-detail"] [data-testid="read-only"]').waitFor();
      expect(await cityPage.locator('[data-testid="case-actions"]').count()).toBe(0);
    }
    await screenshot(cityPage, 'alerts-cases-city');
  });
});

describe('roster import', () => {
  it('refuses a file with a bad row, imports the valid rows, certifies in bulk and records a reason', async () => {
    if (!tokens.auditor) throw new Error('no AUDITOR token: set E2E_AUDITOR_TOKEN');
    const file = await rosterFile(apiUrl, tokens.auditor, district, String(Date.now() % 100_000));
    await districtPage.goto(`${dashboardUrl}/roster`);
    await settled(districtPage, 'roster');
    const upload = districtPage.locator('[data-testid="roster-upload"]');
    await upload.locator('input[name="file"]').setInputFiles({ name: 'managed-patients.csv', mimeType: 'text/csv', buffer: Buffer.from(file.csv, 'utf8') });
    await upload.locator('[data-role="import"]').click();
    await upload.locator('[data-role="rejected"]').waitFor();
    expect(await upload.locator(`[data-testid="roster-problems"] tr[data-row="${file.badRow}"]`).count()).toBeGreaterThan(0);

    await upload.locator('input[name="acceptValidRows"]').check();
    await upload.locator('[data-role="import"]').click();
    await upload.locator('[data-role="imported"]').waitFor();
    await districtPage.waitForURL(/import=/);
    const importId = new URL(districtPage.url()).searchParams.get('import') ?? '';
    await districtPage.locator(`[data-testid="roster-import"][data-import="${importId}"]`).waitFor();
    const before = (await asDistrict(RosterImportDocument, { id: importId, outcome: null, first: 1, after: null })).rosterImport;
    expect(before.rejectedRows).toBe(1);
    for (const outcome of rosterOutcomes) {
      const shown = await districtPage.locator(`[data-outcome="${outcome}"] [data-role="count"]`).getAttribute('data-raw');
      expect(Number(shown)).toBe(before.counts.find((c) => c.outcome === outcome)?.count ?? 0);
    }
    const toCertify = before.counts.find((c) => c.outcome === 'TO_CERTIFY')?.count ?? 0;
    expect(before.counts.find((c) => c.outcome === 'TO_MOBILISE')?.count).toBe(file.unknownRows.length);

    if (toCertify > 0) {
      await districtPage.locator('[data-testid="certify-all"]').click();
      await districtPage.locator('[data-role="certified"]').waitFor();
      const after = (await asDistrict(RosterImportDocument, { id: importId, outcome: null, first: 1, after: null })).rosterImport;
      expect(after.certifiedAt).not.toBeNull();
      await districtPage.waitForFunction(
        (n) => document.querySelector('[data-outcome="TO_CERTIFY"] [data-role="count"]')?.getAttribute('data-raw') === String(n),
        after.counts.find((c) => c.outcome === 'TO_CERTIFY')?.count ?? 0,
      );
    }

    await districtPage.locator('[data-outcome="TO_MOBILISE"]').click();
    const row = districtPage.locator(`[data-testid="roster-rows"] tr[data-row="${file.unknownRows[0]}"]`);
    await row.waitFor();
    await row.locator('select[name="reason"]').selectOption('MILITARY_SERVICE');
    await row.locator('button[type="submit"]').click();
    await districtPage.waitForFunction(() => document.querySelector('[data-outcome="EXEMPT"] [data-role="count"]')?.getAttribute('data-raw') === '1');
    const exempt = (await asDistrict(RosterImportDocument, { id: importId, outcome: 'EXEMPT', first: 10, after: null })).rosterImport.rows.nodes;
    expect(exempt.map((r) => [r.rowNo, r.exemptReason])).toEqual([[file.unknownRows[0], 'MILITARY_SERVICE']]);
    await screenshot(districtPage, 'roster');
  });

  it('is read-only for the city leadership', async () => {
    await cityPage.goto(`${dashboardUrl}/roster?district=${district}`);
    await settled(cityPage, 'roster');
    expect(await cityPage.locator('[data-testid="roster-upload"]').count()).toBe(0);
    await cityPage.locator('[data-testid="read-only"]').waitFor();
    expect(await cityPage.locator('[data-testid="certify-all"]').count()).toBe(0);
  });
});
