/**
 * The cities a deployment serves are those of the policy core's rule sets: a city is not created
 * through the API (masterdata/region.service.ts: "a city comes with its rule set"), so start-up
 * puts each rule set's city into `regions` when it is missing. Without this an empty production
 * database had no city, and the leadership could not create its first district under it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RULE_SETS } from '@liangbing/policy';
import { exec } from '../../db/sql';

/** The name of each rule set's city (the administrative division's, GB/T 2260). */
export const CITY_NAMES: Readonly<Record<string, string>> = {
  '320200': '无锡市',
  '520100': '贵阳市',
};

/** The rule sets' cities, each with its name; throws when a rule set's city has no name here. */
export function ruleSetCities(): { code: string; name: string }[] {
  const codes = [...new Set(RULE_SETS.map((rs) => rs.cityCode))].sort();
  return codes.map((code) => {
    const name = CITY_NAMES[code];
    if (name === undefined) throw new Error(`cities.ts: no name for city ${code} of the rule sets`);
    return { code, name };
  });
}

/** Inserts the rule sets' cities that `regions` lacks; returns the codes inserted. */
export async function ensureRuleSetCities(em: EntityManager): Promise<string[]> {
  const cities = ruleSetCities();
  const rows = await exec<{ code: string }>(
    em,
    `insert into regions (code, name, level, parent_code, city_code)
     select c.code, c.name, 'city', null, c.code from unnest(?::text[], ?::text[]) as c(code, name)
     on conflict (code) do nothing returning code`,
    [cities.map((c) => c.code), cities.map((c) => c.name)],
  );
  return rows.map((r) => r.code).sort();
}
