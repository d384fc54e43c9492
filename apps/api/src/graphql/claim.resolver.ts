import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DRUG_FACTS, hitZh, traceStepZh, type Decision } from '@liangbing/policy';
import type { GraphQLResolveInfo } from 'graphql';
import { badInput, notFound } from '../errors';
import { findClaimById, type StoredClaim } from '../modules/claims/claim.repository';
import { encodeCursor, listClaims, type ClaimListItem } from '../modules/claims/claim.queries';
import { MAX_BATCH } from '../modules/claims/claim.validation';
import { Institution } from './common.types';
import {
  BatchClaimResult,
  Claim,
  ClaimDelivery,
  ClaimConnection,
  ClaimFilter,
  ClaimLine,
  Notice,
  RuleHit,
  SubmitClaimInput,
  SubmitClaimResult,
  TraceStep,
} from './claim.types';
import type { Context } from './context';
import { scopeOf } from './guard';
import { selectsAny } from './selection';
import { FenScalar } from './scalars';

/** An override's Chinese name: the deployment's labelZh, or its name where the deployment gave none. */
function overrideLabelZh(ctx: Context, name: string): string {
  return ctx.deployment.overrides.find((o) => o.name === name)?.labelZh ?? name;
}

/** What an override's value is, in Chinese: set by the deployment under that name, not by the texts. */
function overrideNoteZh(ctx: Context, name: string): string {
  return `由本地部署以“${overrideLabelZh(ctx, name)}”设定，非依据文件规定的数值`;
}

/**
 * The stored claim as the GraphQL type sees it; lines, the institution and what comes from the
 * stored decision (cap, ratio, hits, explanation, rounding) resolve lazily: a list that asks for
 * none of them never reads the decision's JSON.
 */
export function claimView(c: StoredClaim | ClaimListItem): Claim {
  return { ...c, institution: null, lines: [], reversedAt: c.reversedAt === null ? null : new Date(c.reversedAt).toISOString() } as unknown as Claim;
}

/** Fields of Claim that come from the stored decision: a list reads the decision only when one is selected. */
export const DECISION_FIELDS = ['capFen', 'capRemainingFen', 'ratioBp', 'hits', 'explanation', 'rounding', 'notice'] as const;

async function decisionOf(ctx: Context, claim: Claim): Promise<Decision> {
  const d = claim.decision ?? (await ctx.loaders.claimDecision.load(`${claim.districtCode}|${claim.id}`));
  if (d === null) throw new Error(`claim ${claim.id} has no stored decision`);
  return d;
}

@Resolver(() => Claim)
export class ClaimResolver {
  @Mutation(() => SubmitClaimResult, { description: 'Decide a claim by the rules in force on its date and store it whole with its decision' })
  async submitClaim(@Ctx() ctx: Context, @Arg('input', () => SubmitClaimInput) input: SubmitClaimInput): Promise<SubmitClaimResult> {
    const r = await ctx.services.claims.submit(ctx.em, scopeOf(ctx), input);
    return { claim: claimView(r.claim), replayed: r.replayed };
  }

  @Mutation(() => [BatchClaimResult], { description: 'Submit up to 500 claims; each is stored whole or not at all, and reported on its own' })
  async submitClaims(@Ctx() ctx: Context, @Arg('inputs', () => [SubmitClaimInput]) inputs: SubmitClaimInput[]): Promise<BatchClaimResult[]> {
    const scope = scopeOf(ctx);
    if (inputs.length === 0 || inputs.length > MAX_BATCH) throw badInput('inputs', `must hold 1–${MAX_BATCH} claims`, `须为1–${MAX_BATCH}条`);
    const outcomes = await ctx.services.claims.submitMany(ctx.em, scope, inputs, (index) => `inputs[${index}]`);
    return outcomes.map((o, index): BatchClaimResult => {
      const idempotencyKey = inputs[index]!.idempotencyKey;
      if (o.error === undefined) return { index, idempotencyKey, result: { claim: claimView(o.result.claim), replayed: o.result.replayed }, error: null };
      const x = o.error.extensions as { code: string; messageEn: string; messageZh: string; field?: string };
      return { index, idempotencyKey, result: null, error: { code: x.code, messageEn: x.messageEn, messageZh: x.messageZh, field: x.field ?? null } };
    });
  }

  @Mutation(() => Claim, { description: '冲正: reverse a claim and restore the ledger' })
  async reverseClaim(@Ctx() ctx: Context, @Arg('claimId', () => ID) claimId: string, @Arg('reason', () => String) reason: string): Promise<Claim> {
    return claimView(await ctx.services.claims.reverse(ctx.em, scopeOf(ctx), claimId, reason));
  }

  @Query(() => Claim)
  async claim(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Claim> {
    const scope = scopeOf(ctx);
    const c = await findClaimById(ctx.em, id, scope.readableDistricts());
    if (c === null || (scope.institutionOnly !== null && c.institutionId !== scope.institutionOnly)) throw notFound('claim', id);
    return claimView(c);
  }

  @Query(() => ClaimConnection)
  async claims(
    @Ctx() ctx: Context,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter: ClaimFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ClaimConnection> {
    const scope = scopeOf(ctx);
    let districts = scope.readableDistricts();
    if (filter?.regionCode != null) districts = ctx.services.statistics.scopedRegion(scope, filter.regionCode).districts;
    const institutionId = scope.institutionOnly ?? filter?.institutionId ?? null;
    const selected = { count: selectsAny(info, ['totalCount']), decision: selectsAny(info, DECISION_FIELDS, ['nodes']) };
    const page = await ctx.reads.run((em) => listClaims(em, { ...filter, districts, institutionId }, first, after ?? null, selected));
    const last = page.nodes.at(-1);
    // totalCount is counted only when selected; unselected, the 0 is never sent.
    return { nodes: page.nodes.map(claimView), totalCount: page.totalCount ?? 0, hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(last) : null };
  }

  @FieldResolver(() => [ClaimLine])
  async lines(@Ctx() ctx: Context, @Root() claim: Claim, @Info() info: GraphQLResolveInfo): Promise<ClaimLine[]> {
    const lines = (await ctx.loaders.claimLines.load(`${claim.districtCode}|${claim.id}`)) ?? [];
    // The amount over the payment standard lives in the stored decision (claim_lines has no column for it): read only when asked.
    const decided = selectsAny(info, ['overStandardFen']) ? (await decisionOf(ctx, claim)).lines : [];
    return lines.map((l) => ({
      ...l,
      drugName: DRUG_FACTS.get(l.drugCode)?.drug.nameZh ?? l.drugCode,
      overStandardFen: decided.find((d) => d.lineNo === l.lineNo)?.overStandardFen ?? 0,
    }));
  }

  @FieldResolver(() => ClaimDelivery, {
    nullable: true,
    description: 'third-party delivery of the drugs (第三方配送, Wuxi 四(二)); null: dispensed at the counter',
  })
  async delivery(@Ctx() ctx: Context, @Root() claim: Claim): Promise<ClaimDelivery | null> {
    return ctx.loaders.claimDelivery.load(`${claim.districtCode}|${claim.id}`);
  }

  @FieldResolver(() => Institution, { nullable: true })
  async institution(@Ctx() ctx: Context, @Root() claim: Claim): Promise<Institution | null> {
    return (await ctx.loaders.institution.load(claim.institutionId)) as Institution | null;
  }

  @FieldResolver(() => FenScalar)
  async capFen(@Ctx() ctx: Context, @Root() claim: Claim): Promise<number> {
    return (await decisionOf(ctx, claim)).capFen;
  }

  @FieldResolver(() => FenScalar)
  async capRemainingFen(@Ctx() ctx: Context, @Root() claim: Claim): Promise<number> {
    return (await decisionOf(ctx, claim)).capRemainingFen;
  }

  @FieldResolver(() => Int)
  async ratioBp(@Ctx() ctx: Context, @Root() claim: Claim): Promise<number> {
    return (await decisionOf(ctx, claim)).ratioBp;
  }

  @FieldResolver(() => String)
  async rounding(@Ctx() ctx: Context, @Root() claim: Claim): Promise<string> {
    return (await decisionOf(ctx, claim)).rounding;
  }

  @FieldResolver(() => [RuleHit])
  async hits(@Ctx() ctx: Context, @Root() claim: Claim): Promise<RuleHit[]> {
    const d = await decisionOf(ctx, claim);
    return d.hits.map((h) => ({
      code: h.code,
      ruleId: h.ruleId,
      section: h.section,
      severity: h.severity,
      lineNo: h.lineNo,
      messageZh: h.messageZh,
      messageEn: h.messageEn,
      ...hitZh(h, d.ruleSetId),
    }));
  }

  @FieldResolver(() => String, { nullable: true })
  overrideLabelZh(@Ctx() ctx: Context, @Root() claim: Claim): string | null {
    return claim.overrideName === null
      ? null
      : claim.overrideName
          .split('+')
          .map((n) => overrideLabelZh(ctx, n))
          .join('＋');
  }

  @FieldResolver(() => [TraceStep])
  async explanation(@Ctx() ctx: Context, @Root() claim: Claim): Promise<TraceStep[]> {
    const d = await decisionOf(ctx, claim);
    const names = d.overrideName === null ? [] : d.overrideName.split('+');
    // The stored trace is the core's English; its Chinese is read from it here, not stored (zh/trace.ts).
    // An override is the deployment's: its Chinese name is the deployment's too (labelZh), put in here.
    return (d.trace ?? []).map((s) => {
      const zh = traceStepZh(s, d.ruleSetId);
      const resultZh = zh.kind === 'RULE_SET' ? names.reduce((r, n) => r.replace(n, overrideLabelZh(ctx, n)), zh.resultZh) : zh.resultZh;
      return {
        ruleId: s.ruleId,
        section: s.section,
        step: s.step,
        result: s.result,
        kind: zh.kind,
        stepZh: zh.stepZh,
        resultZh,
        citationZh: zh.citationZh,
        lineNo: s.lineNo,
        parameters: s.parameters.map((p, i) => {
          const base = {
            name: p.name,
            value: p.value === null ? null : String(p.value),
            kind: p.kind,
            document: p.citation.document,
            section: p.citation.section,
            note: p.citation.note ?? null,
            ...zh.parameters[i]!,
          };
          const by = p.kind === 'override' ? names.find((n) => (p.citation.note ?? '').includes(`“${n}”`)) : undefined;
          return by === undefined ? base : { ...base, citationZh: `本地部署配置“${overrideLabelZh(ctx, by)}”`, noteZh: overrideNoteZh(ctx, by) };
        }),
      };
    });
  }

  @FieldResolver(() => Notice)
  async notice(@Ctx() ctx: Context, @Root() claim: Claim): Promise<Notice> {
    const [decision, lines, institution] = await Promise.all([
      decisionOf(ctx, claim),
      ctx.loaders.claimLines.load(`${claim.districtCode}|${claim.id}`),
      ctx.loaders.institution.load(claim.institutionId) as Promise<{ name: string } | null>,
    ]);
    const notice = await ctx.services.claims.claimNotice(ctx.em, scopeOf(ctx), claim, decision, lines ?? [], institution?.name ?? null);
    return notice as Notice;
  }
}
