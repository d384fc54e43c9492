import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { catalogueInForce, HITS, isIsoDate, type HitCode } from '@liangbing/policy';
import { badInput } from '../errors';
import { quarterlyRows, ruleHitCounts } from '../modules/reports/quarterly';
import { assertReportReader, excelPath, fillerOf } from '../modules/reports/quarterly-file';
import { reportFormOf } from '../modules/statistics/definition-sources';
import { FIGURES, REPORT_COLUMN_FIGURE } from '../modules/statistics/definitions';
import { periodOf } from '../modules/statistics/statistics.service';
import { exec } from '../db/sql';
import { FigureDefinition, Institution, Period, Region } from './common.types';
import type { Context } from './context';
import { BenefitCategoryEnum, DiseaseEnum, DosageFormEnum } from './enums';
import { FenScalar } from './scalars';
import { scopeOf } from './guard';

@ObjectType()
class QuarterlyReportRow {
  @Field(() => BenefitCategoryEnum, { description: 'SPECIAL = “两病”专项保障机制; CHRONIC_PROGRAMME = 门诊慢特病中“两病”用药患者' }) category!: string;
  @Field(() => DiseaseEnum) disease!: string;
  @Field(() => Int) managedPatients!: number;
  @Field(() => Int) beneficiaries!: number;
  @Field(() => Int) benefitUses!: number;
  @Field(() => FenScalar) drugCostFen!: number;
  @Field(() => FenScalar) fundPaidFen!: number;
}

@ObjectType()
class ReportColumnDefinition {
  @Field(() => String, { description: 'the QuarterlyReportRow field' }) column!: string;
  @Field(() => FigureDefinition) definition!: FigureDefinition;
}

@ObjectType()
class QuarterlyReport {
  @Field(() => Region) region!: Region;
  @Field(() => Period) period!: Period;
  @Field(() => [QuarterlyReportRow]) rows!: QuarterlyReportRow[];
  @Field(() => String, { description: 'the form’s title as the city issues it (Guiyang: 附件5 调度表)' }) title!: string;
  @Field(() => String, { description: 'the city’s own text that asks for the form' }) basis!: string;
  @Field(() => [ReportColumnDefinition], {
    description: 'what each column holds: 规范化管理人数 is the statistics’ managedPatients of the disease; the others are the form’s own figures',
  })
  columns!: ReportColumnDefinition[];
  @Field(() => String, { description: 'a link to the Excel file, relative to the API origin, needs the same bearer token' }) excelPath!: string;
}

@ObjectType()
class RuleHitCount {
  @Field(() => String) code!: string;
  @Field(() => String) ruleId!: string;
  @Field(() => String) messageZh!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String) institutionId!: string;
  @Field(() => String) institutionName!: string;
  @Field(() => String) month!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
class CatalogueForm {
  @Field(() => DosageFormEnum) form!: string;
  @Field(() => Boolean) villageLevel!: boolean;
}

@ObjectType()
class CatalogueItem {
  @Field(() => String) drugCode!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String) atc!: string;
  @Field(() => DiseaseEnum) disease!: string;
  @Field(() => [CatalogueForm]) forms!: CatalogueForm[];
  @Field(() => String, { nullable: true }) restriction!: string | null;
  @Field(() => String) citation!: string;
}

@ObjectType()
class Catalogue {
  @Field(() => String) catalogueId!: string;
  @Field(() => String) ruleSetId!: string;
  @Field(() => String) citation!: string;
  @Field(() => [CatalogueItem]) items!: CatalogueItem[];
}

@Resolver()
export class ReportResolver {
  @Query(() => QuarterlyReport, { description: '附件5 调度表 for a district (or the city) and a quarter; the filler fields go into the Excel file' })
  async quarterlyReport(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Arg('fillerUnit', () => String, { nullable: true, description: '填报单位; the region’s medical-insurance bureau when omitted' }) fillerUnit: string | null,
    @Arg('fillerName', () => String, { nullable: true, description: '报送人' }) fillerName: string | null,
    @Arg('fillerPhone', () => String, { nullable: true, description: '电话' }) fillerPhone: string | null,
    @Arg('reportDate', () => String, { nullable: true, description: '报送时间 (YYYY-MM-DD); today when omitted' }) reportDate: string | null,
  ): Promise<QuarterlyReport> {
    assertReportReader(scopeOf(ctx));
    const period = periodOf(year, quarter);
    const filler = fillerOf({ fillerUnit, fillerName, fillerPhone, reportDate });
    const { region, districts } = ctx.services.statistics.scopedRegion(scopeOf(ctx), regionCode);
    const rows = await ctx.reads.run((em) => quarterlyRows(em, districts, period.from, period.to));
    const form = reportFormOf(region.cityCode, ctx.services.regions.get(region.cityCode)?.name ?? region.cityCode);
    const columns = Object.entries(REPORT_COLUMN_FIGURE).map(([column, id]) => ({ column, definition: FIGURES.find((f) => f.id === id)! }));
    return { region: region as unknown as Region, period, rows, columns, ...form, excelPath: excelPath(regionCode, year, quarter, filler) };
  }

  @Query(() => [RuleHitCount], { description: 'Rule hits by type, institution and month' })
  async ruleHitCounts(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
  ): Promise<RuleHitCount[]> {
    if (!isIsoDate(from)) throw badInput('from', 'must be YYYY-MM-DD', '须为有效日期');
    if (!isIsoDate(to)) throw badInput('to', 'must be YYYY-MM-DD', '须为有效日期');
    const scope = scopeOf(ctx);
    const { districts } = ctx.services.statistics.scopedRegion(scope, regionCode);
    const rows = await ctx.reads.run((em) => ruleHitCounts(em, districts, from, to, scope.institutionOnly));
    return rows.map((r) => {
      const h = HITS[r.code as HitCode];
      return {
        code: r.code,
        ruleId: h?.ruleId ?? '—',
        messageZh: h?.zh ?? r.code,
        messageEn: h?.en ?? r.code,
        institutionId: r.institution_id,
        institutionName: r.institution_name,
        month: r.month,
        count: Number(r.count),
      };
    });
  }

  @Query(() => [Institution], { description: 'The institutions of a region; closed ones only with includeClosed' })
  async institutions(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('includeClosed', () => Boolean, { defaultValue: false }) includeClosed: boolean,
  ): Promise<Institution[]> {
    const { districts } = ctx.services.statistics.scopedRegion(scopeOf(ctx), regionCode);
    const rows = await exec<{ id: string }>(ctx.em, `select id from institutions where district_code = any(?) and (? or closed_on is null) order by id`, [
      districts,
      includeClosed,
    ]);
    return (await ctx.loaders.institution.loadMany(rows.map((r) => r.id))) as Institution[];
  }

  @Query(() => Catalogue, { description: 'The catalogue in force for a city on a date' })
  async catalogue(@Ctx() ctx: Context, @Arg('cityCode', () => String) cityCode: string, @Arg('date', () => String) date: string): Promise<Catalogue> {
    scopeOf(ctx);
    if (!isIsoDate(date)) throw badInput('date', 'must be YYYY-MM-DD', '须为有效日期');
    const c = catalogueInForce(cityCode, date, { overrides: await ctx.services.policy.current(ctx.em) });
    if (c.status === 'not_in_force') throw badInput('date', c.reason, '该日期没有生效的目录');
    return {
      catalogueId: c.catalogueId,
      ruleSetId: c.ruleSetId,
      citation: `${c.citation.document} ${c.citation.section}`,
      items: c.items.map((i) => ({
        drugCode: i.drug.code,
        nameZh: i.drug.nameZh,
        nameEn: i.drug.nameEn,
        atc: i.drug.atc,
        disease: i.disease,
        forms: [...i.forms],
        restriction: i.restriction?.text ?? null,
        citation: `${i.citation.document} ${i.citation.section}`,
      })),
    };
  }
}
