// Initial JavaScript of the built dashboard, gzipped: the entry chunk and everything it imports
// statically (from Vite's manifest). Budget: 400 KB. Lazy chunks of the first route are listed too.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const BUDGET_BYTES = 400 * 1024;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifestPath = `${dist}.vite/manifest.json`;
if (!existsSync(manifestPath)) {
  console.error(`bench/size: ${manifestPath} is missing; run \`pnpm build\` first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;

/** The chunk keys reachable from `start` through static imports. */
function staticClosure(start: string, seen = new Set<string>()): Set<string> {
  if (seen.has(start)) return seen;
  seen.add(start);
  for (const next of manifest[start]?.imports ?? []) staticClosure(next, seen);
  return seen;
}

function gzipSize(key: string): number {
  const chunk = manifest[key];
  return chunk ? gzipSync(readFileSync(`${dist}${chunk.file}`), { level: 9 }).length : 0;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error('no entry chunk in the manifest');

const initial = [...staticClosure(entryKey)];
const initialBytes = initial.reduce((sum, key) => sum + gzipSize(key), 0);
console.log('Initial JavaScript (entry + static imports), gzip:');
for (const key of initial) console.log(`  ${manifest[key]?.file.padEnd(48)} ${kb(gzipSize(key))}`);
console.log(`  total ${kb(initialBytes)} (budget ${kb(BUDGET_BYTES)})`);

// Informative: what the first screen adds to it: the overview's chunk and the chart panel with
// ECharts and their static imports, which index.html preloads (modulepreload) beside the entry.
const lazyKeys = Object.keys(manifest).filter((k) => k.endsWith('OverviewView.vue') || k.endsWith('ChartPanel.vue'));
if (lazyKeys.length > 0) {
  const closure = new Set<string>();
  for (const key of lazyKeys) staticClosure(key, closure);
  const extra = [...closure].filter((k) => !initial.includes(k));
  const extraBytes = extra.reduce((sum, key) => sum + gzipSize(key), 0);
  console.log(`Overview route adds ${kb(extraBytes)} gzip (preloaded, run when the view needs them): ${extra.map((k) => manifest[k]?.file).join(', ')}`);
  console.log(`First screen total ${kb(initialBytes + extraBytes)} gzip`);
}

if (initialBytes > BUDGET_BYTES) {
  console.error(`bench/size: initial JavaScript ${kb(initialBytes)} exceeds the ${kb(BUDGET_BYTES)} budget`);
  process.exit(1);
}
