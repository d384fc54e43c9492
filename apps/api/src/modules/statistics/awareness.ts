/**
 * The awareness denominator when population figures are missing. Awareness (知晓率) is known
 * patients over estimated patients, and the estimate comes only from a district's population
 * figure (INDICATORS.md): the one in force for a year is the latest at or before it (a census
 * base is carried forward until a newer figure is set). A district with none cannot be estimated,
 * and saying 0 would read as "nobody to find". So:
 * - a district without a figure: awareness has no denominator (null), no rate, and names it;
 * - a city with some districts missing: the same — the figure over the other districts would
 *   pass for the city's, so no city rate is given; the districts that have one keep their own;
 * - streets and institutions: figures are kept per district, so awareness is not estimated there.
 * The numerator (known patients) is given in every case.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import type { IndicatorValues } from './statistics.service';

/** The districts among these that have no population figure at or before `year`. */
export async function districtsWithoutFigure(em: EntityManager, districts: readonly string[], year: number): Promise<Set<string>> {
  if (districts.length === 0) return new Set();
  const rows = await exec<{ district_code: string }>(em, `select distinct district_code from population_figures where district_code = any(?) and year <= ?`, [
    districts,
    year,
  ]);
  const have = new Set(rows.map((r) => r.district_code));
  return new Set(districts.filter((d) => !have.has(d)));
}

/** The indicators with awareness marked unavailable for these missing districts (unchanged when none is missing). */
export function withoutFigures(values: IndicatorValues, missing: readonly string[], year: number): IndicatorValues {
  if (missing.length === 0) return values;
  const list = [...missing].sort();
  return {
    ...values,
    estimatedPatients: null,
    awareness: {
      ...values.awareness,
      denominator: null,
      rate: null,
      missingDistricts: list,
      unavailableReason: `no population figure for ${list.join(', ')} in ${year}`,
      unavailableReasonZh: `${list.join('、')} 缺少${year}年人口数据，无法估算知晓率分母`,
    },
  };
}

/**
 * Streets and institutions have no population figure of their own: awareness has no denominator
 * there (its numerator, the known patients, is still given). This is also what an institution
 * operator reads for its own institution (statistics.service.ts institutionFigures).
 */
export function notEstimatedBelowDistrict(values: IndicatorValues, level: 'street' | 'institution'): IndicatorValues {
  return {
    ...values,
    estimatedPatients: null,
    awareness: {
      ...values.awareness,
      denominator: null,
      rate: null,
      missingDistricts: [],
      unavailableReason: `population figures are kept per district; awareness is not estimated per ${level}`,
      unavailableReasonZh: `人口数据按区县维护，${level === 'street' ? '街道（乡镇）' : '医疗机构'}不估算知晓率`,
    },
  };
}
