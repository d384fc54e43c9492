import { describe, expect, it } from 'vitest';
import { buildDistrictBarsOption, regionCodeFromClick, sortByRate } from './districtBars';
import { callFormatter, context, indicators, rate } from '../../test/fixtures';

const rows = [
  { region: { code: '520102', name: '南明区' }, indicators: indicators({ awareness: rate(50, 100) }) },
  { region: { code: '520103', name: '云岩区' }, indicators: indicators({ awareness: rate(80, 100) }) },
  { region: { code: '520900', name: '贵安新区' }, indicators: indicators({ awareness: rate(0, 0) }) },
  { region: { code: '520111', name: '花溪区' }, indicators: indicators({ awareness: rate(65, 100) }) },
];

function build() {
  return buildDistrictBarsOption({
    ...context(),
    rows,
    key: 'awareness',
    parentRate: rate(195, 300),
    parentLabel: '全市',
    title: '知晓率',
    selectedCode: '520111',
  });
}

describe('district bars', () => {
  it('sorts highest first and puts regions without a rate last', () => {
    expect(sortByRate(rows, 'awareness').map((r) => r.region.name)).toEqual(['云岩区', '花溪区', '南明区', '贵安新区']);
  });

  it('plots sorted percentages on an inverted category axis', () => {
    const option = build();
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['云岩区', '花溪区', '南明区', '贵安新区'] });
    const data = (option.series as { data: { value: number | null; code: string }[] }[])[0]?.data;
    expect(data?.map((d) => d.value)).toEqual([80, 65, 50, null]);
    expect(data?.map((d) => d.code)).toEqual(['520103', '520111', '520102', '520900']);
  });

  it("marks the parent's own rate (summed counts), not the mean of the bars", () => {
    // The bars average (80 + 65 + 50) / 3 = 65 %; the city's own counts say 70 %.
    const option = buildDistrictBarsOption({ ...context(), rows, key: 'awareness', parentRate: rate(700, 1000), parentLabel: '全市', title: 't' });
    const markLine = (option.series as { markLine: { data: { xAxis: number }[]; label: { formatter: string } } }[])[0]?.markLine;
    expect(markLine?.data).toEqual([{ xAxis: 70, name: '全市' }]);
    expect(markLine?.label.formatter).toBe('全市 70.0%');
  });

  it('highlights the selected district and finds the region of a clicked bar or name', () => {
    const data = (build().series as { data: { code: string; itemStyle: { color?: string } }[] }[])[0]?.data ?? [];
    expect(data.find((d) => d.code === '520111')?.itemStyle.color).toBe('#f0ad4e');
    expect(data.find((d) => d.code === '520103')?.itemStyle.color).toBeUndefined();
    expect(regionCodeFromClick({ componentType: 'series', data: data[0] }, rows)).toBe('520103');
    expect(regionCodeFromClick({ componentType: 'yAxis', value: '花溪区' }, rows)).toBe('520111');
    expect(regionCodeFromClick({ componentType: 'yAxis', value: '不存在' }, rows)).toBeNull();
    expect(regionCodeFromClick(42, rows)).toBeNull();
  });

  it('explains the hovered bar', () => {
    const html = callFormatter(build().tooltip, { dataIndex: 0 });
    expect(html).toContain('云岩区');
    expect(html).toContain('分子: 80');
    expect(html).toContain('分母: 100');
    expect(html).toContain('辖区内已登记诊断的35岁及以上患者');
  });
});
