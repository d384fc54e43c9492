import type { Decision } from '@liangbing/policy';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FenScalar } from './scalars';
import { BenefitCategoryEnum, ClaimStatusEnum, DosageFormEnum, PathwayEnum } from './enums';
import { Institution } from './common.types';

@InputType()
export class ClaimLineInput {
  @Field(() => String) drugCode!: string;
  @Field(() => DosageFormEnum) form!: 'oral' | 'injection';
  @Field(() => Int) quantity!: number;
  @Field(() => Int) daysSupply!: number;
  @Field(() => FenScalar) amountFen!: number;
  @Field(() => String, {
    nullable: true,
    description:
      '规格 as dispensed (e.g. 5mg), matched against the payment standard in force (W 四(一)); without it, a drug whose standard has one strength takes that one',
  })
  strength?: string | null;
}

@InputType()
export class ClaimDeliveryInput {
  @Field(() => String, { description: 'the delivering enterprise’s 18-character 统一社会信用代码 (GB 32100-2015, check character validated)' })
  providerCode!: string;
  @Field(() => String, { description: 'its name, 1–100 characters' }) providerName!: string;
}

@ObjectType()
export class ClaimDelivery {
  @Field(() => String) providerCode!: string;
  @Field(() => String) providerName!: string;
}

@InputType()
export class SubmitClaimInput {
  @Field(() => String, { description: 'chosen by the submitter; a retry with the same key never pays twice' }) idempotencyKey!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) serviceDate!: string;
  @Field(() => PathwayEnum) pathway!: 'designated' | 'referral' | 'emergency' | 'out_of_area' | 'extension';
  @Field(() => ID, { nullable: true }) referralFromInstitutionId?: string | null;
  @Field(() => String, { nullable: true }) referralIssuedOn?: string | null;
  @Field(() => ID, { nullable: true }) sourcePrescriptionId?: string | null;
  @Field(() => Boolean, { nullable: true }) conditionStable?: boolean | null;
  @Field(() => ClaimDeliveryInput, {
    nullable: true,
    description: 'the drugs were delivered by a third party (第三方配送, Wuxi 四(二)); absent: dispensed at the counter',
  })
  delivery?: ClaimDeliveryInput | null;
  @Field(() => [ClaimLineInput]) lines!: ClaimLineInput[];
}

@ObjectType()
export class RuleHit {
  @Field(() => String) code!: string;
  @Field(() => String) ruleId!: string;
  @Field(() => String) section!: string;
  @Field(() => String) severity!: string;
  @Field(() => Int, { nullable: true }) lineNo!: number | null;
  @Field(() => String) messageZh!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String, { description: 'the rule’s document and section in Chinese, e.g. 《无锡市…意见》二（三）; empty where no text applies' })
  citationZh!: string;
  @Field(() => String, { description: '按《…》X，<messageZh>' }) textZh!: string;
}

@ObjectType()
export class TraceParameter {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field(() => String) kind!: string;
  @Field(() => String) document!: string;
  @Field(() => String) section!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) nameZh!: string;
  @Field(() => String) valueZh!: string;
  @Field(() => String) kindZh!: string;
  @Field(() => String) citationZh!: string;
  @Field(() => String, { nullable: true, description: 'the note in Chinese (the text’s own words, or our English note translated)' }) noteZh!: string | null;
}

@ObjectType()
export class TraceStep {
  @Field(() => String) ruleId!: string;
  @Field(() => String) section!: string;
  @Field(() => String) step!: string;
  @Field(() => String) result!: string;
  @Field(() => String, { nullable: true, description: 'the kind of step, recognised from its description (policy core zh/trace.ts)' }) kind!: string | null;
  @Field(() => String, { description: 'the step in Chinese, read from the stored trace' }) stepZh!: string;
  @Field(() => String) resultZh!: string;
  @Field(() => String, { description: '《无锡市…意见》四（二）; empty where the step cites no section' }) citationZh!: string;
  @Field(() => Int, { nullable: true }) lineNo!: number | null;
  @Field(() => [TraceParameter]) parameters!: TraceParameter[];
}

@ObjectType()
export class ClaimLine {
  @Field(() => Int) lineNo!: number;
  @Field(() => String) drugCode!: string;
  @Field(() => String) drugName!: string;
  @Field(() => DosageFormEnum) form!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int) daysSupply!: number;
  @Field(() => FenScalar) amountFen!: number;
  @Field(() => FenScalar) compliantFen!: number;
  @Field(() => FenScalar) fundFen!: number;
  @Field(() => FenScalar) patientFen!: number;
  @Field(() => FenScalar, {
    description:
      'the part of the amount above the payment standard (W 四(一)): submitted − standard × quantity, the patient’s own (within patientFen); 0 without a standard or within it',
  })
  overStandardFen!: number;
  @Field(() => [String]) hitCodes!: string[];
}

@ObjectType()
export class Claim {
  @Field(() => ID) id!: string;
  @Field(() => String) districtCode!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) institutionId!: string;
  @Field(() => Institution, { nullable: true }) institution!: Institution | null;
  @Field(() => String) serviceDate!: string;
  @Field(() => PathwayEnum) pathway!: string;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => ClaimStatusEnum) status!: string;
  @Field(() => String) outcome!: string;
  @Field(() => BenefitCategoryEnum) category!: string;
  @Field(() => Boolean) rationalUse!: boolean;
  @Field(() => FenScalar) amountFen!: number;
  @Field(() => FenScalar) compliantFen!: number;
  @Field(() => FenScalar) fundFen!: number;
  @Field(() => FenScalar) patientFen!: number;
  @Field(() => FenScalar) capFen!: number;
  @Field(() => FenScalar) capRemainingFen!: number;
  @Field(() => Int) ratioBp!: number;
  @Field(() => String, { nullable: true }) ruleSetId!: string | null;
  @Field(() => String, { nullable: true }) ruleSetVersion!: string | null;
  @Field(() => String, { nullable: true }) catalogueVersion!: string | null;
  @Field(() => String, { nullable: true }) overrideName!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'the overrides the claim was decided under, by their Chinese names (the deployment’s labelZh), joined by ＋; null when none',
  })
  overrideLabelZh!: string | null;
  @Field(() => [RuleHit]) hits!: RuleHit[];
  @Field(() => [ClaimLine]) lines!: ClaimLine[];
  @Field(() => [TraceStep], { description: 'the explanation: each step with its rule, section and the parameters used' }) explanation!: TraceStep[];
  @Field(() => Notice, {
    description:
      'the notice for the insured person (#20): what was paid and what they pay, the cap used and left, each rule that changed the amount, the next refill; the person masked as for the viewer',
  })
  notice!: Notice;
  @Field(() => String) rounding!: string;
  @Field(() => String, { nullable: true }) reversedAt!: string | null;
  @Field(() => String, { nullable: true }) reversalReason!: string | null;
  /** the stored decision, when the query that read the claim read it (not a GraphQL field) */
  decision!: Decision | null;
}

@ObjectType()
export class SubmitClaimResult {
  @Field(() => Claim) claim!: Claim;
  @Field(() => Boolean, { description: 'the key had been used with the same content: the stored decision is returned, nothing paid twice' }) replayed!: boolean;
}

@ObjectType()
export class BatchItemError {
  @Field(() => String) code!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => String) messageZh!: string;
  @Field(() => String, { nullable: true }) field!: string | null;
}

@ObjectType()
export class BatchClaimResult {
  @Field(() => Int) index!: number;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => SubmitClaimResult, { nullable: true }) result!: SubmitClaimResult | null;
  @Field(() => BatchItemError, { nullable: true }) error!: BatchItemError | null;
}

@ObjectType()
export class ClaimConnection {
  @Field(() => [Claim]) nodes!: Claim[];
  @Field(() => Int) totalCount!: number;
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@InputType()
export class ClaimFilter {
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => String, { nullable: true }) from?: string | null;
  @Field(() => String, { nullable: true }) to?: string | null;
  @Field(() => String, { nullable: true, description: 'a rule-hit code, e.g. DUPLICATE_DISPENSING' }) hitCode?: string | null;
  @Field(() => ClaimStatusEnum, { nullable: true }) status?: string | null;
}

@ObjectType({ description: 'one sentence of a notice for the insured person, with the rule and section it cites' })
export class NoticeSection {
  @Field(() => String, { description: 'person, payment, reversal, ratio, deductible, cap, rule, note, refill, year, summary or source' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'the hit code a rule sentence words' }) code!: string | null;
  @Field(() => Int, { nullable: true }) lineNo!: number | null;
  @Field(() => String, { nullable: true }) ruleId!: string | null;
  @Field(() => String, { nullable: true, description: 'the section as the rule set cites it, e.g. 二(三)' }) section!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. 《无锡市…意见》二（三）' }) citationZh!: string | null;
  @Field(() => String) textZh!: string;
  @Field(() => String) textEn!: string;
  @Field(() => FenScalar, { nullable: true, description: 'the amount the sentence is about' }) amountFen!: number | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the sentence is about (the next refill)' }) date!: string | null;
}

@ObjectType({ description: 'a notice for the insured person: short plain sentences, zh-CN first, each citing its document and section' })
export class Notice {
  @Field(() => String) titleZh!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String) textZh!: string;
  @Field(() => String) textEn!: string;
  @Field(() => [NoticeSection]) sections!: NoticeSection[];
}
