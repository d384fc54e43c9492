/**
 * Institution scorecards per quarter (W-10 四(三) 绩效考核): the institution's headline and control
 * rates (from the statistics module's counts: its managed patients' year-to-date rates, its claims'
 * rational-use rate), the preferred-drug shares of its 两病 dispensing (W-2: 集采中选, 基药, 甲类 —
 * flags from the policy core's drug reference), rule hits per 100 claims, a score to a versioned
 * rubric, and its rank among its peers (same level, same district).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DRUGS, isPrimaryLevel, type DrugReference, type InstitutionLevel } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, forbidden } from '../../errors';
import type { RegionInfo } from '../regions/region.directory';
import { periodOf, type PeriodValue, type RateValue, type StatisticsService } from '../statistics/statistics.service';
import { claimsAndHits, dispensedLines, institutionsIn, type InstitutionRow } from './dispensing.queries';
import { RUBRICS, score, type Rubric, type ScoredItem, type ScorecardMetric } from './scorecard.rubric';
import { rubricInForce } from '../settings/settings.apply';
import type { ResolvedSetting, SettingsReader } from '../settings/settings.reader';

const DRUG_BY_CODE: ReadonlyMap<string, DrugReference> = new Map(DRUGS.map((d) => [d.code, d]));

export const SHARE_DEFINITIONS = {
  centrallyProcured: 'scorecard.centrally-procured-share.v1',
  essential: 'scorecard.essential-share.v1',
  classA: 'scorecard.class-a-share.v1',
} as const;

export interface DrugShare {
  byAmount: RateValue;
  byCount: RateValue;
}

export interface DrugShares {
  lines: number;
  amountFen: number;
  /** 集采中选 */
  centrallyProcured: DrugShare;
  /** 基药: informational only, never scored (G-8) */
  essential: DrugShare;
  /** 甲类 */
  classA: DrugShare;
}

export interface Scorecard {
  institution: InstitutionRow;
  standardisedManagement: RateValue | null;
  rationalMedication: RateValue | null;
  bloodPressureControl: RateValue | null;
  glucoseControl: RateValue | null;
  drugShares: DrugShares;
  claims: number;
  /** of those, claims whose drugs a third party delivered (第三方配送, Wuxi 四(二)); counted, not scored */
  deliveredClaims: number;
  ruleHits: number;
  ruleHitsPer100Claims: number | null;
  score: number | null;
  scoredWeight: number;
  items: ScoredItem[];
  /** 1 = best among peers; ties share a rank; null without a score */
  rank: number | null;
  /** institutions of the same level and district with a score, this one included */
  peers: number;
}

export interface Scorecards {
  region: RegionInfo;
  period: PeriodValue;
  rubric: Rubric;
  /** the weights and targets the rubric took from the city's configuration at the quarter's end; empty for a named code rubric */
  rubricSettings: ResolvedSetting[];
  scorecards: Scorecard[];
}

const ratio = (definitionId: string, numerator: number, denominator: number): RateValue => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
  definitionId,
});

function sharesOf(rows: readonly { drugCode: string; lines: number; amountFen: number }[]): DrugShares {
  let lines = 0;
  let amount = 0;
  const flagged = { centrallyProcured: { lines: 0, amount: 0 }, essential: { lines: 0, amount: 0 }, classA: { lines: 0, amount: 0 } };
  for (const r of rows) {
    lines += r.lines;
    amount += r.amountFen;
    // A flag the drug reference leaves out counts as not flagged: the reference omits a flag where it was not confident.
    const d = DRUG_BY_CODE.get(r.drugCode);
    const flags = { centrallyProcured: d?.centrallyProcured !== undefined, essential: d?.essential?.value === true, classA: d?.nrdlClass?.value === 'A' };
    for (const k of ['centrallyProcured', 'essential', 'classA'] as const) {
      if (!flags[k]) continue;
      flagged[k].lines += r.lines;
      flagged[k].amount += r.amountFen;
    }
  }
  const share = (k: keyof typeof flagged): DrugShare => ({
    byCount: ratio(SHARE_DEFINITIONS[k], flagged[k].lines, lines),
    byAmount: ratio(SHARE_DEFINITIONS[k], flagged[k].amount, amount),
  });
  return { lines, amountFen: amount, centrallyProcured: share('centrallyProcured'), essential: share('essential'), classA: share('classA') };
}

/** Competition ranking (1, 2, 2, 4) by score within each group of peers. */
function rank(cards: Scorecard[]): void {
  const groups = new Map<string, Scorecard[]>();
  for (const c of cards) {
    if (c.score === null) continue;
    const key = `${c.institution.districtCode}|${c.institution.level}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => b.score! - a.score!);
    group.forEach((c, i) => {
      c.rank = i > 0 && group[i - 1]!.score === c.score ? group[i - 1]!.rank : i + 1;
      c.peers = group.length;
    });
  }
}

export class ScorecardService {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly settings: SettingsReader,
  ) {}

  async scorecards(
    em: EntityManager,
    scope: Scope,
    regionCode: string,
    year: number,
    quarter: number,
    options: { rubricId?: string | null; primaryOnly?: boolean } = {},
  ): Promise<Scorecards> {
    // The assessment is the bureau's: an institution does not read its peers' figures.
    if (scope.institutionOnly !== null) throw forbidden('Scorecards are the bureau’s assessment', '绩效评分仅供医保部门使用');
    const period = periodOf(year, quarter);
    const named = options.rubricId == null ? null : RUBRICS.get(options.rubricId);
    if (named === undefined) throw badInput('rubricId', `unknown rubric; known: ${[...RUBRICS.keys()].join(', ')}`, '未知评分细则');
    const { region, districts } = this.statistics.scopedRegion(scope, regionCode);
    if (region.level === 'street') throw badInput('regionCode', 'must be a city or a district', '须为市或区县');
    // Without a named rubric, the weights and targets in force at the quarter's end: a past quarter scores as it did.
    const { rubric, used: rubricSettings } =
      named !== null ? { rubric: named, used: [] } : rubricInForce(await this.settings.city(em, region.cityCode), period.to);

    const [institutions, rates, lines, hits] = await Promise.all([
      institutionsIn(em, districts),
      this.statistics.byInstitution(em, scope, regionCode, year, quarter, 'ALL'),
      dispensedLines(em, districts, period.from, period.to),
      claimsAndHits(em, districts, period.from, period.to),
    ]);
    const ratesBy = new Map(rates.map((r) => [r.institutionId, r.indicators]));
    const linesBy = new Map<string, typeof lines>();
    for (const l of lines) linesBy.set(l.institutionId, [...(linesBy.get(l.institutionId) ?? []), l]);

    const primaryOnly = options.primaryOnly ?? true;
    const cards = institutions
      .filter((i) => !primaryOnly || isPrimaryLevel(i.level as InstitutionLevel))
      .map((institution): Scorecard => {
        const ind = ratesBy.get(institution.id);
        const shares = sharesOf(linesBy.get(institution.id) ?? []);
        const h = hits.get(institution.id) ?? { claims: 0, hits: 0, delivered: 0 };
        const per100 = h.claims === 0 ? null : (h.hits * 100) / h.claims;
        const values: Record<ScorecardMetric, number | null> = {
          standardisedManagement: ind?.standardisedManagement.rate ?? null,
          rationalMedication: ind?.rationalMedication.rate ?? null,
          bloodPressureControl: ind?.bloodPressureControl.rate ?? null,
          glucoseControl: ind?.glucoseControl.rate ?? null,
          centrallyProcuredShareByAmount: shares.centrallyProcured.byAmount.rate,
          classAShareByAmount: shares.classA.byAmount.rate,
          ruleHitsPer100Claims: per100,
        };
        const scored = score(rubric, values);
        return {
          institution,
          standardisedManagement: ind?.standardisedManagement ?? null,
          rationalMedication: ind?.rationalMedication ?? null,
          bloodPressureControl: ind?.bloodPressureControl ?? null,
          glucoseControl: ind?.glucoseControl ?? null,
          drugShares: shares,
          claims: h.claims,
          deliveredClaims: h.delivered,
          ruleHits: h.hits,
          ruleHitsPer100Claims: per100,
          score: scored.score,
          scoredWeight: scored.scoredWeight,
          items: scored.items,
          rank: null,
          peers: 0,
        };
      });
    rank(cards);
    return { region, period, rubric, rubricSettings, scorecards: cards };
  }
}
