/**
 * The demo loader's producer in a worker thread: generates, decides and encodes patients while
 * the loader's thread streams the previous chunk into PostgreSQL. At most two chunks wait.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DemoOptions } from '@liangbing/demo';
import type { RuleSetOverride } from '@liangbing/policy';
import { Rollup, TABLE_NAMES } from '../modules/statistics/facts';
import { demoChunks } from './demo-rows';

export interface WorkerInput {
  options: DemoOptions;
  overrides: RuleSetOverride[];
  trace: boolean;
  perChunk: number;
}

const input = workerData as WorkerInput;
const port = parentPort!;
let acks = 0;
let waiting: (() => void) | null = null;
port.on('message', () => {
  acks++;
  waiting?.();
});

const rollup = new Rollup();
let sent = 0;
for (const chunk of demoChunks(input.options, input.overrides, input.trace, input.perChunk, rollup)) {
  port.postMessage({ type: 'chunk', chunk });
  sent++;
  while (sent - acks >= 2) await new Promise<void>((resolve) => (waiting = resolve));
}
port.postMessage({ type: 'rollup', rows: Object.fromEntries(TABLE_NAMES.map((t) => [t, [...rollup.rows[t].entries()]])) });
