import { describe, expect, it } from 'vitest';
import { clusterSuites, ON_CLUSTER, REQUIRED } from './cluster-suites';

describe('the suites of the Citus run (test:cluster)', () => {
  it('names every integration suite: run on the cluster, or left out with its reason', () => {
    const { run, excluded } = clusterSuites();
    expect(run).toEqual(ON_CLUSTER);
    expect(new Set([...run, ...excluded.map(([s]) => s)]).size).toBe(run.length + excluded.length);
    expect(excluded.filter(([, why]) => why.length < 40).map(([s]) => s)).toEqual([]);
    expect(REQUIRED.filter((r) => !run.includes(r))).toEqual([]);
  });
});
