// ChartPanel (and with it ECharts, the largest chunk) loads on its own, so a view can mount and
// send its queries first. A view calls prefetchChartPanel() right after starting its queries: the
// chart library (already downloaded through the modulepreload links that build/preloadChartsPlugin.ts
// adds to index.html) then runs while the requests are in flight. Both share one module promise.
import { defineAsyncComponent, type Component } from 'vue';
import ChartSkeleton from './ChartSkeleton.vue';

let loading: Promise<{ default: Component }> | null = null;

function load(): Promise<{ default: Component }> {
  loading ??= import('./ChartPanel.vue');
  return loading;
}

export function prefetchChartPanel(): void {
  void load().catch(() => {
    loading = null;
  });
}

export const AsyncChartPanel = defineAsyncComponent({
  loader: () => load().then((m) => m.default),
  // Same frame and height as the chart, so nothing jumps when ECharts arrives.
  loadingComponent: ChartSkeleton,
  delay: 0,
});
