import { describe, expect, it } from 'vitest';
import { buildMapOption, matchRegionsToFeatures, normaliseRegionName } from './map';
import { callFormatter, context, indicators, rate } from '../../test/fixtures';

const guiyangFeatures = ['南明区', '云岩区', '花溪区', '乌当区', '白云区', '观山湖区', '开阳县', '息烽县', '修文县', '清镇市'];
const row = (code: string, name: string, n = 50) => ({
  region: { code, name },
  indicators: indicators({ standardisedManagement: rate(n, 100, 'standardisedManagement.v1') }),
});

describe('matching API regions to map polygons', () => {
  it('matches exact and suffix-less names and lists regions without a polygon', () => {
    const rows = [row('520102', '南明区'), row('520181', '清镇'), row('520900', '贵安新区'), row('520190', '经开区'), row('520115', '观山湖区')];
    const { matched, unmatched } = matchRegionsToFeatures(rows, guiyangFeatures);
    expect(matched.map((m) => [m.row.region.code, m.featureName])).toEqual([
      ['520102', '南明区'],
      ['520181', '清镇市'],
      ['520115', '观山湖区'],
    ]);
    expect(unmatched.map((r) => r.region.name)).toEqual(['贵安新区', '经开区']);
  });

  it('normalises administrative suffixes', () => {
    expect(normaliseRegionName('观山湖区')).toBe('观山湖');
    expect(normaliseRegionName('江阴市')).toBe('江阴');
    expect(normaliseRegionName('贵安新区')).toBe('贵安');
  });
});

describe('buildMapOption', () => {
  const { matched } = matchRegionsToFeatures([row('520102', '南明区', 72), row('520103', '云岩区', 41)], guiyangFeatures);
  const option = buildMapOption({ ...context(), mapName: '贵阳', matched, key: 'standardisedManagement', title: '规范化管理率', noDataLabel: '无数据' });

  it('colours polygons by the rate with a visualMap spanning the data', () => {
    const series = (option.series as { type: string; map: string; data: { name: string; value: number; code: string }[] }[])[0];
    expect(series?.type).toBe('map');
    expect(series?.map).toBe('贵阳');
    expect(series?.data).toEqual([
      { name: '南明区', value: 72, code: '520102' },
      { name: '云岩区', value: 41, code: '520103' },
    ]);
    expect(option.visualMap).toMatchObject({ min: 40, max: 75 });
  });

  it('explains a district and says when a polygon has no data', () => {
    const html = callFormatter(option.tooltip, { dataIndex: 0, name: '南明区' });
    expect(html).toContain('分子: 72');
    expect(html).toContain('分母: 100');
    expect(html).toContain('standardisedManagement.v1');
    expect(callFormatter(option.tooltip, { dataIndex: -1, name: '开阳县' })).toContain('无数据');
  });
});
