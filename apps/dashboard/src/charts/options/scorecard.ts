// An institution's scorecard drilled down: each rubric item's points against its weight, so the
// reader sees where the score was lost.
import { escapeHtml } from './format';
import type { ChartOption, TooltipParam } from './types';

export interface ScorecardItemInput {
  metric: string;
  weight: number;
  target: number;
  value: number | null;
  achievement: number | null;
  points: number | null;
}

export interface ScorecardLabels {
  points: string;
  weight: string;
  notScored: string;
  metric: (metric: string) => string;
}

export const roundPoints = (n: number): number => Math.round(n * 10) / 10;

export function buildScorecardItemsOption(items: readonly ScorecardItemInput[], labels: ScorecardLabels): ChartOption {
  return {
    animationDuration: 300,
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const item = items[params[0]?.dataIndex ?? -1];
        if (!item) return '';
        const points = item.points == null ? labels.notScored : String(roundPoints(item.points));
        return `<b>${escapeHtml(labels.metric(item.metric))}</b><br/>${escapeHtml(labels.points)}: ${points} / ${escapeHtml(labels.weight)} ${item.weight}`;
      },
    },
    xAxis: { type: 'value', min: 0 },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => labels.metric(i.metric)) },
    series: [
      { type: 'bar', name: labels.weight, data: items.map((i) => i.weight), barGap: '-100%', barMaxWidth: 18, itemStyle: { color: '#e5e7eb' }, silent: true },
      {
        type: 'bar',
        name: labels.points,
        data: items.map((i) => (i.points == null ? null : roundPoints(i.points))),
        barMaxWidth: 18,
        itemStyle: { color: '#2f6fde' },
        label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? String(p.value) : labels.notScored) },
      },
    ],
  };
}
