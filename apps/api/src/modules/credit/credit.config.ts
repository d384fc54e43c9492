/**
 * Credit rules (Wuxi 五(四): 探索建立医疗保障基金监管信用体系，把服务提供主体和参保人员纳入信用管理范围;
 * 四(三) 智能监控). The sources set no points or thresholds: every number here is deployment
 * configuration, versioned by id and recorded on each event, so a record can always be explained.
 */

export interface SubjectPoints {
  readonly institution: number;
  readonly patient: number;
}

export interface CreditRules {
  readonly id: string;
  /** points a confirmed alert adds to the institution and to the insured person behind it, by alert kind */
  readonly alertConfirmed: { readonly default: SubjectPoints; readonly byKind: Readonly<Record<string, SubjectPoints>> };
  /** points a reversed claim (冲正) adds, unless it was reversed by confirming an alert */
  readonly claimReversed: SubjectPoints;
  /** points of a reversal made by confirming an alert: counted with the alert, so 0 here */
  readonly claimReversedUnderAlert: SubjectPoints;
  /** a record's points are the sum over this many days up to the day asked */
  readonly windowDays: number;
  /** at or above these points in the window a subject is flagged for review, and the monitoring treats it so */
  readonly reviewThreshold: SubjectPoints;
}

export const CREDIT_RULES_V1: CreditRules = {
  id: 'credit-rules.v1',
  alertConfirmed: {
    // A rule hit is a prescribing or dispensing error: the institution's.
    default: { institution: 2, patient: 0 },
    byKind: {
      DUPLICATE_DISPENSING: { institution: 2, patient: 1 },
      // G-9 重复配药 across institutions is the patient's doing first.
      CROSS_INSTITUTION_DUPLICATE: { institution: 1, patient: 3 },
      EARLY_REFILL: { institution: 2, patient: 1 },
      // G-9 倒卖药品: reselling suspected.
      OVERSUPPLY_90D: { institution: 1, patient: 5 },
      INSTITUTION_HIT_RATE_OUTLIER: { institution: 3, patient: 0 },
      INSTITUTION_FUND_OUTLIER: { institution: 3, patient: 0 },
    },
  },
  claimReversed: { institution: 1, patient: 1 },
  claimReversedUnderAlert: { institution: 0, patient: 0 },
  windowDays: 365,
  reviewThreshold: { institution: 10, patient: 5 },
};

export const CREDIT_RULES = CREDIT_RULES_V1;

export function alertPoints(rules: CreditRules, kind: string): SubjectPoints {
  return rules.alertConfirmed.byKind[kind] ?? rules.alertConfirmed.default;
}
