/**
 * A what-if is a named override of the rule set (the policy core's overrides.ts, after OpenFisca's
 * reforms): the same mechanism a deployment uses for Guiyang's open benefit levels. It is built for
 * every rule set of the region's city in force in the period, validated by the policy core, and
 * applied after the deployment's own overrides, so that it wins where both set a value.
 */
import { isIsoDate, resolveRuleSet, RULE_SETS, validateOverride, type ParameterName, type RuleSetDefinition, type RuleSetOverride } from '@liangbing/policy';
import { badInput, InputProblems } from '../../errors';

/** The parameters a what-if may change: benefit levels and the limits the rules check. */
export const WHAT_IF_PARAMETERS = [
  'capOneDiseaseFen',
  'capBothDiseasesFen',
  'ratioDesignatedBp',
  'ratioReferralBp',
  'ratioEmergencyBp',
  'ratioOutOfAreaBp',
  'ratioExtensionBp',
  'deductibleFen',
  'longPrescriptionMaxDays',
  'earlyRefillToleranceDays',
  'extensionPrescriptionValidMonths',
] as const satisfies readonly ParameterName[];

export type WhatIfParameterName = (typeof WHAT_IF_PARAMETERS)[number];
export type WhatIfParameters = Partial<Record<WhatIfParameterName, number | null>>;

/** The longest period one replay covers: two benefit years. */
export const MAX_PERIOD_DAYS = 731;
const NAME = /^[\p{L}\p{N} ._:,()（），、+-]{1,80}$/u;

export interface WhatIfRequest {
  name: string;
  description?: string | null;
  from: string;
  to: string;
  parameters: WhatIfParameters;
}

export interface ParameterChange {
  ruleSetId: string;
  name: WhatIfParameterName;
  /** in force on the period's last day under the deployment's configuration; null where unset */
  before: number | null;
  after: number;
}

export function checkRequest(r: WhatIfRequest): void {
  const p = new InputProblems();
  if (!NAME.test(r.name)) p.add('input.name', 'must be 1–80 letters, digits, spaces or . _ : , ( ) + -', '须为1–80个字符（字母、数字、空格或常用标点）');
  if (r.description != null && r.description.length > 500) p.add('input.description', 'at most 500 characters', '最多500个字符');
  if (!isIsoDate(r.from)) p.add('input.from', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
  if (!isIsoDate(r.to)) p.add('input.to', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
  else if (isIsoDate(r.from)) {
    if (r.to < r.from) p.add('input.to', 'is before from', '结束日期早于开始日期');
    else if ((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 >= MAX_PERIOD_DAYS)
      p.add('input.to', `a replay covers at most ${MAX_PERIOD_DAYS} days`, `每次最多回放${MAX_PERIOD_DAYS}天`);
  }
  const set = WHAT_IF_PARAMETERS.filter((k) => r.parameters[k] != null);
  if (set.length === 0) p.add('input.parameters', 'name at least one parameter to change', '至少须修改一个参数');
  p.throwIfAny();
}

/** The rule sets of the city in force on some day of the period. */
function ruleSetsOf(cityCode: string, from: string, to: string): RuleSetDefinition[] {
  return RULE_SETS.filter((rs) => rs.cityCode === cityCode && rs.effectiveFrom <= to && (rs.effectiveTo === null || rs.effectiveTo >= from));
}

/** One override per rule set of the city in force in the period, each validated by the policy core. */
export function buildOverrides(cityCode: string, r: WhatIfRequest, requestedBy: string): RuleSetOverride[] {
  const ruleSets = ruleSetsOf(cityCode, r.from, r.to);
  if (ruleSets.length === 0)
    throw badInput('input.regionCode', `no rule set of city ${cityCode} is in force between ${r.from} and ${r.to}`, '该期间本市无生效的规则');
  const parameters: Partial<Record<WhatIfParameterName, number>> = {};
  for (const k of WHAT_IF_PARAMETERS) {
    const v = r.parameters[k];
    if (v != null) parameters[k] = v;
  }
  const overrides = ruleSets.map((rs): RuleSetOverride => ({
    name: `what-if:${r.name}`,
    description: r.description ?? `what-if “${r.name}”`,
    ruleSetId: rs.id,
    source: { document: 'what-if analysis (not policy)', section: r.name, note: `requested by ${requestedBy}; replayed on stored claims only, never paid` },
    parameters,
  }));
  const problems = new InputProblems();
  for (const o of overrides) {
    for (const message of validateOverride(o)) {
      const field = WHAT_IF_PARAMETERS.find((k) => message.startsWith(k));
      problems.add(field === undefined ? 'input' : `input.parameters.${field}`, message, '参数不符合要求');
    }
  }
  problems.throwIfAny();
  return overrides;
}

/** What each changed parameter was on the period's last day under the deployment's overrides, and what the what-if makes it. */
export function changesOf(cityCode: string, r: WhatIfRequest, base: readonly RuleSetOverride[], overrides: readonly RuleSetOverride[]): ParameterChange[] {
  const out: ParameterChange[] = [];
  for (const o of overrides) {
    const date = ruleSetsOf(cityCode, r.to, r.to).some((rs) => rs.id === o.ruleSetId) ? r.to : r.from;
    const resolved = resolveRuleSet(cityCode, date, { overrides: base });
    for (const name of WHAT_IF_PARAMETERS) {
      const after = o.parameters[name];
      if (after === undefined || after === null) continue;
      const before = resolved.status === 'in_force' && resolved.ruleSet.definition.id === o.ruleSetId ? resolved.ruleSet.parameters[name].value : null;
      out.push({ ruleSetId: o.ruleSetId, name, before: typeof before === 'number' ? before : null, after });
    }
  }
  return out;
}

/**
 * The deployment's overrides with the what-if on top, each what-if override folded into a
 * deployment override of the same rule set where that changes nothing: one that applies from the
 * rule set's start and replaces no catalogue. The policy core applies overrides in order, the later
 * value winning, so the fold decides identically — and leaves one override per rule set, which the
 * core resolves from its cache instead of compiling a list per claim.
 */
export function combineOverrides(base: readonly RuleSetOverride[], whatIf: readonly RuleSetOverride[]): RuleSetOverride[] {
  const out = [...base];
  for (const w of whatIf) {
    const same = out.filter((o) => o.ruleSetId === w.ruleSetId);
    const only = same.length === 1 ? same[0]! : null;
    if (only !== null && only.from === undefined && only.catalogue === undefined && w.from === undefined && w.catalogue === undefined) {
      out[out.indexOf(only)] = { ...w, name: `${only.name}+${w.name}`, parameters: { ...only.parameters, ...w.parameters } };
    } else {
      out.push(w);
    }
  }
  return out;
}
