/** Master data through the API (issue #16): regions, institutions and their 两病 qualification, the institution import, population figures. */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../errors';
import { grantsOf } from '../modules/masterdata/institution.repository';
import type { PopulationFigureRecord } from '../modules/masterdata/population.repository';
import type { RegionInfo } from '../modules/regions/region.directory';
import { Institution, Region } from './common.types';
import type { Context } from './context';
import { scopeOf } from './guard';
import {
  CreateInstitutionInput,
  CreateRegionInput,
  ImportInstitutionsInput,
  InstitutionImportResult,
  PopulationFigure,
  SetPopulationFigureInput,
  TwoDiseaseTreatmentGrant,
  UpdateInstitutionInput,
} from './masterdata.types';

const regionView = (r: RegionInfo) => r as unknown as Region;

const figureView = (f: PopulationFigureRecord): PopulationFigure => ({
  ...f,
  estimatedHypertensionPatients: Math.floor((f.population35Plus * f.hypertensionPrevalenceBp) / 10000),
  estimatedDiabetesPatients: Math.floor((f.population35Plus * f.diabetesPrevalenceBp) / 10000),
});

/** The institution as every other query shows it, read after the write (the request's loader is cleared first). */
async function institutionView(ctx: Context, id: string): Promise<Institution> {
  const row = await ctx.loaders.institution.clear(id).load(id);
  if (row === null) throw notFound('institution', id);
  return row as Institution;
}

@Resolver(() => Institution)
export class MasterDataResolver {
  @Query(() => Region, { description: 'One region the caller may see, with its closing date' })
  region(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Region {
    const scope = scopeOf(ctx);
    const region = ctx.services.regions.get(code);
    if (region === undefined) throw notFound('region', code);
    scope.assertRegion(region.code, region.districtCode, region.cityCode);
    return regionView(region);
  }

  @Query(() => Institution, { description: 'One institution of a district the caller may read, with its 两病 qualification history' })
  async institution(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Institution> {
    const scope = scopeOf(ctx);
    const row = await ctx.loaders.institution.load(id);
    if (row === null || !scope.canRead(row.districtCode)) throw notFound('institution', id);
    return row as Institution;
  }

  @FieldResolver(() => [TwoDiseaseTreatmentGrant], {
    description: 'G-5 五(二)4 / 附件2 item 4: the qualification to treat 两病, granted and withdrawn on dates, oldest first',
  })
  async twoDiseaseTreatment(@Ctx() ctx: Context, @Root() institution: Institution): Promise<TwoDiseaseTreatmentGrant[]> {
    return (await grantsOf(ctx.em, [institution.id])).get(institution.id) ?? [];
  }

  @Mutation(() => Region, { description: 'Create a district or a street/township of the caller’s city (city leadership)' })
  async createRegion(@Ctx() ctx: Context, @Arg('input', () => CreateRegionInput) input: CreateRegionInput): Promise<Region> {
    return regionView(await ctx.services.masterData.regions.create(ctx.em, scopeOf(ctx), input));
  }

  @Mutation(() => Region)
  async renameRegion(@Ctx() ctx: Context, @Arg('code', () => String) code: string, @Arg('name', () => String) name: string): Promise<Region> {
    return regionView(await ctx.services.masterData.regions.rename(ctx.em, scopeOf(ctx), code, name));
  }

  @Mutation(() => Region, { description: 'From closedOn the region takes no new patients or institutions' })
  async closeRegion(@Ctx() ctx: Context, @Arg('code', () => String) code: string, @Arg('closedOn', () => String) closedOn: string): Promise<Region> {
    return regionView(await ctx.services.masterData.regions.close(ctx.em, scopeOf(ctx), code, closedOn));
  }

  @Mutation(() => Institution, { description: 'District bureau: its district; city leadership: any district of its city' })
  async createInstitution(@Ctx() ctx: Context, @Arg('input', () => CreateInstitutionInput) input: CreateInstitutionInput): Promise<Institution> {
    const { twoDiseaseTreatmentFrom: from, twoDiseaseTreatmentSource: source, ...fields } = input;
    const treatment = from != null || source != null ? { from: from ?? '', source: source ?? '' } : null;
    await ctx.services.masterData.institutions.create(
      ctx.em,
      scopeOf(ctx),
      { ...fields, streetCode: fields.streetCode ?? null, consortiumId: fields.consortiumId ?? null },
      treatment,
    );
    return institutionView(ctx, input.id);
  }

  @Mutation(() => Institution, { description: 'Name, level, street, consortium, networked out-of-area, insurance designated; the district does not change' })
  async updateInstitution(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateInstitutionInput) input: UpdateInstitutionInput,
  ): Promise<Institution> {
    await ctx.services.masterData.institutions.update(ctx.em, scopeOf(ctx), id, input);
    return institutionView(ctx, id);
  }

  @Mutation(() => Institution, { description: 'From closedOn the institution takes no claims or designations' })
  async closeInstitution(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('closedOn', () => String) closedOn: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<Institution> {
    await ctx.services.masterData.institutions.close(ctx.em, scopeOf(ctx), id, closedOn, reason);
    return institutionView(ctx, id);
  }

  @Mutation(() => Institution, {
    description: 'G-5 五(二)4: qualify a primary institution meeting the standards to treat 两病 from a date, citing the decision',
  })
  async grantTwoDiseaseTreatment(
    @Ctx() ctx: Context,
    @Arg('institutionId', () => ID) institutionId: string,
    @Arg('from', () => String) from: string,
    @Arg('source', () => String) source: string,
  ): Promise<Institution> {
    await ctx.services.masterData.institutions.grantTreatment(ctx.em, scopeOf(ctx), institutionId, from, source);
    return institutionView(ctx, institutionId);
  }

  @Mutation(() => Institution, { description: 'Withdraw the qualification to treat 两病 from a date (the day before is the last day qualified)' })
  async withdrawTwoDiseaseTreatment(
    @Ctx() ctx: Context,
    @Arg('institutionId', () => ID) institutionId: string,
    @Arg('on', () => String) on: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<Institution> {
    await ctx.services.masterData.institutions.withdrawTreatment(ctx.em, scopeOf(ctx), institutionId, on, reason);
    return institutionView(ctx, institutionId);
  }

  @Mutation(() => InstitutionImportResult, {
    description:
      'Import institutions from CSV text or a base64 .xlsx (columns 机构编码, 机构名称, 机构级别, 区县编码, 街道编码, 医联体编码, 可开展两病诊疗, 医保定点, 异地联网结算, 诊疗资格日期, 诊疗资格依据). ' +
      'All or nothing unless acceptValidRows; the same file again changes nothing.',
  })
  async importInstitutions(@Ctx() ctx: Context, @Arg('input', () => ImportInstitutionsInput) input: ImportInstitutionsInput): Promise<InstitutionImportResult> {
    return ctx.services.masterData.institutionImport.run(ctx.em, scopeOf(ctx), input);
  }

  @Mutation(() => PopulationFigure, { description: 'The awareness denominator of a district-year, with its source; earlier values are kept' })
  async setPopulationFigure(@Ctx() ctx: Context, @Arg('input', () => SetPopulationFigureInput) input: SetPopulationFigureInput): Promise<PopulationFigure> {
    const stored = await ctx.services.masterData.population.set(ctx.em, scopeOf(ctx), {
      ...input,
      surveyAwarenessHypertensionBp: input.surveyAwarenessHypertensionBp ?? null,
      surveyAwarenessDiabetesBp: input.surveyAwarenessDiabetesBp ?? null,
      surveyAwarenessSource: input.surveyAwarenessSource ?? null,
    });
    return figureView(stored);
  }

  @Query(() => [PopulationFigure], { description: 'The current population figures of a region’s districts, with their sources; one year or all' })
  async populationFigures(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
  ): Promise<PopulationFigure[]> {
    return (await ctx.services.masterData.population.list(ctx.em, scopeOf(ctx), regionCode, year ?? null)).map(figureView);
  }

  @Query(() => [PopulationFigure], { description: 'Every value set for a district-year, oldest first' })
  async populationFigureRevisions(
    @Ctx() ctx: Context,
    @Arg('districtCode', () => String) districtCode: string,
    @Arg('year', () => Int) year: number,
  ): Promise<PopulationFigure[]> {
    return (await ctx.services.masterData.population.revisions(ctx.em, scopeOf(ctx), districtCode, year)).map(figureView);
  }
}
