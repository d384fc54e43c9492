// Every code the API can return has a Chinese name (issue 17 item 16): the rule-hit codes (the
// policy core's HITS), the monitoring case kinds (the core's MONITORING_PATTERNS, and the rule-hit
// cases, whose kind is a hit code), the scorecard rubric's items (SCORECARD_METRICS) and the rule
// parameters. The lists are imported from the policy core, the one package the API builds them on:
// the dashboard itself reads the API over HTTP only, and only its tests import the core (a dev
// dependency; eslint.config.js refuses it elsewhere in the dashboard).
import { HITS, MONITORING_PATTERNS, SCORECARD_METRICS, WUXI_2019, type ParameterName } from '@liangbing/policy';
import { describe, expect, it } from 'vitest';
import zh from './zh';
import en from './en';
import { codeLabels } from './codeLabels';

const hitCodes = Object.keys(HITS);
const patternKinds = Object.keys(MONITORING_PATTERNS);
const rubricKeys: readonly string[] = SCORECARD_METRICS;
// A rule set's parameter table has every parameter (ParameterTable is keyed by ParameterName).
const paramNames = Object.keys(WUXI_2019.parameters) as ParameterName[];

const han = /[\u4e00-\u9fff]/;
const lookup = (messages: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
const t = (messages: Record<string, unknown>) => (key: string) => String(lookup(messages, key));
const te = (messages: Record<string, unknown>) => (key: string) => typeof lookup(messages, key) === 'string';

describe('every code the API returns has a Chinese name', () => {
  it('imports the codes (so that the lists below are not empty by mistake)', () => {
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

  it('evidence values that are codes: a claim’s pathway (the signed-team case) and an institution level', () => {
    expect(zhLabels.evidenceValue('pathway', 'designated')).toBe('约定基层机构');
    expect(enLabels.evidenceValue('pathway', 'designated')).not.toBe('designated');
    expect(zhLabels.evidenceValue('teamCode', 'LX-T1')).toBe('LX-T1');
  });

  it('rule parameters shown in a claim’s explanation', () => {
    for (const name of paramNames) expect(zhLabels.param(name), name).toMatch(han);
  });

  it('no Chinese text of the codes is English in disguise', () => {
    const texts = [...Object.values(zh.hitCodes), ...Object.values(zh.params), ...Object.values(zh.rubric.basis), ...Object.values(zh.cases.kinds)];
    for (const text of texts) expect(text.replace(/[A-Z]{2,}|[A-Z]-\d+|[\d()（）]/g, ''), text).not.toMatch(/[A-Za-z]{3,}/);
  });
});
