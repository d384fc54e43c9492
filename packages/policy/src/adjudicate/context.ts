/** The working state of one adjudication: the hits so far and, when asked for, the trace. */
import { HITS, hit, type HitCode } from '../hits';
import type { ResolvedParameter } from '../params';
import type { CompiledRuleSet } from '../resolve';
import type { ParameterUse, RuleHit, TraceStep } from '../types';

export interface Context {
  readonly ruleSet: CompiledRuleSet;
  /** null until the first hit: most claims raise none, and the hot path allocates nothing for them */
  hits: RuleHit[] | null;
  /** null when no trace was asked for: then no step is built at all */
  readonly trace: TraceStep[] | null;
}

export function raise(ctx: Context, code: HitCode, lineNo: number | null): RuleHit {
  const h = hit(code, ctx.ruleSet.definition.id, ctx.ruleSet.definition.ruleIds, lineNo);
  if (ctx.hits === null) ctx.hits = [h];
  else ctx.hits.push(h);
  return h;
}

export function use(p: ResolvedParameter<number | boolean | string | null>): ParameterUse {
  return { name: p.name, value: p.value, kind: p.kind, citation: p.citation };
}

/** Adds a trace step; callers guard with `if (ctx.trace)` so that nothing is built without a trace. */
export function step(
  ctx: Context,
  ruleId: string,
  section: string,
  description: string,
  result: string,
  parameters: readonly ParameterUse[] = [],
  lineNo: number | null = null,
): void {
  ctx.trace?.push({ ruleId, section, step: description, result, parameters, lineNo });
}

/** A trace step for the rule behind a hit code, with that rule's id and section in this rule set. */
export function stepFor(
  ctx: Context,
  code: HitCode,
  description: string,
  result: string,
  parameters: readonly ParameterUse[] = [],
  lineNo: number | null = null,
): void {
  if (ctx.trace === null) return;
  const local = ctx.ruleSet.definition.ruleIds[code];
  step(ctx, local?.ruleId ?? HITS[code].ruleId, local?.section ?? HITS[code].section, description, result, parameters, lineNo);
}
