import { describe, expect, it } from 'vitest';
import { buildFundWatchOption, projectionSeries, toWan, type FundMonthInput } from './fundWatch';
import { callFormatter } from '../../test/fixtures';

const labels = { monthly: '当月', cumulative: '累计', projected: '年末预计', budget: '预算进度', capReached: '达到限额人数', unit: '万元' };
const month = (n: number, paid: number | null, cumulative: number | null, projected: number | null, budget: number | null): FundMonthInput => ({
  label: `2025-${String(n).padStart(2, '0')}`,
  fundPaidFen: paid,
  cumulativeFen: cumulative,
  projectedCumulativeFen: projected,
  budgetLineFen: budget,
  patientsReachingCap: n,
});
// Three months paid, then the run rate; a budget of 12,000,000 fen a year.
const months = [
  month(1, 1_000_000, 1_000_000, 1_000_000, 1_000_000),
  month(2, 2_000_000, 3_000_000, 3_000_000, 2_000_000),
  month(3, 1_500_000, 4_500_000, 4_500_000, 3_000_000),
  month(4, null, null, 6_000_000, 4_000_000),
  month(5, null, null, 7_500_000, 5_000_000),
];

describe('fund watch', () => {
  it('draws the projection from the last actual month on, in 万元', () => {
    expect(projectionSeries(months)).toEqual([null, null, 4.5, 6, 7.5]);
    expect(toWan(26_965_410)).toBe(26.97);
    expect(toWan(null)).toBeNull();
  });

  it('has no projection line once the year is complete', () => {
    const complete = months.slice(0, 3);
    expect(projectionSeries(complete)).toEqual([null, null, null]);
  });

  it('bars per month, actual and projected cumulative lines, and the budget line when one is set', () => {
    const option = buildFundWatchOption(months, labels);
    const series = option.series as { type: string; name: string; data: (number | null)[] }[];
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['bar', '当月'],
      ['line', '累计'],
      ['line', '年末预计'],
      ['line', '预算进度'],
    ]);
    expect(series[0]?.data).toEqual([1, 2, 1.5, null, null]);
    expect(series[3]?.data).toEqual([1, 2, 3, 4, 5]);
    const noBudget = buildFundWatchOption(
      months.map((m) => ({ ...m, budgetLineFen: null })),
      labels,
    );
    expect((noBudget.series as unknown[]).length).toBe(3);
  });

  it('shows exact yuan in the tooltip', () => {
    const html = callFormatter(buildFundWatchOption(months, labels).tooltip, [{ dataIndex: 3 }]);
    expect(html).toContain('2025-04');
    expect(html).toContain('年末预计: ¥60,000.00');
    expect(html).toContain('预算进度: ¥40,000.00');
    expect(html).not.toContain('当月');
  });
});
