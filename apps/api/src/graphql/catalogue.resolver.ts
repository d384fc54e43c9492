/** Catalogue versions (G-6): load the expert panel's adjustment with its effective date, list versions, compare two. */
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { CatalogueRow, ClinicalFinding, RestrictionCondition } from '@liangbing/policy';
import type { VersionSummary } from '../modules/catalogue/catalogue-version.service';
import type { Context } from './context';
import { DiseaseEnum, DosageFormEnum } from './enums';
import { scopeOf } from './guard';

const InsuranceClassEnum = { A: 'A', B: 'B', RESTRICTED: 'restricted' } as const;
const RestrictionKindEnum = { DIABETES_TYPE: 'diabetes_type', FINDING: 'finding', SECOND_LINE: 'second_line', AT_FIRST_FILL: 'at_first_fill' } as const;
const RestrictedDiabetesTypeEnum = { TYPE1: 'type1', TYPE2: 'type2' } as const;
const ClinicalFindingEnum = {
  CHF_NEEDS_RAPID_OR_PARENTERAL_DIURESIS: 'chf_needs_rapid_or_parenteral_diuresis',
  ARB_INTOLERANT_OR_INEFFECTIVE: 'arb_intolerant_or_ineffective',
  CHRONIC_HEART_FAILURE_NYHA_2_4: 'chronic_heart_failure_nyha_2_4',
  REDUCED_EJECTION_FRACTION_EVIDENCE: 'reduced_ejection_fraction_evidence',
  T2_UNCONTROLLED_ON_INTERMEDIATE_LONG_INSULIN: 't2_uncontrolled_on_intermediate_long_insulin',
  T2_UNCONTROLLED_ON_SHORT_INSULIN_OR_ORAL: 't2_uncontrolled_on_short_insulin_or_oral',
  FIRST_LINE_CONTRAINDICATED: 'first_line_contraindicated',
} as const satisfies Record<string, ClinicalFinding>;
registerEnumType(InsuranceClassEnum, { name: 'InsuranceClass', description: '医保 column: 甲类 / 乙类 / 限制药' });
registerEnumType(RestrictionKindEnum, { name: 'RestrictionConditionKind' });
registerEnumType(RestrictedDiabetesTypeEnum, { name: 'RestrictedDiabetesType' });
registerEnumType(ClinicalFindingEnum, { name: 'ClinicalFinding' });

@InputType()
class CatalogueFormInput {
  @Field(() => DosageFormEnum) form!: 'oral' | 'injection';
  @Field(() => Boolean, { description: '可延伸至村级' }) villageLevel!: boolean;
}

@InputType()
class RestrictionConditionInput {
  @Field(() => RestrictionKindEnum) kind!: RestrictionCondition['kind'];
  @Field(() => RestrictedDiabetesTypeEnum, { nullable: true }) diabetesType?: 'type1' | 'type2' | null;
  @Field(() => ClinicalFindingEnum, { nullable: true }) finding?: ClinicalFinding | null;
}

@InputType()
class RestrictionInput {
  @Field(() => String, { description: 'the 备注 text exactly as printed' }) text!: string;
  @Field(() => [[RestrictionConditionInput]], { description: 'met when every condition of any one alternative holds' }) anyOf!: RestrictionConditionInput[][];
}

@InputType()
class CatalogueRowInput {
  @Field(() => Int, { description: '序号' }) sourceRow!: number;
  @Field(() => DiseaseEnum) disease!: 'hypertension' | 'diabetes';
  @Field(() => String, { description: 'key into the drug reference table' }) drugCode!: string;
  @Field(() => String, { description: 'the corrected generic name' }) name!: string;
  @Field(() => String, { nullable: true, description: '药品名称 as printed; the name when absent' }) nameAsPrinted?: string | null;
  @Field(() => String, { nullable: true }) correction?: string | null;
  @Field(() => String, { nullable: true }) formsAsPrinted?: string | null;
  @Field(() => [CatalogueFormInput]) forms!: CatalogueFormInput[];
  @Field(() => Boolean, { description: '基药 √' }) essential!: boolean;
  @Field(() => InsuranceClassEnum, { nullable: true, description: 'null where the list leaves the column empty' }) insuranceClass?:
    'A' | 'B' | 'restricted' | null;
  @Field(() => RestrictionInput, { nullable: true }) restriction?: RestrictionInput | null;
  @Field(() => String, { nullable: true, description: '使用范围 as printed' }) scopeAsPrinted?: string | null;
}

@ObjectType()
class CatalogueVersionForm {
  @Field(() => DosageFormEnum) form!: string;
  @Field(() => Boolean) villageLevel!: boolean;
}

@ObjectType()
class CatalogueVersionRow {
  @Field(() => Int) sourceRow!: number;
  @Field(() => DiseaseEnum) disease!: string;
  @Field(() => String) drugCode!: string;
  @Field(() => String) name!: string;
  @Field(() => String) nameAsPrinted!: string;
  @Field(() => String) formsAsPrinted!: string;
  @Field(() => [CatalogueVersionForm]) forms!: CatalogueVersionForm[];
  @Field(() => Boolean) essential!: boolean;
  @Field(() => InsuranceClassEnum, { nullable: true }) insuranceClass!: string | null;
  @Field(() => String, { nullable: true, description: 'the 备注 as printed' }) restriction!: string | null;
  @Field(() => String, { nullable: true }) scopeAsPrinted!: string | null;
}

@ObjectType()
class CatalogueVersionInfo {
  @Field(() => String) id!: string;
  @Field(() => String) cityCode!: string;
  @Field(() => String) title!: string;
  @Field(() => String) effectiveFrom!: string;
  @Field(() => String) sourceDocument!: string;
  @Field(() => String) sourceSection!: string;
  @Field(() => Int) rowCount!: number;
  @Field(() => Boolean, { description: 'false for a version that ships with the rule set (第一版)' }) loaded!: boolean;
  @Field(() => String, { nullable: true }) loadedBy!: string | null;
  @Field(() => String, { nullable: true }) loadedAt!: string | null;
  @Field(() => [CatalogueVersionRow]) rows!: CatalogueVersionRow[];
}

@ObjectType()
class LoadCatalogueVersionResult {
  @Field(() => CatalogueVersionInfo) version!: CatalogueVersionInfo;
  @Field(() => Boolean, { description: 'true when the same version had been loaded before: nothing changed' }) replayed!: boolean;
}

@ObjectType()
class CatalogueRowChange {
  @Field(() => String) key!: string;
  @Field(() => [String], { description: 'the fields that differ' }) fields!: string[];
  @Field(() => CatalogueVersionRow) before!: CatalogueVersionRow;
  @Field(() => CatalogueVersionRow) after!: CatalogueVersionRow;
}

@ObjectType()
class CatalogueDiff {
  @Field(() => CatalogueVersionInfo) from!: CatalogueVersionInfo;
  @Field(() => CatalogueVersionInfo) to!: CatalogueVersionInfo;
  @Field(() => [CatalogueVersionRow]) added!: CatalogueVersionRow[];
  @Field(() => [CatalogueVersionRow]) removed!: CatalogueVersionRow[];
  @Field(() => [CatalogueRowChange]) changed!: CatalogueRowChange[];
}

const rowView = (r: CatalogueRow): CatalogueVersionRow => ({
  sourceRow: r.sourceRow,
  disease: r.disease,
  drugCode: r.drugCode,
  name: r.name,
  nameAsPrinted: r.nameAsPrinted,
  formsAsPrinted: r.formsAsPrinted,
  forms: r.forms.map((f) => ({ form: f.form, villageLevel: f.villageLevel })),
  essential: r.essential,
  insuranceClass: r.insuranceClass,
  restriction: r.restriction?.text ?? null,
  scopeAsPrinted: r.scopeAsPrinted,
});

const versionView = (v: VersionSummary): CatalogueVersionInfo => ({
  ...v,
  loadedAt: v.loadedAt === null ? null : new Date(v.loadedAt).toISOString(),
  rows: v.rows.map(rowView),
});

function toRow(r: CatalogueRowInput): CatalogueRow {
  const conditions = (alt: RestrictionConditionInput[]): RestrictionCondition[] =>
    alt.map((c): RestrictionCondition => {
      switch (c.kind) {
        case 'diabetes_type':
          return { kind: 'diabetes_type', type: c.diabetesType! };
        case 'finding':
          return { kind: 'finding', finding: c.finding! };
        case 'at_first_fill':
          return { kind: 'at_first_fill', finding: c.finding! };
        case 'second_line':
          return { kind: 'second_line' };
      }
    });
  return {
    sourceRow: r.sourceRow,
    disease: r.disease,
    drugCode: r.drugCode,
    nameAsPrinted: r.nameAsPrinted ?? r.name,
    name: r.name,
    ...(r.correction ? { correction: r.correction } : {}),
    formsAsPrinted: r.formsAsPrinted ?? r.forms.map((f) => (f.form === 'oral' ? '口服剂型' : '注射剂')).join('、'),
    forms: r.forms.map((f) => ({ form: f.form, villageLevel: f.villageLevel })),
    essential: r.essential,
    insuranceClass: r.insuranceClass ?? null,
    restriction: r.restriction == null ? null : { text: r.restriction.text, anyOf: r.restriction.anyOf.map(conditions) },
    scopeAsPrinted: r.scopeAsPrinted ?? null,
  };
}

@Resolver()
export class CatalogueResolver {
  @Mutation(() => LoadCatalogueVersionResult, {
    description: 'Load a new catalogue version (the expert panel’s adjustment, G-6); claims on or after its date are judged by it',
  })
  async loadCatalogueVersion(
    @Ctx() ctx: Context,
    @Arg('cityCode', () => String) cityCode: string,
    @Arg('effectiveFrom', () => String) effectiveFrom: string,
    @Arg('rows', () => [CatalogueRowInput]) rows: CatalogueRowInput[],
    @Arg('title', () => String, { nullable: true }) title: string | null,
    @Arg('sourceDocument', () => String, { nullable: true, description: 'the document that adjusts the catalogue' }) sourceDocument: string | null,
    @Arg('sourceSection', () => String, { nullable: true }) sourceSection: string | null,
  ): Promise<LoadCatalogueVersionResult> {
    const r = await ctx.services.catalogueVersions.load(ctx.em, scopeOf(ctx), {
      cityCode,
      effectiveFrom,
      title,
      sourceDocument,
      sourceSection,
      rows: rows.map(toRow),
    });
    return { version: versionView(r.version), replayed: r.replayed };
  }

  @Query(() => [CatalogueVersionInfo], {
    description: 'The catalogue versions of a city, oldest first: the one that ships with the rule set and those loaded since',
  })
  async catalogueVersions(@Ctx() ctx: Context, @Arg('cityCode', () => String) cityCode: string): Promise<CatalogueVersionInfo[]> {
    return (await ctx.services.catalogueVersions.versions(ctx.em, scopeOf(ctx), cityCode)).map(versionView);
  }

  @Query(() => CatalogueDiff, { description: 'Rows added, removed and changed between two catalogue versions' })
  async catalogueDiff(
    @Ctx() ctx: Context,
    @Arg('cityCode', () => String) cityCode: string,
    @Arg('fromVersion', () => String) fromVersion: string,
    @Arg('toVersion', () => String) toVersion: string,
  ): Promise<CatalogueDiff> {
    const d = await ctx.services.catalogueVersions.diff(ctx.em, scopeOf(ctx), cityCode, fromVersion, toVersion);
    return {
      from: versionView(d.from),
      to: versionView(d.to),
      added: d.added.map(rowView),
      removed: d.removed.map(rowView),
      changed: d.changed.map((c) => ({ key: c.key, fields: c.fields, before: rowView(c.before), after: rowView(c.after) })),
    };
  }
}
