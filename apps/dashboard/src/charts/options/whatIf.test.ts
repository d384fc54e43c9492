import { describe, expect, it } from 'vitest';
import { buildWhatIfDistrictsOption, buildWhatIfMonthsOption, measureValue, type WhatIfDistrictInput } from './whatIf';
import { callFormatter } from '../../test/fixtures';

const side = (fundFen: number, beneficiaries: number) => ({ fundFen, outOfPocketFen: 1_000_000 - fundFen, beneficiaries, patientsReachingCap: 3 });
const districts: WhatIfDistrictInput[] = [
  { region: { code: '320205', name: '锡山区' }, comparison: { paid: side(2_666_652, 120), whatIf: side(2_808_471, 121) } },
  { region: { code: '320206', name: '惠山区' }, comparison: { paid: side(2_929_046, 130), whatIf: side(2_929_046, 130) } },
];
const labels = { paid: '实际支付', whatIf: '模拟', difference: '差额', unit: '万元' };

describe('what-if comparison', () => {
  it('groups paid and what-if per district; money in 万元, counts as counts', () => {
    const option = buildWhatIfDistrictsOption(districts, 'fundFen', labels);
    const series = option.series as { name: string; data: number[] }[];
    expect((option.xAxis as { data: string[] }).data).toEqual(['锡山区', '惠山区']);
    expect(series.map((s) => s.name)).toEqual(['实际支付', '模拟']);
    expect(series[0]?.data).toEqual([2.6667, 2.929]);
    expect(series[1]?.data).toEqual([2.8085, 2.929]);
    expect(measureValue('beneficiaries', districts[0]!.comparison.whatIf)).toBe(121);
  });

  it('states the difference with its sign in the tooltip', () => {
    const html = callFormatter(buildWhatIfDistrictsOption(districts, 'fundFen', labels).tooltip, [{ dataIndex: 0 }]);
    expect(html).toContain('实际支付: ¥26,666.52');
    expect(html).toContain('差额: +¥1,418.19');
    const counts = callFormatter(buildWhatIfDistrictsOption(districts, 'beneficiaries', labels).tooltip, [{ dataIndex: 0 }]);
    expect(counts).toContain('差额: +1');
  });

  it('draws fund paid per month for both sides', () => {
    const option = buildWhatIfMonthsOption(
      [
        { month: '2025-01', paidFundFen: 618_420, whatIfFundFen: 618_420 },
        { month: '2025-02', paidFundFen: 1_639_006, whatIfFundFen: 1_642_684 },
      ],
      labels,
    );
    const series = option.series as { data: number[] }[];
    expect(series[1]?.data).toEqual([0.6184, 1.6427]);
    expect(callFormatter(option.tooltip, [{ dataIndex: 1 }])).toContain('模拟: ¥16,426.84');
  });
});
