// Choropleth of a city's districts coloured by one rate, plus the matching of API region names to
// the map's polygon names (some districts, e.g. 贵安新区 and 经开区, have no polygon).
import type { RateKey } from '../../api/types';
import { definitionName, ratePercentValue, rateTooltipHtml } from './format';
import type { RegionRateRow } from './districtBars';
import type { ChartOption, RateContext, TooltipParam } from './types';

/** Strip the administrative suffix so "清镇" matches "清镇市" and "观山湖" matches "观山湖区". */
export function normaliseRegionName(name: string): string {
  return name.replace(/\s+/g, '').replace(/(新区|自治县|区|县|市)$/u, '');
}

export interface MapMatch<T> {
  matched: { row: T; featureName: string }[];
  /** Regions the map has no polygon for: shown beside the map instead. */
  unmatched: T[];
}

export function matchRegionsToFeatures<T extends { region: { name: string } }>(rows: readonly T[], featureNames: readonly string[]): MapMatch<T> {
  const exact = new Set(featureNames);
  const byNormalised = new Map(featureNames.map((n) => [normaliseRegionName(n), n]));
  const used = new Set<string>();
  const matched: MapMatch<T>['matched'] = [];
  const unmatched: T[] = [];
  for (const row of rows) {
    const name = row.region.name;
    const featureName = exact.has(name) ? name : byNormalised.get(normaliseRegionName(name));
    if (featureName && !used.has(featureName)) {
      used.add(featureName);
      matched.push({ row, featureName });
    } else {
      unmatched.push(row);
    }
  }
  return { matched, unmatched };
}

export interface MapInput extends RateContext {
  mapName: string;
  matched: MapMatch<RegionRateRow>['matched'];
  key: RateKey;
  title: string;
  noDataLabel: string;
  dark?: boolean;
}

export function buildMapOption(input: MapInput): ChartOption {
  const firstRate = input.matched[0]?.row.indicators[input.key];
  const title = definitionName(firstRate ? input.definitions.get(firstRate.definitionId) : undefined, input.locale, input.title);
  const data = input.matched.map(({ row, featureName }) => ({
    name: featureName,
    value: ratePercentValue(row.indicators[input.key]) ?? Number.NaN,
    code: row.region.code,
  }));
  const values = data.map((d) => d.value).filter((v) => Number.isFinite(v));
  const min = values.length > 0 ? Math.floor(Math.min(...values) / 5) * 5 : 0;
  const max = values.length > 0 ? Math.max(min + 5, Math.ceil(Math.max(...values) / 5) * 5) : 100;

  return {
    animationDuration: 300,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const param = raw as TooltipParam;
        const hit = input.matched.find((m) => m.featureName === param.name);
        if (!hit) return `${param.name ?? ''}<br/>${input.noDataLabel}`;
        const rate = hit.row.indicators[input.key];
        return `${hit.row.region.name}<br/>${rateTooltipHtml(title, rate, input.definitions.get(rate.definitionId), input.labels, input.locale)}`;
      },
    },
    visualMap: {
      type: 'continuous',
      min,
      max,
      calculable: true,
      left: 8,
      bottom: 8,
      text: [`${max}%`, `${min}%`],
      inRange: { color: ['#fdecea', '#f4a582', '#d6604d', '#b2182b'] },
      outOfRange: { color: '#ccc' },
      textStyle: input.dark ? { color: '#ddd' } : {},
    },
    series: [
      {
        type: 'map',
        map: input.mapName,
        name: title,
        roam: false,
        data,
        label: { show: true, fontSize: 11, color: input.dark ? '#eee' : '#333' },
        itemStyle: { areaColor: input.dark ? '#333' : '#eee', borderColor: input.dark ? '#777' : '#fff' },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#f0ad4e' } },
      },
    ],
  };
}
