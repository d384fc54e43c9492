/**
 * Policy what-if: "what would it have cost if the rule had been different?" A named override is
 * built on top of the deployment's (buildOverrides), the period's stored claims of the region are
 * replayed under it in memory, each district by its replay worker (whatif.pool.ts), and compared
 * with what was paid, per district and in total. Read-only: no ledger, claim or statistic is
 * written, and nothing is locked.
 */
import type { RuleSetOverride } from '@liangbing/policy';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { badInput, forbidden } from '../../errors';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import type { RegionDirectory, RegionInfo } from '../regions/region.directory';
import type { StatisticsService } from '../statistics/statistics.service';
import { execOn } from '../../db/sql';
import {
  buildOverrides,
  changesOf,
  checkRequest,
  combineOverrides,
  standardChangesOf,
  type ParameterChange,
  type StandardChangeSummary,
  type WhatIfRequest,
} from './whatif.override';
import { districtJobs, type DistrictResult } from './whatif.engine';
import { preloadPeriod as parsePreload, ReplayPool, replayPoolOptions, type ReplayPoolOptions } from './whatif.pool';
import { addSides, emptySide, mergeMonths, type MonthTally, type Side } from './whatif.run';
import { institutionsKey } from './whatif.snapshot';
import type { Period } from './whatif.source';

/** The method in Chinese, as a bureau reads it (REPLAY_METHOD is the same in English). */
export const REPLAY_METHOD_ZH =
  '所选期间的每张已结算单据由规则核心按部署配置加上模拟参数重新判定，按患者、按日期顺序（同日单据按入库顺序），患者的年度情况按结算路径同样的方式由已存记录重建。' +
  '每个患者年度从期间之前的位置（已存单据，不重放）开始，此后沿用重放的判定：已付基金与合规费用、此前配药、最近200天的配药。冲正的单据两边都不计。' +
  '每个患者重放两次：只按部署配置（按现行配置重放：存储数据齐全时与实际支付一致），以及再加模拟参数。不写入任何数据，真实台账不受影响。' +
  '区县的期间单据读取一次后由重放进程留在内存中，只要此后没有写入可能改变重放结果的数据（每次此类写入都会留下该区县的审计记录；期间之后日期的单据不算），同一期间或其中一段的下一次模拟无需再次读取。';

export const REPLAY_METHOD =
  'Every accepted claim of the period is decided again by the policy core under the deployment’s overrides plus the what-if, ' +
  'per patient in date order (same-day claims in the order they were stored), with the patient’s year rebuilt from the stored records as the claim path does. ' +
  'Each patient-year opens at its position before the period (stored claims, not replayed) and from then on carries the replayed decisions: ' +
  'fund paid and compliant cost so far, drugs dispensed before, the last 200 days of dispensing. Reversed claims are left out on both sides. ' +
  'Each patient is replayed twice, under the deployment’s overrides alone (asConfigured: it reproduces what was paid wherever the stored data holds everything the decision used) and with the what-if on top. ' +
  'Nothing is written: the real ledger is never touched. ' +
  'A district’s claims of the period are read once and kept in memory by a replay worker while nothing that could change their replay has been written since (every such write leaves an audit row of its district; claims dated after the period do not count), so the next what-if over the same period, or a period within it, replays without reading them again.';

export interface WhatIfInput extends WhatIfRequest {
  regionCode: string;
}

export interface WhatIfComparison {
  paid: Side;
  asConfigured: Side;
  whatIf: Side;
  /** what-if minus paid */
  difference: Side;
  /** what-if minus as configured: the change's own effect, whatever the replay could not reproduce */
  effect: Side;
}

export interface WhatIfOutcome {
  name: string;
  description: string | null;
  from: string;
  to: string;
  region: RegionInfo;
  overrideNames: string[];
  parameters: ParameterChange[];
  /** the payment standards (W 四(一)) the what-if changes */
  paymentStandards: StandardChangeSummary[];
  total: WhatIfComparison;
  districts: { region: RegionInfo; patients: number; claimsChanged: number; claimsNotReproduced: number; comparison: WhatIfComparison }[];
  months: MonthTally[];
  claimsReplayed: number;
  claimsChanged: number;
  claimsNotReproduced: number;
  elapsedMs: number;
  /** of the districts replayed, those whose claims were kept in memory from an earlier what-if */
  districtsFromMemory: number;
  /** time spent reading claims from the database, summed over the districts read (they are read in parallel) */
  readMs: number;
  /** time spent deciding and tallying, summed over the districts (they are replayed in parallel) */
  replayMs: number;
  /** the oldest read among the districts' data: the comparison is as of then (ISO 8601) */
  dataAsOf: string;
  method: string;
  methodZh: string;
}

function minus(a: Side, b: Side): Side {
  const out = emptySide();
  for (const k of Object.keys(out) as (keyof Side)[]) out[k] = a[k] - b[k];
  return out;
}

function compare(paid: Side, asConfigured: Side, whatIf: Side): WhatIfComparison {
  return { paid, asConfigured, whatIf, difference: minus(whatIf, paid), effect: minus(whatIf, asConfigured) };
}

export class WhatIfService {
  #pool: ReplayPool | null = null;

  constructor(
    private readonly regions: RegionDirectory,
    private readonly statistics: StatisticsService,
    private readonly policy: PolicyOverrides,
    private readonly replayOptions: ReplayPoolOptions = replayPoolOptions(),
    /** the period to read into the workers at start-up (WHATIF_PRELOAD) */
    readonly preloadPeriod: Period | null = parsePreload(process.env.WHATIF_PRELOAD),
  ) {}

  /**
   * Reads every district's claims of the period into the replay workers and replays them as
   * configured, so that the first what-if over it after a start is answered from memory.
   */
  async preload(em: EntityManager, period: Period): Promise<{ districts: number; claims: number; elapsedMs: number }> {
    const started = performance.now();
    const base = await this.policy.current(em);
    const districts = this.regions.cities().flatMap((c) => this.regions.districtsOf(c.code).map((d) => d.code));
    const results = await this.#replay(em, districts, period, base, null);
    return { districts: results.length, claims: results.reduce((a, r) => a + r.tally.paid.claims, 0), elapsedMs: performance.now() - started };
  }

  /** The districts' period replayed by the workers (started on first use) under `base`, and `combined` unless it is null. */
  async #replay(
    em: EntityManager,
    districts: readonly string[],
    period: Period,
    base: readonly RuleSetOverride[],
    combined: RuleSetOverride[] | null,
  ): Promise<DistrictResult[]> {
    const institutions = await institutionsKey(execOn(em));
    this.#pool ??= new ReplayPool(String(em.config.get('clientUrl')), this.replayOptions);
    return this.#pool.run(districtJobs(districts, period, base, combined, institutions));
  }

  /** Stops the replay workers and drops what they kept. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    await pool?.close();
  }

  async run(em: EntityManager, scope: Scope, input: WhatIfInput): Promise<WhatIfOutcome> {
    // Policy analysis is the bureau's and the leadership's; an institution sees its own claims only.
    if (scope.institutionOnly !== null) throw forbidden('What-if analysis is for the bureau and the leadership', '政策模拟仅供医保部门和领导小组使用');
    checkRequest(input);
    const { region, districts } = this.statistics.scopedRegion(scope, input.regionCode);
    if (region.level === 'street') throw badInput('input.regionCode', 'must be a city or a district', '须为市或区县');
    const overrides = buildOverrides(region.cityCode, input, scope.viewer.userId);
    const base = await this.policy.current(em);
    const started = performance.now();
    const period = { from: input.from, to: input.to };
    const results = await this.#replay(em, districts, period, base, combineOverrides(base, overrides));
    const elapsedMs = performance.now() - started;

    let paid = emptySide();
    let asConfigured = emptySide();
    let whatIf = emptySide();
    let changed = 0;
    let notReproduced = 0;
    const byDistrict = new Map(results.map((r) => [r.tally.districtCode, r.tally]));
    const rows = districts.map((code) => {
      const t = byDistrict.get(code);
      const r = this.regions.get(code)!;
      if (t === undefined)
        return { region: r, patients: 0, claimsChanged: 0, claimsNotReproduced: 0, comparison: compare(emptySide(), emptySide(), emptySide()) };
      paid = addSides(paid, t.paid);
      asConfigured = addSides(asConfigured, t.asConfigured);
      whatIf = addSides(whatIf, t.whatIf);
      changed += t.claimsChanged;
      notReproduced += t.claimsNotReproduced;
      return {
        region: r,
        patients: t.patients,
        claimsChanged: t.claimsChanged,
        claimsNotReproduced: t.claimsNotReproduced,
        comparison: compare(t.paid, t.asConfigured, t.whatIf),
      };
    });
    return {
      name: input.name,
      description: input.description ?? null,
      from: input.from,
      to: input.to,
      region,
      overrideNames: [...base, ...overrides].filter((o) => overrides.some((w) => w.ruleSetId === o.ruleSetId)).map((o) => o.name),
      parameters: changesOf(region.cityCode, input, base, overrides),
      paymentStandards: standardChangesOf(region.cityCode, input, base, overrides),
      total: compare(paid, asConfigured, whatIf),
      districts: rows,
      months: mergeMonths(results.map((r) => r.months)),
      claimsReplayed: paid.claims,
      claimsChanged: changed,
      claimsNotReproduced: notReproduced,
      elapsedMs: Math.round(elapsedMs),
      districtsFromMemory: results.filter((r) => r.source === 'memory').length,
      readMs: Math.round(results.reduce((a, r) => a + r.readMs, 0)),
      replayMs: Math.round(results.reduce((a, r) => a + r.replayMs, 0)),
      dataAsOf: new Date(results.reduce((a, r) => Math.min(a, r.dataAsOf), Date.now())).toISOString(),
      method: REPLAY_METHOD,
      methodZh: REPLAY_METHOD_ZH,
    };
  }
}
