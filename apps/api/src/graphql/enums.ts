/** GraphQL enums; names are the API's, values are the core's and the database's. */
import { registerEnumType } from 'type-graphql';

export const DiseaseEnum = { HYPERTENSION: 'hypertension', DIABETES: 'diabetes' } as const;
export const DiseaseFilterEnum = { HYPERTENSION: 'HYPERTENSION', DIABETES: 'DIABETES', BOTH: 'BOTH', ALL: 'ALL' } as const;
export const RegionLevelEnum = { CITY: 'city', DISTRICT: 'district', STREET: 'street' } as const;
export const InstitutionLevelEnum = {
  VILLAGE_CLINIC: 'village_clinic',
  COMMUNITY_HEALTH_STATION: 'community_health_station',
  TOWNSHIP_HEALTH_CENTRE: 'township_health_centre',
  COMMUNITY_HEALTH_CENTRE: 'community_health_centre',
  LEVEL2_HOSPITAL: 'level2_hospital',
  LEVEL3_HOSPITAL: 'level3_hospital',
} as const;
export const RoleEnum = {
  CITY_LEADERSHIP: 'city_leadership',
  DISTRICT_BUREAU: 'district_bureau',
  INSTITUTION_OPERATOR: 'institution_operator',
  AUDITOR: 'auditor',
} as const;
export const BenefitCategoryEnum = { SPECIAL: 'special', CHRONIC_PROGRAMME: 'chronic_programme' } as const;
export const PathwayEnum = {
  DESIGNATED: 'designated',
  REFERRAL: 'referral',
  EMERGENCY: 'emergency',
  OUT_OF_AREA: 'out_of_area',
  EXTENSION: 'extension',
} as const;
export const DosageFormEnum = { ORAL: 'oral', INJECTION: 'injection' } as const;
export const SchemeEnum = { RESIDENT: 'resident', EMPLOYEE: 'employee', UNINSURED: 'uninsured' } as const;
export const SexEnum = { MALE: 'male', FEMALE: 'female' } as const;
export const DiabetesTypeEnum = { TYPE1: 'type1', TYPE2: 'type2', OTHER: 'other' } as const;
export const ClaimStatusEnum = { ACCEPTED: 'accepted', REVERSED: 'reversed' } as const;
export const ReadSourceEnum = { PRIMARY: 'primary', REPLICA: 'replica' } as const;
export const ReplicaStateEnum = { NONE: 'none', SERVING: 'serving', BEHIND: 'behind', UNREACHABLE: 'unreachable' } as const;

registerEnumType(DiseaseEnum, { name: 'Disease' });
registerEnumType(DiseaseFilterEnum, { name: 'DiseaseFilter', description: 'BOTH = patients with both diseases; ALL = everyone in the programme' });
registerEnumType(RegionLevelEnum, { name: 'RegionLevel' });
registerEnumType(InstitutionLevelEnum, { name: 'InstitutionLevel' });
registerEnumType(RoleEnum, { name: 'Role' });
registerEnumType(BenefitCategoryEnum, { name: 'BenefitCategory' });
registerEnumType(PathwayEnum, { name: 'Pathway' });
registerEnumType(DosageFormEnum, { name: 'DosageForm' });
registerEnumType(SchemeEnum, { name: 'InsuranceScheme' });
registerEnumType(SexEnum, { name: 'Sex' });
registerEnumType(DiabetesTypeEnum, { name: 'DiabetesType' });
registerEnumType(ClaimStatusEnum, { name: 'ClaimStatus' });
registerEnumType(ReadSourceEnum, { name: 'ReadSource', description: 'the database an answer was read from' });
registerEnumType(ReplicaStateEnum, {
  name: 'ReplicaState',
  description:
    'NONE = no read replica configured; SERVING = within REPLICA_MAX_LAG_SECONDS, reads go to it; BEHIND = further behind than that, reads go to the primary; UNREACHABLE = gone, reads go to the primary',
});
