import { describe, expect, it } from 'vitest';
import {
  denominatorText,
  escapeHtml,
  formatCount,
  formatDateTime,
  formatMoney,
  formatPercent,
  formatYuan,
  isEmptyIndicatorSet,
  periodLabel,
  rateText,
  rateTooltipHtml,
  rateTooltipText,
} from './format';
import { awarenessDefinition, indicators, labels, rate, unavailableRate } from '../../test/fixtures';

describe('money', () => {
  it('formats integer fen as exact yuan with two decimals', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(123456)).toBe('1,234.56');
    expect(formatYuan(-101)).toBe('-1.01');
    // 0.1 + 0.2 style errors would show here if the division were done in floating point.
    expect(formatYuan(9_007_199_254_740_991)).toBe('90,071,992,547,409.91');
  });

  it('switches to 万元 from 10万元 up', () => {
    expect(formatMoney(9_999_999, 'zh')).toEqual({ value: '99,999.99', unit: '元' });
    expect(formatMoney(10_000_000, 'zh')).toEqual({ value: '10.00', unit: '万元' });
    expect(formatMoney(123_456_789, 'zh')).toEqual({ value: '123.46', unit: '万元' });
    expect(formatMoney(123_456_789, 'en').unit).toBe('×10k yuan');
  });
});

describe('counts and rates', () => {
  it('groups thousands and shows a missing rate as a dash', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatPercent(0.6234)).toBe('62.3%');
    expect(formatPercent(null)).toBe('—');
    expect(periodLabel({ year: 2024, quarter: 3 })).toBe('2024Q3');
    expect(periodLabel({ year: 2024, quarter: null })).toBe('2024');
  });

  it('treats a set without any counts as empty', () => {
    expect(isEmptyIndicatorSet(indicators())).toBe(false);
    expect(
      isEmptyIndicatorSet(indicators({ estimatedPatients: 0, knownPatients: 0, managedPatients: 0, beneficiaries: 0, benefitUses: 0, drugCostFen: 0 })),
    ).toBe(true);
  });
});

describe('rate tooltip', () => {
  it('states numerator, denominator and the definition with what each counts', () => {
    const text = rateTooltipText('知晓率', rate(1234, 2000), awarenessDefinition, labels, 'zh');
    expect(text).toContain('知晓率: 61.7%');
    expect(text).toContain('分子: 1,234 — 辖区内已登记诊断的35岁及以上患者');
    expect(text).toContain('分母: 2,000 — 估算患者数（35岁及以上常住人口×患病率）');
    expect(text).toContain('口径: 知晓率 (awareness.v1)');
    expect(text).toContain('统计期: 自然年'); // the window in Chinese in the zh locale (windowZh), not the English one
  });

  it('says 无人口数据 for awareness without a population figure, never 0 %, and names the missing district', () => {
    const missing = unavailableRate(12, ['320214']);
    expect(rateText(missing, labels.unavailable)).toBe('无人口数据');
    expect(rateText(rate(0, 10), labels.unavailable)).toBe('0.0%');
    expect(denominatorText(missing)).toBe('—');
    const text = rateTooltipText('知晓率', missing, awarenessDefinition, labels, 'zh');
    expect(text).toContain('知晓率: 无人口数据');
    expect(text).toContain('分子: 12');
    expect(text).toContain('分母: 无人口数据 (no population figure for 320214 in 2025)');
  });

  it('names the definition id when the API has no definition for it', () => {
    expect(rateTooltipText('知晓率', rate(1, 2, 'awareness.v9'), undefined, labels, 'zh')).toContain('口径: awareness.v9 (无口径)');
  });

  it('escapes API text in HTML tooltips', () => {
    const def = { ...awarenessDefinition, numeratorZh: '<img src=x onerror=alert(1)>' };
    const html = rateTooltipHtml('知晓率', rate(1, 2), def, labels, 'zh');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(escapeHtml(`a&b"'`)).toBe('a&amp;b&quot;&#39;');
  });

  it('shows API timestamps in China Standard Time', () => {
    expect(formatDateTime('2026-11-23T17:55:28.368Z')).toBe('2026-11-24 01:55');
    expect(formatDateTime('2025-01-01T00:00:00Z', 'UTC')).toBe('2025-01-01 00:00');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('periodHasActivity', () => {
  it('a period with patients on the roll but no claim or follow-up has no activity (its rates read 暂无数据)', async () => {
    const { periodHasActivity } = await import('./format');
    expect(periodHasActivity({ benefitUses: 0, drugCostFen: 0, standardManagedPatients: 0 })).toBe(false);
    expect(periodHasActivity({ benefitUses: 0, drugCostFen: 0, standardManagedPatients: 3 })).toBe(true);
    expect(periodHasActivity({ benefitUses: 1, drugCostFen: 100, standardManagedPatients: 0 })).toBe(true);
  });
});
