/**
 * The cities a deployment serves are those of the policy core's rule sets: a city is not created
 * through the API (masterdata/region.service.ts: "a city comes with its rule set"), so start-up
 * puts each rule set's city into `regions` when it is missing. Without this an empty production
 * database had no city, and the leadership could not create its first district under it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RULE_SETS } from '@liangbing/policy';
import { exec } from '../../db/sql';

/** The rule sets' cities, each with its name as its rule set gives it. */
export function ruleSetCities(): { code: string; name: string }[] {
  const names = new Map(RULE_SETS.map((rs) => [rs.cityCode, rs.cityName.zh]));
  return [...names].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, name]) => ({ code, name }));
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
