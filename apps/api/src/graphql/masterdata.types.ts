/** GraphQL inputs and outputs of the master data (issue #16). Explicit types on every field: no decorator metadata. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { InstitutionLevelEnum, RegionLevelEnum } from './enums';

@InputType()
export class CreateRegionInput {
  @Field(() => String, { description: 'six digits for a district (县级), nine or twelve for a street or township (乡级)' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => RegionLevelEnum, { description: 'DISTRICT or STREET' }) level!: 'city' | 'district' | 'street';
  @Field(() => String, { description: 'the city of a district, the district of a street' }) parentCode!: string;
  @Field(() => Boolean, { defaultValue: true, description: 'false for a code the division list does not give: its prefix is not checked' })
  standardCode!: boolean;
}

@InputType()
export class CreateInstitutionInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => InstitutionLevelEnum) level!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => String, { nullable: true }) streetCode?: string | null;
  @Field(() => String, { nullable: true, description: '医联体/医共体' }) consortiumId?: string | null;
  @Field(() => Boolean, { description: '医保定点' }) insuranceDesignated!: boolean;
  @Field(() => Boolean, { defaultValue: false, description: '异地联网结算 (W-7)' }) networkedOutOfArea!: boolean;
  @Field(() => String, { nullable: true, description: 'qualified to treat 两病 from this date (G-5 五(二)4); with twoDiseaseTreatmentSource' })
  twoDiseaseTreatmentFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'the decision that qualifies it' }) twoDiseaseTreatmentSource?: string | null;
}

@InputType()
export class UpdateInstitutionInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => InstitutionLevelEnum, { nullable: true }) level?: string;
  @Field(() => String, { nullable: true, description: 'null clears it' }) streetCode?: string | null;
  @Field(() => String, { nullable: true, description: 'null clears it' }) consortiumId?: string | null;
  @Field(() => Boolean, { nullable: true }) insuranceDesignated?: boolean;
  @Field(() => Boolean, { nullable: true }) networkedOutOfArea?: boolean;
}

@ObjectType()
export class TwoDiseaseTreatmentGrant {
  @Field(() => String, { nullable: true, description: 'null: qualified before dated history was kept' }) grantedFrom!: string | null;
  @Field(() => String) grantSource!: string;
  @Field(() => String) grantedBy!: string;
  @Field(() => String, { nullable: true, description: 'not qualified from this date on' }) withdrawnOn!: string | null;
  @Field(() => String, { nullable: true }) withdrawalReason!: string | null;
  @Field(() => String, { nullable: true }) withdrawnBy!: string | null;
}

@InputType()
export class ImportInstitutionsInput {
  @Field(() => String, { nullable: true }) csv?: string | null;
  @Field(() => String, { nullable: true }) excelBase64?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'store the good rows and report the bad ones; otherwise any bad row refuses the file' })
  acceptValidRows!: boolean;
}

@ObjectType()
export class InstitutionImportProblem {
  @Field(() => Int, { description: 'the row number in the file' }) rowNo!: number;
  @Field(() => String, { description: 'the column, by its Chinese header' }) column!: string;
  @Field(() => String) code!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String) messageZh!: string;
}

@ObjectType()
export class InstitutionImportResult {
  @Field(() => Boolean, { description: 'false when bad rows refused the file: nothing was stored' }) applied!: boolean;
  @Field(() => Int) totalRows!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int, { description: 'rows that matched what is stored: the same file again is all unchanged' }) unchanged!: number;
  @Field(() => Int) granted!: number;
  @Field(() => Int) withdrawn!: number;
  @Field(() => [InstitutionImportProblem]) problems!: InstitutionImportProblem[];
  @Field(() => String) contentHash!: string;
}

@InputType()
export class SetPopulationFigureInput {
  @Field(() => String) districtCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'resident population aged ≥ 35' }) population35Plus!: number;
  @Field(() => Int, { description: 'hypertension prevalence among them, basis points (1 % = 100)' }) hypertensionPrevalenceBp!: number;
  @Field(() => Int, { description: 'diabetes prevalence among them, basis points' }) diabetesPrevalenceBp!: number;
  @Field(() => Int, { nullable: true, description: 'a survey’s awareness of hypertension, basis points, where one exists' }) surveyAwarenessHypertensionBp?:
    number | null;
  @Field(() => Int, { nullable: true }) surveyAwarenessDiabetesBp?: number | null;
  @Field(() => String, { description: 'where the population and prevalence come from (census, survey, document and section)' }) source!: string;
  @Field(() => String, { nullable: true, description: 'the survey the awareness values come from; required with them' }) surveyAwarenessSource?: string | null;
}

@ObjectType()
export class PopulationFigure {
  @Field(() => String) districtCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '1 for the first value set; 0 for a figure loaded directly, without history' }) revision!: number;
  @Field(() => Int) population35Plus!: number;
  @Field(() => Int) hypertensionPrevalenceBp!: number;
  @Field(() => Int) diabetesPrevalenceBp!: number;
  @Field(() => Int, { description: 'population35Plus × hypertensionPrevalenceBp / 10000, rounded down, as the awareness denominator uses it' })
  estimatedHypertensionPatients!: number;
  @Field(() => Int) estimatedDiabetesPatients!: number;
  @Field(() => Int, { nullable: true }) surveyAwarenessHypertensionBp!: number | null;
  @Field(() => Int, { nullable: true }) surveyAwarenessDiabetesBp!: number | null;
  @Field(() => String) source!: string;
  @Field(() => String, { nullable: true }) surveyAwarenessSource!: string | null;
  @Field(() => String, { nullable: true }) setBy!: string | null;
  @Field(() => String) setAt!: string;
}
