/**
 * A what-if is a named override of the rule set (the policy core's overrides.ts, after OpenFisca's
 * reforms): the same mechanism a deployment uses for Guiyang's open benefit levels. It is built for
 * every rule set of the region's city in force in the period, validated by the policy core, and
 * applied after the deployment's own overrides, so that it wins where both set a value.
 */
import {
  findDrug,
  isIsoDate,
  resolveRuleSet,
  RULE_SETS,
  standardFor,
  validateOverride,
  type DosageForm,
  type ParameterName,
  type PaymentStandardChange,
  type RuleSetDefinition,
  type RuleSetOverride,
} from '@liangbing/policy';
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

/** A payment standard (W 四(一)) the what-if sets (a price) or removes (null), on top of the version in force. */
export interface WhatIfStandardRequest {
  drugCode: string;
  form: DosageForm;
  strength: string;
  unitPriceFen: number | null;
}

export const MAX_STANDARD_CHANGES = 200;

export interface WhatIfRequest {
  name: string;
  description?: string | null;
  from: string;
  to: string;
  parameters: WhatIfParameters;
  paymentStandards?: WhatIfStandardRequest[] | null;
}

export interface StandardChangeSummary {
  ruleSetId: string;
  drugCode: string;
  form: DosageForm;
  strength: string;
  /** fen a unit in force on the period's last day under the deployment's configuration; null where none */
  before: number | null;
  /** the what-if's; null where it removes the standard */
  after: number | null;
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
  const standards = r.paymentStandards ?? [];
  if (set.length === 0 && standards.length === 0)
    p.add('input.parameters', 'name at least one parameter or payment standard to change', '至少须修改一个参数或支付标准');
  if (standards.length > MAX_STANDARD_CHANGES) p.add('input.paymentStandards', `at most ${MAX_STANDARD_CHANGES} changes`, `最多${MAX_STANDARD_CHANGES}项`);
  else
    standards.forEach((c, i) => {
      const f = (name: string) => `input.paymentStandards[${i}].${name}`;
      const drug = findDrug(c.drugCode);
      if (drug === undefined) p.add(f('drugCode'), 'not a drug of the reference table', '不在药品字典中');
      else if (!drug.forms.includes(c.form)) p.add(f('form'), `${drug.code} is not marketed as ${c.form}`, '该药品无此剂型');
      if (c.strength.trim() === '' || c.strength.length > 40 || /[\p{Cc}]/u.test(c.strength))
        p.add(f('strength'), 'must be 1–40 characters, e.g. 5mg', '规格须为1–40个字符');
      if (c.unitPriceFen !== null && (!Number.isSafeInteger(c.unitPriceFen) || c.unitPriceFen < 1 || c.unitPriceFen > 10_000_000))
        p.add(f('unitPriceFen'), 'must be 1–10000000 fen a unit, or null to remove the standard', '须为每单位1–10000000分，或为空以取消该标准');
    });
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
  const changes: PaymentStandardChange[] = (r.paymentStandards ?? []).map((c) => ({
    drugCode: findDrug(c.drugCode)!.code,
    form: c.form,
    strength: c.strength.trim(),
    unitPriceFen: c.unitPriceFen,
  }));
  const problems = new InputProblems();
  if (changes.length > 0 && !ruleSets.some((rs) => rs.paymentStandard.applies)) {
    const c = ruleSets[0]!.paymentStandard.citation;
    problems.add('input.paymentStandards', `the city sets no per-drug payment standard (${c.document} ${c.section})`, '该市“两病”政策未规定按药品支付标准结算');
  }
  const overrides = ruleSets.map((rs): RuleSetOverride => ({
    name: `what-if:${r.name}`,
    description: r.description ?? `what-if “${r.name}”`,
    ruleSetId: rs.id,
    source: { document: 'what-if analysis (not policy)', section: r.name, note: `requested by ${requestedBy}; replayed on stored claims only, never paid` },
    parameters,
    ...(changes.length > 0 && rs.paymentStandard.applies ? { paymentStandardChanges: changes } : {}),
  }));
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

/** Each payment standard the what-if changes: the unit price in force on the period's last day under the deployment's overrides, and the what-if's. */
export function standardChangesOf(
  cityCode: string,
  r: WhatIfRequest,
  base: readonly RuleSetOverride[],
  overrides: readonly RuleSetOverride[],
): StandardChangeSummary[] {
  const out: StandardChangeSummary[] = [];
  for (const o of overrides) {
    if (o.paymentStandardChanges === undefined) continue;
    const date = ruleSetsOf(cityCode, r.to, r.to).some((rs) => rs.id === o.ruleSetId) ? r.to : r.from;
    const resolved = resolveRuleSet(cityCode, date, { overrides: base });
    const standards = resolved.status === 'in_force' && resolved.ruleSet.definition.id === o.ruleSetId ? resolved.ruleSet.paymentStandards : null;
    for (const c of o.paymentStandardChanges) {
      const m = standards === null ? null : standardFor(standards, c.drugCode, c.form, c.strength);
      out.push({
        ruleSetId: o.ruleSetId,
        drugCode: c.drugCode,
        form: c.form,
        strength: c.strength,
        before: m?.kind === 'matched' ? m.entry.unitPriceFen : null,
        after: c.unitPriceFen,
      });
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
    if (
      only !== null &&
      only.from === undefined &&
      only.catalogue === undefined &&
      only.paymentStandards === undefined &&
      w.from === undefined &&
      w.catalogue === undefined
    ) {
      out[out.indexOf(only)] = { ...w, name: `${only.name}+${w.name}`, parameters: { ...only.parameters, ...w.parameters } };
    } else {
      out.push(w);
    }
  }
  return out;
}
