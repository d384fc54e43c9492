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
}

export function buildTrendOption(input: TrendInput): ChartOption {
  const { points, key, target } = input;
  // Quarters in time order whatever order the API used.
  const ordered = [...points].sort((a, b) => a.period.year - b.period.year || (a.period.quarter ?? 0) - (b.period.quarter ?? 0));
  const firstRate = ordered[0]?.indicators[key];
  const def = firstRate ? input.definitions.get(firstRate.definitionId) : undefined;
  const title = definitionName(def, input.locale, input.title);
  const values = ordered.map((p) => ratePercentValue(p.indicators[key]));

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
    series: [
      {
        type: 'line',
        name: title,
        data: values,
        connectNulls: false,
        symbolSize: 7,
        itemStyle: input.color ? { color: input.color } : {},
        lineStyle: { width: 3 },
        // Only the latest quarter is labelled; the tooltip explains every point.
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value?: unknown; dataIndex: number }) => (p.dataIndex === values.length - 1 && typeof p.value === 'number' ? `${p.value.toFixed(1)}%` : ''),
        },
        markLine:
          target == null
            ? { data: [] }
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed', color: '#d9534f' },
                label: { formatter: `${input.targetLabel} ${formatPercent(target)}`, position: 'insideStartTop' },
                data: [{ yAxis: Math.round(target * 1000) / 10, name: input.targetLabel }],
              },
      },
    ],
  };
}
