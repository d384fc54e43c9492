// Every view against the real API: charts drawn, figures on screen equal the API's for the same
// filters, drill-down, Excel download, and a district bureau held to its district.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  CascadeDocument,
  HeadlineTargetsDocument,
  IndicatorDefinitionsDocument,
  InstitutionStatisticsDocument,
  QuarterlyReportDocument,
  RuleHitCountsDocument,
  StatisticsDocument,
  ViewerDocument,
} from '../src/graphql/generated';
import { denominatorText, formatCount, formatMoney, formatPercent, rateText } from '../src/charts/options/format';
import { cascadeStepKeys } from '../src/charts/options/cascade';
import { periodRange } from '../src/state/filters';
import { reportColumns, reportMatrix } from '../src/state/report';
import { apiAs, clickFirstClickable, launchChromium, periodWithData, resultsDir, screenshot, settled, signedInPage, text } from './helpers';

const apiUrl = inject('apiUrl');
const dashboardUrl = inject('dashboardUrl');
const tokens = inject('tokens');
const asCity = apiAs(apiUrl, tokens.city);

let browser: Browser;
let page: Page;
let city: string;
let period: { year: number; quarter: number };
let query: string;
const vars = () => ({ regionCode: city, year: period.year, quarter: period.quarter, disease: 'ALL' as const });

beforeAll(async () => {
  city = (await asCity(ViewerDocument, {})).viewer.cityCode;
  period = await periodWithData(apiUrl, tokens.city);
  query = new URLSearchParams({ city, year: String(period.year), quarter: String(period.quarter), disease: 'ALL', region: city }).toString();
  browser = await launchChromium();
  page = await signedInPage(browser, tokens.city);
});

afterAll(async () => {
  await browser?.close();
});

/** Canvases under `selector`, once at least `atLeast` are drawn (ECharts loads after the data). */
async function canvasCount(selector: string, atLeast = 1): Promise<number> {
  await page.waitForFunction(([s, n]) => document.querySelectorAll(`${s} canvas`).length >= n, [selector, atLeast] as const, { timeout: 20_000 });
  return page.locator(`${selector} canvas`).count();
}

describe('city leadership', () => {
  it('overview: KPIs and headline rates equal the API, trends drawn', async () => {
    await page.goto(`${dashboardUrl}/?${query}`);
    await settled(page, 'overview');
    const { statistics } = await asCity(StatisticsDocument, vars());
    const { indicatorDefinitions } = await asCity(IndicatorDefinitionsDocument, {});
    const { headlineTargets } = await asCity(HeadlineTargetsDocument, { regionCode: city, year: period.year, quarter: period.quarter });
    const ind = statistics.indicators;

    expect(await text(page, '[data-testid="kpi-managed"] [data-role="value"]')).toBe(formatCount(ind.managedPatients));
    expect(await text(page, '[data-testid="kpi-beneficiaries"] [data-role="value"]')).toBe(formatCount(ind.beneficiaries));
    expect(await text(page, '[data-testid="kpi-benefitUses"] [data-role="value"]')).toBe(formatCount(ind.benefitUses));
    expect(await text(page, '[data-testid="kpi-drugCost"] [data-role="value"]')).toBe(formatMoney(ind.drugCostFen, 'zh').value);
    expect(await text(page, '[data-testid="kpi-fundPaid"] [data-role="value"]')).toBe(formatMoney(ind.fundPaidFen, 'zh').value);
    for (const key of ['awareness', 'standardisedManagement', 'rationalMedication'] as const) {
      const card = `[data-testid="rate-${key}"]`;
      expect(await text(page, `${card} [data-role="value"]`)).toBe(rateText(ind[key], '无人口数据'));
      expect(await text(page, `${card} [data-role="numerator"]`)).toBe(formatCount(ind[key].numerator));
      expect(await text(page, `${card} [data-role="denominator"]`)).toBe(denominatorText(ind[key]));
      const def = indicatorDefinitions.find((d) => d.id === ind[key].definitionId);
      if (def) expect(await page.locator(card).getAttribute('title')).toContain(def.numeratorZh);
      expect(await canvasCount(`[data-testid="trend-${key}"]`)).toBeGreaterThan(0);
      // The target it is compared with, and where that comes from, as the API holds them (the demo runs on the seeds).
      const target = headlineTargets.find((x) => x.indicator === key)!;
      expect(target.setting?.source.kind).toBe('seed');
      expect(await text(page, `${card} [data-role="target"]`)).toBe(`目标 ${formatPercent(target.value)}（来源：系统预置值）`);
      expect(await page.locator(`${card} [data-role="target"]`).getAttribute('title')).toContain(
        `${target.setting!.source.document} ${target.setting!.source.section}`,
      );
    }
    await screenshot(page, 'overview');
  });

  it('map: districts coloured, listed values equal the API', async () => {
    await page.goto(`${dashboardUrl}/map?${query}&indicator=standardisedManagement`);
    await settled(page, 'map');
    const { statistics } = await asCity(StatisticsDocument, vars());
    expect(await canvasCount('[data-testid="map-chart"]')).toBeGreaterThan(0);
    for (const child of statistics.children) {
      const cell = page.locator(`[data-testid="map-values"] tr[data-code="${child.region.code}"] td.rate-cell div`).first();
      expect((await cell.innerText()).trim()).toBe(formatPercent(child.indicators.standardisedManagement.rate));
    }
    await screenshot(page, 'map');
  });

  it('districts: bars per rate, click drills down to the institutions', async () => {
    await page.goto(`${dashboardUrl}/districts?${query}`);
    await settled(page, 'districts');
    expect(await canvasCount('[data-testid^="bars-"]', 5)).toBeGreaterThanOrEqual(5);

    // Click the first region name on the awareness chart's axis (the highest bar, drawn on top).
    const { statistics } = await asCity(StatisticsDocument, vars());
    const ranked = [...statistics.children].sort((a, b) => (b.indicators.awareness.rate ?? -1) - (a.indicators.awareness.rate ?? -1));
    const top = ranked[0];
    expect(top).toBeDefined();
    const canvas = page.locator('[data-testid="bars-awareness"] canvas').first();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('awareness chart has no canvas');
    const bandHeight = (box.height - 28 - 8) / statistics.children.length;
    expect(await clickFirstClickable(page, canvas, box.y + 28 + bandHeight / 2)).toBe(true);
    await page.locator('[data-testid="institution-table"]').waitFor({ timeout: 15_000 });
    await settled(page, 'districts');
    expect(new URL(page.url()).searchParams.get('district')).toBe(top?.region.code);

    const { institutionStatistics } = await asCity(InstitutionStatisticsDocument, { ...vars(), regionCode: top?.region.code ?? '' });
    expect(await page.locator('[data-testid="institution-table"] tbody tr').count()).toBe(institutionStatistics.length);
    for (const row of institutionStatistics) {
      const managed = page.locator(`[data-testid="institution-table"] tr[data-institution="${row.institution.id}"] [data-role="managed"]`);
      expect((await managed.innerText()).trim()).toBe(formatCount(row.indicators.managedPatients));
    }
    await screenshot(page, 'districts-drilldown');
  });

  it('cascade: steps per disease equal the API', async () => {
    await page.goto(`${dashboardUrl}/cascade?${query}`);
    await settled(page, 'cascade');
    expect(await canvasCount('[data-testid="cascade-chart"]')).toBeGreaterThan(0);
    const data = await asCity(CascadeDocument, { regionCode: city, year: period.year, quarter: period.quarter });
    for (const [disease, set] of [
      ['HYPERTENSION', data.hypertension.indicators],
      ['DIABETES', data.diabetes.indicators],
    ] as const) {
      for (const step of cascadeStepKeys) {
        const raw = await page.locator(`[data-testid="cascade-table"] tr[data-disease="${disease}"] td[data-step="${step}"]`).getAttribute('data-raw');
        expect(Number(raw)).toBe(set[step]);
      }
    }
    await screenshot(page, 'cascade');
  });

  it('report: 附件5 cells equal the API and the Excel download is a non-empty .xlsx', async () => {
    await page.goto(`${dashboardUrl}/report?${query}`);
    await settled(page, 'report');
    const { quarterlyReport } = await asCity(QuarterlyReportDocument, { regionCode: city, year: period.year, quarter: period.quarter });
    const matrix = reportMatrix(quarterlyReport.rows);
    for (const category of ['SPECIAL', 'CHRONIC_PROGRAMME'] as const) {
      for (const disease of ['HYPERTENSION', 'DIABETES'] as const) {
        for (const column of reportColumns) {
          const raw = await page
            .locator(`[data-testid="report-table"] tr[data-category="${category}"] td[data-cell="${disease}.${column}"]`)
            .getAttribute('data-raw');
          expect(raw === null ? null : Number(raw)).toBe(matrix[category][disease]?.[column] ?? null);
        }
      }
    }
    // the city's own form and text, not another city's
    expect(await page.locator('[data-testid="report-title"]').textContent()).toBe(quarterlyReport.title);
    expect(quarterlyReport.title).toContain(city === '520100' ? '贵阳' : '无锡');
    expect(await page.locator('[data-testid="report-basis"]').textContent()).toContain(quarterlyReport.basis);
    // the filler's fields go with the download
    await page.locator('[data-testid="report-filler"] input[name="fillerName"]').fill('王五');
    await page.locator('[data-testid="report-filler"] input[name="fillerPhone"]').fill('0851-1234567');
    const [download, request] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForRequest((r) => r.url().includes('/reports/quarterly.xlsx')),
      page.locator('[data-testid="download-excel"]').click(),
    ]);
    const sent = new URL(request.url()).searchParams;
    expect([sent.get('fillerName'), sent.get('fillerPhone'), sent.get('fillerUnit')]).toEqual(['王五', '0851-1234567', null]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = `${resultsDir}${download.suggestedFilename()}`;
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // xlsx is a zip
    await screenshot(page, 'report');
  });

  it('alerts: totals equal the API and rows link to their claims', async () => {
    await page.goto(`${dashboardUrl}/alerts?${query}`);
    await settled(page, 'alerts');
    const { ruleHitCounts } = await asCity(RuleHitCountsDocument, { regionCode: city, ...periodRange(period.year, period.quarter) });
    const total = ruleHitCounts.reduce((n, h) => n + h.count, 0);
    expect(Number(await page.locator('[data-testid="alerts-total"]').getAttribute('data-raw'))).toBe(total);
    if (ruleHitCounts.length > 0) {
      expect(await canvasCount('[data-testid="alerts-chart"]')).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="alerts-table"] tbody tr').count()).toBe(ruleHitCounts.length);
      const href = new URL((await page.locator('[data-role="claims-link"]').first().getAttribute('href')) ?? '', dashboardUrl);
      expect(href.pathname).toBe('/claims');
      expect(href.searchParams.get('hit')).toMatch(/^[A-Z_]+$/);
      expect(href.searchParams.get('month')).toMatch(/^\d{4}-\d{2}$/);
      expect(href.searchParams.get('region')).toBe(city);
    } else {
      await page.locator('[data-state="empty"]').waitFor();
    }
    await screenshot(page, 'alerts');
  });

  it('big screen: dark, no filters, rotating views', async () => {
    await page.goto(`${dashboardUrl}/?${query}&screen=big`);
    await settled(page, 'overview');
    await page.locator('[data-testid="big-screen"]').waitFor();
    expect(await page.locator('[data-testid="filters"]').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains('big'))).toBe(true);
    await screenshot(page, 'big-screen');
  });

  it('switches to English and back, and says demo mode in both', async () => {
    await page.goto(`${dashboardUrl}/?${query}`);
    await settled(page, 'overview');
    // The API of the e2e run is in demo mode (its default): the banner says so, in either language.
    expect(await text(page, '[data-testid="demo-banner"] strong')).toBe('演示模式：演示数据，非真实政策参数');
    await page.locator('[data-testid="locale"]').selectOption('en');
    expect(await text(page, '[data-testid="nav-overview"]')).toBe('Overview');
    expect(await text(page, '[data-testid="demo-banner"] strong')).toBe('Demo mode: demo data, not real policy parameters');
    await page.locator('[data-testid="locale"]').selectOption('zh');
    expect(await text(page, '[data-testid="nav-overview"]')).toBe('总览');
  });
});

describe('district bureau', () => {
  it('is held to its own district and cannot reach another', async () => {
    const asDistrict = apiAs(apiUrl, tokens.district);
    const { viewer } = await asDistrict(ViewerDocument, {});
    expect(viewer.role).toBe('DISTRICT_BUREAU');
    const own = viewer.districtCode ?? '';
    const { statistics: cityStats } = await asCity(StatisticsDocument, vars());
    const other = cityStats.children.find((c) => c.region.code !== own)?.region.code;
    expect(other).toBeDefined();

    const districtPage = await signedInPage(browser, tokens.district);
    const q = new URLSearchParams({ city: viewer.cityCode, year: String(period.year), quarter: String(period.quarter), disease: 'ALL', region: other ?? '' });
    await districtPage.goto(`${dashboardUrl}/?${q.toString()}`);
    await districtPage.locator('[data-view="overview"]').waitFor();
    await districtPage.waitForFunction(() => document.querySelectorAll('[data-state="loading"]').length === 0);
    expect(new URL(districtPage.url()).searchParams.get('region')).toBe(own);
    const select = districtPage.locator('select[name="region"]');
    expect(await select.isDisabled()).toBe(true);
    expect(await select.inputValue()).toBe(own);
    const { statistics } = await asDistrict(StatisticsDocument, { ...vars(), regionCode: own });
    expect((await districtPage.locator('[data-testid="kpi-managed"] [data-role="value"]').innerText()).trim()).toBe(
      formatCount(statistics.indicators.managedPatients),
    );
    await districtPage.screenshot({ path: `${resultsDir}district-overview.png`, fullPage: true });

    // The API enforces the same scope: another district is refused (or narrowed to the viewer's own).
    const outcome = await asDistrict(StatisticsDocument, { ...vars(), regionCode: other ?? '' }).then(
      (d) => d.statistics.region.code,
      (e: unknown) => (e instanceof Error ? 'refused' : 'unknown'),
    );
    expect(['refused', own]).toContain(outcome);
    await districtPage.context().close();
  });
});

describe('sign-in', () => {
  it('signs in with a demo token', async () => {
    const response = await fetch(`${apiUrl}/demo-tokens`);
    if (!response.ok) return; // demo tokens are development-only; the tokens came from env
    const context = await browser.newContext();
    const login = await context.newPage();
    await login.goto(`${dashboardUrl}/login`);
    await login.locator('[data-testid="demo-tokens"] button[data-role="CITY_LEADERSHIP"]').first().click();
    await login.locator('[data-view="overview"]').waitFor();
    // With no period in the URL the dashboard opens on the quarter of the latest data, not an empty one.
    if (!process.env.E2E_PERIOD) {
      expect(await login.locator('select[name="year"]').inputValue()).toBe(String(period.year));
      expect(await login.locator('select[name="quarter"]').inputValue()).toBe(String(period.quarter));
    }
    await login.screenshot({ path: `${resultsDir}login-then-overview.png` });
    await context.close();
  });
});
