/** Credit records (W-10 五(四) 信用管理) of institutions and insured persons, with the events behind them. */
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { StoredCreditEvent, SubjectType } from '../modules/credit/credit.repository';
import { Institution, Region } from './common.types';
import { settingView, SettingUsed } from './settings.types';
import type { Context } from './context';
import { scopeOf } from './guard';

const CreditSubjectTypeEnum = { INSTITUTION: 'institution', PATIENT: 'patient' } as const;
registerEnumType(CreditSubjectTypeEnum, {
  name: 'CreditSubjectType',
  description: 'whose record: a medical institution (服务提供主体) or an insured person (参保人员)',
});

const CreditEventKindEnum = {
  ALERT_CONFIRMED: 'alert_confirmed',
  ALERT_WITHDRAWN: 'alert_withdrawn',
  CLAIM_REVERSED: 'claim_reversed',
  MANUAL: 'manual',
} as const;
registerEnumType(CreditEventKindEnum, {
  name: 'CreditEventKind',
  description:
    'ALERT_CONFIRMED: a monitoring case confirmed; ALERT_WITHDRAWN: a confirmation taken back (opposite points); CLAIM_REVERSED: a claim reversed (冲正); MANUAL: recorded by a bureau',
});

@ObjectType()
class CreditEvent {
  @Field(() => ID) id!: string;
  @Field(() => CreditEventKindEnum) kind!: string;
  @Field(() => Int, { description: 'points added to the record (negative for a withdrawal)' }) points!: number;
  @Field(() => String) occurredOn!: string;
  @Field(() => ID, { nullable: true, description: 'the monitoring case behind it' }) alertId!: string | null;
  @Field(() => String, { nullable: true }) alertKind!: string | null;
  @Field(() => ID, { nullable: true, description: 'the reversed claim behind it' }) claimId!: string | null;
  @Field(() => String, { description: 'the district of the alert or claim it comes from' }) sourceDistrictCode!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { description: 'the credit rules that gave the points (e.g. credit-rules.v1)' }) rulesId!: string;
  @Field(() => String) recordedBy!: string;
  @Field(() => String) recordedAt!: string;
}

@ObjectType()
class CreditRecord {
  @Field(() => CreditSubjectTypeEnum) subjectType!: string;
  @Field(() => ID, { description: 'the institution id or the patient id' }) subjectId!: string;
  @Field(() => String, { description: 'the subject’s district: the institution’s, or the patient’s district of insurance' }) districtCode!: string;
  @Field(() => Institution, { nullable: true, description: 'for an institution’s record' }) institution!: Institution | null;
  @Field(() => Int, { description: 'points of the events within the window up to asOf' }) points!: number;
  @Field(() => Int, { description: 'points of every event ever recorded' }) totalPoints!: number;
  @Field(() => Int, { description: 'the review threshold for this kind of subject' }) threshold!: number;
  @Field(() => Boolean, { description: 'points ≥ threshold: the monitoring reviews this subject first' }) flagged!: boolean;
  @Field(() => Int) eventCount!: number;
  @Field(() => String) lastEventOn!: string;
  @Field(() => [CreditEvent], { description: 'the latest events behind the record, newest first (at most eventsPerRecord)' }) events!: CreditEvent[];
}

@ObjectType()
class CreditRulesInfo {
  @Field(() => String) id!: string;
  @Field(() => Int) windowDays!: number;
  @Field(() => Int) institutionThreshold!: number;
  @Field(() => Int) patientThreshold!: number;
  @Field(() => [SettingUsed], {
    description:
      'the configured values in force on asOf that the records are computed with (credit.windowDays, credit.reviewThreshold, the points), each with its source and date; each event keeps the rulesId of its own date',
  })
  settings!: SettingUsed[];
}

@ObjectType()
class CreditRecordConnection {
  @Field(() => Region) region!: Region;
  @Field(() => String) asOf!: string;
  @Field(() => CreditRulesInfo) rules!: CreditRulesInfo;
  @Field(() => [CreditRecord], { description: 'most points in the window first' }) nodes!: CreditRecord[];
  @Field(() => Int) totalCount!: number;
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@InputType()
class CreditEventInput {
  @Field(() => CreditSubjectTypeEnum) subjectType!: SubjectType;
  @Field(() => ID) subjectId!: string;
  @Field(() => Int, { description: 'non-zero, −100…100; negative to credit a subject back' }) points!: number;
  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' }) occurredOn!: string;
  @Field(() => String, { description: 'what happened (1–500 characters)' }) note!: string;
  @Field(() => String, {
    nullable: true,
    description: 'your key for the event: the same key for the same subject is refused, so a retry records nothing twice',
  })
  key?: string | null;
}

const eventView = (e: StoredCreditEvent): CreditEvent => ({ ...e, recordedAt: new Date(e.recordedAt).toISOString() });

@Resolver()
export class CreditResolver {
  @Query(() => CreditRecordConnection, {
    description:
      'Credit records of the region’s institutions or insured persons with the events behind them (W-10 五(四)); the bureau’s and the leadership’s, not institutions’',
  })
  async creditRecords(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('subjectType', () => CreditSubjectTypeEnum) subjectType: SubjectType,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('asOf', () => String, { nullable: true, description: 'the window ends on this date; today when absent' }) asOf: string | null,
    @Arg('eventsPerRecord', () => Int, { defaultValue: 20 }) eventsPerRecord: number,
  ): Promise<CreditRecordConnection> {
    const per = Math.max(1, Math.min(100, eventsPerRecord));
    const page = await ctx.services.credit.records(ctx.em, scopeOf(ctx), regionCode, subjectType, first, after ?? null, asOf ?? null, per);
    const institutions = subjectType === 'institution' ? await ctx.loaders.institution.loadMany(page.nodes.map((n) => n.subjectId)) : [];
    return {
      region: page.region as unknown as Region,
      asOf: page.asOf,
      rules: {
        id: page.rules.id,
        windowDays: page.rules.windowDays,
        institutionThreshold: page.rules.reviewThreshold.institution,
        patientThreshold: page.rules.reviewThreshold.patient,
        settings: page.settings.map(settingView),
      },
      nodes: page.nodes.map((n, i) => {
        const inst = institutions[i];
        return {
          subjectType: n.subjectType,
          subjectId: n.subjectId,
          districtCode: n.districtCode,
          institution: inst === undefined || inst === null || inst instanceof Error ? null : (inst as Institution),
          points: n.points,
          totalPoints: n.totalPoints,
          threshold: n.threshold,
          flagged: n.flagged,
          eventCount: n.events,
          lastEventOn: n.lastEventOn,
          events: n.recentEvents.map(eventView),
        };
      }),
      totalCount: page.totalCount,
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
    };
  }

  @Mutation(() => CreditEvent, {
    description: 'A district bureau records a credit event by hand for an institution or insured person of its district; audited',
  })
  async recordCreditEvent(@Ctx() ctx: Context, @Arg('input', () => CreditEventInput) input: CreditEventInput): Promise<CreditEvent> {
    return eventView(await ctx.services.credit.record(ctx.em, scopeOf(ctx), input));
  }
}
