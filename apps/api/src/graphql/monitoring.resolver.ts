/** Smart monitoring (G-9, W-10): run the checks over a period, review the cases, confirm and reverse. */
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { claimsOf, encodeAlertCursor, type AlertStatus, type StoredAlert } from '../modules/monitoring/alert.repository';
import { ALERT_KINDS } from '../modules/monitoring/monitoring.config';
import { Claim } from './claim.types';
import { claimView } from './claim.resolver';
import { Institution } from './common.types';
import { FenScalar } from './scalars';
import type { Context } from './context';
import { scopeOf } from './guard';
import { settingView, SettingUsed } from './settings.types';

const AlertStatusEnum = { OPEN: 'open', UNDER_REVIEW: 'under_review', CONFIRMED: 'confirmed', DISMISSED: 'dismissed', RECOVERED: 'recovered' } as const;
registerEnumType(AlertStatusEnum, { name: 'AlertStatus', description: 'open → under review → confirmed (→ recovered) or dismissed' });

@ObjectType()
class AlertHistoryEntry {
  @Field(() => Int) seq!: number;
  @Field(() => String) at!: string;
  @Field(() => String) byUser!: string;
  @Field(() => AlertStatusEnum, { nullable: true }) fromStatus!: string | null;
  @Field(() => AlertStatusEnum) toStatus!: string;
  @Field(() => String, { nullable: true }) assignee!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => [ID]) reversedClaimIds!: string[];
  @Field(() => FenScalar, { nullable: true, description: 'the amount recovered recorded by this step (追回金额, fen)' }) recoveredFen!: number | null;
}

@ObjectType()
class Alert {
  @Field(() => ID) id!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => String, {
    description: `a rule-hit code (DUPLICATE_DISPENSING, OVER_QUANTITY …) or a pattern: ${Object.keys(ALERT_KINDS)
      .filter((k) => k !== 'RULE_HIT')
      .join(', ')}`,
  })
  kind!: string;
  @Field(() => String) descriptionEn!: string;
  @Field(() => AlertStatusEnum) status!: string;
  @Field(() => String, { nullable: true }) assignee!: string | null;
  @Field(() => FenScalar, {
    nullable: true,
    description: 'the amount recovered (追回金额, fen), recorded when the case was marked recovered; at most the fund paid behind the case',
  })
  recoveredFen!: number | null;
  @Field(() => ID, { nullable: true }) patientId!: string | null;
  @Field(() => ID, { nullable: true }) institutionId!: string | null;
  @Field(() => [ID], { description: 'the claims behind the case: confirming it with reverseClaims reverses these' }) claimIds!: string[];
  @Field(() => GraphQLJSONObject, { description: 'the figures and claims the case rests on' }) evidence!: Record<string, unknown>;
  @Field(() => String, { description: 'the date of the finding (the claim’s date, or the end of the period compared)' }) occurredOn!: string;
  @Field(() => String) raisedAt!: string;
  @Field(() => String) updatedAt!: string;
  stored!: StoredAlert;
}

@ObjectType()
class AlertConnection {
  @Field(() => [Alert]) nodes!: Alert[];
  @Field(() => Int) totalCount!: number;
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@InputType()
class AlertFilter {
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, { nullable: true }) kind?: string | null;
  @Field(() => AlertStatusEnum, { nullable: true }) status?: AlertStatus | null;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => String, { nullable: true }) assignee?: string | null;
  @Field(() => String, { nullable: true, description: 'occurredOn from (inclusive)' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'occurredOn to (inclusive)' }) to?: string | null;
}

@ObjectType()
class RaisedCount {
  @Field(() => String) kind!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
class MonitoringRun {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => [String]) districts!: string[];
  @Field(() => [RaisedCount], { description: 'new cases by kind' }) raised!: RaisedCount[];
  @Field(() => Int, { description: 'findings already open as cases: not raised again' }) alreadyKnown!: number;
  @Field(() => [SettingUsed], { description: 'the thresholds the run used: the city’s values in force at the period’s end (`to`), each with its source' })
  thresholds!: SettingUsed[];
}

@ObjectType()
class UpdateAlertResult {
  @Field(() => Alert) alert!: Alert;
  @Field(() => [ID]) reversedClaimIds!: string[];
}

const describe = (kind: string): string => (ALERT_KINDS as Record<string, string>)[kind] ?? `${ALERT_KINDS.RULE_HIT}: ${kind}`;

const view = (a: StoredAlert): Alert => ({
  ...a,
  descriptionEn: describe(a.kind),
  raisedAt: new Date(a.raisedAt).toISOString(),
  updatedAt: new Date(a.updatedAt).toISOString(),
  stored: a,
});

@Resolver(() => Alert)
export class MonitoringResolver {
  @Mutation(() => MonitoringRun, { description: 'Run smart monitoring over stored claims of a region and period; re-running opens no case twice' })
  async runMonitoring(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
  ): Promise<MonitoringRun> {
    const run = await ctx.services.monitoring.run(ctx.em, scopeOf(ctx), regionCode, from, to);
    return { ...run, thresholds: run.thresholds.map(settingView) };
  }

  @Query(() => AlertConnection, { description: 'Monitoring cases, newest finding first' })
  async alerts(
    @Ctx() ctx: Context,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AlertConnection> {
    const scope = scopeOf(ctx);
    const page = await ctx.reads.run((em) => ctx.services.monitoring.list(em, scope, filter ?? {}, first, after));
    const last = page.nodes.at(-1);
    return { nodes: page.nodes.map(view), totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: last ? encodeAlertCursor(last) : null };
  }

  @Query(() => Alert)
  async alert(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Alert> {
    return view(await ctx.services.monitoring.find(ctx.em, scopeOf(ctx), id));
  }

  @Mutation(() => UpdateAlertResult, {
    description: 'Move a case on (status, assignee, note); confirming it with reverseClaims reverses the claims behind it (冲正) and restores the ledger',
  })
  async updateAlert(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => AlertStatusEnum, { nullable: true }) status: AlertStatus | null,
    @Arg('assignee', () => String, { nullable: true, description: 'omit to keep; an empty string is refused' }) assignee: string | null | undefined,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Arg('reverseClaims', () => Boolean, { defaultValue: false }) reverseClaims: boolean,
    @Arg('recoveredFen', () => FenScalar, {
      nullable: true,
      description: 'required when status is RECOVERED: the amount recovered (fen), at most the fund paid behind the case',
    })
    recoveredFen: number | null,
  ): Promise<UpdateAlertResult> {
    const r = await ctx.services.monitoring.update(ctx.em, scopeOf(ctx), id, { status, assignee: assignee ?? undefined, note, reverseClaims, recoveredFen });
    return { alert: view(r.alert), reversedClaimIds: r.reversedClaimIds };
  }

  @FieldResolver(() => [AlertHistoryEntry])
  async history(@Ctx() ctx: Context, @Root() alert: Alert): Promise<AlertHistoryEntry[]> {
    return (await ctx.services.monitoring.history(ctx.em, alert.stored)).map((h) => ({ ...h, at: new Date(h.at).toISOString() }));
  }

  @FieldResolver(() => Institution, { nullable: true })
  async institution(@Ctx() ctx: Context, @Root() alert: Alert): Promise<Institution | null> {
    return alert.institutionId === null ? null : ((await ctx.loaders.institution.load(alert.institutionId)) as Institution | null);
  }

  @FieldResolver(() => [Claim], { description: 'the claims behind the case, with their decisions' })
  async claims(@Ctx() ctx: Context, @Root() alert: Alert): Promise<Claim[]> {
    return (await claimsOf(ctx.em, alert.districtCode, alert.claimIds)).map(claimView);
  }
}
