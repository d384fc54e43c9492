import { describe, expect, it } from 'vitest';
import { buildScorecardItemsOption, roundPoints } from './scorecard';
import { callFormatter } from '../../test/fixtures';

const items = [
  { metric: 'standardisedManagement', weight: 25, target: 0.6, value: 0.667, achievement: 1, points: 25 },
  { metric: 'rationalMedication', weight: 20, target: 0.95, value: 0.94, achievement: 0.9895, points: 19.789473684210527 },
  { metric: 'glucoseControl', weight: 15, target: 0.5, value: null, achievement: null, points: null },
];
const labels = {
  points: '得分',
  weight: '权重',
  notScored: '不计分',
  metric: (m: string) => ({ standardisedManagement: '规范化管理率', rationalMedication: '合理用药率' })[m] ?? m,
};

describe('scorecard drill-down', () => {
  it('sets each item’s points against its weight, unscored items left empty', () => {
    const option = buildScorecardItemsOption(items, labels);
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect((option.yAxis as { data: string[] }).data).toEqual(['规范化管理率', '合理用药率', 'glucoseControl']);
    expect(series[0]?.data).toEqual([25, 20, 15]);
    expect(series[1]?.data).toEqual([25, 19.8, null]);
    expect(roundPoints(3.4276)).toBe(3.4);
  });

  it('says when an item was not scored', () => {
    const option = buildScorecardItemsOption(items, labels);
    expect(callFormatter(option.tooltip, [{ dataIndex: 2 }])).toContain('得分: 不计分 / 权重 15');
    expect(callFormatter(option.tooltip, [{ dataIndex: 1 }])).toContain('合理用药率');
  });
});
