// Chart lifecycle: options held in a shallowRef (ECharts options must not be deeply reactive),
// resize on container size changes, and a performance mark when the first chart has painted.
import { onBeforeUnmount, onMounted, shallowRef, watchEffect } from 'vue';
import type { ShallowRef } from 'vue';
import type { ChartOption } from '../charts/echarts';

/** Performance mark set when the first chart of the page has data on screen (read by bench/first-paint.ts). */
export const FIRST_CHART_MARK = 'liangbing:first-chart-painted';

/** An option rebuilt whenever the builder's reactive inputs change, stored without deep reactivity. */
export function useChartOption(build: () => ChartOption | null): ShallowRef<ChartOption | null> {
  const option = shallowRef<ChartOption | null>(null);
  watchEffect(() => {
    option.value = build();
  });
  return option;
}

interface Resizable {
  resize: () => void;
}

export function markChartPainted(): void {
  if (typeof performance === 'undefined') return;
  if (performance.getEntriesByName(FIRST_CHART_MARK).length === 0) performance.mark(FIRST_CHART_MARK);
}

/** For the component that hosts a VChart: keeps it sized to its container and reports first paint. */
export function useChart(container: ShallowRef<HTMLElement | null>, chart: ShallowRef<Resizable | null>) {
  let observer: ResizeObserver | null = null;
  let frame = 0;

  onMounted(() => {
    if (!container.value || typeof ResizeObserver === 'undefined') return;
    observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => chart.value?.resize());
    });
    observer.observe(container.value);
  });

  onBeforeUnmount(() => {
    observer?.disconnect();
    cancelAnimationFrame(frame);
  });

  return {
    /** Bind to VChart's `rendered` event. */
    onRendered: () => markChartPainted(),
  };
}
