/**
 * The rubric institution scorecards are scored to (W-10 四(三): 对基层医疗机构…开展绩效考核). Neither
 * source sets weights or targets: every number here is deployment configuration, versioned by id —
 * a change is a new rubric, never an edit, so a published quarter's scores stay reproducible.
 *
 * Scoring: each item's achievement is between 0 and 1 — for a higher-is-better item value ÷ target,
 * capped at 1; for a lower-is-better item 1 at or below the target, falling linearly to 0 at twice
 * the target. The score is the weighted achievement over the items that have a value (an item whose
 * denominator is 0 is left out and the weights of the others scaled up), out of 100.
 *
 * The essential-drug (基药) share is never scored: 两病 drug purchases are kept out of primary
 * institutions' essential-drug assessment (Guiyang 五(三)8, G-8). It is reported for information.
 */

import type { ScorecardMetric } from '@liangbing/policy';

/** The items are the policy core's list (codes.ts), which the dashboard names too. */
export type { ScorecardMetric };

export interface RubricItem {
  readonly metric: ScorecardMetric;
  readonly weight: number;
  /** a share (0–1) for rates, hits per 100 claims for ruleHitsPer100Claims */
  readonly target: number;
  readonly direction: 'higher' | 'lower';
  /** the source that asks for the measure, and where the target comes from */
  readonly basis: string;
}

export interface Rubric {
  readonly id: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly note: string;
  readonly items: readonly RubricItem[];
}

const CONFIGURATION = 'target and weight: deployment configuration (the sources set none)';

export const SCORECARD_RUBRIC_V1: Rubric = {
  id: 'scorecard-rubric.v1',
  titleZh: '基层医疗机构“两病”绩效评分（第1版）',
  titleEn: 'Primary institutions’ 两病 performance score, version 1',
  note: 'Weights sum to 100. The essential-drug (基药) share is reported but never scored (G-8: 两病 drug purchases are not counted in the essential-drug assessment).',
  items: [
    {
      metric: 'standardisedManagement',
      weight: 25,
      target: 0.6,
      direction: 'higher',
      basis: `规范化管理率 (G-11, 国家基本公共卫生服务规范); ${CONFIGURATION}`,
    },
    { metric: 'rationalMedication', weight: 20, target: 0.95, direction: 'higher', basis: `合理用药率 (G-11, W-10 合理用药); ${CONFIGURATION}` },
    { metric: 'bloodPressureControl', weight: 15, target: 0.5, direction: 'higher', basis: `血压控制率 (国家基本公共卫生服务规范); ${CONFIGURATION}` },
    { metric: 'glucoseControl', weight: 15, target: 0.5, direction: 'higher', basis: `血糖控制率 (国家基本公共卫生服务规范); ${CONFIGURATION}` },
    {
      metric: 'centrallyProcuredShareByAmount',
      weight: 10,
      target: 0.5,
      direction: 'higher',
      basis: `集采中选 share of 两病 dispensing by amount (W-2 优先使用, G-7 优先使用集采药品); ${CONFIGURATION}`,
    },
    {
      metric: 'classAShareByAmount',
      weight: 5,
      target: 0.6,
      direction: 'higher',
      basis: `甲类 share of 两病 dispensing by amount (W-2 优先使用甲类); ${CONFIGURATION}`,
    },
    { metric: 'ruleHitsPer100Claims', weight: 10, target: 5, direction: 'lower', basis: `rule hits per 100 claims (W-10 智能监控, G-9); ${CONFIGURATION}` },
  ],
};

export const RUBRICS: ReadonlyMap<string, Rubric> = new Map([[SCORECARD_RUBRIC_V1.id, SCORECARD_RUBRIC_V1]]);

/** An item's achievement, 0–1, or null without a value. */
export function achievement(item: RubricItem, value: number | null): number | null {
  if (value === null) return null;
  if (item.direction === 'higher') return item.target <= 0 ? 1 : Math.min(1, Math.max(0, value / item.target));
  if (value <= item.target) return 1;
  return item.target <= 0 ? 0 : Math.max(0, 1 - (value - item.target) / item.target);
}

export interface ScoredItem {
  item: RubricItem;
  value: number | null;
  achievement: number | null;
  /** weight × achievement, scaled so that the items with a value sum to 100 at full achievement */
  points: number | null;
}

export function score(
  rubric: Rubric,
  values: Readonly<Record<ScorecardMetric, number | null>>,
): { score: number | null; scoredWeight: number; items: ScoredItem[] } {
  const raw = rubric.items.map((item) => ({ item, value: values[item.metric], achievement: achievement(item, values[item.metric]) }));
  const scoredWeight = raw.reduce((a, r) => a + (r.achievement === null ? 0 : r.item.weight), 0);
  const total = rubric.items.reduce((a, i) => a + i.weight, 0);
  const scale = scoredWeight === 0 ? 0 : total / scoredWeight;
  const items = raw.map((r) => ({ ...r, points: r.achievement === null ? null : r.item.weight * r.achievement * scale }));
  const sum = items.reduce((a, r) => a + (r.points ?? 0), 0);
  return { score: scoredWeight === 0 ? null : Math.round(((sum * 100) / total) * 10) / 10, scoredWeight, items };
}
