/**
 * Test helper: the table-driven case format shared by the adjudication tests. A case names the
 * rule and section it checks, states only what differs from the city's clean claim, and
 * expects the outcome and the exact set of hit codes (so an extra or a missing hit fails it).
 */
import { expect } from 'vitest';
import type { HitCode } from '../hits';
import type { RuleSetOverride } from '../overrides';
import type { BenefitCategory, ClaimInput, Decision, Outcome, PatientYear } from '../types';
import { adjudicate } from './adjudicate';
import { guiyangClaim, guiyangPatient, TEST_GUIYANG, wuxiClaim, wuxiPatient, type Patch } from '../fixtures';

export interface Expectation {
  readonly outcome: Outcome;
  /** every hit code of the decision, in any order; [] for a clean claim */
  readonly hits: readonly HitCode[];
  readonly fundFen?: number;
  readonly compliantFen?: number;
  readonly ratioBp?: number;
  readonly capFen?: number;
  readonly capRemainingFen?: number;
  readonly rationalUse?: boolean;
  readonly category?: BenefitCategory;
  /** the rule id each named hit must cite */
  readonly ruleIds?: Partial<Record<HitCode, string>>;
  /** per line number, its hit codes in any order */
  readonly lineHits?: Readonly<Record<number, readonly HitCode[]>>;
  /** per line number, its fund share */
  readonly lineFund?: Readonly<Record<number, number>>;
}

export interface Case {
  /** the rule id and section of the source the case checks, e.g. 'W-3 二(三)' */
  readonly rule: string;
  readonly name: string;
  readonly claim?: Patch<ClaimInput>;
  readonly patient?: Patch<PatientYear>;
  /** Guiyang cases run under TEST_GUIYANG unless they name other overrides ([] for none) */
  readonly overrides?: readonly RuleSetOverride[];
  readonly expect: Expectation;
}

export function decide(city: 'wuxi' | 'guiyang', c: Pick<Case, 'claim' | 'patient' | 'overrides'>, trace = false): Decision {
  if (city === 'wuxi') return adjudicate(wuxiClaim(c.claim), wuxiPatient(c.patient), { trace, overrides: c.overrides ?? [] });
  return adjudicate(guiyangClaim(c.claim), guiyangPatient(c.patient), { trace, overrides: c.overrides ?? [TEST_GUIYANG] });
}

const sorted = (codes: readonly string[]) => [...codes].sort();

export function expectDecision(d: Decision, e: Expectation): void {
  expect({ outcome: d.outcome, hits: sorted(d.hits.map((h) => h.code)) }).toEqual({ outcome: e.outcome, hits: sorted(e.hits) });
  if (e.fundFen !== undefined) expect(d.fundFen).toBe(e.fundFen);
  if (e.compliantFen !== undefined) expect(d.compliantFen).toBe(e.compliantFen);
  if (e.ratioBp !== undefined) expect(d.ratioBp).toBe(e.ratioBp);
  if (e.capFen !== undefined) expect(d.capFen).toBe(e.capFen);
  if (e.capRemainingFen !== undefined) expect(d.capRemainingFen).toBe(e.capRemainingFen);
  if (e.rationalUse !== undefined) expect(d.rationalUse).toBe(e.rationalUse);
  if (e.category !== undefined) expect(d.category).toBe(e.category);
  for (const [code, ruleId] of Object.entries(e.ruleIds ?? {})) {
    const h = d.hits.find((x) => x.code === code);
    expect(h?.ruleId, `rule id of ${code}`).toBe(ruleId);
  }
  for (const [lineNo, codes] of Object.entries(e.lineHits ?? {})) {
    const l = d.lines.find((x) => x.lineNo === Number(lineNo));
    expect(sorted(l?.hitCodes ?? ['(no such line)']), `hits of line ${lineNo}`).toEqual(sorted(codes));
  }
  for (const [lineNo, fund] of Object.entries(e.lineFund ?? {})) {
    expect(d.lines.find((x) => x.lineNo === Number(lineNo))?.fundFen, `fund of line ${lineNo}`).toBe(fund);
  }
  // Whatever the case, the money adds up.
  for (const l of d.lines) expect(l.fundFen + l.patientFen).toBe(l.amountFen);
  expect(d.fundFen + d.patientFen).toBe(d.amountFen);
}
