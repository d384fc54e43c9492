// Adds <link rel="modulepreload"> for the chart panel's chunks (ECharts) to index.html.
// The browser then downloads and compiles ECharts alongside the entry, without running it: the
// views run it (import) only after sending their first queries, so it neither delays those
// requests nor waits for them. Measured by bench/first-paint.ts.
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  imports: string[];
  isEntry: boolean;
}

export function preloadChartsPlugin(match = /ChartPanel\.vue$/): Plugin {
  let base = '/';
  return {
    name: 'liangbing-preload-charts',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((c): c is typeof c & ChunkLike => c.type === 'chunk') as unknown as ChunkLike[];
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const inEntry = new Set<string>();
        const walk = (name: string, into: Set<string>) => {
          if (into.has(name)) return;
          into.add(name);
          for (const next of byName.get(name)?.imports ?? []) walk(next, into);
        };
        for (const entry of chunks.filter((c) => c.isEntry)) walk(entry.fileName, inEntry);
        const wanted = new Set<string>();
        for (const chunk of chunks.filter((c) => c.facadeModuleId && match.test(c.facadeModuleId))) walk(chunk.fileName, wanted);
        return [...wanted]
          .filter((name) => !inEntry.has(name))
          .map((name) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `${base}${name}` }, injectTo: 'head' as const }));
      },
    },
  };
}
