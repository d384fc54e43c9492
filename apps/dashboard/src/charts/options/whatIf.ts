// Policy what-if: what was paid against the same claims replayed under the change, per district
// (grouped bars of one measure) and per month (two lines of fund paid).
import { escapeHtml, formatCount, formatYuan } from './format';
import type { ChartOption, TooltipParam } from './types';

export interface WhatIfSideInput {
  fundFen: number;
  outOfPocketFen: number;
  beneficiaries: number;
  patientsReachingCap: number;
}

export type WhatIfMeasure = keyof WhatIfSideInput;

export interface WhatIfDistrictInput {
  region: { code: string; name: string };
  comparison: { paid: WhatIfSideInput; whatIf: WhatIfSideInput };
}

export interface WhatIfLabels {
  paid: string;
  whatIf: string;
  difference: string;
  unit: string;
}

const isMoney = (m: WhatIfMeasure) => m === 'fundFen' || m === 'outOfPocketFen';
/** Money in 万元 for the axis; counts as they are. */
export function measureValue(measure: WhatIfMeasure, side: WhatIfSideInput): number {
  const v = side[measure];
  return isMoney(measure) ? Math.round(v / 100) / 10_000 : v;
}
function measureText(measure: WhatIfMeasure, v: number): string {
  return isMoney(measure) ? `¥${formatYuan(v)}` : formatCount(v);
}

export function buildWhatIfDistrictsOption(districts: readonly WhatIfDistrictInput[], measure: WhatIfMeasure, labels: WhatIfLabels): ChartOption {
  return {
    animationDuration: 400,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const d = districts[params[0]?.dataIndex ?? -1];
        if (!d) return '';
        const paid = d.comparison.paid[measure];
        const whatIf = d.comparison.whatIf[measure];
        const diff = whatIf - paid;
        return [
          `<b>${escapeHtml(d.region.name)}</b>`,
          `${escapeHtml(labels.paid)}: ${measureText(measure, paid)}`,
          `${escapeHtml(labels.whatIf)}: ${measureText(measure, whatIf)}`,
          `${escapeHtml(labels.difference)}: ${diff > 0 ? '+' : ''}${measureText(measure, diff)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: districts.map((d) => d.region.name), axisLabel: { interval: 0, rotate: districts.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: labels.unit },
    series: [
      {
        type: 'bar',
        name: labels.paid,
        data: districts.map((d) => measureValue(measure, d.comparison.paid)),
        barMaxWidth: 26,
        itemStyle: { color: '#9aa5b1' },
      },
      {
        type: 'bar',
        name: labels.whatIf,
        data: districts.map((d) => measureValue(measure, d.comparison.whatIf)),
        barMaxWidth: 26,
        itemStyle: { color: '#2f6fde' },
      },
    ],
  };
}

export interface WhatIfMonthInput {
  month: string;
  paidFundFen: number;
  whatIfFundFen: number;
}

export function buildWhatIfMonthsOption(months: readonly WhatIfMonthInput[], labels: WhatIfLabels): ChartOption {
  const wan = (fen: number) => Math.round(fen / 100) / 10_000;
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
        return [
          `<b>${escapeHtml(m.month)}</b>`,
          `${escapeHtml(labels.paid)}: ¥${formatYuan(m.paidFundFen)}`,
          `${escapeHtml(labels.whatIf)}: ¥${formatYuan(m.whatIfFundFen)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.month), boundaryGap: false },
    yAxis: { type: 'value', name: labels.unit },
    series: [
      { type: 'line', name: labels.paid, data: months.map((m) => wan(m.paidFundFen)), itemStyle: { color: '#9aa5b1' } },
      { type: 'line', name: labels.whatIf, data: months.map((m) => wan(m.whatIfFundFen)), itemStyle: { color: '#2f6fde' } },
    ],
  };
}
