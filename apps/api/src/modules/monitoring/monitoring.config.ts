/**
 * Smart-monitoring thresholds (G-9 五(四)9: 事前承诺、事中审核、事后复核; W-10 四(三): 智能监控规则库).
 * Neither source sets a number: every threshold here is deployment configuration, named and
 * explained, and can be replaced per deployment. Each carries the section that asks for the check.
 */
import { MONITORING_PATTERNS, type HitCode } from '@liangbing/policy';

export interface MonitoringConfig {
  /** rule hits of stored claims that open a case, one per claim and code */
  readonly ruleHitCodes: readonly HitCode[];
  /** a refill at the same institution with more than this many days still on hand (G-9; the rule sets' early-refill tolerance is 7 days) */
  readonly earlyRefillDaysLeft: number;
  /** days supplied of one drug within 90 days, over 90, above which the patient may be reselling (G-9 倒卖药品) */
  readonly oversupplyFactor: number;
  /** an institution stands out when its figure exceeds its peers' mean by this many standard deviations (W-10 绩效考核, G-9) */
  readonly outlierSd: number;
  /** and at least this multiple of the peers' mean: a tight peer group would otherwise flag small differences */
  readonly outlierMinRatio: number;
  /** peers (same level, same district) needed besides the institution itself to compare at all */
  readonly outlierMinPeers: number;
  /** claims an institution needs in the period for its rates to mean something */
  readonly outlierMinClaims: number;
  /**
   * an institution is flagged when more than this share (0–1) of its claim lines in the period went over the
   * payment standard (W 四(一) sets the standard, not a share: set by the bureau)
   */
  readonly overStandardShare: number;
  /** claim lines an institution needs in the period for its over-standard share to mean something */
  readonly overStandardMinLines: number;
}

export const MONITORING_CONFIG: MonitoringConfig = {
  ruleHitCodes: [
    'DUPLICATE_DISPENSING',
    'OVER_QUANTITY',
    'LONG_PRESCRIPTION_EXCEEDED',
    'DRUG_NOT_IN_CATALOGUE',
    'FORM_NOT_IN_CATALOGUE',
    'VILLAGE_SCOPE',
    'RESTRICTION_NOT_MET',
    'EXTENSION_DRUG_NOT_PRESCRIBED',
    'IRRATIONAL_COMBINATION',
  ],
  earlyRefillDaysLeft: 7,
  oversupplyFactor: 1.5,
  outlierSd: 2,
  outlierMinRatio: 1.25,
  outlierMinPeers: 3,
  outlierMinClaims: 20,
  overStandardShare: 0.2,
  overStandardMinLines: 20,
};

/** What each case kind flags: a rule hit of a stored claim, or one of the policy core's monitoring patterns (codes.ts). */
export const ALERT_KINDS = {
  RULE_HIT: 'a rule hit of a stored claim (the kind is the hit code)',
  ...MONITORING_PATTERNS,
} as const;

export type PatternKind = Exclude<keyof typeof ALERT_KINDS, 'RULE_HIT'>;

/** Kinds whose case is the refill itself: the DUPLICATE_DISPENSING hit on the same claim is not opened twice. */
export const REFILL_KINDS: readonly PatternKind[] = ['CROSS_INSTITUTION_DUPLICATE', 'EARLY_REFILL'];
