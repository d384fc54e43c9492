// ChartPanel (and with it ECharts, the largest chunk) loads on its own, so a view can mount and
// send its queries first. A view calls prefetchChartPanel() right after starting its queries: the
// chart library (already downloaded through the modulepreload links that build/preloadChartsPlugin.ts
// adds to index.html) then runs while the requests are in flight. Both share one module promise.
import { defineAsyncComponent, type Component } from 'vue';
import ChartSkeleton from './ChartSkeleton.vue';

let loading: Promise<{ default: Component }> | null = null;
let loadingGeo: Promise<unknown> | null = null;

function load(): Promise<{ default: Component }> {
  loading ??= import('./ChartPanel.vue');
  return loading;
}

/** The panel with the map and heat-map parts registered (charts/echartsGeo.ts). */
function loadGeo(): Promise<{ default: Component }> {
  loadingGeo ??= import('../charts/echartsGeo');
  return Promise.all([load(), loadingGeo]).then(([panel]) => panel);
}

/** `geo` for a view that draws a map or a heat map (it renders AsyncGeoChartPanel). */
export function prefetchChartPanel(parts: 'geo' | null = null): void {
  void (parts === 'geo' ? loadGeo() : load()).catch(() => {
    loading = null;
    loadingGeo = null;
  });
}

export const AsyncChartPanel = defineAsyncComponent({
  loader: () => load().then((m) => m.default),
  // Same frame and height as the chart, so nothing jumps when ECharts arrives.
  loadingComponent: ChartSkeleton,
  delay: 0,
});

export const AsyncGeoChartPanel = defineAsyncComponent({
  loader: () => loadGeo().then((m) => m.default),
  loadingComponent: ChartSkeleton,
  delay: 0,
});
