import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { definitionsForCity } from '../modules/statistics/definition-sources';
import { DEFINITIONS, STATISTICS_FIGURES } from '../modules/statistics/definitions';
import type { DiseaseFilter } from '../modules/statistics/statistics.repository';
import type { Institution } from './common.types';
import { IndicatorDefinition, InstitutionIndicators, Period, Region, Statistics, TrendPoint, Viewer } from './common.types';
import type { Context } from './context';
import { DiseaseFilterEnum } from './enums';
import { scopeOf } from './guard';
import { notFound } from '../errors';
import { latestServiceDate } from '../modules/claims/claim.queries';
import { periodOf } from '../modules/statistics/statistics.service';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], { description: 'The cities the caller may see, or the regions below one' })
  regions(@Ctx() ctx: Context, @Arg('cityCode', () => String, { nullable: true }) cityCode: string | null): Region[] {
    const scope = scopeOf(ctx);
    const city = cityCode ?? scope.viewer.cityCode;
    if (city !== scope.viewer.cityCode) return [];
    const all = ctx.services.regions.cities().filter((c) => c.code === city);
    return all as unknown as Region[];
  }

  @FieldResolver(() => [Region])
  children(@Ctx() ctx: Context, @Root() region: Region): Region[] {
    const scope = scopeOf(ctx);
    return ctx.services.regions.childrenOf(region.code).filter((r) => r.districtCode === null || scope.canRead(r.districtCode)) as unknown as Region[];
  }
}

@Resolver()
export class StatisticsResolver {
  @Query(() => Viewer)
  viewer(@Ctx() ctx: Context): Viewer {
    return scopeOf(ctx).viewer as Viewer;
  }

  @Query(() => Period, { nullable: true, description: 'The calendar quarter of the latest claim the viewer can see: where a dashboard opens' })
  async latestDataPeriod(@Ctx() ctx: Context): Promise<Period | null> {
    const districts = scopeOf(ctx).readableDistricts();
    const latest = await ctx.reads.run((em) => latestServiceDate(em, districts));
    if (latest === null) return null;
    return periodOf(Number(latest.slice(0, 4)), Math.floor((Number(latest.slice(5, 7)) - 1) / 3) + 1);
  }

  @Query(() => [IndicatorDefinition])
  indicatorDefinitions(
    @Ctx() ctx: Context,
    @Arg('cityCode', () => String, { nullable: true, description: 'whose texts the sources cite; the viewer’s city when omitted' }) cityCode: string | null,
  ): IndicatorDefinition[] {
    // Deny by default, even for what is not personal: every query asks for a caller.
    const scope = scopeOf(ctx);
    return definitionsForCity(DEFINITIONS, cityCode ?? scope.viewer.cityCode) as IndicatorDefinition[];
  }

  @Query(() => Statistics, { description: 'Every indicator for a region and period, with its child regions' })
  async statistics(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int, { nullable: true }) quarter: number | null,
    @Arg('disease', () => DiseaseFilterEnum, { defaultValue: 'ALL' }) disease: DiseaseFilter,
  ): Promise<Statistics> {
    const scope = scopeOf(ctx);
    const s = await ctx.reads.run((em) => ctx.services.statistics.statistics(em, scope, regionCode, year, quarter ?? null, disease));
    const read = ctx.reads.last!;
    return {
      ...s,
      figureDefinitions: STATISTICS_FIGURES,
      dataAsOf: read.dataAsOf,
      source: read.source,
      replicaState: read.state,
      replicaLagSeconds: read.lagSeconds,
    } as unknown as Statistics;
  }

  @Query(() => [TrendPoint])
  async statisticsTrend(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Arg('quarters', () => Int, { defaultValue: 8 }) quarters: number,
    @Arg('disease', () => DiseaseFilterEnum, { defaultValue: 'ALL' }) disease: DiseaseFilter,
  ): Promise<TrendPoint[]> {
    const scope = scopeOf(ctx);
    return (await ctx.reads.run((em) => ctx.services.statistics.trend(em, scope, regionCode, year, quarter, quarters, disease))) as TrendPoint[];
  }

  @Query(() => [InstitutionIndicators])
  async institutionStatistics(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int, { nullable: true }) quarter: number | null,
    @Arg('disease', () => DiseaseFilterEnum, { defaultValue: 'ALL' }) disease: DiseaseFilter,
  ): Promise<InstitutionIndicators[]> {
    const scope = scopeOf(ctx);
    const rows = await ctx.reads.run((em) => ctx.services.statistics.byInstitution(em, scope, regionCode, year, quarter ?? null, disease));
    const out: InstitutionIndicators[] = [];
    for (const r of rows) {
      const institution = await ctx.loaders.institution.load(r.institutionId);
      if (institution === null) throw notFound('institution', r.institutionId);
      out.push({ institution: institution as Institution, indicators: r.indicators });
    }
    return out;
  }
}
