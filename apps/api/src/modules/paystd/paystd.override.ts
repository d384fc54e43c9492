/**
 * A loaded payment standard version as the policy core takes it: a named override in force from its
 * effective date (the core's overrides.ts), so a claim is judged by the version in force on its service
 * date and a later version supersedes an earlier one (the last applicable override with a standard wins).
 * The demo loader builds its standard's override here too, so its claims name the same override as
 * claims the API decides later.
 */
import type { PaymentStandardRow, RuleSetOverride } from '@liangbing/policy';

export interface StandardVersionFields {
  id: string;
  cityCode: string;
  ruleSetId: string;
  title: string;
  effectiveFrom: string;
  sourceDocument: string;
  sourceSection: string;
  rows: readonly PaymentStandardRow[];
}

export const standardOverrideName = (id: string) => `payment-standard-${id}`;

export function toStandardOverride(v: StandardVersionFields): RuleSetOverride {
  const source = { document: v.sourceDocument, section: v.sourceSection };
  return {
    name: standardOverrideName(v.id),
    description: `payment standard ${v.title}, in force from ${v.effectiveFrom}`,
    labelZh: `医保支付标准（${v.effectiveFrom}起）`,
    ruleSetId: v.ruleSetId,
    source,
    from: v.effectiveFrom,
    parameters: {},
    paymentStandards: { id: v.id, city: v.cityCode, title: v.title, effectiveFrom: v.effectiveFrom, source, rows: v.rows },
  };
}
