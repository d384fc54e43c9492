/**
 * Policy what-if: replay a period's stored claims under a named change of the rule set's
 * parameters and compare with what was paid, per district and in total. Read-only.
 */
import { Arg, Ctx, Field, Float, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { WhatIfParameters } from '../modules/whatif/whatif.override';
import type { WhatIfOutcome } from '../modules/whatif/whatif.service';
import { Region } from './common.types';
import type { Context } from './context';
import { scopeOf } from './guard';
import { DosageFormEnum } from './enums';
import { FenScalar } from './scalars';

@InputType({ description: 'The parameters to change; each one left out keeps the value in force. Amounts in fen, ratios in basis points (6000 = 60 %).' })
class WhatIfParametersInput implements WhatIfParameters {
  @Field(() => FenScalar, { nullable: true, description: 'annual fund cap for a patient with one of the two diseases (Wuxi: 80000 = 800 yuan, 二(三))' })
  capOneDiseaseFen?: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'annual fund cap for a patient with both diseases (Wuxi: 100000 = 1000 yuan, 二(三))' })
  capBothDiseasesFen?: number | null;
  @Field(() => Int, { nullable: true, description: 'fund ratio at the designated institution, basis points (Wuxi: 6000)' }) ratioDesignatedBp?: number | null;
  @Field(() => Int, { nullable: true, description: 'fund ratio after referral, basis points (Wuxi: 5000)' }) ratioReferralBp?: number | null;
  @Field(() => Int, { nullable: true, description: 'fund ratio of an emergency claim reimbursed afterwards, basis points' }) ratioEmergencyBp?: number | null;
  @Field(() => Int, { nullable: true, description: 'fund ratio out of area (异地长期居住), basis points' }) ratioOutOfAreaBp?: number | null;
  @Field(() => Int, { nullable: true, description: 'fund ratio of an extension prescription (延伸处方), basis points' }) ratioExtensionBp?: number | null;
  @Field(() => FenScalar, { nullable: true, description: '起付线 deductible, fen' }) deductibleFen?: number | null;
  @Field(() => Int, { nullable: true, description: 'longest supply one line may carry, days (Wuxi 60, Guiyang 90)' }) longPrescriptionMaxDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'days of remaining supply a refill may overlap before it is duplicate dispensing' })
  earlyRefillToleranceDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'months a level-2+ prescription stays valid for extension dispensing' }) extensionPrescriptionValidMonths?:
    number | null;
}

@InputType({ description: 'A payment standard (W 四(一)) the what-if sets or removes, on top of the version in force' })
class WhatIfPaymentStandardInput {
  @Field(() => String, { description: 'a drug reference code or its Chinese generic name' }) drugCode!: string;
  @Field(() => DosageFormEnum) form!: 'oral' | 'injection';
  @Field(() => String, { description: '规格, e.g. 5mg' }) strength!: string;
  @Field(() => FenScalar, { nullable: true, description: 'fen a unit; null removes the standard (the submitted price is paid)' }) unitPriceFen!: number | null;
}

@InputType()
class WhatIfInput {
  @Field(() => String, { description: 'a city or a district the caller may read' }) regionCode!: string;
  @Field(() => String, { description: 'first day of the period replayed (YYYY-MM-DD)' }) from!: string;
  @Field(() => String, { description: 'last day of the period replayed, at most 731 days after from' }) to!: string;
  @Field(() => String, { description: 'the what-if’s name, reported as the override name what-if:<name>' }) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => WhatIfParametersInput) parameters!: WhatIfParametersInput;
  @Field(() => [WhatIfPaymentStandardInput], { nullable: true, description: 'payment standards to set or remove (Wuxi, W 四(一))' })
  paymentStandards?: WhatIfPaymentStandardInput[] | null;
}

@ObjectType({ description: 'One side of the comparison. In a difference every field is what-if minus the other side, and may be negative.' })
class WhatIfSide {
  @Field(() => Int, { description: 'accepted claims of the period (the same on every side)' }) claims!: number;
  @Field(() => FenScalar, { description: 'drug cost of those claims (the same on every side)' }) amountFen!: number;
  @Field(() => FenScalar, { description: '基金支付 fund paid' }) fundFen!: number;
  @Field(() => FenScalar, { description: '个人负担 patients’ out-of-pocket: amount − fund' }) outOfPocketFen!: number;
  @Field(() => Int, { description: '待遇享受人数: distinct patients with at least one claim the fund paid something on' }) beneficiaries!: number;
  @Field(() => Int, {
    description: 'distinct patients whose annual cap was used up by a claim of the period (paid: benefit_ledger.cap_reached_on within the period)',
  })
  patientsReachingCap!: number;
}

@ObjectType()
class WhatIfComparison {
  @Field(() => WhatIfSide, { description: 'what was paid: the stored decisions' }) paid!: WhatIfSide;
  @Field(() => WhatIfSide, {
    description:
      'the same claims replayed under the deployment’s configuration alone; equals paid wherever the stored data holds everything the decisions used',
  })
  asConfigured!: WhatIfSide;
  @Field(() => WhatIfSide, { description: 'the same claims replayed with the what-if' }) whatIf!: WhatIfSide;
  @Field(() => WhatIfSide, { description: 'whatIf − paid' }) difference!: WhatIfSide;
  @Field(() => WhatIfSide, { description: 'whatIf − asConfigured: the change’s own effect' }) effect!: WhatIfSide;
}

@ObjectType()
class WhatIfDistrict {
  @Field(() => Region) region!: Region;
  @Field(() => Int, { description: 'patients with a claim in the period' }) patients!: number;
  @Field(() => Int, { description: 'claims whose fund share under the what-if differs from what was paid' }) claimsChanged!: number;
  @Field(() => Int, { description: 'claims the replay as configured does not reproduce (see WhatIfResult.claimsNotReproduced)' }) claimsNotReproduced!: number;
  @Field(() => WhatIfComparison) comparison!: WhatIfComparison;
}

@ObjectType({ description: 'fund paid per month of the period, for a line or bar chart of the three sides' })
class WhatIfMonth {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => FenScalar) paidFundFen!: number;
  @Field(() => FenScalar) asConfiguredFundFen!: number;
  @Field(() => FenScalar) whatIfFundFen!: number;
}

@ObjectType()
class WhatIfParameterChange {
  @Field(() => String, { description: 'the rule set the override applies to (wuxi-2019, guiyang-2021)' }) ruleSetId!: string;
  @Field(() => String, { description: 'the parameter’s name in the policy core' }) name!: string;
  @Field(() => Float, { nullable: true, description: 'the value in force on the period’s last day under the deployment’s configuration; null where unset' })
  before!: number | null;
  @Field(() => Float, { description: 'the what-if’s value' }) after!: number;
}

@ObjectType()
class WhatIfPaymentStandardChange {
  @Field(() => String) ruleSetId!: string;
  @Field(() => String) drugCode!: string;
  @Field(() => DosageFormEnum) form!: string;
  @Field(() => String) strength!: string;
  @Field(() => FenScalar, { nullable: true, description: 'fen a unit in force on the period’s last day under the deployment’s configuration; null where none' })
  before!: number | null;
  @Field(() => FenScalar, { nullable: true, description: 'the what-if’s; null where it removes the standard' }) after!: number | null;
}

@ObjectType()
class WhatIfResult {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => Region) region!: Region;
  @Field(() => [String], { description: 'the overrides the what-if side was decided under, in order: the deployment’s, then what-if:<name>' })
  overrideNames!: string[];
  @Field(() => [WhatIfParameterChange]) parameters!: WhatIfParameterChange[];
  @Field(() => [WhatIfPaymentStandardChange]) paymentStandards!: WhatIfPaymentStandardChange[];
  @Field(() => WhatIfComparison, { description: 'the region as a whole' }) total!: WhatIfComparison;
  @Field(() => [WhatIfDistrict], { description: 'one entry per district of the region, in code order' }) districts!: WhatIfDistrict[];
  @Field(() => [WhatIfMonth]) months!: WhatIfMonth[];
  @Field(() => Int) claimsReplayed!: number;
  @Field(() => Int) claimsChanged!: number;
  @Field(() => Int, {
    description:
      'claims whose replay as configured gives another fund share than was paid: the stored data lacks something their decision used (e.g. an extension prescription whose source prescription was not stored). When not 0, read effect rather than difference.',
  })
  claimsNotReproduced!: number;
  @Field(() => Float, { description: 'wall-clock milliseconds the replay took, reading included' }) elapsedMs!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'claims replayed per second of elapsedMs (each claim is decided with the what-if, and as configured the first time its period is replayed under the deployment’s configuration)',
  })
  claimsPerSecond!: number | null;
  @Field(() => Int, {
    description:
      'districts whose claims a replay worker kept in memory from an earlier what-if over the same period, still fresh; the others were read from the database for this one',
  })
  districtsFromMemory!: number;
  @Field(() => Float, {
    description:
      'milliseconds spent reading claims from the database, summed over the districts read (they are read in parallel, so this can exceed elapsedMs)',
  })
  readMs!: number;
  @Field(() => Float, {
    description: 'milliseconds spent deciding claims and tallying, summed over the districts (replayed in parallel, so this can exceed elapsedMs)',
  })
  replayMs!: number;
  @Field(() => String, { description: 'when the oldest of the districts’ data was read (ISO 8601): the comparison reflects every claim stored before then' })
  dataAsOf!: string;
  @Field(() => String, { description: 'how the replay works, in one paragraph (English)' }) method!: string;
  @Field(() => String, { description: 'how the replay works, in Chinese' }) methodZh!: string;
}

@Resolver()
export class WhatIfResolver {
  @Query(() => WhatIfResult, {
    description:
      'Policy what-if: the period’s stored claims of the region replayed under a named change of the rule set’s parameters (an override on top of the deployment’s), compared with what was paid, per district and in total. Never writes: the ledger is not touched. City leadership, auditors and district bureaus; not institutions.',
  })
  async whatIf(@Ctx() ctx: Context, @Arg('input', () => WhatIfInput) input: WhatIfInput): Promise<WhatIfResult> {
    const r: WhatIfOutcome = await ctx.services.whatIf.run(ctx.em, scopeOf(ctx), {
      ...input,
      parameters: { ...input.parameters },
      paymentStandards: input.paymentStandards?.map((c) => ({ ...c })) ?? null,
    });
    return {
      ...r,
      region: r.region as unknown as Region,
      districts: r.districts.map((d) => ({ ...d, region: d.region as unknown as Region })),
      claimsPerSecond: r.elapsedMs > 0 ? Math.round((r.claimsReplayed / r.elapsedMs) * 1000) : null,
    };
  }
}
