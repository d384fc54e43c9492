/** Configuration as data (issue 16): the values in force with their history, the dashboard's targets, and dated changes by the city's leadership. */
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { StoredSetting } from '../modules/settings/settings.repository';
import type { ConfigurationEntry as Entry } from '../modules/settings/settings.service';
import type { Context } from './context';
import { scopeOf } from './guard';
import { ConfigurationSource, settingView, SettingUsed, sourceView } from './settings.types';

const SourceKindEnum = { DOCUMENT: 'document', BUREAU: 'bureau' } as const;
registerEnumType(SourceKindEnum, {
  name: 'ConfigurationSourceKind',
  description: 'DOCUMENT: a document and its section; BUREAU: a decision of the bureau, said in note',
});

@InputType()
class ConfigurationSourceInput {
  @Field(() => SourceKindEnum) kind!: 'document' | 'bureau';
  @Field(() => String, { nullable: true, description: 'required for DOCUMENT, 1–200 characters' }) document?: string | null;
  @Field(() => String, { nullable: true, description: 'required for DOCUMENT, 1–100 characters' }) section?: string | null;
  @Field(() => String, { nullable: true, description: 'required for BUREAU: the decision and its date, 1–1000 characters' }) note?: string | null;
}

@ObjectType({ description: 'One dated row of a configuration key: never overwritten, a change is a new row' })
class ConfigurationRow {
  @Field(() => String) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true, description: 'null: the city’s value' }) districtCode!: string | null;
  @Field(() => String, { description: 'YYYY-MM-DD' }) validFrom!: string;
  @Field(() => GraphQLJSON) value!: unknown;
  @Field(() => ConfigurationSource) source!: ConfigurationSource;
  @Field(() => String) setBy!: string;
  @Field(() => String, { description: 'when the row was written (ISO timestamp)' }) setAt!: string;
}

@ObjectType({ description: 'A configuration key of a city: what it is, its value in force on the date asked, and its history' })
class ConfigurationEntry {
  @Field(() => String) key!: string;
  @Field(() => String) unit!: string;
  @Field(() => String, { description: 'the value’s type and range' }) type!: string;
  @Field(() => String) descriptionZh!: string;
  @Field(() => String) descriptionEn!: string;
  @Field(() => Boolean, { description: 'a district may have its own value, which takes precedence for it' }) perDistrict!: boolean;
  @Field(() => String, {
    description:
      'what the seed is: cited or interpretation (from a source), default (the code’s working default for a number the sources leave open), placeholder (a demo figure: unset in production)',
  })
  seedBasis!: string;
  @Field(() => Boolean, {
    description: 'false: no value in force (a placeholder in production, or a date before any value); what uses it answers NOT_CONFIGURED',
  })
  configured!: boolean;
  @Field(() => GraphQLJSON, { nullable: true }) value!: unknown;
  @Field(() => String, { nullable: true }) validFrom!: string | null;
  @Field(() => String, { nullable: true, description: 'the district whose own value is in force; null for the city’s' }) districtCode!: string | null;
  @Field(() => ConfigurationSource, { nullable: true }) source!: ConfigurationSource | null;
  @Field(() => String, { nullable: true }) setBy!: string | null;
  @Field(() => GraphQLJSON, { description: 'the seed value the code ships' }) seedValue!: unknown;
  @Field(() => [ConfigurationRow], { description: 'every row of the key (the city’s and the readable districts’), oldest first' }) history!: ConfigurationRow[];
}

@ObjectType({ description: 'The target a headline rate is compared with on the dashboard (G-11), and where it comes from' })
class HeadlineTarget {
  @Field(() => String, { description: 'awareness, standardisedManagement or rationalMedication' }) indicator!: string;
  @Field(() => String, { description: 'the configuration key, e.g. dashboard.target.standardisedManagement' }) key!: string;
  @Field(() => Float, { nullable: true, description: 'a share 0–1; null when no target is set (production before the bureau sets one)' }) value!: number | null;
  @Field(() => SettingUsed, { nullable: true }) setting!: SettingUsed | null;
}

const rowView = (r: StoredSetting): ConfigurationRow => ({
  id: r.id,
  key: r.key,
  districtCode: r.districtCode,
  validFrom: r.validFrom,
  value: r.value,
  source: sourceView(r.source),
  setBy: r.setBy,
  setAt: r.setAt,
});

const entryView = (e: Entry): ConfigurationEntry => ({
  key: e.definition.key,
  unit: e.definition.unit,
  type: e.type,
  descriptionZh: e.definition.descriptionZh,
  descriptionEn: e.definition.descriptionEn,
  perDistrict: e.definition.perDistrict,
  seedBasis: e.seedBasis,
  configured: e.inForce !== null,
  value: e.inForce?.value ?? null,
  validFrom: e.inForce?.validFrom ?? null,
  districtCode: e.inForce?.districtCode ?? null,
  source: e.inForce === null ? null : sourceView(e.inForce.source),
  setBy: e.inForce?.setBy ?? null,
  seedValue: e.definition.seed.value,
  history: e.history.map(rowView),
});

@Resolver()
export class SettingsResolver {
  @Query(() => [ConfigurationEntry], {
    description:
      'Every configuration key of a city with its value in force on the date, its source and its history. City leadership, auditors and the city’s district bureaus.',
  })
  async configuration(
    @Ctx() ctx: Context,
    @Arg('cityCode', () => String) cityCode: string,
    @Arg('date', () => String, { description: 'YYYY-MM-DD' }) date: string,
    @Arg('districtCode', () => String, { nullable: true, description: 'resolve for this district: its own values where a key allows them' })
    districtCode: string | null,
  ): Promise<ConfigurationEntry[]> {
    return (await ctx.services.settings.configuration(ctx.em, scopeOf(ctx), cityCode, date, districtCode ?? null)).map(entryView);
  }

  @Query(() => [HeadlineTarget], {
    description: 'The targets the dashboard compares the three headline rates with (G-11), in force at the period’s end, with their source',
  })
  async headlineTargets(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int, { nullable: true }) quarter: number | null,
  ): Promise<HeadlineTarget[]> {
    const targets = await ctx.services.settings.headlineTargets(ctx.em, scopeOf(ctx), regionCode, year, quarter ?? null);
    return targets.map((t) => ({
      indicator: t.indicator,
      key: t.key,
      value: t.setting === null ? null : (t.setting.value as number),
      setting: t.setting === null ? null : settingView(t.setting),
    }));
  }

  @Mutation(() => ConfigurationRow, {
    description:
      'Set a configuration value from a date, with its source: a new dated row (history is never overwritten), validated against the key’s type, audited. The city’s leadership only.',
  })
  async setConfigurationValue(
    @Ctx() ctx: Context,
    @Arg('key', () => String) key: string,
    @Arg('cityCode', () => String) cityCode: string,
    @Arg('validFrom', () => String, { description: 'YYYY-MM-DD: results for dates from this one use the value; earlier ones keep theirs' }) validFrom: string,
    @Arg('value', () => GraphQLJSON) value: unknown,
    @Arg('source', () => ConfigurationSourceInput) source: ConfigurationSourceInput,
    @Arg('districtCode', () => String, { nullable: true, description: 'a district’s own value, for keys that allow one' }) districtCode: string | null,
  ): Promise<ConfigurationRow> {
    return rowView(await ctx.services.settings.set(ctx.em, scopeOf(ctx), { key, cityCode, districtCode: districtCode ?? null, validFrom, value, source }));
  }
}
