/**
 * Capitation settlement parameters (W-8, Wuxi 四(一)). The values and their sources are city
 * knowledge and live in the city's rule set (packages/policy/src/rulesets/wuxi-2019.ts
 * `capitation`); a city whose rules do not settle by capitation has `capitation: null` there.
 * They are seeds: the values in force come from configuration (settings, capitation.* keys).
 */
import { RULE_SETS, ruleSetOfCity, type CapitationParameters, type SeedParameter } from '@liangbing/policy';

export type CapitationParameter = SeedParameter;
export type CapitationConfig = CapitationParameters;

/** The city's capitation parameters, from its rule set; null where its rules do not settle by capitation. */
export function capitationOf(cityCode: string): CapitationConfig | null {
  return ruleSetOfCity(cityCode)?.capitation ?? null;
}

/** Per city: only the cities whose rule set settles by capitation (W-8 is Wuxi's). */
export const CAPITATION_CONFIG: Readonly<Record<string, CapitationConfig>> = Object.fromEntries(
  [...new Set(RULE_SETS.map((r) => r.cityCode))].flatMap((city) => {
    const c = capitationOf(city);
    return c === null ? [] : [[city, c] as const];
  }),
);
