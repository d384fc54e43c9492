// Builders for test data shaped exactly like the generated GraphQL types.
import type { IndicatorDefinition, IndicatorSet, Rate } from '../api/types';
import type { TooltipLabels } from '../charts/options/format';
import type { RateContext } from '../charts/options/types';

export function rate(numerator: number, denominator: number, definitionId = 'awareness.v1'): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator, definitionId, unavailableReason: null, missingDistricts: null };
}

/** A rate whose denominator the API could not give (awareness without a population figure). */
export function unavailableRate(numerator: number, missing: string[], year = 2025, definitionId = 'awareness.v1'): Rate {
  return {
    numerator,
    denominator: null,
    rate: null,
    definitionId,
    unavailableReason: `no population figure for ${missing.join(', ')} in ${year}`,
    missingDistricts: missing,
  };
}

export function indicators(overrides: Partial<IndicatorSet> = {}): IndicatorSet {
  return {
    awareness: rate(600, 1000, 'awareness.v1'),
    standardisedManagement: rate(350, 500, 'standardisedManagement.v1'),
    rationalMedication: rate(900, 1000, 'rationalMedication.v1'),
    bloodPressureControl: rate(250, 500, 'bloodPressureControl.v1'),
    glucoseControl: rate(100, 200, 'glucoseControl.v1'),
    benefitCoverage: rate(400, 500, 'benefitCoverage.v1'),
    reimbursementRatio: rate(60_000, 100_000, 'reimbursementRatio.v1'),
    adherence: rate(80, 100, 'adherence.v1'),
    estimatedPatients: 1000,
    knownPatients: 600,
    managedPatients: 500,
    certifiedPatients: 400,
    standardManagedPatients: 350,
    controlledPatients: 250,
    beneficiaries: 300,
    benefitUses: 900,
    drugCostFen: 12_345_678,
    compliantCostFen: 10_000_000,
    fundPaidFen: 6_000_000,
    ...overrides,
  };
}

export const awarenessDefinition: IndicatorDefinition = {
  id: 'awareness.v1',
  nameZh: '知晓率',
  nameEn: 'Awareness',
  numeratorZh: '辖区内已登记诊断的35岁及以上患者',
  numeratorEn: 'residents aged 35+ with a recorded diagnosis',
  denominatorZh: '估算患者数（35岁及以上常住人口×患病率）',
  denominatorEn: 'estimated patients (population 35+ × prevalence)',
  window: 'calendar year',
  windowZh: '自然年',
  source: 'Guiyang plan G-11',
};

export const labels: TooltipLabels = {
  numerator: '分子',
  denominator: '分母',
  definition: '口径',
  window: '统计期',
  source: '来源',
  noDefinition: '无口径',
  unavailable: '无人口数据',
};

export function context(defs: IndicatorDefinition[] = [awarenessDefinition]): RateContext {
  return { locale: 'zh', labels, definitions: new Map(defs.map((d) => [d.id, d])) };
}

/** Calls a tooltip formatter from a built option the way ECharts would. */
export function callFormatter(tooltip: unknown, params: unknown): string {
  const formatter = (tooltip as { formatter?: unknown }).formatter;
  if (typeof formatter !== 'function') throw new Error('tooltip has no formatter function');
  return String((formatter as (p: unknown) => unknown)(params));
}
