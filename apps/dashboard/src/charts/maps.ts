// Loads and registers a programme city's district polygons on first use, one lazy chunk per city.
import { getMap, registerMap } from './echarts';
import './echartsGeo';

export interface CityMap {
  mapName: string;
  featureNames: string[];
}

type CityKey = 'guiyang' | 'wuxi';

const loaders: Record<CityKey, () => Promise<{ default: { mapName: string; geoJson: { features: { properties: { name: string } }[] } } }>> = {
  guiyang: () => import('virtual:city-map/guiyang'),
  wuxi: () => import('virtual:city-map/wuxi'),
};

/** Guiyang's codes start 5201, Wuxi's 3202; the name decides when the code is not a GB/T 2260 code. */
export function cityKeyOf(cityCode: string, cityName: string | undefined): CityKey | null {
  if (cityCode.startsWith('5201') || cityName?.includes('贵阳')) return 'guiyang';
  if (cityCode.startsWith('3202') || cityName?.includes('无锡')) return 'wuxi';
  return null;
}

const loaded = new Map<CityKey, Promise<CityMap>>();

export function loadCityMap(key: CityKey): Promise<CityMap> {
  let promise = loaded.get(key);
  if (!promise) {
    promise = loaders[key]().then(({ default: data }) => {
      if (!getMap(data.mapName)) registerMap(data.mapName, data.geoJson as Parameters<typeof registerMap>[1]);
      return { mapName: data.mapName, featureNames: data.geoJson.features.map((f) => f.properties.name) };
    });
    promise.catch(() => loaded.delete(key));
    loaded.set(key, promise);
  }
  return promise;
}
