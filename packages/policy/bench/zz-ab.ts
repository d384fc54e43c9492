import * as after from '../src/index';
// @ts-expect-error outside the project
import * as before from '/tmp/src-before/index.ts';
import { buildMix } from './mix';
const mix = buildMix();
const trace = process.argv[2] === 'trace';
const opts = mix.map((m) => ({ overrides: m.overrides, trace }));
let sink = 0;
function run(f: typeof after.adjudicate, ms: number) { const t0 = performance.now(); let n = 0; let now = t0; do { for (let i = 0; i < mix.length; i++) { const m = mix[i]!; sink += f(m.claim, m.patient, opts[i]).fundFen; } n += mix.length; now = performance.now(); } while (now - t0 < ms); return n / (now - t0) * 1000; }
for (let i = 0; i < mix.length; i++) { const m = mix[i]!; const a = after.adjudicate(m.claim, m.patient, opts[i]); const b = before.adjudicate(m.claim, m.patient, opts[i]); if (JSON.stringify(a) !== JSON.stringify(b)) { console.log('DIFF at', i); break; } }
run(after.adjudicate, 1000); run(before.adjudicate, 1000);
const A: number[] = [], B: number[] = [];
for (let r = 0; r < 5; r++) { B.push(run(before.adjudicate, 1000)); A.push(run(after.adjudicate, 1000)); }
const med = (x: number[]) => [...x].sort((a, b) => a - b)[2]!;
console.log('before', Math.round(med(B)), 'after', Math.round(med(A)), 'x', (med(A) / med(B)).toFixed(2), sink > 0);
