/**
 * The city of a development token (mint-cli.ts): --city as given, or the city of --district (GB/T
 * 2260: a district's first four digits and 00). No default city: the cities are the rule sets'.
 */
import { RULE_SETS } from '@liangbing/policy';

export function tokenCity(city: string | undefined, district: string | undefined): { cityCode: string } | { error: string } {
  const cities = [...new Set(RULE_SETS.map((r) => r.cityCode))];
  const code = city ?? (district !== undefined && /^\d{6}$/.test(district) ? `${district.slice(0, 4)}00` : undefined);
  if (code === undefined) return { error: `--city (or --district) is required: one of ${cities.join(', ')}` };
  if (!cities.includes(code)) return { error: `--city ${code} has no rule set: one of ${cities.join(', ')}` };
  return { cityCode: code };
}
