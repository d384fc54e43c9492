import { adjudicate } from '../src/index';
import { buildMix } from './mix';
const mix = buildMix();
const trace = process.argv[2] === 'trace';
const opts = mix.map((m) => ({ overrides: m.overrides, trace }));
let sink = 0;
const t0 = performance.now();
while (performance.now() - t0 < 5000) for (let i = 0; i < mix.length; i++) { const m = mix[i]!; sink += adjudicate(m.claim, m.patient, opts[i]).fundFen; }
console.log(sink > 0);
