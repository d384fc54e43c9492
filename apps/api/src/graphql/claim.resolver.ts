import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DRUG_FACTS } from '@liangbing/policy';
import { badInput, notFound } from '../errors';
import { findClaimById, type StoredClaim } from '../modules/claims/claim.repository';
import { encodeCursor, listClaims } from '../modules/claims/claim.queries';
import { MAX_BATCH } from '../modules/claims/claim.validation';
import { Institution } from './common.types';
import { BatchClaimResult, Claim, ClaimConnection, ClaimFilter, ClaimLine, RuleHit, SubmitClaimInput, SubmitClaimResult, TraceStep } from './claim.types';
import type { Context } from './context';
import { scopeOf } from './guard';

/** The stored claim as the GraphQL type sees it; lines and the institution resolve lazily. */
export function claimView(c: StoredClaim): Claim {
  const d = c.decision;
  return {
    ...c,
    institution: null,
    capFen: d.capFen,
    capRemainingFen: d.capRemainingFen,
    ratioBp: d.ratioBp,
    hits: d.hits.map((h) => ({ code: h.code, ruleId: h.ruleId, section: h.section, severity: h.severity, lineNo: h.lineNo, messageZh: h.messageZh, messageEn: h.messageEn })),
    lines: [],
    explanation: (d.trace ?? []).map((s) => ({
      ruleId: s.ruleId,
      section: s.section,
      step: s.step,
      result: s.result,
      lineNo: s.lineNo,
      parameters: s.parameters.map((p) => ({ name: p.name, value: p.value === null ? null : String(p.value), kind: p.kind, document: p.citation.document, section: p.citation.section, note: p.citation.note ?? null })),
    })),
    rounding: d.rounding,
    reversedAt: c.reversedAt === null ? null : new Date(c.reversedAt).toISOString(),
  } as Claim;
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
  ): Promise<ClaimConnection> {
    const scope = scopeOf(ctx);
    let districts = scope.readableDistricts();
    if (filter?.regionCode != null) districts = ctx.services.statistics.scopedRegion(scope, filter.regionCode).districts;
    const institutionId = scope.institutionOnly ?? filter?.institutionId ?? null;
    const page = await listClaims(ctx.em, { ...filter, districts, institutionId }, first, after ?? null);
    const last = page.nodes.at(-1);
    return { nodes: page.nodes.map(claimView), totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(last) : null };
  }

  @FieldResolver(() => [ClaimLine])
  async lines(@Ctx() ctx: Context, @Root() claim: Claim): Promise<ClaimLine[]> {
    const lines = (await ctx.loaders.claimLines.load(`${claim.districtCode}|${claim.id}`)) ?? [];
    return lines.map((l) => ({ ...l, drugName: DRUG_FACTS.get(l.drugCode)?.drug.nameZh ?? l.drugCode }));
  }

  @FieldResolver(() => Institution, { nullable: true })
  async institution(@Ctx() ctx: Context, @Root() claim: Claim): Promise<Institution | null> {
    return (await ctx.loaders.institution.load(claim.institutionId)) as Institution | null;
  }

  @FieldResolver(() => [RuleHit])
  hits(@Root() claim: Claim): RuleHit[] {
    return claim.hits;
  }

  @FieldResolver(() => [TraceStep])
  explanation(@Root() claim: Claim): TraceStep[] {
    return claim.explanation;
  }
}

