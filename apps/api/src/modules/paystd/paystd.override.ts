/**
 * A loaded payment standard version as the policy core takes it: a named override in force from its
 * effective date (the core's overrides.ts), so a claim is judged by the version in force on its service
 * date and a later version supersedes an earlier one (the last applicable override with a standard wins).
 * The demo loader builds its standard's override here too, so its claims name the same override as
 * claims the API decides later.
 */
import { createHash } from 'node:crypto';
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

/** The rows in the order they are stored: by drug, form and strength. */
export function sortStandardRows(rows: readonly PaymentStandardRow[]): PaymentStandardRow[] {
  return [...rows].sort((a, b) =>
    a.drugCode === b.drugCode ? (a.form === b.form ? a.strength.localeCompare(b.strength) : a.form < b.form ? -1 : 1) : a.drugCode < b.drugCode ? -1 : 1,
  );
}

/** What identifies a version's content: its rows and its source (the same list sent again is a replay, a different one a conflict). */
export function standardContentHash(rows: readonly PaymentStandardRow[], sourceDocument: string, sourceSection: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ rows, doc: sourceDocument, section: sourceSection }))
    .digest('hex');
}
