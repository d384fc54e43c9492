import { describe, expect, it } from 'vitest';
import { RULE_SETS } from '@liangbing/policy';
import { ruleSetCities } from './cities';

describe('the rule sets’ cities', () => {
  it('are every city of a rule set, once each, named as its rule set names it', () => {
    const codes = [...new Set(RULE_SETS.map((rs) => rs.cityCode))].sort();
    expect(ruleSetCities().map((c) => c.code)).toEqual(codes);
    expect(ruleSetCities()).toEqual([
      { code: '320200', name: '无锡市' },
      { code: '520100', name: '贵阳市' },
    ]);
  });

  it('have one name whichever of the city’s rule sets gives it', () => {
    const byCity = new Map<string, Set<string>>();
    for (const rs of RULE_SETS) byCity.set(rs.cityCode, (byCity.get(rs.cityCode) ?? new Set()).add(rs.cityName.zh));
    for (const names of byCity.values()) expect(names.size).toBe(1);
  });
});
