/** GraphQL types of configuration values, shared by the results that say which values they used. */
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { ResolvedSetting } from '../modules/settings/settings.reader';
import type { SettingSource } from '../modules/settings/settings.types';

@ObjectType({ description: 'Where a configuration value comes from' })
export class ConfigurationSource {
  @Field(() => String, {
    description:
      'document (a document and section), bureau (a decision of the bureau, in note) or seed (the code’s shipped default, with the citation of that constant)',
  })
  kind!: string;
  @Field(() => String, { nullable: true }) document!: string | null;
  @Field(() => String, { nullable: true }) section!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: 'A configuration value as a result used it: the value in force on the result’s date' })
export class SettingUsed {
  @Field(() => String, { description: 'e.g. monitoring.earlyRefillDaysLeft' }) key!: string;
  @Field(() => GraphQLJSON) value!: unknown;
  @Field(() => String) unit!: string;
  @Field(() => String, { description: 'YYYY-MM-DD: the value is in force from this date until the next dated value' }) validFrom!: string;
  @Field(() => String, { nullable: true, description: 'the district whose own value this is; null for the city’s' }) districtCode!: string | null;
  @Field(() => ConfigurationSource) source!: ConfigurationSource;
  @Field(() => String, { nullable: true, description: 'who set it; null for a seed not yet written for the city' }) setBy!: string | null;
}

export const sourceView = (s: SettingSource): ConfigurationSource => ({ kind: s.kind, document: s.document, section: s.section, note: s.note });
export const settingView = (r: ResolvedSetting): SettingUsed => ({
  key: r.key,
  value: r.value,
  unit: r.unit,
  validFrom: r.validFrom,
  districtCode: r.districtCode,
  source: sourceView(r.source),
  setBy: r.setBy,
});
