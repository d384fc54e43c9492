/**
 * The contract the API relies on for catalogue versions (G-6): a loaded version is an override with
 * a `catalogue` and a `from` date; of the overrides in force on a date, the last one with a catalogue
 * wins, so overrides listed oldest first give the latest version in force on each date.
 */
import { describe, expect, it } from 'vitest';
import { GUIYANG_2021_V1 } from './catalogue/guiyang-2021-v1';
import type { CatalogueVersion } from './catalogue/types';
import type { RuleSetOverride } from './overrides';
import { resolveRuleSet } from './resolve';

const version = (id: string, effectiveFrom: string, drop: string): CatalogueVersion => ({
  ...GUIYANG_2021_V1,
  id,
  effectiveFrom,
  rows: GUIYANG_2021_V1.rows.filter((r) => r.drugCode !== drop),
});
const asOverride = (v: CatalogueVersion): RuleSetOverride => ({
  name: `catalogue-${v.id}`,
  description: v.id,
  ruleSetId: 'guiyang-2021',
  source: v.source,
  from: v.effectiveFrom,
  parameters: {},
  catalogue: v,
});
const DEPLOYMENT: RuleSetOverride = {
  name: 'deployment',
  description: 'benefit levels',
  ruleSetId: 'guiyang-2021',
  source: { document: 'test', section: '—' },
  parameters: { ratioDesignatedBp: 5000 },
};
const OVERRIDES = [DEPLOYMENT, asOverride(version('v2', '2022-01-01', 'amlodipine')), asOverride(version('v3', '2023-01-01', 'nifedipine'))];

describe('catalogue versions as dated overrides (G-6)', () => {
  it.each([
    { date: '2021-12-31', id: 'guiyang-2021-v1', has: ['amlodipine', 'nifedipine'], lacks: [] },
    { date: '2022-01-01', id: 'v2', has: ['nifedipine'], lacks: ['amlodipine'] },
    { date: '2023-06-30', id: 'v3', has: ['amlodipine'], lacks: ['nifedipine'] },
  ])('on $date the version in force is $id', ({ date, id, has, lacks }) => {
    const r = resolveRuleSet('520100', date, { overrides: OVERRIDES });
    if (r.status !== 'in_force') throw new Error(r.reason);
    expect(r.ruleSet.catalogue.id).toBe(id);
    for (const d of has) expect(r.ruleSet.catalogue.entries.has(d)).toBe(true);
    for (const d of lacks) expect(r.ruleSet.catalogue.entries.has(d)).toBe(false);
    // the deployment's parameters still apply under every version
    expect(r.ruleSet.parameters.ratioDesignatedBp.value).toBe(5000);
  });
});
