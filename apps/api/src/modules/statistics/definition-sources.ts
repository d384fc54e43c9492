/**
 * Where each indicator's definition comes from, per city: each city's pages cite its own texts.
 * The citations and the city's quarterly form are city knowledge and live in its rule set
 * (`reporting` in packages/policy/src/rulesets/*.ts); a city no rule set covers gets the measure's
 * own source and a form named after the city, set by the bureau.
 */
import { guiyang, PUBLIC_HEALTH_SPEC, ruleSetOfCity } from '@liangbing/policy';
import type { IndicatorDefinition } from './definitions';

/** The definitions as the given city's pages show them: the same measure, the city's own citation. */
export function definitionsForCity(definitions: readonly IndicatorDefinition[], cityCode: string): IndicatorDefinition[] {
  const own = ruleSetOfCity(cityCode)?.reporting.indicatorSources ?? {};
  // A default citing Guiyang's plan is not another city's source: it falls back to the national specification.
  return definitions.map((d) => ({ ...d, source: own[d.key] ?? (d.source.includes(guiyang('').document) ? PUBLIC_HEALTH_SPEC : d.source) }));
}

/** The quarterly statistics form of a city (Guiyang's 附件5 调度表, Wuxi's 专项统计), from its rule set. */
export function reportFormOf(cityCode: string, cityName: string): { title: string; basis: string } {
  return ruleSetOfCity(cityCode)?.reporting.quarterlyForm ?? { title: `${cityName}城乡居民“两病”门诊用药保障情况统计表`, basis: '由医保部门设定' };
}
