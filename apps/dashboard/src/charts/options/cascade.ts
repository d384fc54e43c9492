// The care cascade: estimated → known → managed → certified → benefiting → meeting the follow-up
// standard → controlled, as grouped bars, one series per disease. The estimate is of a census
// population and can be a hundred times the rest: on a linear axis it flattened every later stage,
// so the axis is logarithmic (each stage visible) and every bar is labelled with its actual count.
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
    // log axis: every stage keeps a visible height; a 0 has no place on it and is left as a gap (labelled in the table and tooltip)
    yAxis: { type: 'log', logBase: 10, min: 1, axisLabel: { formatter: (v: number) => formatCount(v) } },
    series: input.series.map((s, si) => ({
      type: 'bar' as const,
      name: s.label,
      data: (stepsPerSeries[si] ?? []).map((step) => (step.count != null && step.count > 0 ? step.count : null)),
      itemStyle: s.color ? { color: s.color } : {},
      barMaxWidth: 36,
      label: {
        show: true,
        position: 'top' as const,
        fontSize: 10,
        formatter: (p: { dataIndex: number }) => {
          const count = stepsPerSeries[si]?.[p.dataIndex]?.count;
          return count == null ? '' : formatCount(count);
        },
      },
    })),
  };
}
