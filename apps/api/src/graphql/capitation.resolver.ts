/** Capitation settlement (W-8): per institution and month, and the consortium package at year end. */
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { ResolvedSetting } from '../modules/settings/settings.reader';
import { Region } from './common.types';
import type { Context } from './context';
import { InstitutionLevelEnum } from './enums';
import { scopeOf } from './guard';
import { FenScalar } from './scalars';
import { ConfigurationSource, sourceView } from './settings.types';

@ObjectType({
  description: 'A configured value the settlement used (capitation.* keys), in force on the month’s first day (the rate) or at the year’s end (the shares)',
})
class SettlementParameter {
  @Field(() => String, { description: 'perHeadMonthlyFen, overspendCompensationBp or surplusRetentionBp' }) name!: string;
  @Field(() => String, { description: 'the configuration key, e.g. capitation.perHeadMonthlyFen' }) key!: string;
  @Field(() => Int) value!: number;
  @Field(() => String, { description: 'configuration: the source fixes the method, not the number' }) kind!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) validFrom!: string;
  @Field(() => ConfigurationSource) source!: ConfigurationSource;
  @Field(() => String, { nullable: true, description: 'the source’s document (null for a decision of the bureau without one)' }) document!: string | null;
  @Field(() => String, { nullable: true }) section!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
class InstitutionCapitation {
  @Field(() => String) institutionId!: string;
  @Field(() => String) institutionName!: string;
  @Field(() => InstitutionLevelEnum) level!: string;
  @Field(() => String, { nullable: true }) consortiumId!: string | null;
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => Int, { description: 'patients designated to it and certified at month end (月末在册)' }) designatedPatients!: number;
  @Field(() => FenScalar, { description: 'designated patients × per-head rate' }) capitationFen!: number;
  @Field(() => FenScalar, { description: 'fund paid for its designated patients’ claims, wherever dispensed' }) fundPaidFen!: number;
  @Field(() => FenScalar, { description: 'fund paid for claims dispensed at the institution' }) fundPaidHereFen!: number;
  @Field(() => FenScalar, { description: 'capitation − fund paid (negative: overspend)' }) balanceFen!: number;
}

@ObjectType()
class ConsortiumCapitation {
  @Field(() => String) consortiumId!: string;
  @Field(() => [String]) memberIds!: string[];
  @Field(() => Int) designatedPatientMonths!: number;
  @Field(() => FenScalar, { description: '总额包干: the members’ capitation' }) budgetFen!: number;
  @Field(() => FenScalar) fundPaidFen!: number;
  @Field(() => FenScalar) overspendFen!: number;
  @Field(() => FenScalar) surplusFen!: number;
  @Field(() => Boolean, { description: 'true for a whole year: the year-end fields are set' }) yearEnd!: boolean;
  @Field(() => FenScalar, { nullable: true, description: '超支适补: the fund’s share of the overspend' }) compensationFen!: number | null;
  @Field(() => FenScalar, { nullable: true, description: '结余留用: the surplus the consortium keeps' }) retainedFen!: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'what the fund owes the consortium for the year in all' }) settlementFen!: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'settlement − claims paid during the year: paid at year end, or recovered when negative' })
  yearEndAdjustmentFen!: number | null;
}

@ObjectType()
class CapitationSettlement {
  @Field(() => Region) region!: Region;
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'null for the whole year' }) month!: number | null;
  @Field(() => [SettlementParameter]) parameters!: SettlementParameter[];
  @Field(() => [InstitutionCapitation]) institutions!: InstitutionCapitation[];
  @Field(() => [ConsortiumCapitation]) consortia!: ConsortiumCapitation[];
}

const parameterView = (p: ResolvedSetting): SettlementParameter => ({
  name: p.key.replace(/^capitation\./, ''),
  key: p.key,
  value: p.value as number,
  kind: 'configuration',
  validFrom: p.validFrom,
  source: sourceView(p.source),
  document: p.source.document,
  section: p.source.section,
  note: p.source.note,
});

@Resolver()
export class CapitationResolver {
  @Query(() => CapitationSettlement, {
    description:
      'W-8: capitation against the fund paid per institution and month; the consortium package at year end (month omitted). The rates come from configuration (capitation.*): in production a rate nobody set is answered NOT_CONFIGURED, never a placeholder',
  })
  async capitationSettlement(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('month', () => Int, { nullable: true }) month: number | null,
  ): Promise<CapitationSettlement> {
    const s = await ctx.services.capitation.settle(ctx.em, scopeOf(ctx), regionCode, year, month ?? null);
    return { ...s, region: s.region as unknown as Region, parameters: s.parameters.map(parameterView) };
  }
}
