import { describe, expect, it } from 'vitest';
import { buildCascadeOption, cascadeStepKeys, cascadeSteps } from './cascade';
import { callFormatter, indicators } from '../../test/fixtures';

const stepLabels = {
  estimatedPatients: '估算',
  knownPatients: '已知',
  managedPatients: '管理',
  certifiedPatients: '办证',
  beneficiaries: '享受',
  standardManagedPatients: '规范',
  controlledPatients: '达标',
};

describe('cascade', () => {
  it('walks estimated → known → managed → certified → benefiting → standard → controlled', () => {
    const steps = cascadeSteps(indicators());
    expect(steps.map((s) => s.key)).toEqual([...cascadeStepKeys]);
    expect(steps.map((s) => s.count)).toEqual([1000, 600, 500, 400, 300, 350, 250]);
    expect(steps[1]?.ofPrevious).toBeCloseTo(0.6);
    expect(steps[6]?.ofEstimated).toBeCloseTo(0.25);
    expect(steps[0]?.ofPrevious).toBeNull();
  });

  it('gives no shares when nothing is estimated', () => {
    const steps = cascadeSteps(indicators({ estimatedPatients: 0, knownPatients: 0 }));
    expect(steps[1]?.ofEstimated).toBeNull();
    expect(steps[2]?.ofPrevious).toBeNull();
  });

  it('leaves the estimate out, not 0, when no population figure gives one', () => {
    const steps = cascadeSteps(indicators({ estimatedPatients: null }));
    expect(steps[0]).toEqual({ key: 'estimatedPatients', count: null, ofPrevious: null, ofEstimated: null });
    expect(steps[1]).toMatchObject({ count: 600, ofPrevious: null, ofEstimated: null });
    expect(steps[2]?.ofPrevious).toBeCloseTo(500 / 600);
  });

  it('draws one bar series per disease with the step counts', () => {
    const option = buildCascadeOption({
      series: [
        { label: '高血压', indicators: indicators() },
        { label: '糖尿病', indicators: indicators({ estimatedPatients: 400, controlledPatients: 90 }) },
      ],
      stepLabels,
      ofPreviousLabel: '占上一步',
      ofEstimatedLabel: '占估算',
    });
    const series = option.series as { type: string; name: string; data: number[] }[];
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['bar', '高血压'],
      ['bar', '糖尿病'],
    ]);
    expect(series[1]?.data[0]).toBe(400);
    expect(series[1]?.data[6]).toBe(90);
    expect(option.xAxis).toMatchObject({ data: Object.values(stepLabels) });
    const html = callFormatter(option.tooltip, [{ dataIndex: 6 }]);
    expect(html).toContain('达标');
    expect(html).toContain('高血压: <b>250</b>');
    expect(html).toContain('占估算 22.5%'); // 90 / 400
  });

  it('shows every stage at demo scale: a log axis, each bar labelled with its actual count', () => {
    // a census-sized estimate against a few hundred managed patients: on a linear axis the later bars were flat
    const option = buildCascadeOption({
      series: [{ label: '高血压', indicators: indicators({ estimatedPatients: 250_000 }) }],
      stepLabels,
      ofPreviousLabel: '占上一步',
      ofEstimatedLabel: '占估算',
    });
    expect(option.yAxis).toMatchObject({ type: 'log' });
    const series = (option.series as { data: (number | null)[]; label: { formatter: (p: { dataIndex: number }) => string } }[])[0]!;
    expect(series.data).toEqual([250_000, 600, 500, 400, 300, 350, 250]);
    expect(series.label.formatter({ dataIndex: 0 })).toBe('250,000');
    expect(series.label.formatter({ dataIndex: 6 })).toBe('250');
  });

  it('leaves a zero stage as a gap on the log axis, not a bar of height log 0', () => {
    const option = buildCascadeOption({
      series: [{ label: '高血压', indicators: indicators({ controlledPatients: 0 }) }],
      stepLabels,
      ofPreviousLabel: '占上一步',
      ofEstimatedLabel: '占估算',
    });
    const series = (option.series as { data: (number | null)[]; label: { formatter: (p: { dataIndex: number }) => string } }[])[0]!;
    expect(series.data[6]).toBeNull();
    expect(series.label.formatter({ dataIndex: 6 })).toBe('0');
  });
});
