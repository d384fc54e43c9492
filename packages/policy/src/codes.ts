/**
 * The codes the API answers besides the rule hits (hits.ts), as plain data that every package may
 * read: the patterns a monitoring case can be (G-9 五(四)9 智能审核; W-10 四(三) 智能监控规则库) and
 * the items of the institution scorecard (W-10 四(三) 绩效考核). The API's monitoring and scorecard
 * modules are built on these lists, and the dashboard's i18n test (zh.test.ts) walks them, so a code
 * added here without its Chinese name fails there.
 */

/** The monitoring patterns, each with what it flags and the section that asks for the check. A rule-hit case's kind is its hit code. */
export const MONITORING_PATTERNS = {
  CROSS_INSTITUTION_DUPLICATE:
    'G-9 重复配药: the same drug dispensed at another institution with more supply still on hand than the duplicate-dispensing rule tolerates (the rule set’s earlyRefillToleranceDays)',
  EARLY_REFILL: 'G-9: the same drug refilled at the same institution with more than the tolerated days still on hand',
  OVERSUPPLY_90D: 'G-9 倒卖药品: more days of one drug within 90 days than the treatment needs',
  INSTITUTION_HIT_RATE_OUTLIER: 'W-10: an institution whose rule-hit rate stands out from its peers (same level and district)',
  INSTITUTION_FUND_OUTLIER: 'W-10: an institution whose fund paid per patient stands out from its peers (same level and district)',
  OUTSIDE_SIGNED_TEAM:
    'Wuxi 四(一) 家庭医生健康和费用双重“守门人”: a claim at an institution other than that of the family-doctor team the patient signed with on the day — not an emergency (三(三)), not out of area (三(四)), not a referral by the team’s institution; only where the city’s text makes the family doctor the gatekeeper (Guiyang’s does not)',
  OVER_PAYMENT_STANDARD_SHARE:
    'Wuxi 四(一) 按照…支付标准，进行动态维护: an institution whose claim lines of the period went over the payment standard (the OVER_PAYMENT_STANDARD hit) in more than the configured share of its lines; only where the city’s text sets a payment standard (Guiyang’s does not). The share is the bureau’s to set: the text gives none',
} as const;

export type MonitoringPattern = keyof typeof MONITORING_PATTERNS;

/** The scorecard's items (W-10 四(三)): the figures an institution is scored on. */
export const SCORECARD_METRICS = [
  'standardisedManagement',
  'rationalMedication',
  'bloodPressureControl',
  'glucoseControl',
  'centrallyProcuredShareByAmount',
  'classAShareByAmount',
  'ruleHitsPer100Claims',
] as const;

export type ScorecardMetric = (typeof SCORECARD_METRICS)[number];
