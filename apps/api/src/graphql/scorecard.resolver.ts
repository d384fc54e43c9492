/** Institution scorecards (W-10 绩效考核): rates, preferred-drug shares, rule hits, a rubric score and a rank among peers. */
import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { notFound } from '../errors';
import type { DrugShare as Share } from '../modules/scorecard/scorecard.service';
import { Institution, Period, Rate, Region } from './common.types';
import type { Context } from './context';
import { scopeOf } from './guard';
import { FenScalar } from './scalars';
import { settingView, SettingUsed } from './settings.types';

@ObjectType()
class ScorecardRubricItem {
  @Field(() => String, {
    description:
      'the scorecard field it scores: standardisedManagement, rationalMedication, bloodPressureControl, glucoseControl, centrallyProcuredShareByAmount, classAShareByAmount, ruleHitsPer100Claims',
  })
  metric!: string;
  @Field(() => Float, { description: 'weight out of 100' }) weight!: number;
  @Field(() => Float, { description: 'a share 0–1 for rates; hits per 100 claims for ruleHitsPer100Claims' }) target!: number;
  @Field(() => String, { description: 'higher: achievement = value ÷ target, at most 1; lower: 1 at or below the target, falling to 0 at twice the target' })
  direction!: string;
  @Field(() => String, { description: 'the source that asks for the measure, and where weight and target come from' }) basis!: string;
}

@ObjectType({ description: 'The versioned rubric a scorecard is scored to: a change is a new id, so published scores stay reproducible' })
class ScorecardRubric {
  @Field(() => String, {
    description: 'e.g. scorecard-rubric.v1; with weights or targets set in configuration, scorecard-rubric.v1+<city>@<the latest validFrom>',
  })
  id!: string;
  @Field(() => String, { description: 'the same as id: the version the scores were computed to' }) version!: string;
  @Field(() => [SettingUsed], {
    description:
      'the configured weights (scorecard.weights) and targets (scorecard.targets) in force at the quarter’s end, with their source; empty when a code rubric was named with rubricId',
  })
  settings!: SettingUsed[];
  @Field(() => String) titleZh!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String) note!: string;
  @Field(() => [ScorecardRubricItem]) items!: ScorecardRubricItem[];
}

@ObjectType()
class DrugShare {
  @Field(() => Rate, { description: 'flagged amount (fen) ÷ amount of all 两病 claim lines' }) byAmount!: Rate;
  @Field(() => Rate, { description: 'flagged claim lines ÷ all 两病 claim lines' }) byCount!: Rate;
}

@ObjectType({
  description:
    'Shares of the institution’s 两病 dispensing (lines of its accepted claims in the quarter) by the drug reference’s flags; a flag the reference omits counts as not flagged',
})
class DrugShares {
  @Field(() => Int) lines!: number;
  @Field(() => FenScalar) amountFen!: number;
  @Field(() => DrugShare, { description: '集采中选: centrally procured winning drugs (W-2, G-7 prefer them); scored' }) centrallyProcured!: DrugShare;
  @Field(() => DrugShare, {
    description:
      '基药: national essential drugs. INFORMATIONAL ONLY, never scored: 两病 drug purchases are kept out of primary institutions’ essential-drug assessment (Guiyang 五(三)8, G-8)',
  })
  essential!: DrugShare;
  @Field(() => DrugShare, { description: '甲类: class A of the national reimbursement list (W-2 prefers them); scored' }) classA!: DrugShare;
}

@ObjectType({ description: 'One rubric item as scored for the institution' })
class ScorecardItem {
  @Field(() => String) metric!: string;
  @Field(() => Float) weight!: number;
  @Field(() => Float) target!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'the institution’s value; null when its denominator is 0 (the item is then left out and the others scaled up)',
  })
  value!: number | null;
  @Field(() => Float, { nullable: true, description: '0–1' }) achievement!: number | null;
  @Field(() => Float, { nullable: true, description: 'points towards the score of 100' }) points!: number | null;
}

@ObjectType()
class InstitutionScorecard {
  @Field(() => Institution) institution!: Institution;
  @Field(() => Float, { nullable: true, description: 'score out of 100 to the rubric; null when no item has a value' }) score!: number | null;
  @Field(() => Float, { description: 'the rubric weight of the items that had a value' }) scoredWeight!: number;
  @Field(() => Int, { nullable: true, description: 'rank among peers (same level, same district), 1 = best, ties share a rank; null without a score' }) rank!:
    number | null;
  @Field(() => Int, { description: 'peers with a score, this institution included' }) peers!: number;
  @Field(() => Rate, { nullable: true, description: '规范化管理率 of the patients it manages, year to date at the quarter’s end; null when it manages no one' })
  standardisedManagement!: Rate | null;
  @Field(() => Rate, { nullable: true, description: '合理用药率 of its claims in the quarter' }) rationalMedication!: Rate | null;
  @Field(() => Rate, { nullable: true, description: '血压控制率 of the hypertension patients it manages, year to date' }) bloodPressureControl!: Rate | null;
  @Field(() => Rate, { nullable: true, description: '血糖控制率 of the diabetes patients it manages, year to date' }) glucoseControl!: Rate | null;
  @Field(() => DrugShares) drugShares!: DrugShares;
  @Field(() => Int, { description: 'accepted claims at the institution in the quarter' }) claims!: number;
  @Field(() => Int, { description: 'of those, claims whose drugs a third party delivered (第三方配送, Wuxi 四(二)); counted, not scored' })
  deliveredClaims!: number;
  @Field(() => Int, { description: 'rule hits on those claims (each hit code of a claim counts once)' }) ruleHits!: number;
  @Field(() => Float, { nullable: true, description: 'ruleHits × 100 ÷ claims; null without claims' }) ruleHitsPer100Claims!: number | null;
  @Field(() => [ScorecardItem], { description: 'the rubric items in the rubric’s order: the score’s drill-down' }) items!: ScorecardItem[];
}

@ObjectType()
class InstitutionScorecards {
  @Field(() => Region) region!: Region;
  @Field(() => Period) period!: Period;
  @Field(() => ScorecardRubric) rubric!: ScorecardRubric;
  @Field(() => [InstitutionScorecard], {
    description: 'one per institution of the region (primary institutions unless primaryOnly is false), by district, level and id',
  })
  scorecards!: InstitutionScorecard[];
}

const shareView = (s: Share): DrugShare => ({ byAmount: s.byAmount as Rate, byCount: s.byCount as Rate });

@Resolver()
export class ScorecardResolver {
  @Query(() => InstitutionScorecards, {
    description:
      'Institution scorecards for a quarter, scored to a versioned rubric and ranked among peers (W-10 四(三) 绩效考核). City leadership, auditors and district bureaus.',
  })
  async institutionScorecards(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Arg('rubricId', () => String, {
      nullable: true,
      description:
        'the rubric to score to; the city’s configured weights and targets in force at the quarter’s end when absent (scorecard-rubric.v1 until changed)',
    })
    rubricId: string | null,
    @Arg('primaryOnly', () => Boolean, { defaultValue: true, description: 'primary institutions only (the assessment W-10 names); false adds the hospitals' })
    primaryOnly: boolean,
  ): Promise<InstitutionScorecards> {
    const r = await ctx.services.scorecards.scorecards(ctx.em, scopeOf(ctx), regionCode, year, quarter, { rubricId, primaryOnly });
    const institutions = await ctx.loaders.institution.loadMany(r.scorecards.map((c) => c.institution.id));
    return {
      region: r.region as unknown as Region,
      period: r.period,
      rubric: { ...r.rubric, version: r.rubric.id, settings: r.rubricSettings.map(settingView), items: [...r.rubric.items] },
      scorecards: r.scorecards.map((c, i) => {
        const inst = institutions[i];
        if (inst === null || inst === undefined || inst instanceof Error) throw notFound('institution', c.institution.id);
        return {
          ...c,
          institution: inst as Institution,
          standardisedManagement: c.standardisedManagement as Rate | null,
          rationalMedication: c.rationalMedication as Rate | null,
          bloodPressureControl: c.bloodPressureControl as Rate | null,
          glucoseControl: c.glucoseControl as Rate | null,
          drugShares: {
            ...c.drugShares,
            centrallyProcured: shareView(c.drugShares.centrallyProcured),
            essential: shareView(c.drugShares.essential),
            classA: shareView(c.drugShares.classA),
          },
          items: c.items.map((s) => ({
            metric: s.item.metric,
            weight: s.item.weight,
            target: s.item.target,
            value: s.value,
            achievement: s.achievement,
            points: s.points,
          })),
        };
      }),
    };
  }
}
