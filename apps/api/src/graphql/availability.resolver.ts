/** Drug availability (G-7 配得齐、开得出): primary institutions × catalogue drugs for a quarter, matrix-shaped for a heat map. */
import { Arg, Ctx, Field, Float, Int, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { notFound } from '../errors';
import { STATUS_CODE, type ElsewhereDrug as Elsewhere } from '../modules/availability/availability.service';
import { Institution, Period, Rate, Region } from './common.types';
import type { Context } from './context';
import { DiseaseEnum } from './enums';
import { scopeOf } from './guard';
import { settingView, SettingUsed } from './settings.types';

const AvailabilityStatusEnum = {
  DISPENSED: 'dispensed',
  NOT_DISPENSED: 'not_dispensed',
  NOT_ALLOWED: 'not_allowed',
  DISPENSED_OUT_OF_SCOPE: 'dispensed_out_of_scope',
} as const;
registerEnumType(AvailabilityStatusEnum, {
  name: 'AvailabilityStatus',
  description:
    'DISPENSED: allowed at the institution’s level and dispensed at least once; NOT_DISPENSED: allowed, never dispensed; NOT_ALLOWED: outside the level’s scope (G-6 village scope); DISPENSED_OUT_OF_SCOPE: dispensed although outside its scope',
});

@ObjectType({ description: 'A column of the matrix: a drug of the catalogue in force on the quarter’s last day' })
class AvailabilityDrug {
  @Field(() => Int, { description: 'the column index cells and heat-map triples refer to' }) index!: number;
  @Field(() => String) code!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String) atc!: string;
  @Field(() => DiseaseEnum) disease!: string;
  @Field(() => Boolean, {
    description: 'may be dispensed at village level (村卫生室 / 社区卫生服务站): some form has village scope, or the city’s rules have none',
  })
  villageLevel!: boolean;
  @Field(() => Boolean, { description: '集采中选 in the drug reference' }) centrallyProcured!: boolean;
  @Field(() => Boolean, { description: '基药 in the drug reference' }) essential!: boolean;
  @Field(() => Boolean, { description: '甲类 in the drug reference' }) classA!: boolean;
  @Field(() => String, { nullable: true, description: 'the catalogue row’s restriction (备注) as printed' }) restriction!: string | null;
}

@ObjectType()
class AvailabilityCell {
  @Field(() => Int) drugIndex!: number;
  @Field(() => AvailabilityStatusEnum) status!: string;
  @Field(() => Int, { description: 'claim lines of the drug at the institution in the quarter' }) linesHere!: number;
  @Field(() => Int, { description: 'its patients who got the drug at another institution in the quarter' }) patientsElsewhere!: number;
}

@ObjectType({ description: 'A drug the institution’s patients (managed there or designated to it) got at another institution' })
class ElsewhereDrug {
  @Field(() => String) drugCode!: string;
  @Field(() => Int) patients!: number;
  @Field(() => Int) lines!: number;
  @Field(() => Boolean) inCatalogue!: boolean;
  @Field(() => Boolean, { description: 'in the catalogue and allowed at the institution’s level' }) allowedHere!: boolean;
  @Field(() => Boolean, { description: 'the institution dispensed it itself in the quarter' }) dispensedHere!: boolean;
}

@ObjectType({ description: 'A row of the matrix: one primary institution' })
class InstitutionAvailability {
  @Field(() => Int, { description: 'the row index heat-map triples refer to' }) index!: number;
  @Field(() => Institution) institution!: Institution;
  @Field(() => Int, { description: 'catalogue drugs allowed at its level' }) allowedDrugs!: number;
  @Field(() => Int, { description: 'of those, dispensed at least once in the quarter' }) dispensedAllowedDrugs!: number;
  @Field(() => Rate, { description: 'dispensedAllowedDrugs ÷ allowedDrugs' }) coverage!: Rate;
  @Field(() => Boolean, { description: 'coverage below the threshold' }) belowThreshold!: boolean;
  @Field(() => [AvailabilityCell], { description: 'one per drug column, in column order' }) cells!: AvailabilityCell[];
  @Field(() => [ElsewhereDrug], { description: 'every drug its patients got elsewhere, most patients first' }) elsewhere!: ElsewhereDrug[];
  @Field(() => Int, { description: 'its accepted claims in the quarter' }) claims!: number;
  @Field(() => Int, { description: 'of those, claims whose drugs a third party delivered (第三方配送, Wuxi 四(二))' }) deliveredClaims!: number;
  @Field(() => [ElsewhereDrug], { description: 'the gaps: drugs allowed here that it did not dispense and its patients got elsewhere (配不齐)' })
  gaps!: ElsewhereDrug[];
}

@ObjectType()
class DistrictAvailability {
  @Field(() => Region) region!: Region;
  @Field(() => Int, { description: 'primary institutions of the district' }) institutions!: number;
  @Field(() => Rate, { description: 'allowed drugs dispensed ÷ allowed drugs, summed over its institutions' }) coverage!: Rate;
  @Field(() => [Institution], { description: 'institutions whose coverage is below the threshold' }) belowThreshold!: Institution[];
  @Field(() => Int, { description: 'claims at its primary institutions in the quarter whose drugs a third party delivered' }) deliveredClaims!: number;
}

@ObjectType()
class DrugAvailability {
  @Field(() => Region) region!: Region;
  @Field(() => Period) period!: Period;
  @Field(() => String, { nullable: true, description: 'the catalogue in force on the quarter’s last day' }) catalogueId!: string | null;
  @Field(() => String, { nullable: true, description: 'why there is no catalogue (no rule set in force), when there is none' }) reason!: string | null;
  @Field(() => Float, { description: 'the coverage threshold used' }) threshold!: number;
  @Field(() => String, { description: 'the configuration the default threshold comes from' }) configId!: string;
  @Field(() => SettingUsed, {
    nullable: true,
    description:
      'the configured threshold (availability.coverageThreshold) in force at the quarter’s end, with its source; null when the threshold argument was given',
  })
  thresholdSetting!: SettingUsed | null;
  @Field(() => [AvailabilityDrug], { description: 'the matrix’s columns' }) drugs!: AvailabilityDrug[];
  @Field(() => [InstitutionAvailability], { description: 'the matrix’s rows: primary institutions by district, level and id' })
  institutions!: InstitutionAvailability[];
  @Field(() => [DistrictAvailability]) districts!: DistrictAvailability[];
  @Field(() => [[Int]], {
    description:
      'the matrix flat, for an ECharts heat map: [rowIndex, drugIndex, status] with status 0 not allowed, 1 allowed but not dispensed, 2 dispensed, 3 dispensed out of scope',
  })
  heatmap!: number[][];
}

@Resolver()
export class AvailabilityResolver {
  @Query(() => DrugAvailability, {
    description:
      'Which catalogue drugs each primary institution dispensed in the quarter, its coverage of the catalogue, and what its patients got elsewhere (G-7 配得齐、开得出). City leadership, auditors and district bureaus.',
  })
  async drugAvailability(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Arg('threshold', () => Float, {
      nullable: true,
      description:
        'coverage below which an institution is listed; the configured one in force at the quarter’s end (availability.coverageThreshold, seeded 0.2) when absent',
    })
    threshold: number | null,
  ): Promise<DrugAvailability> {
    const a = await ctx.services.availability.availability(ctx.em, scopeOf(ctx), regionCode, year, quarter, threshold ?? null);
    const loaded = await ctx.loaders.institution.loadMany(a.institutions.map((r) => r.institution.id));
    const institution = (id: string, i: number): Institution => {
      const row = loaded[i];
      if (row === null || row === undefined || row instanceof Error) throw notFound('institution', id);
      return row as Institution;
    };
    const byId = new Map(a.institutions.map((r, i) => [r.institution.id, institution(r.institution.id, i)]));
    const elsewhere = (e: Elsewhere): ElsewhereDrug => ({ ...e });
    return {
      region: a.region as unknown as Region,
      period: a.period,
      catalogueId: a.catalogueId,
      reason: a.reason,
      threshold: a.threshold,
      configId: a.configId,
      thresholdSetting: a.thresholdSetting === null ? null : settingView(a.thresholdSetting),
      drugs: a.drugs.map((d, index) => ({
        index,
        code: d.item.drug.code,
        nameZh: d.item.drug.nameZh,
        nameEn: d.item.drug.nameEn,
        atc: d.item.drug.atc,
        disease: d.item.disease,
        villageLevel: d.villageLevel,
        centrallyProcured: d.item.drug.centrallyProcured !== undefined,
        essential: d.item.drug.essential?.value === true,
        classA: d.item.drug.nrdlClass?.value === 'A',
        restriction: d.item.restriction?.text ?? null,
      })),
      institutions: a.institutions.map((r, index) => ({
        index,
        institution: byId.get(r.institution.id)!,
        allowedDrugs: r.allowedDrugs,
        dispensedAllowedDrugs: r.dispensedAllowedDrugs,
        coverage: r.coverage as Rate,
        belowThreshold: r.belowThreshold,
        claims: r.claims,
        deliveredClaims: r.deliveredClaims,
        cells: r.cells.map((c, drugIndex) => ({ drugIndex, ...c })),
        elsewhere: r.elsewhere.map(elsewhere),
        gaps: r.elsewhere.filter((e) => e.allowedHere && !e.dispensedHere).map(elsewhere),
      })),
      districts: a.districts.map((d) => ({
        ...d,
        region: d.region as unknown as Region,
        coverage: d.coverage as Rate,
        belowThreshold: d.belowThreshold.map((id) => byId.get(id)!),
      })),
      heatmap: a.institutions.flatMap((r, row) => r.cells.map((c, drug) => [row, drug, STATUS_CODE[c.status]])),
    };
  }
}
