import { describe, expect, it } from 'vitest';
import { RULE_SETS } from '@liangbing/policy';
import { CITY_NAMES, ruleSetCities } from './cities';

describe('the rule sets’ cities', () => {
  it('names every city of a rule set, and only those', () => {
    const codes = [...new Set(RULE_SETS.map((rs) => rs.cityCode))].sort();
    expect(ruleSetCities().map((c) => c.code)).toEqual(codes);
    expect(Object.keys(CITY_NAMES).sort()).toEqual(codes);
    expect(ruleSetCities()).toContainEqual({ code: '520100', name: '贵阳市' });
  });
});
