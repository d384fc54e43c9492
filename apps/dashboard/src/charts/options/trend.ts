// Line chart of one headline rate over the last quarters, with its configured target as a markLine.
import type { IndicatorSet, RateKey } from '../../api/types';
import { definitionName, formatPercent, periodLabel, ratePercentValue, rateTooltipHtml } from './format';
import type { ChartOption, RateContext, TooltipParam } from './types';

export interface TrendPointInput {
  period: { year: number; quarter: number | null };
  indicators: IndicatorSet;
}

export interface TrendInput extends RateContext {
  points: readonly TrendPointInput[];
  key: RateKey;
  /** Fallback title when the API has no definition for the rate. */
  title: string;
  /** 0–1, the target the API holds for the period (dashboard.target.*); null draws no target line. */
  target: number | null;
  targetLabel: string;
  color?: string;
  /**
   * A year-to-date measure (standardised management: follow-ups from 1 January): it restarts every
   * January, so one line across years zig-zags. Drawn as one line per calendar year, each
   * restarting at its first quarter, named with the year; `yearLabel` words the name (e.g. "{year}年").
   */
  yearToDate?: { yearLabel: (year: number) => string };
  /** whether a point's period holds any data (format.ts periodHasActivity); a period without is a gap */
  hasData?: (indicators: IndicatorSet) => boolean;
}

export function buildTrendOption(input: TrendInput): ChartOption {
  const { points, key, target } = input;
  // Quarters in time order whatever order the API used.
  const ordered = [...points].sort((a, b) => a.period.year - b.period.year || (a.period.quarter ?? 0) - (b.period.quarter ?? 0));
  const firstRate = ordered[0]?.indicators[key];
  const def = firstRate ? input.definitions.get(firstRate.definitionId) : undefined;
  const title = definitionName(def, input.locale, input.title);
  // a quarter in which nothing happened has no rate to draw (a gap), not 0 %
  const values = ordered.map((p) => (input.hasData && !input.hasData(p.indicators) ? null : ratePercentValue(p.indicators[key])));
  const years = input.yearToDate ? [...new Set(ordered.map((p) => p.period.year))] : [null];
  const lastOf = (year: number | null) => (year === null ? values.length - 1 : ordered.map((p) => p.period.year).lastIndexOf(year));

  return {
    animationDuration: 400,
    grid: { left: 44, right: 40, top: 28, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const point = ordered[params[0]?.dataIndex ?? -1];
        if (!point) return '';
        const rate = point.indicators[key];
        const rateDef = input.definitions.get(rate.definitionId);
        return `${periodLabel(point.period)}<br/>${rateTooltipHtml(title, rate, rateDef, input.labels, input.locale)}`;
      },
    },
    xAxis: { type: 'category', data: ordered.map((p) => periodLabel(p.period)), boundaryGap: false },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100, // rates on their full scale: a zoomed axis would overstate small changes
      axisLabel: { formatter: '{value}%' },
    },
    legend: input.yearToDate && years.length > 1 ? { top: 0, right: 8, itemWidth: 14, textStyle: { fontSize: 11 } } : undefined,
    series: years.map((year, si) => {
      const last = lastOf(year);
      return {
        type: 'line' as const,
        name: year === null ? title : input.yearToDate!.yearLabel(year),
        data: ordered.map((p, i) => (year === null || p.period.year === year ? values[i] : null)),
        connectNulls: false,
        symbolSize: 7,
        itemStyle: input.color ? { color: input.color } : {},
        lineStyle: { width: 3, type: si < years.length - 1 ? ('dashed' as const) : ('solid' as const) },
        // Only the latest quarter of each line is labelled; the tooltip explains every point.
        label: {
          show: true,
          position: 'top' as const,
          formatter: (p: { value?: unknown; dataIndex: number }) => (p.dataIndex === last && typeof p.value === 'number' ? `${p.value.toFixed(1)}%` : ''),
        },
        markLine:
          target == null || si < years.length - 1
            ? { data: [] }
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed' as const, color: '#d9534f' },
                label: { formatter: `${input.targetLabel} ${formatPercent(target)}`, position: 'insideStartTop' as const },
                data: [{ yAxis: Math.round(target * 1000) / 10, name: input.targetLabel }],
              },
      };
    }),
  };
}
