/** Which rule set is in force, with which parameters, and how overrides sit on top (G-4). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDay, toDay } from './dates';
import { GUIYANG_CITY, overrideWith, TEST_GUIYANG, WUXI_CITY } from './fixtures';
import { validateOverride, type RuleSetOverride } from './overrides';
import { findRuleSet, resolveOnDay, resolveRuleSet, RULE_SETS, ruleSetOfCity, type ResolveOptions } from './resolve';
import { WUXI_2019 } from './rulesets/wuxi-2019';
import type { RuleSetDefinition } from './rulesets/types';

describe('findRuleSet: in force by city and date', () => {
  it.each([
    { rule: 'W 六', city: WUXI_CITY, date: '2019-12-11', id: null },
    { rule: 'W 六', city: WUXI_CITY, date: '2019-12-12', id: 'wuxi-2019' },
    { rule: 'W 六', city: WUXI_CITY, date: '2030-01-01', id: 'wuxi-2019' },
    { rule: 'G 七(三)', city: GUIYANG_CITY, date: '2021-06-30', id: null },
    { rule: 'G 七(三)', city: GUIYANG_CITY, date: '2021-07-01', id: 'guiyang-2021' },
    { rule: '—', city: '110100', date: '2021-07-01', id: null },
    { rule: '—', city: WUXI_CITY, date: '', id: null },
  ])('$rule: city $city on $date → $id', ({ city, date, id }) => {
    expect(findRuleSet(city, date)?.id ?? null).toBe(id);
  });

  it('a later version supersedes from its start; the older one ends on its inclusive last day', () => {
    const older: RuleSetDefinition = { ...WUXI_2019, effectiveTo: '2022-12-31' };
    const newer: RuleSetDefinition = { ...WUXI_2019, id: 'wuxi-2023', version: '2023-01-01', effectiveFrom: '2023-01-01' };
    const sets = [older, newer];
    expect(findRuleSet(WUXI_CITY, '2022-12-31', sets)?.id).toBe('wuxi-2019');
    expect(findRuleSet(WUXI_CITY, '2023-01-01', sets)?.id).toBe('wuxi-2023');
    const gap = [older];
    expect(findRuleSet(WUXI_CITY, '2023-01-01', gap)).toBeNull();
    const r = resolveRuleSet(WUXI_CITY, '2023-01-01', { ruleSets: gap });
    expect(r.status === 'not_in_force' && r.reason).toContain('wuxi-2019 from 2019-12-12 to 2022-12-31');
  });

  it('an unknown city resolves to not_in_force with its reason, never to a rule set of zeros', () => {
    const r = resolveRuleSet('110100', '2021-07-01');
    expect(r).toEqual({ status: 'not_in_force', cityCode: '110100', date: '2021-07-01', reason: 'no rule set for city 110100', nearest: null });
  });

  it('the platform knows exactly the two rule sets of the sources', () => {
    expect(RULE_SETS.map((r) => r.id)).toEqual(['wuxi-2019', 'guiyang-2021']);
  });
});

describe('resolveRuleSet: parameters on the date, overrides on top', () => {
  it('Guiyang’s open parameters resolve to null with kind configuration', () => {
    const r = resolveRuleSet(GUIYANG_CITY, '2021-09-01');
    if (r.status !== 'in_force') throw new Error('expected in force');
    expect(r.ruleSet.parameters.ratioDesignatedBp).toMatchObject({ value: null, kind: 'configuration' });
    expect(r.ruleSet.parameters.capOneDiseaseFen).toMatchObject({ value: null, kind: 'configuration' });
    expect(r.ruleSet.parameters.longPrescriptionMaxDays).toMatchObject({ value: 90, kind: 'cited' });
    expect(r.ruleSet.overrideNames).toEqual([]);
  });

  it('a named override replaces only the values it sets, with kind override and its own source', () => {
    const r = resolveRuleSet(GUIYANG_CITY, '2021-09-01', { overrides: [TEST_GUIYANG] });
    if (r.status !== 'in_force') throw new Error('expected in force');
    expect(r.ruleSet.parameters.ratioDesignatedBp).toMatchObject({ value: 7000, kind: 'override', citation: { document: 'test fixture' } });
    expect(r.ruleSet.parameters.ratioDesignatedBp.citation.note).toContain('override “test-guiyang”');
    expect(r.ruleSet.parameters.extensionPrescriptionValidMonths).toMatchObject({ value: 6, kind: 'cited' });
    expect(r.ruleSet.overrideNames).toEqual(['test-guiyang']);
  });

  it('a what-if override on Wuxi changes the ratio and says so; the cited rule set is untouched', () => {
    const whatIf = overrideWith({ name: 'wuxi-70', ruleSetId: 'wuxi-2019', parameters: { ratioDesignatedBp: 7000 } });
    const r = resolveRuleSet(WUXI_CITY, '2020-03-02', { overrides: [whatIf] });
    const plain = resolveRuleSet(WUXI_CITY, '2020-03-02');
    if (r.status !== 'in_force' || plain.status !== 'in_force') throw new Error('expected in force');
    expect(r.ruleSet.parameters.ratioDesignatedBp).toMatchObject({ value: 7000, kind: 'override' });
    expect(plain.ruleSet.parameters.ratioDesignatedBp).toMatchObject({ value: 6000, kind: 'cited' });
  });

  it('compiles once per period and override set', () => {
    const a = resolveRuleSet(WUXI_CITY, '2020-03-02');
    const b = resolveRuleSet(WUXI_CITY, '2024-11-30');
    const c = resolveRuleSet(GUIYANG_CITY, '2021-09-01', { overrides: [TEST_GUIYANG] });
    const d = resolveRuleSet(GUIYANG_CITY, '2022-03-01', { overrides: [TEST_GUIYANG] });
    if (a.status !== 'in_force' || b.status !== 'in_force' || c.status !== 'in_force' || d.status !== 'in_force') throw new Error('expected in force');
    expect(a.ruleSet).toBe(b.ruleSet);
    expect(c.ruleSet).toBe(d.ruleSet);
  });

  it('W-5: the locked districts are Jiangyin and Yixing', () => {
    const r = resolveRuleSet(WUXI_CITY, '2020-03-02');
    if (r.status !== 'in_force') throw new Error('expected in force');
    expect([...r.ruleSet.lockedDistricts].sort()).toEqual(['320281', '320282']);
  });
});

describe('resolveOnDay: the recent resolutions hold only over days on which nothing changes', () => {
  const older: RuleSetDefinition = { ...WUXI_2019, effectiveTo: '2022-12-31' };
  const newer: RuleSetDefinition = { ...WUXI_2019, id: 'wuxi-2023', version: '2023-01-01', effectiveFrom: '2023-01-01' };
  const later: RuleSetOverride = overrideWith({ name: 'guiyang-2024', from: '2024-03-01', parameters: { ratioDesignatedBp: 8000 } });
  const wuxiLater: RuleSetOverride = overrideWith({ name: 'wuxi-2021', ruleSetId: 'wuxi-2019', from: '2021-05-10', parameters: { ratioDesignatedBp: 6500 } });
  const configurations: ResolveOptions[] = [
    {},
    { overrides: [TEST_GUIYANG] },
    { overrides: [TEST_GUIYANG, later, wuxiLater] },
    { ruleSets: [older, newer] },
    { ruleSets: [older] },
  ];
  const call = fc.record({
    city: fc.constantFrom(WUXI_CITY, GUIYANG_CITY, '110100'),
    day: fc.integer({ min: toDay('2019-06-01'), max: toDay('2026-12-31') }),
    configuration: fc.integer({ min: 0, max: configurations.length - 1 }),
  });

  it('any sequence of calls answers as resolveRuleSet does on each date', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 80 }), (calls) => {
        for (const { city, day, configuration } of calls) {
          const options = configurations[configuration]!;
          const date = fromDay(day);
          const quick = resolveOnDay(city, date, day, options);
          const direct = resolveRuleSet(city, date, options);
          if (direct.status === 'in_force') {
            expect(quick.status).toBe('in_force');
            expect(quick.status === 'in_force' && quick.ruleSet).toBe(direct.ruleSet);
          } else {
            expect(quick).toEqual(direct);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('across a rule set’s last day, an override’s first day and back', () => {
    const versions = { ruleSets: [older, newer] };
    const id = (date: string, options: ResolveOptions) => {
      const r = resolveOnDay(WUXI_CITY, date, toDay(date), options);
      return r.status === 'in_force' ? `${r.ruleSet.definition.id} ${r.ruleSet.parameters.ratioDesignatedBp.value}` : r.status;
    };
    expect(['2022-12-30', '2022-12-31', '2023-01-01', '2022-12-31'].map((d) => id(d, versions))).toEqual([
      'wuxi-2019 6000',
      'wuxi-2019 6000',
      'wuxi-2023 6000',
      'wuxi-2019 6000',
    ]);
    const withLater = { overrides: [wuxiLater] };
    expect(['2021-05-09', '2021-05-10', '2021-05-09'].map((d) => id(d, withLater))).toEqual(['wuxi-2019 6000', 'wuxi-2019 6500', 'wuxi-2019 6000']);
    expect(id('2019-12-11', {})).toBe('not_in_force');
  });
});

describe('validateOverride', () => {
  it('accepts the test configuration', () => {
    expect(validateOverride(TEST_GUIYANG)).toEqual([]);
  });

  it.each([
    { parameters: { ratioDesignatedBp: 10_001 }, problem: 'ratioDesignatedBp must be an integer 0..10000 basis points' },
    { parameters: { ratioReferralBp: 55.5 }, problem: 'ratioReferralBp must be an integer 0..10000 basis points' },
    { parameters: { capOneDiseaseFen: -1 }, problem: 'capOneDiseaseFen must be a non-negative integer in fen' },
    { parameters: { deductibleFen: 0.5 }, problem: 'deductibleFen must be a non-negative integer in fen' },
    { parameters: { longPrescriptionMaxDays: -30 }, problem: 'longPrescriptionMaxDays must be a non-negative integer' },
  ])('rejects $parameters', ({ parameters, problem }) => {
    expect(validateOverride(overrideWith({ parameters }))).toEqual([problem]);
  });

  it('rejects an empty name', () => {
    expect(validateOverride(overrideWith({ name: '  ' }))).toEqual(['name must not be empty']);
  });
});

describe('ruleSetOfCity', () => {
  it('answers the rule set in force on the date, else the latest of the city, else null', () => {
    const older: RuleSetDefinition = { ...WUXI_2019, effectiveTo: '2022-12-31' };
    const newer: RuleSetDefinition = { ...WUXI_2019, id: 'wuxi-2023', version: '2023-01-01', effectiveFrom: '2023-01-01' };
    expect(ruleSetOfCity(WUXI_CITY, '2021-05-01', [older, newer])?.id).toBe(older.id);
    expect(ruleSetOfCity(WUXI_CITY, '2024-05-01', [older, newer])?.id).toBe('wuxi-2023');
    expect(ruleSetOfCity(WUXI_CITY, '2010-01-01', [newer, older])?.id).toBe('wuxi-2023');
    expect(ruleSetOfCity(WUXI_CITY, null, [newer, older])?.id).toBe('wuxi-2023');
    expect(ruleSetOfCity('110000', '2024-05-01', [older, newer])).toBeNull();
  });

  it('carries the city knowledge the API reads: capitation only for Wuxi (W-8), each value cited; each city its own quarterly form', () => {
    const wuxi = ruleSetOfCity(WUXI_CITY)!;
    const guiyang = ruleSetOfCity(GUIYANG_CITY)!;
    expect(guiyang.capitation).toBeNull();
    for (const p of Object.values(wuxi.capitation!)) {
      expect(p.kind).toBe('configuration');
      expect(p.citation.section).toBe('四(一)');
      expect(p.citation.document).toContain('无锡');
    }
    expect(wuxi.reporting.quarterlyForm.title).toContain('无锡');
    expect(guiyang.reporting.quarterlyForm.basis).toContain('附件5');
    expect(Object.keys(guiyang.reporting.indicatorSources).sort()).toEqual(Object.keys(wuxi.reporting.indicatorSources).sort());
  });
});
