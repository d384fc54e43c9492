// Fund watch (Wuxi 五(一) 基金运行): fund paid per month, the cumulative path to date, the
// projection to the year end from the run rate, and the annual budget spread over the months.
import { escapeHtml, formatYuan } from './format';
import type { ChartOption, TooltipParam } from './types';

export interface FundMonthInput {
  label: string;
  fundPaidFen: number | null;
  cumulativeFen: number | null;
  projectedCumulativeFen: number | null;
  budgetLineFen: number | null;
  patientsReachingCap: number;
}

export interface FundWatchLabels {
  monthly: string;
  cumulative: string;
  projected: string;
  budget: string;
  capReached: string;
  unit: string;
}

const FEN_PER_WAN = 1_000_000;
/** Axis and series values in 万元 (two decimals); the tooltip shows exact yuan from the fen. */
export const toWan = (fen: number | null): number | null => (fen == null ? null : Math.round(fen / (FEN_PER_WAN / 100)) / 100);

/**
 * The projection is drawn only where it goes beyond the actual path (from the last actual month
 * on), so the dashed line reads as "where this is heading" rather than doubling the actual line.
 */
export function projectionSeries(months: readonly FundMonthInput[]): (number | null)[] {
  const lastActual = months.reduce((last, m, i) => (m.cumulativeFen != null ? i : last), -1);
  const beyond = months.some((m, i) => i > lastActual && m.projectedCumulativeFen != null);
  return months.map((m, i) => (beyond && i >= lastActual && lastActual >= 0 ? toWan(m.projectedCumulativeFen) : null));
}

export function buildFundWatchOption(months: readonly FundMonthInput[], labels: FundWatchLabels): ChartOption {
  const hasBudget = months.some((m) => m.budgetLineFen != null);
  const projected = projectionSeries(months);
  const row = (name: string, fen: number | null) => (fen == null ? '' : `${escapeHtml(name)}: ¥${formatYuan(fen)}`);
  return {
    animationDuration: 400,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const m = months[params[0]?.dataIndex ?? -1];
        if (!m) return '';
        const projection = projected[params[0]?.dataIndex ?? -1] != null ? m.projectedCumulativeFen : null;
        return [
          `<b>${escapeHtml(m.label)}</b>`,
          row(labels.monthly, m.fundPaidFen),
          row(labels.cumulative, m.cumulativeFen),
          row(labels.projected, projection),
          row(labels.budget, m.budgetLineFen),
          `${escapeHtml(labels.capReached)}: ${m.patientsReachingCap}`,
        ]
          .filter((l) => l !== '')
          .join('<br/>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.label) },
    yAxis: { type: 'value', name: labels.unit, axisLabel: { formatter: '{value}' } },
    series: [
      { type: 'bar', name: labels.monthly, data: months.map((m) => toWan(m.fundPaidFen)), barMaxWidth: 28, itemStyle: { color: '#91cc75' } },
      { type: 'line', name: labels.cumulative, data: months.map((m) => toWan(m.cumulativeFen)), symbolSize: 6, itemStyle: { color: '#2f6fde' } },
      { type: 'line', name: labels.projected, data: projected, symbolSize: 4, lineStyle: { type: 'dashed' }, itemStyle: { color: '#2f6fde' } },
      ...(hasBudget
        ? [
            {
              type: 'line' as const,
              name: labels.budget,
              data: months.map((m) => toWan(m.budgetLineFen)),
              symbol: 'none',
              lineStyle: { type: 'dotted' as const, width: 2 },
              itemStyle: { color: '#c0392b' },
            },
          ]
        : []),
    ],
  };
}
