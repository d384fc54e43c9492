// The care cascade: estimated → known → managed → certified → benefiting → managed to the
// standard → controlled, as grouped bars, one series per disease.
import type { IndicatorSet } from '../../api/types';
import { escapeHtml, formatCount } from './format';
import type { ChartOption, TooltipParam } from './types';

export const cascadeStepKeys = [
  'estimatedPatients',
  'knownPatients',
  'managedPatients',
  'certifiedPatients',
  'beneficiaries',
  'standardManagedPatients',
  'controlledPatients',
] as const satisfies readonly (keyof IndicatorSet)[];

export type CascadeStepKey = (typeof cascadeStepKeys)[number];

export interface CascadeStep {
  key: CascadeStepKey;
  /** null for the estimate where no population figure gives one (the API names the missing districts) */
  count: number | null;
  /** Share of the previous step (null for the first step or a zero previous step). */
  ofPrevious: number | null;
  /** Share of the estimated patients (null when none are estimated). */
  ofEstimated: number | null;
}

export function cascadeSteps(indicators: IndicatorSet): CascadeStep[] {
  const estimated = indicators.estimatedPatients;
  return cascadeStepKeys.map((key, i) => {
    const count = indicators[key];
    const previousKey = i > 0 ? cascadeStepKeys[i - 1] : undefined;
    const previous = previousKey ? indicators[previousKey] : 0;
    return {
      key,
      count,
      ofPrevious: previousKey && count != null && previous != null && previous > 0 ? count / previous : null,
      ofEstimated: count != null && estimated != null && estimated > 0 ? count / estimated : null,
    };
  });
}

export interface CascadeSeriesInput {
  label: string;
  indicators: IndicatorSet;
  color?: string;
}

export interface CascadeInput {
  series: readonly CascadeSeriesInput[];
  stepLabels: Record<CascadeStepKey, string>;
  ofPreviousLabel: string;
  ofEstimatedLabel: string;
}

function pct(share: number | null): string {
  return share == null ? '—' : `${(share * 100).toFixed(1)}%`;
}

export function buildCascadeOption(input: CascadeInput): ChartOption {
  const stepsPerSeries = input.series.map((s) => cascadeSteps(s.indicators));
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
        const index = params[0]?.dataIndex ?? -1;
        const key = cascadeStepKeys[index];
        if (!key) return '';
        const lines = input.series.map((s, si) => {
          const step = stepsPerSeries[si]?.[index];
          if (!step) return '';
          return `${escapeHtml(s.label)}: <b>${step.count == null ? '—' : formatCount(step.count)}</b> · ${escapeHtml(input.ofPreviousLabel)} ${pct(step.ofPrevious)} · ${escapeHtml(input.ofEstimatedLabel)} ${pct(step.ofEstimated)}`;
        });
        return [`<b>${escapeHtml(input.stepLabels[key])}</b>`, ...lines].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: cascadeStepKeys.map((k) => input.stepLabels[k]), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: input.series.map((s, si) => ({
      type: 'bar' as const,
      name: s.label,
      data: (stepsPerSeries[si] ?? []).map((step) => step.count),
      itemStyle: s.color ? { color: s.color } : {},
      barMaxWidth: 36,
      label: {
        show: true,
        position: 'top' as const,
        fontSize: 10,
        formatter: (p: { dataIndex: number }) => pct(stepsPerSeries[si]?.[p.dataIndex]?.ofEstimated ?? null),
      },
    })),
  };
}
