/** GraphQL types of the clinical records: source prescriptions (G-5), referrals (W-6), findings, the general-outpatient feed (W-3). */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DiseaseEnum } from './enums';
import { FenScalar } from './scalars';

@InputType()
export class RecordPrescriptionInput {
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { description: 'the level-2-or-higher institution that issued it (G-5 五(二)4)' }) institutionId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) issuedOn!: string;
  @Field(() => [String], {
    description: 'drug reference codes or generic names (氨氯地平, amlodipine); each must be in the catalogue of the patient’s city in force on issuedOn',
  })
  drugs!: string[];
  @Field(() => [DiseaseEnum]) diseases!: ('hypertension' | 'diabetes')[];
  @Field(() => String, { nullable: true, description: '处方号: the same number sent again is a replay' }) prescriptionNo?: string | null;
}

@ObjectType()
export class PrescriptionRecord {
  @Field(() => ID, { description: 'pass as sourcePrescriptionId of an extension claim' }) id!: string;
  @Field(() => String, { description: 'the patient’s district, which the record belongs to' }) districtCode!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => String) issuedOn!: string;
  @Field(() => [String]) drugCodes!: string[];
  @Field(() => [DiseaseEnum]) diseases!: string[];
  @Field(() => String, { nullable: true }) prescriptionNo!: string | null;
  @Field(() => String, { nullable: true, description: 'null for records of the demo loader' }) recordedBy!: string | null;
}

@ObjectType()
export class RecordPrescriptionResult {
  @Field(() => PrescriptionRecord) prescription!: PrescriptionRecord;
  @Field(() => Boolean, { description: 'the same prescription number was recorded before with the same content: nothing new was written' }) replayed!: boolean;
}

@InputType()
export class RecordReferralInput {
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { description: 'the referring institution: the patient’s designated primary institution (W-6 三(三))' }) fromInstitutionId!: string;
  @Field(() => ID, { description: 'the receiving designated hospital of the city' }) toInstitutionId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) issuedOn!: string;
  @Field(() => String, { nullable: true, description: 'last day it may be used; absent: no end (the sources set no validity period)' }) validUntil?:
    string | null;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class ReferralRecordType {
  @Field(() => ID) id!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) fromInstitutionId!: string;
  @Field(() => ID) toInstitutionId!: string;
  @Field(() => String) issuedOn!: string;
  @Field(() => String, { nullable: true }) validUntil!: string | null;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class RecordReferralResult {
  @Field(() => ReferralRecordType) referral!: ReferralRecordType;
  @Field(() => Boolean) replayed!: boolean;
}

@InputType()
export class RecordFindingInput {
  @Field(() => ID) patientId!: string;
  @Field(() => String, { description: 'one of clinicalFindingCodes' }) code!: string;
  @Field(() => String, { description: 'YYYY-MM-DD: in force from this day' }) recordedOn!: string;
  @Field(() => ID, { description: 'the institution that made the finding' }) institutionId!: string;
  @Field(() => String, { description: 'the document it rests on (出院记录, 超声心动图报告 …)' }) source!: string;
  @Field(() => String, { nullable: true, description: 'last day in force; absent: until retracted' }) validUntil?: string | null;
}

@ObjectType()
export class FindingRecord {
  @Field(() => ID) id!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) recordedOn!: string;
  @Field(() => String, { nullable: true }) validUntil!: string | null;
  @Field(() => ID, { nullable: true }) institutionId!: string | null;
  @Field(() => String) source!: string;
  @Field(() => String, { nullable: true, description: 'not in force from this day' }) retractedOn!: string | null;
  @Field(() => String, { nullable: true }) retractionReason!: string | null;
}

@ObjectType()
export class RecordFindingResult {
  @Field(() => FindingRecord) finding!: FindingRecord;
  @Field(() => Boolean) replayed!: boolean;
}

@ObjectType()
export class ClinicalRecordType {
  @Field(() => ID) patientId!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => [PrescriptionRecord]) prescriptions!: PrescriptionRecord[];
  @Field(() => [ReferralRecordType]) referrals!: ReferralRecordType[];
  @Field(() => [FindingRecord], { description: 'every finding with its history, retracted ones too' }) findings!: FindingRecord[];
  @Field(() => [String], { description: 'the finding codes in force on `on`' }) findingsInForce!: string[];
  @Field(() => String) on!: string;
}

@ObjectType()
export class FindingCodeDrug {
  @Field(() => String) drugCode!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String, { description: 'the 备注 as printed' }) restriction!: string;
}

@ObjectType()
export class FindingCodeType {
  @Field(() => String) code!: string;
  @Field(() => String) labelZh!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String) source!: string;
  @Field(() => [FindingCodeDrug], { description: 'drugs of the catalogue in force whose restriction the finding can meet' }) drugs!: FindingCodeDrug[];
}

@InputType()
export class GeneralOutpatientEntryInput {
  @Field(() => ID, { nullable: true, description: 'the patient id, or' }) patientId?: string | null;
  @Field(() => String, { nullable: true, description: '身份证号' }) residentId?: string | null;
  @Field(() => FenScalar, { description: 'the year’s general-outpatient fund paid so far (普通门诊基金已支付)' }) fundPaidFen!: number;
  @Field(() => Boolean, { description: '普通门诊待遇 used up' }) exhausted!: boolean;
}

@InputType()
export class GeneralOutpatientBatchInput {
  @Field(() => String, { nullable: true, description: 'the district of the feed; the viewer’s own when absent' }) districtCode?: string | null;
  @Field(() => Int) year!: number;
  @Field(() => String, { description: 'the day the figures are as of (YYYY-MM-DD); a row set by a later day’s feed is left alone' }) asOf!: string;
  @Field(() => [GeneralOutpatientEntryInput]) entries!: GeneralOutpatientEntryInput[];
  @Field(() => Boolean, { nullable: true, description: 'write the good rows when some are bad' }) acceptValidRows?: boolean | null;
}

@ObjectType()
export class FeedProblemType {
  @Field(() => Int, { description: 'the CSV line (header = 1), or the entry’s position from 1' }) rowNo!: number;
  @Field(() => String) code!: string;
  @Field(() => String) field!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String) messageZh!: string;
}

@ObjectType()
export class FeedCountsType {
  @Field(() => Int) entries!: number;
  @Field(() => Int, { description: 'rows whose figures changed' }) applied!: number;
  @Field(() => Int, { description: 'rows already holding these figures' }) unchanged!: number;
  @Field(() => Int, { description: 'rows a later day’s feed had set: left alone' }) stale!: number;
  @Field(() => Int, { description: 'rows refused (see problems)' }) refused!: number;
}

@ObjectType()
export class GeneralOutpatientFeedResult {
  @Field(() => ID, { nullable: true, description: 'null when nothing was written' }) feedId!: string | null;
  @Field(() => Boolean, { description: 'the same feed was recorded before: nothing changed' }) replayed!: boolean;
  @Field(() => FeedCountsType) counts!: FeedCountsType;
  @Field(() => [FeedProblemType]) problems!: FeedProblemType[];
}
