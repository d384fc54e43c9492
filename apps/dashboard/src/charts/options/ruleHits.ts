// Rule hits (smart-audit alerts) per month, stacked by rule code.
import type { Locale } from '../../api/types';
import { escapeHtml, formatCount } from './format';
import type { ChartOption, TooltipParam } from './types';

export interface RuleHit {
  code: string;
  messageZh: string;
  messageEn: string;
  institutionId: string;
  institutionName: string;
  month: string;
  count: number;
}

export interface RuleHitMatrix {
  months: string[];
  codes: string[];
  /** counts[codeIndex][monthIndex], summed over institutions */
  counts: number[][];
  messages: Map<string, string>;
}

export function ruleHitMatrix(hits: readonly RuleHit[], locale: Locale): RuleHitMatrix {
  const months = [...new Set(hits.map((h) => h.month))].sort();
  const totals = new Map<string, number>();
  for (const h of hits) totals.set(h.code, (totals.get(h.code) ?? 0) + h.count);
  // Most frequent rule first, so the legend reads in order of importance.
  const codes = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  const counts = codes.map(() => months.map(() => 0));
  const messages = new Map<string, string>();
  for (const h of hits) {
    const row = counts[codes.indexOf(h.code)];
    const col = months.indexOf(h.month);
    if (row && col >= 0) row[col] = (row[col] ?? 0) + h.count;
    if (!messages.has(h.code)) messages.set(h.code, locale === 'zh' ? h.messageZh : h.messageEn);
  }
  return { months, codes, counts, messages };
}

export function buildRuleHitsOption(hits: readonly RuleHit[], locale: Locale, totalLabel: string): ChartOption {
  const m = ruleHitMatrix(hits, locale);
  return {
    animationDuration: 400,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const col = params[0]?.dataIndex ?? -1;
        const month = m.months[col];
        if (!month) return '';
        let total = 0;
        const lines = m.codes.flatMap((code, ci) => {
          const n = m.counts[ci]?.[col] ?? 0;
          total += n;
          return n > 0 ? [`${escapeHtml(code)} ${escapeHtml(m.messages.get(code) ?? '')}: <b>${formatCount(n)}</b>`] : [];
        });
        return [`<b>${month}</b> · ${escapeHtml(totalLabel)} ${formatCount(total)}`, ...lines].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: m.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: m.codes.map((code, ci) => ({
      type: 'bar' as const,
      name: code,
      stack: 'hits',
      data: m.counts[ci] ?? [],
      barMaxWidth: 40,
    })),
  };
}
