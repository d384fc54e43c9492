import { describe, expect, it } from 'vitest';
import { buildTrendOption } from './trend';
import { callFormatter, context, indicators, rate } from '../../test/fixtures';

const points = [
  { period: { year: 2024, quarter: 2 }, indicators: indicators({ awareness: rate(550, 1000) }) },
  { period: { year: 2023, quarter: 4 }, indicators: indicators({ awareness: rate(400, 1000) }) },
  { period: { year: 2024, quarter: 1 }, indicators: indicators({ awareness: rate(0, 0) }) },
];

function build() {
  return buildTrendOption({ ...context(), points, key: 'awareness', title: 'fallback', target: 0.6, targetLabel: '目标' });
}

describe('buildTrendOption', () => {
  it('orders quarters in time and plots percentages, leaving a gap for an undefined rate', () => {
    const option = build();
    expect(option.xAxis).toMatchObject({ data: ['2023Q4', '2024Q1', '2024Q2'] });
    const series = (option.series as { data: unknown[]; name: string }[])[0];
    expect(series?.data).toEqual([40, null, 55]);
    expect(series?.name).toBe('知晓率'); // from the API's definition, not the fallback
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('draws the configured target as a dashed markLine at its percentage', () => {
    const series = (build().series as { markLine: { data: { yAxis: number }[]; label: { formatter: string } } }[])[0];
    expect(series?.markLine.data).toEqual([{ yAxis: 60, name: '目标' }]);
    expect(series?.markLine.label.formatter).toBe('目标 60.0%');
  });

  it('explains the hovered quarter with numerator, denominator and definition', () => {
    const html = callFormatter(build().tooltip, [{ dataIndex: 2 }]);
    expect(html).toContain('2024Q2');
    expect(html).toContain('分子: 550');
    expect(html).toContain('分母: 1,000');
    expect(html).toContain('口径: 知晓率 (awareness.v1)');
  });

  it('omits the target line when no target is configured', () => {
    const option = buildTrendOption({ ...context(), points, key: 'awareness', title: 't', target: null, targetLabel: '目标' });
    expect((option.series as { markLine: { data: unknown[] } }[])[0]?.markLine.data).toEqual([]);
  });

  it('draws a year-to-date measure as one line per year, restarting each January', () => {
    // year to date: Q4 of 2023 at 40 %, Q1 2024 restarts low at 10 %, Q2 2024 at 55 %
    const ytd = [
      { period: { year: 2023, quarter: 4 }, indicators: indicators({ awareness: rate(400, 1000) }) },
      { period: { year: 2024, quarter: 1 }, indicators: indicators({ awareness: rate(100, 1000) }) },
      { period: { year: 2024, quarter: 2 }, indicators: indicators({ awareness: rate(550, 1000) }) },
    ];
    const option = buildTrendOption({
      ...context(),
      points: ytd,
      key: 'awareness',
      title: 't',
      target: 0.6,
      targetLabel: '目标',
      yearToDate: { yearLabel: (y) => `${y}年` },
    });
    const series = option.series as {
      name: string;
      data: (number | null)[];
      markLine: { data: unknown[] };
      label: { formatter: (p: { value?: unknown; dataIndex: number }) => string };
    }[];
    expect(series.map((s) => s.name)).toEqual(['2023年', '2024年']);
    // no line joins 2023Q4 to 2024Q1: each year's points only in its own series
    expect(series[0]!.data).toEqual([40, null, null]);
    expect(series[1]!.data).toEqual([null, 10, 55]);
    expect(series[0]!.label.formatter({ value: 40, dataIndex: 0 })).toBe('40.0%');
    expect(series[1]!.markLine.data).toHaveLength(1);
    expect(series[0]!.markLine.data).toHaveLength(0);
  });
});
