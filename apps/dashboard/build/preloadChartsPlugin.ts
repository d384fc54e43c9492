// Adds <link rel="modulepreload"> to index.html for the lazily loaded chunks the first screen needs:
// the overview (the default route) and the chart panel with ECharts. The browser then downloads
// and compiles them alongside the entry, without running them, so that the router finds the view
// already there when the context query answers, and the chart library runs as soon as a view asks
// for it. Their CSS is preloaded too (rel=preload, not applied until the view's import adds it).
// Measured by bench/first-paint.ts.
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  imports: string[];
  isEntry: boolean;
  viteMetadata?: { importedCss: Set<string> };
}

/** In the order they are needed: the view first (small), then the chart library. */
export const FIRST_SCREEN = [/OverviewView\.vue$/, /ChartPanel\.vue$/];

export function preloadChartsPlugin(matches: readonly RegExp[] = FIRST_SCREEN): Plugin {
  let base = '/';
  return {
    name: 'liangbing-preload-first-screen',
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
        for (const match of matches) for (const chunk of chunks.filter((c) => c.facadeModuleId && match.test(c.facadeModuleId))) walk(chunk.fileName, wanted);
        const scripts = [...wanted].filter((name) => !inEntry.has(name));
        const styles = new Set(scripts.flatMap((name) => [...(byName.get(name)?.viteMetadata?.importedCss ?? [])]));
        return [
          ...scripts.map((name) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `${base}${name}` }, injectTo: 'head' as const })),
          ...[...styles].map((name) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: '', href: `${base}${name}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}
