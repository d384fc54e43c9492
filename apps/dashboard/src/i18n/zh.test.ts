// Every code the API can return has a Chinese name (issue 17 item 16): the rule-hit codes (the
// policy core's HITS), the monitoring case kinds (the API's ALERT_KINDS, whose rule-hit cases carry
// a hit code) and the scorecard rubric's items (ScorecardMetric). The dashboard may not import the
// core or the API (ARCHITECTURE.md: HTTP only), so the codes are read from their source files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zh from './zh';
import en from './en';
import { codeLabels } from './codeLabels';

const repo = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');
const hitCodes = [...repo('packages/policy/src/hits.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+): def\(/gm)].map((m) => m[1]!);
const alertKindsBlock = /export const ALERT_KINDS = \{([\s\S]*?)\} as const/.exec(repo('apps/api/src/modules/monitoring/monitoring.config.ts'))![1]!;
const patternKinds = [...alertKindsBlock.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!).filter((k) => k !== 'RULE_HIT');
const metricBlock = /export type ScorecardMetric =([\s\S]*?);/.exec(repo('apps/api/src/modules/scorecard/scorecard.rubric.ts'))![1]!;
const rubricKeys = [...metricBlock.matchAll(/'([a-zA-Z0-9]+)'/g)].map((m) => m[1]!);
const paramNames = [...repo('packages/policy/src/params.ts').matchAll(/^ {2}([a-z][A-Za-z0-9]+): (?:number|boolean|string) \| null;/gm)].map((m) => m[1]!);

const han = /[\u4e00-\u9fff]/;
const lookup = (messages: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
const t = (messages: Record<string, unknown>) => (key: string) => String(lookup(messages, key));
const te = (messages: Record<string, unknown>) => (key: string) => typeof lookup(messages, key) === 'string';

describe('every code the API returns has a Chinese name', () => {
  it('reads the codes from their sources (so that the lists below are not empty by mistake)', () => {
    expect(hitCodes.length).toBeGreaterThan(30);
    expect(hitCodes).toContain('DUPLICATE_DISPENSING');
    expect(patternKinds).toEqual(expect.arrayContaining(['CROSS_INSTITUTION_DUPLICATE', 'EARLY_REFILL', 'OVERSUPPLY_90D']));
    expect(rubricKeys).toEqual(expect.arrayContaining(['standardisedManagement', 'ruleHitsPer100Claims']));
    expect(paramNames).toContain('capOneDiseaseFen');
  });

  const zhLabels = codeLabels(t(zh), te(zh));
  const enLabels = codeLabels(t(en), te(en));

  it('hit codes', () => {
    for (const code of hitCodes) {
      expect(zhLabels.hit(code), code).toMatch(han);
      expect(enLabels.hit(code), code).not.toBe(code);
    }
  });

  it('alert kinds: the patterns and the rule-hit cases', () => {
    for (const kind of [...patternKinds, ...hitCodes]) expect(zhLabels.alertKind(kind), kind).toMatch(han);
  });

  it('rubric keys: the item name and its basis', () => {
    for (const key of rubricKeys) {
      expect(String(lookup(zh, `scorecards.metrics.${key}`)), key).toMatch(han);
      expect(zhLabels.rubricBasis(key, key), key).toMatch(han);
    }
    expect(zh.rubric.note).toMatch(han);
  });

  it('rule parameters shown in a claim’s explanation', () => {
    for (const name of paramNames) expect(zhLabels.param(name), name).toMatch(han);
  });

  it('no Chinese text of the codes is English in disguise', () => {
    const texts = [...Object.values(zh.hitCodes), ...Object.values(zh.params), ...Object.values(zh.rubric.basis), ...Object.values(zh.cases.kinds)];
    for (const text of texts) expect(text.replace(/[A-Z]{2,}|[A-Z]-\d+|[\d()（）]/g, ''), text).not.toMatch(/[A-Za-z]{3,}/);
  });
});
