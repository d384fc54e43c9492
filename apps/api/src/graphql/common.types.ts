/** GraphQL object types shared by several modules. Explicit types on every field: no decorator metadata. */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { FenScalar } from './scalars';
import { DiseaseFilterEnum, InstitutionLevelEnum, ReadSourceEnum, RegionLevelEnum, ReplicaStateEnum, RoleEnum } from './enums';

@ObjectType()
export class Region {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => RegionLevelEnum) level!: string;
  @Field(() => String, { nullable: true }) parentCode!: string | null;
  @Field(() => String) cityCode!: string;
  @Field(() => String, { nullable: true, description: 'from this date it takes no new patients or institutions' }) closedOn!: string | null;
  @Field(() => [Region]) children!: Region[];
}

@ObjectType()
export class IndicatorDefinition {
  @Field(() => String) id!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String) numeratorZh!: string;
  @Field(() => String) numeratorEn!: string;
  @Field(() => String) denominatorZh!: string;
  @Field(() => String) denominatorEn!: string;
  @Field(() => String, { description: 'the window in English (windowZh: in Chinese)' }) window!: string;
  @Field(() => String, { description: '统计期: the window in Chinese' }) windowZh!: string;
  @Field(() => String) source!: string;
  @Field(() => String, { nullable: true, description: 'the version that replaced this definition; null for the version in force' }) supersededBy!:
    string | null;
}

@ObjectType({ description: 'What a count or sum the dashboard or the 附件5 report shows counts: one name, one definition' })
export class FigureDefinition {
  @Field(() => String) id!: string;
  @Field(() => String, { description: 'the IndicatorSet field it describes, or report.<column> for a 附件5 column of its own' }) key!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String) definitionZh!: string;
  @Field(() => String) definitionEn!: string;
  @Field(() => String) windowZh!: string;
  @Field(() => String) windowEn!: string;
  @Field(() => String) source!: string;
}

@ObjectType()
export class Rate {
  @Field(() => Float) numerator!: number;
  @Field(() => Float, { nullable: true, description: 'null when it cannot be known: awareness without a population figure (see unavailableReason)' })
  denominator!: number | null;
  @Field(() => Float, { nullable: true, description: 'null when the denominator is 0 or unknown' }) rate!: number | null;
  @Field(() => String) definitionId!: string;
  @Field(() => String, { nullable: true, description: 'why the denominator is unknown, e.g. "no population figure for 320213 in 2026"; null when known' })
  unavailableReason?: string | null;
  @Field(() => String, { nullable: true, description: 'the same reason in Chinese (中文原因), for the bureau’s screens; null when known' })
  unavailableReasonZh?: string | null;
  @Field(() => [String], { nullable: true, description: 'the districts without a population figure for the year (awareness)' }) missingDistricts?: string[];
}

@ObjectType()
export class Period {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: 'null for a whole year' }) quarter!: number | null;
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
}

@ObjectType()
export class IndicatorSet {
  @Field(() => Rate, { description: '知晓率' }) awareness!: Rate;
  @Field(() => Rate, { description: '规范化管理率' }) standardisedManagement!: Rate;
  @Field(() => Rate, { description: '合理用药率' }) rationalMedication!: Rate;
  @Field(() => Rate, { description: '血压控制率' }) bloodPressureControl!: Rate;
  @Field(() => Rate, { description: '血糖控制率' }) glucoseControl!: Rate;
  @Field(() => Rate, { description: '保障覆盖率' }) benefitCoverage!: Rate;
  @Field(() => Rate, { description: '实际报销比例 (fen / fen)' }) reimbursementRatio!: Rate;
  @Field(() => Rate, { description: '用药依从性 PDC >= 80%' }) adherence!: Rate;
  @Field(() => Rate, {
    description: '家庭医生签约覆盖率: managed patients with a family-doctor signing in force at the period end (ours, family-doctor-signing.v1)',
  })
  familyDoctorSigning!: Rate;
  @Field(() => Int, { nullable: true, description: 'null where no population figure gives it (see awareness.unavailableReason)' }) estimatedPatients!:
    number | null;
  @Field(() => Int) knownPatients!: number;
  @Field(() => Int) managedPatients!: number;
  @Field(() => Int) certifiedPatients!: number;
  @Field(() => Int) standardManagedPatients!: number;
  @Field(() => Int) controlledPatients!: number;
  @Field(() => Int, { description: '待遇享受人数' }) beneficiaries!: number;
  @Field(() => Int, { description: '待遇享受人次' }) benefitUses!: number;
  @Field(() => FenScalar, { description: '药品费用' }) drugCostFen!: number;
  @Field(() => FenScalar) compliantCostFen!: number;
  @Field(() => FenScalar, { description: '基金支付' }) fundPaidFen!: number;
}

@ObjectType()
export class Institution {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => InstitutionLevelEnum) level!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => String) cityCode!: string;
  @Field(() => String, { nullable: true }) consortiumId!: string | null;
  @Field(() => Boolean, { description: 'qualified to treat 两病 today (G-5); claims are judged by twoDiseaseTreatment as of their date' })
  canTreatTwoDiseases!: boolean;
  @Field(() => Boolean) insuranceDesignated!: boolean;
  @Field(() => String, { nullable: true }) streetCode!: string | null;
  @Field(() => Boolean, { description: '异地联网结算 (W-7)' }) networkedOutOfArea!: boolean;
  @Field(() => String, { nullable: true, description: 'from this date it takes no claims or designations' }) closedOn!: string | null;
}

@ObjectType()
export class RegionIndicators {
  @Field(() => Region) region!: Region;
  @Field(() => IndicatorSet) indicators!: IndicatorSet;
}

@ObjectType()
export class Statistics {
  @Field(() => Region) region!: Region;
  @Field(() => Period) period!: Period;
  @Field(() => DiseaseFilterEnum) disease!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'set when the figures are this institution’s within the region, not the region’s: an institution operator reads its own institution only (no children, no awareness denominator)',
  })
  institutionId!: string | null;
  @Field(() => IndicatorSet) indicators!: IndicatorSet;
  @Field(() => [RegionIndicators], { description: 'one entry per child region (districts of a city, streets of a district)' }) children!: RegionIndicators[];
  @Field(() => [FigureDefinition], {
    description:
      'the definitions of the counts and sums of IndicatorSet (managedPatients, standardManagedPatients, beneficiaries, benefitUses, drugCostFen, fundPaidFen), keyed by field',
  })
  figureDefinitions!: FigureDefinition[];
  @Field(() => String, {
    description:
      'ISO 8601: the figures reflect every write committed before then (read from the primary: when the read began; from the replica: how far it had replayed)',
  })
  dataAsOf!: string;
  @Field(() => ReadSourceEnum, { description: 'the database the figures were read from: the read replica while it serves, else the primary' }) source!: string;
  @Field(() => ReplicaStateEnum, { description: 'the read replica’s state when the figures were read' }) replicaState!: string;
  @Field(() => Float, { nullable: true, description: 'how many seconds the read replica was behind the primary; null with no replica or none reachable' })
  replicaLagSeconds!: number | null;
}

@ObjectType()
export class TrendPoint {
  @Field(() => Period) period!: Period;
  @Field(() => IndicatorSet) indicators!: IndicatorSet;
}

@ObjectType()
export class InstitutionIndicators {
  @Field(() => Institution) institution!: Institution;
  @Field(() => IndicatorSet) indicators!: IndicatorSet;
}

@ObjectType()
export class Viewer {
  @Field(() => String) userId!: string;
  @Field(() => RoleEnum) role!: string;
  @Field(() => String) cityCode!: string;
  @Field(() => String, { nullable: true, description: 'null for city-wide roles' }) districtCode!: string | null;
  @Field(() => String, { nullable: true }) institutionId!: string | null;
}
