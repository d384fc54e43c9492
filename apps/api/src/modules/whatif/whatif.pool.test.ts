import { describe, expect, it } from 'vitest';
import { preloadPeriod, replayPoolOptions } from './whatif.pool';

describe('WHATIF_PRELOAD', () => {
  it('is a year or a period of calendar dates, or nothing', () => {
    expect(preloadPeriod(undefined)).toBeNull();
    expect(preloadPeriod('')).toBeNull();
    expect(preloadPeriod('2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(preloadPeriod('2025-04-01..2025-06-30')).toEqual({ from: '2025-04-01', to: '2025-06-30' });
  });

  it('refuses what is neither, naming the variable', () => {
    for (const bad of ['25', '2025-02-30..2025-03-01', '2025-06-30..2025-04-01', '2025-01-01', 'last year'])
      expect(() => preloadPeriod(bad)).toThrow(/WHATIF_PRELOAD/);
  });
});

describe('replay pool settings', () => {
  it('reads whole numbers from the environment and refuses anything else', () => {
    expect(replayPoolOptions({ WHATIF_WORKERS: '0', WHATIF_CACHE_CLAIMS: '1000', WHATIF_WORKER_HEAP_MB: '512', WHATIF_CONNECTIONS: '0' })).toEqual({
      workers: 0,
      budgetClaims: 1000,
      heapMb: 512,
      connections: 1,
    });
    expect(replayPoolOptions({}).workers).toBeGreaterThanOrEqual(1);
    expect(() => replayPoolOptions({ WHATIF_WORKERS: 'two' })).toThrow(/WHATIF_WORKERS/);
    expect(() => replayPoolOptions({ WHATIF_CACHE_CLAIMS: '-1' })).toThrow(/WHATIF_CACHE_CLAIMS/);
  });
});
