// Institutions and the fund against the real API: scorecards with drill-down, the availability
// heat map, the fund watch with a budget set from the page, and a what-if replay.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  DrugAvailabilityDistrictsDocument,
  DrugAvailabilityDocument,
  FundWatchDocument,
  InstitutionScorecardsDocument,
  ViewerDocument,
  WhatIfDocument,
} from '../src/graphql/generated';
import { denominatorText, formatCount, formatMoney, formatPercent } from '../src/charts/options/format';
import { periodRange } from '../src/state/filters';
import { formatScore } from '../src/state/scorecards';
import { apiAs, launchChromium, periodWithData, screenshot, settled, signedInPage, text } from './helpers';

const apiUrl = inject('apiUrl');
const dashboardUrl = inject('dashboardUrl');
const tokens = inject('tokens');
const asCity = apiAs(apiUrl, tokens.city);

let browser: Browser;
let page: Page;
let city: string;
let district: string;
let period: { year: number; quarter: number };
const query = (region: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ city, year: String(period.year), quarter: String(period.quarter), disease: 'ALL', region, ...extra }).toString();

async function canvasDrawn(selector: string): Promise<void> {
  await page.waitForFunction((s) => document.querySelectorAll(`${s} canvas`).length > 0, selector, { timeout: 20_000 });
}

beforeAll(async () => {
  city = (await asCity(ViewerDocument, {})).viewer.cityCode;
  district = (await apiAs(apiUrl, tokens.district)(ViewerDocument, {})).viewer.districtCode ?? '';
  period = await periodWithData(apiUrl, tokens.city);
  browser = await launchChromium();
  page = await signedInPage(browser, tokens.city);
});

afterAll(async () => {
  await browser?.close();
});

describe('institutions', () => {
  it('scorecards: scores, ranks and rates equal the API; a row drills down to its rubric items', async () => {
    await page.goto(`${dashboardUrl}/scorecards?${query(district)}`);
    await settled(page, 'scorecards');
    const { institutionScorecards } = await asCity(InstitutionScorecardsDocument, {
      regionCode: district,
      year: period.year,
      quarter: period.quarter,
      primaryOnly: true,
    });
    const scored = institutionScorecards.scorecards.filter((s) => s.score != null);
    expect(scored.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="scorecard-table"] tbody tr').count()).toBe(scored.length);
    for (const s of scored) {
      const row = `[data-testid="scorecard-table"] tr[data-institution="${s.institution.id}"]`;
      expect(await text(page, `${row} [data-role="score"]`)).toBe(formatScore(s.score));
      expect(await text(page, `${row} [data-role="rank"]`)).toBe(`${s.rank ?? '—'}/${s.peers}`);
      const management = page.locator(`${row} td.rate-cell`).first();
      if (s.standardisedManagement)
        expect((await management.innerText()).replace(/\s+/g, ' ')).toBe(
          `${formatPercent(s.standardisedManagement.rate)} ${formatCount(s.standardisedManagement.numerator)}/${denominatorText(s.standardisedManagement)}`,
        );
    }
    expect(await text(page, '[data-testid="rubric"] code')).toBe(institutionScorecards.rubric.id);

    const best = [...scored].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0]!;
    await page.locator(`[data-testid="scorecard-table"] tr[data-institution="${best.institution.id}"] [data-role="drill"]`).click();
    await page.locator(`[data-testid="scorecard-drilldown"][data-institution="${best.institution.id}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('institution')).toBe(best.institution.id);
    for (const item of best.items) {
      const raw = await page.locator(`[data-testid="scorecard-items"] tr[data-metric="${item.metric}"] [data-role="points"]`).getAttribute('data-raw');
      expect(raw === null ? null : Number(raw)).toBe(item.points);
    }
    await canvasDrawn('[data-testid="scorecard-items-chart"]');
    await screenshot(page, 'scorecards-drilldown');
  });

  it('availability: district coverage equals the API; one district’s heat map and institutions', async () => {
    await page.goto(`${dashboardUrl}/availability?${query(city)}`);
    await settled(page, 'availability');
    const vars = { regionCode: city, year: period.year, quarter: period.quarter, threshold: null };
    const { drugAvailability: summary } = await asCity(DrugAvailabilityDistrictsDocument, vars);
    for (const d of summary.districts) {
      const row = `[data-testid="availability-districts"] tr[data-code="${d.region.code}"]`;
      expect(await text(page, `${row} td.rate-cell div`)).toBe(formatPercent(d.coverage.rate));
      expect(Number(await page.locator(`${row} [data-role="below"]`).getAttribute('data-raw'))).toBe(d.belowThreshold.length);
    }
    const chosen = summary.districts.find((d) => d.region.code === district) ?? summary.districts[0]!;
    await page.locator(`[data-testid="availability-districts"] tr[data-code="${chosen.region.code}"] a`).click();
    await page.waitForURL(new RegExp(`district=${chosen.region.code}`));
    await settled(page, 'availability');
    const { drugAvailability: detail } = await asCity(DrugAvailabilityDocument, { ...vars, regionCode: chosen.region.code });
    expect(await page.locator('[data-testid="availability-institutions"] tbody tr').count()).toBe(detail.institutions.length);
    for (const i of detail.institutions.slice(0, 10)) {
      const cell = page.locator(`[data-testid="availability-institutions"] tr[data-institution="${i.institution.id}"] td.rate-cell .small`);
      expect((await cell.innerText()).trim()).toBe(`${formatCount(i.coverage.numerator)}/${denominatorText(i.coverage)}`);
    }
    await canvasDrawn('[data-testid="availability-heatmap"]');
    await screenshot(page, 'availability');
  });
});

describe('the fund', () => {
  it('fund watch: figures equal the API; a budget set on the page is stored and shown', async () => {
    const asOf = `${period.year}-09-30`;
    await page.goto(`${dashboardUrl}/fund?${query(city, { asOf })}`);
    await settled(page, 'fund');
    const before = (await asCity(FundWatchDocument, { regionCode: city, year: period.year, asOf })).fundWatch;
    expect(Number(await page.locator('[data-testid="fund-paid"]').getAttribute('data-raw'))).toBe(before.total.paidToDateFen);
    expect(await text(page, '[data-testid="fund-paid"] [data-role="value"]')).toBe(formatMoney(before.total.paidToDateFen, 'zh').value);
    expect(await text(page, '[data-testid="fund-projectedYearEnd"] [data-role="value"]')).toBe(
      before.total.projectedYearEndFen == null ? '—' : formatMoney(before.total.projectedYearEndFen, 'zh').value,
    );
    expect(Number(await page.locator('[data-testid="fund-cap"]').getAttribute('data-raw'))).toBe(before.total.patientsReachingCap);
    for (const m of before.total.months) {
      expect(Number(await page.locator(`[data-testid="fund-months"] td[data-month="${m.label}"]`).getAttribute('data-raw'))).toBe(m.patientsReachingCap);
    }
    await canvasDrawn('[data-testid="fund-chart"]');

    // The leadership group sets the district's budget from the page.
    const budgetFen = 3_456_789_00;
    const form = page.locator('[data-testid="budget-form"]');
    await form.locator('select[name="budgetDistrict"]').selectOption(district);
    await form.locator('input[name="budgetYuan"]').fill('3,456,789');
    await form.locator('input[name="budgetSource"]').fill('e2e 年度预算通知');
    await form.locator('[data-role="save-budget"]').click();
    await form.locator('[data-role="budget-saved"]').waitFor();
    await page.waitForFunction(
      ([code, fen]) =>
        document.querySelector(`[data-testid="fund-districts"] tr[data-code="${code}"] [data-role="budget"]`)?.getAttribute('data-raw') === String(fen),
      [district, budgetFen] as const,
    );
    const after = (await asCity(FundWatchDocument, { regionCode: city, year: period.year, asOf })).fundWatch;
    const row = after.districts.find((d) => d.region.code === district);
    expect(row?.budgetFen).toBe(budgetFen);
    expect(row?.budget?.source).toBe('e2e 年度预算通知');
    expect(after.districtsWithoutBudget).not.toContain(district);
    await screenshot(page, 'fund');
  });

  it('what-if: "a 1,000 yuan cap for everyone" equals the API’s replay, per district and in total', async () => {
    await page.goto(`${dashboardUrl}/what-if?${query(city)}`);
    await settled(page, 'whatIf');
    await page.locator('[data-testid="whatif-form"] [data-role="preset"]').click();
    await page.locator('[data-testid="whatif-form"] [data-role="run"]').click();
    await page.waitForURL(/cap1=1000/);
    await page.locator('[data-testid="whatif-total"]').waitFor({ timeout: 60_000 });
    const { whatIf } = await asCity(WhatIfDocument, {
      input: {
        regionCode: city,
        ...periodRange(period.year, period.quarter),
        name: 'cap-1000',
        parameters: { capOneDiseaseFen: 100_000, capBothDiseasesFen: 100_000 },
      },
    });
    for (const measure of ['fundFen', 'outOfPocketFen', 'beneficiaries', 'patientsReachingCap'] as const) {
      for (const side of ['paid', 'whatIf', 'difference'] as const) {
        const raw = await page.locator(`[data-testid="whatif-total"] tr[data-measure="${measure}"] td[data-side="${side}"]`).getAttribute('data-raw');
        expect(Number(raw)).toBe(whatIf.total[side][measure]);
      }
    }
    expect(await page.locator('[data-testid="whatif-districts"] tbody tr').count()).toBe(whatIf.districts.length);
    for (const d of whatIf.districts) {
      const raw = await page.locator(`[data-testid="whatif-districts"] tr[data-code="${d.region.code}"] td[data-side="difference"]`).getAttribute('data-raw');
      expect(Number(raw)).toBe(d.comparison.difference.fundFen);
    }
    expect(await page.locator('[data-testid="whatif-parameters"] tbody tr').count()).toBe(whatIf.parameters.length);
    // The page's replay read the city's claims of the period; the API's own, just after it, finds
    // every district kept in memory by the replay workers, and the page says where its data came from.
    expect(whatIf.districtsFromMemory).toBe(whatIf.districts.length);
    expect(await page.locator('[data-testid="whatif-source"]').textContent()).toContain(String(whatIf.districts.length));
    await canvasDrawn('[data-testid="whatif-districts-chart"]');
    await canvasDrawn('[data-testid="whatif-months-chart"]');
    await screenshot(page, 'what-if');
  });
});
