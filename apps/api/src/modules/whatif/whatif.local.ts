/**
 * A replay in the calling thread, district after district, with nothing kept afterwards: what the
 * workers do, for tests and for the benchmark's baseline.
 */
import type { RuleSetOverride } from '@liangbing/policy';
import { districtJobs, ReplayEngine, type DistrictResult, type EngineOptions } from './whatif.engine';
import { combineOverrides } from './whatif.override';
import { mergeMonths, type DistrictTally, type MonthTally } from './whatif.run';
import { institutionsKey } from './whatif.snapshot';
import type { Period, Query } from './whatif.source';

export interface ReplayTotals {
  districts: DistrictTally[];
  months: MonthTally[];
  claimsReplayed: number;
}

export async function replayInThread(
  q: Query,
  districts: readonly string[],
  period: Period,
  base: readonly RuleSetOverride[],
  whatIf: readonly RuleSetOverride[],
  options: Omit<EngineOptions, 'budgetClaims'> = {},
): Promise<ReplayTotals> {
  const engine = new ReplayEngine(q, { ...options, budgetClaims: 0 });
  const results: DistrictResult[] = [];
  for (const job of districtJobs(districts, period, base, combineOverrides(base, whatIf), await institutionsKey(q))) results.push(await engine.replay(job));
  return {
    districts: results.map((r) => r.tally),
    months: mergeMonths(results.map((r) => r.months)),
    claimsReplayed: results.reduce((a, r) => a + r.tally.paid.claims, 0),
  };
}
