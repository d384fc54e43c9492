// Sorted horizontal bars comparing child regions on one rate, with the parent's value as a markLine.
import type { Rate, RateKey, RegionInfo, IndicatorSet } from '../../api/types';
import { definitionName, formatPercent, ratePercentValue, rateTooltipHtml } from './format';
import type { ChartOption, RateContext, TooltipParam } from './types';

export interface RegionRateRow {
  region: Pick<RegionInfo, 'code' | 'name'>;
  indicators: IndicatorSet;
}

export interface DistrictBarsInput extends RateContext {
  rows: readonly RegionRateRow[];
  key: RateKey;
  /** The parent region's own rate (summed counts, never an average of the bars). */
  parentRate: Rate;
  parentLabel: string;
  title: string;
  selectedCode?: string | null;
}

export interface BarDatum {
  value: number | null;
  code: string;
  name: string;
}

/** Highest rate first; regions without a rate (denominator 0) last, by name. */
export function sortByRate(rows: readonly RegionRateRow[], key: RateKey): RegionRateRow[] {
  return [...rows].sort((a, b) => {
    const ra = a.indicators[key].rate;
    const rb = b.indicators[key].rate;
    if (ra == null && rb == null) return a.region.name.localeCompare(b.region.name, 'zh');
    if (ra == null) return 1;
    if (rb == null) return -1;
    return rb - ra || a.region.name.localeCompare(b.region.name, 'zh');
  });
}

export function buildDistrictBarsOption(input: DistrictBarsInput): ChartOption {
  const sorted = sortByRate(input.rows, input.key);
  const def = input.definitions.get(input.parentRate.definitionId);
  const title = definitionName(def, input.locale, input.title);
  const parentValue = ratePercentValue(input.parentRate);
  const data: BarDatum[] = sorted.map((row) => ({
    value: ratePercentValue(row.indicators[input.key]),
    code: row.region.code,
    name: row.region.name,
  }));

  return {
    animationDuration: 400,
    grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const param = raw as TooltipParam;
        const row = sorted[param.dataIndex];
        if (!row) return '';
        const rate = row.indicators[input.key];
        return `${row.region.name}<br/>${rateTooltipHtml(title, rate, input.definitions.get(rate.definitionId), input.labels, input.locale)}`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    // inverse: the first (highest) row is drawn at the top.
    // triggerEvent: the region names are clickable too, not only the bars.
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => r.region.name), axisTick: { show: false }, triggerEvent: true },
    series: [
      {
        type: 'bar',
        name: title,
        data: data.map((d) => ({
          ...d,
          itemStyle: d.code === input.selectedCode ? { color: '#f0ad4e' } : {},
        })),
        barMaxWidth: 22,
        cursor: 'pointer',
        label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? `${p.value.toFixed(1)}%` : '—') },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: '#5470c6' },
          // The y axis is inverted, so the line's start is at the top of the grid.
          label: { formatter: `${input.parentLabel} ${formatPercent(input.parentRate.rate)}`, position: 'start' },
          data: parentValue == null ? [] : [{ xAxis: parentValue, name: input.parentLabel }],
        },
      },
    ],
  };
}

/** The region code behind a click on a bar (its datum) or on a region name of the axis. */
export function regionCodeFromClick(event: unknown, rows: readonly RegionRateRow[]): string | null {
  if (typeof event !== 'object' || event === null) return null;
  const { componentType, data, value } = event as { componentType?: unknown; data?: unknown; value?: unknown };
  if (componentType === 'series' && typeof data === 'object' && data !== null && 'code' in data) {
    const code = (data as { code: unknown }).code;
    return typeof code === 'string' ? code : null;
  }
  if (componentType === 'yAxis' && typeof value === 'string') {
    return rows.find((r) => r.region.name === value)?.region.code ?? null;
  }
  return null;
}
