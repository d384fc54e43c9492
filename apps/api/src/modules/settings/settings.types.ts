/**
 * What a configuration key is: its value's type and range, its unit, where it applies, and the
 * value a new deployment starts from with the source of that value. Values are plain JSON, checked
 * here against the key's type before they are stored, so that a stored value is always usable.
 */
import { HITS, SCORECARD_METRICS } from '@liangbing/policy';
import type { InputProblems } from '../../errors';

export type SettingType =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'decimal'; readonly min: number; readonly max: number }
  /** a non-empty list of distinct rule-hit codes of the policy core */
  | { readonly kind: 'hitCodes' }
  /** points for the institution and for the insured person: { institution, patient } */
  | { readonly kind: 'subjectPoints'; readonly min: number; readonly max: number }
  /** one weight per scorecard metric, each ≥ 0, summing to 100 */
  | { readonly kind: 'metricWeights' }
  /** one target per scorecard metric: a share 0–1 for rates, hits per 100 claims for ruleHitsPer100Claims */
  | { readonly kind: 'metricTargets' };

/**
 * Where a seed value stands. `cited` and `interpretation` come from a source; `default` is the
 * code's working default for a number the sources leave to the deployment (used in both modes, shown
 * as such); `placeholder` is a demo figure only: in production the key is unset until the bureau sets it.
 */
export type SeedBasis = 'cited' | 'interpretation' | 'default' | 'placeholder';

export interface SettingSeed {
  readonly value: unknown;
  readonly basis: SeedBasis;
  readonly document: string;
  readonly section: string;
  /** what the source says and which constant of the code the value was */
  readonly note: string;
}

export interface SettingDefinition {
  readonly key: string;
  readonly type: SettingType;
  readonly unit: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  /** a district's own value takes precedence over the city's for that district */
  readonly perDistrict: boolean;
  /** the cities whose rules use the key; null: every city */
  readonly cities: readonly string[] | null;
  readonly seed: SettingSeed;
}

export type SourceKind = 'document' | 'bureau' | 'seed';

export interface SettingSource {
  kind: SourceKind;
  document: string | null;
  section: string | null;
  note: string | null;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function exactKeys(p: InputProblems, field: string, v: Record<string, unknown>, keys: readonly string[]): boolean {
  const extra = Object.keys(v).filter((k) => !keys.includes(k));
  const missing = keys.filter((k) => !(k in v));
  if (extra.length > 0) p.add(`${field}.${extra[0]}`, `unknown field; expected ${keys.join(', ')}`, `未知字段；应为 ${keys.join('、')}`);
  if (missing.length > 0) p.add(`${field}.${missing[0]}`, 'is missing', '缺少该字段');
  return extra.length === 0 && missing.length === 0;
}

function range(p: InputProblems, field: string, v: unknown, min: number, max: number, integer: boolean): void {
  if (!isNum(v) || (integer && !isInt(v))) p.add(field, integer ? 'must be an integer' : 'must be a number', integer ? '须为整数' : '须为数字');
  else if (v < min || v > max) p.add(field, `must be between ${min} and ${max}`, `须在${min}至${max}之间`);
}

/** Adds a problem for each way `value` does not fit the type, named by its path under `field`. */
export function validateValue(p: InputProblems, field: string, type: SettingType, value: unknown): void {
  switch (type.kind) {
    case 'integer':
    case 'decimal':
      range(p, field, value, type.min, type.max, type.kind === 'integer');
      return;
    case 'hitCodes': {
      if (!Array.isArray(value) || value.length === 0) return p.add(field, 'must be a non-empty list of rule-hit codes', '须为非空的规则代码列表');
      value.forEach((c, i) => {
        if (typeof c !== 'string' || !(c in HITS)) p.add(`${field}.${i}`, `unknown rule-hit code; known: ${Object.keys(HITS).join(', ')}`, '未知的规则代码');
        else if (value.indexOf(c) !== i) p.add(`${field}.${i}`, 'is listed twice', '重复');
      });
      return;
    }
    case 'subjectPoints':
      if (!isObject(value)) return p.add(field, 'must be { institution, patient }', '须为 { institution, patient }');
      if (!exactKeys(p, field, value, ['institution', 'patient'])) return;
      range(p, `${field}.institution`, value.institution, type.min, type.max, true);
      range(p, `${field}.patient`, value.patient, type.min, type.max, true);
      return;
    case 'metricWeights': {
      if (!isObject(value)) return p.add(field, `must give a weight for each of ${SCORECARD_METRICS.join(', ')}`, '须为每个评分项给出权重');
      if (!exactKeys(p, field, value, SCORECARD_METRICS)) return;
      for (const m of SCORECARD_METRICS) range(p, `${field}.${m}`, value[m], 0, 100, false);
      const sum = SCORECARD_METRICS.reduce((s, m) => s + (isNum(value[m]) ? value[m] : 0), 0);
      if (Math.abs(sum - 100) > 1e-9) p.add(field, `weights must sum to 100, they sum to ${sum}`, `权重之和须为100，现为${sum}`);
      return;
    }
    case 'metricTargets':
      if (!isObject(value)) return p.add(field, `must give a target for each of ${SCORECARD_METRICS.join(', ')}`, '须为每个评分项给出目标');
      if (!exactKeys(p, field, value, SCORECARD_METRICS)) return;
      for (const m of SCORECARD_METRICS) range(p, `${field}.${m}`, value[m], 0, m === 'ruleHitsPer100Claims' ? 100 : 1, false);
      return;
  }
}

/** Human-readable type for the configuration query. */
export function describeType(type: SettingType): string {
  switch (type.kind) {
    case 'integer':
      return `integer ${type.min}–${type.max}`;
    case 'decimal':
      return `number ${type.min}–${type.max}`;
    case 'hitCodes':
      return 'list of rule-hit codes';
    case 'subjectPoints':
      return `{ institution, patient }: integers ${type.min}–${type.max}`;
    case 'metricWeights':
      return `{ ${SCORECARD_METRICS.join(', ')} }: weights ≥ 0 summing to 100`;
    case 'metricTargets':
      return `{ ${SCORECARD_METRICS.join(', ')} }: shares 0–1, ruleHitsPer100Claims 0–100`;
  }
}
