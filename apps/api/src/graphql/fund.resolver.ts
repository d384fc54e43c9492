/** Fund watch (Wuxi 五(一) 基金运行): fund paid per month against the budget, the projection, the patients at their cap. */
import { Arg, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { StoredBudget } from '../modules/fund/fund.repository';
import type { FundWatchRow as Row } from '../modules/fund/fund.service';
import { Region } from './common.types';
import type { Context } from './context';
import { scopeOf } from './guard';
import { FenScalar } from './scalars';

@ObjectType({ description: 'A figure once set as a district’s annual budget' })
class FundBudgetRevision {
  @Field(() => FenScalar) budgetFen!: number;
  @Field(() => String) source!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) setBy!: string;
  @Field(() => String) setAt!: string;
}

@ObjectType({ description: 'A district’s annual budget for the 两病 benefit’s fund payments' })
class FundBudget {
  @Field(() => String) districtCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => FenScalar) budgetFen!: number;
  @Field(() => String, { description: 'the decision the figure comes from, as the bureau recorded it' }) source!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) setBy!: string;
  @Field(() => String) setAt!: string;
  @Field(() => [FundBudgetRevision], {
    description: 'every figure set for the district and year, oldest first: setting a budget again never erases the earlier one',
  })
  history!: FundBudgetRevision[];
}

@ObjectType({ description: 'One calendar month of the year: a point of each of the chart’s lines (null where the line has no point)' })
class FundMonth {
  @Field(() => Int, { description: '1–12' }) month!: number;
  @Field(() => String, { description: 'YYYY-MM' }) label!: string;
  @Field(() => FenScalar, { nullable: true, description: 'fund paid in the month up to the as-of date; null for a month not begun' }) fundPaidFen!:
    number | null;
  @Field(() => FenScalar, { nullable: true, description: 'paid from 1 January to the month’s end (or the as-of date)' }) cumulativeFen!: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'the projection’s cumulative path: actual to the last complete month, then the run rate' })
  projectedCumulativeFen!: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'budget × month ÷ 12: the straight budget line' }) budgetLineFen!: number | null;
  @Field(() => Int, { description: 'patients whose ledger reached the cap in this month (benefit_ledger.cap_reached_on)' }) patientsReachingCap!: number;
}

@ObjectType()
class FundWatchRow {
  @Field(() => Region) region!: Region;
  @Field(() => FundBudget, { nullable: true, description: 'the district’s budget record; null for a city or where none is set' }) budget!: FundBudget | null;
  @Field(() => FenScalar, { nullable: true, description: 'the budget; for a city the sum of its districts’ when every district has one, else null' })
  budgetFen!: number | null;
  @Field(() => FenScalar, { description: 'fund paid from 1 January to the as-of date (accepted claims)' }) paidToDateFen!: number;
  @Field(() => Int, { description: 'months of the year complete on the as-of date' }) completeMonths!: number;
  @Field(() => FenScalar, { nullable: true, description: 'average fund paid in the last three complete months' }) runRateFen!: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'paid in the complete months + run rate × months left; null before January is complete' })
  projectedYearEndFen!: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'projected year end − budget; positive = over budget' }) projectedVsBudgetFen!: number | null;
  @Field(() => Float, { nullable: true, description: 'paid to date ÷ budget' }) budgetUsed!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'the projection exceeds the budget' }) projectedOverBudget!: boolean | null;
  @Field(() => Int, { description: 'patients who used up their annual cap this year up to the as-of date' }) patientsReachingCap!: number;
  @Field(() => [FundMonth], { description: 'twelve months, January first' }) months!: FundMonth[];
}

@ObjectType()
class FundWatch {
  @Field(() => Region) region!: Region;
  @Field(() => Int) year!: number;
  @Field(() => String, { description: 'the date the figures are as of (today unless asked)' }) asOf!: string;
  @Field(() => String, { description: 'how the year-end projection is made (English)' }) method!: string;
  @Field(() => String, { description: '预测方法: how the year-end projection is made, in Chinese' }) methodZh!: string;
  @Field(() => String, { description: 'the section of the sources that asks for the fund watch' }) citation!: string;
  @Field(() => FundWatchRow, { description: 'the region as a whole' }) total!: FundWatchRow;
  @Field(() => [FundWatchRow], { description: 'one row per district of the region' }) districts!: FundWatchRow[];
  @Field(() => [String], { description: 'districts with no budget set for the year' }) districtsWithoutBudget!: string[];
}

@InputType()
class FundBudgetInput {
  @Field(() => String) districtCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => FenScalar, { description: 'the annual budget for the 两病 benefit’s fund payments, fen' }) budgetFen!: number;
  @Field(() => String, { description: 'the decision the figure comes from (e.g. the year’s budget notice); required' }) source!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

const budgetView = (b: StoredBudget): FundBudget => ({
  ...b,
  setAt: new Date(b.setAt).toISOString(),
  history: b.history.map((h) => ({ ...h, setAt: new Date(h.setAt).toISOString() })),
});

function rowView(r: Row, year: number): FundWatchRow {
  const p = r.projection;
  return {
    region: r.region as unknown as Region,
    budget: r.budget === null ? null : budgetView(r.budget),
    budgetFen: r.budgetFen,
    paidToDateFen: p.paidToDateFen,
    completeMonths: p.completeMonths,
    runRateFen: p.runRateFen,
    projectedYearEndFen: p.projectedYearEndFen,
    projectedVsBudgetFen: r.projectedVsBudgetFen,
    budgetUsed: r.budgetUsed,
    projectedOverBudget: r.projectedVsBudgetFen === null ? null : r.projectedVsBudgetFen > 0,
    patientsReachingCap: r.patientsReachingCap,
    months: p.months.map((m) => ({ ...m, label: `${year}-${String(m.month).padStart(2, '0')}`, patientsReachingCap: r.capReachedByMonth[m.month - 1] ?? 0 })),
  };
}

@Resolver()
export class FundResolver {
  @Query(() => FundWatch, {
    description:
      'Fund paid per district and month against the annual budget, the year-end projection from the run rate, and the patients who reached their cap (Wuxi 五(一) 基金运行)',
  })
  async fundWatch(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => String, { nullable: true, description: 'figures as of this date (YYYY-MM-DD); today when absent' }) asOf: string | null,
  ): Promise<FundWatch> {
    const w = await ctx.services.fund.watch(ctx.em, scopeOf(ctx), regionCode, year, asOf ?? null);
    return { ...w, region: w.region as unknown as Region, total: rowView(w.total, year), districts: w.districts.map((r) => rowView(r, year)) };
  }

  @Mutation(() => FundBudget, {
    description:
      'Set a district’s annual budget (its bureau, or the city’s leadership group); replaces the year’s figure (the earlier one stays in its history) and is audited',
  })
  async setFundBudget(@Ctx() ctx: Context, @Arg('input', () => FundBudgetInput) input: FundBudgetInput): Promise<FundBudget> {
    return budgetView(await ctx.services.fund.setBudget(ctx.em, scopeOf(ctx), input));
  }
}
