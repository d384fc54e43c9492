// What every view needs once signed in: who the viewer is, the indicator definitions and the regions.
import { shallowRef } from 'vue';
import { api, token, viewer } from '../api/session';
import { ApiError } from '../api/client';
import type { IndicatorDefinition, RegionInfo } from '../api/types';
import { definitionsById } from '../charts/options/format';
import { ContextDocument } from '../graphql/generated';
import { defaultPeriod, type FilterDefaults, type KnownRegions } from './filters';
import { defaultPeriodSetting } from '../config/env';

export const definitions = shallowRef<ReadonlyMap<string, IndicatorDefinition>>(new Map());
/** Every region the viewer may see, flattened and without duplicates. */
export const regions = shallowRef<readonly RegionInfo[]>([]);
export const contextError = shallowRef<ApiError | null>(null);
/** The quarter of the latest claim the viewer can see; the dashboard never opens on an empty quarter after it. */
export const latestData = shallowRef<{ year: number; quarter: number } | null>(null);

let loading: Promise<void> | null = null;

function flatten(list: readonly (RegionInfo & { children?: readonly RegionInfo[] })[]): RegionInfo[] {
  const byCode = new Map<string, RegionInfo>();
  for (const r of list) {
    const { children, ...own } = r;
    if (!byCode.has(own.code)) byCode.set(own.code, own);
    for (const c of children ?? []) if (!byCode.has(c.code)) byCode.set(c.code, c);
  }
  return [...byCode.values()];
}

/** Loads viewer, definitions and regions for the current token; rejects with an ApiError. */
export function loadContext(): Promise<void> {
  if (viewer.value && definitions.value.size > 0) return Promise.resolve();
  if (!loading) {
    loading = (async () => {
      const data = await api.request(ContextDocument, {});
      definitions.value = definitionsById(data.indicatorDefinitions);
      regions.value = flatten(data.regions);
      latestData.value = data.latestDataPeriod?.quarter != null ? { year: data.latestDataPeriod.year, quarter: data.latestDataPeriod.quarter } : null;
      viewer.value = data.viewer;
      contextError.value = null;
    })()
      .catch((e: unknown) => {
        contextError.value = e instanceof ApiError ? e : new ApiError('invalid-response', String(e));
        throw contextError.value;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

export function resetContext(): void {
  definitions.value = new Map();
  regions.value = [];
  latestData.value = null;
  contextError.value = null;
}

export function regionName(code: string): string {
  return regions.value.find((r) => r.code === code)?.name ?? code;
}

export function citiesOf(list: readonly RegionInfo[], fallback: string | undefined): RegionInfo[] {
  const cities = list.filter((r) => r.level === 'CITY');
  if (fallback && !cities.some((c) => c.code === fallback)) {
    cities.unshift({ code: fallback, name: fallback, level: 'CITY', parentCode: null, cityCode: fallback });
  }
  return cities;
}

export function districtsOf(list: readonly RegionInfo[], cityCode: string): RegionInfo[] {
  return list.filter((r) => r.level === 'DISTRICT' && (r.parentCode === cityCode || r.cityCode === cityCode));
}

export function knownRegions(): KnownRegions {
  const list = regions.value;
  return {
    cities: citiesOf(list, viewer.value?.cityCode).map((c) => c.code),
    districtsOf: (city) => (list.length > 0 ? districtsOf(list, city).map((d) => d.code) : undefined),
  };
}

export function filterDefaults(): FilterDefaults {
  const period = defaultPeriod(new Date(), defaultPeriodSetting, latestData.value);
  return { city: viewer.value?.cityCode ?? '', year: period.year, quarter: period.quarter };
}

// Signing out or in with another token invalidates what was loaded for the previous one.
let lastToken = token.value;
export function syncContextWithToken(): void {
  if (token.value !== lastToken) {
    lastToken = token.value;
    resetContext();
  }
}
