/**
 * Population figures per district and year: residents aged ≥ 35 and the prevalence estimates of
 * the two diseases (the awareness denominator, INDICATORS.md: resident population aged ≥ 35 ×
 * prevalence, both stored per district and year with their source), and a survey's awareness
 * value where one exists, with its own source. A district's bureau sets its own, the city's
 * leadership group any district of its city; every value set is kept (population_figure_revisions).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import type { StatisticsService } from '../statistics/statistics.service';
import { checkBasisPoints, checkText } from './masterdata.validation';
import { currentFigures, revisionsOf, storeFigure, type PopulationFigureRecord, type PopulationValues } from './population.repository';

export interface SetPopulationFigureRequest extends PopulationValues {
  districtCode: string;
  year: number;
}

/** A district's residents: an upper bound far above any county's (the largest hold a few million). */
const MAX_POPULATION = 50_000_000;

export class PopulationService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly statistics: StatisticsService,
  ) {}

  async set(em: EntityManager, scope: Scope, req: SetPopulationFigureRequest): Promise<PopulationFigureRecord> {
    const p = new InputProblems();
    const district = this.regions.get(req.districtCode);
    if (district === undefined || district.level !== 'district') p.add('input.districtCode', 'unknown district', '未知区县');
    if (!Number.isInteger(req.year) || req.year < 2000 || req.year > 2100) p.add('input.year', 'must be a year 2000–2100', '年份须在2000–2100之间');
    if (!Number.isInteger(req.population35Plus) || req.population35Plus < 0 || req.population35Plus > MAX_POPULATION)
      p.add('input.population35Plus', `must be a whole number 0–${MAX_POPULATION}`, `须为0–${MAX_POPULATION}的整数`);
    checkBasisPoints(p, 'input.hypertensionPrevalenceBp', req.hypertensionPrevalenceBp);
    checkBasisPoints(p, 'input.diabetesPrevalenceBp', req.diabetesPrevalenceBp);
    if (req.surveyAwarenessHypertensionBp !== null) checkBasisPoints(p, 'input.surveyAwarenessHypertensionBp', req.surveyAwarenessHypertensionBp);
    if (req.surveyAwarenessDiabetesBp !== null) checkBasisPoints(p, 'input.surveyAwarenessDiabetesBp', req.surveyAwarenessDiabetesBp);
    checkText(p, 'input.source', req.source, 500);
    const survey = req.surveyAwarenessHypertensionBp !== null || req.surveyAwarenessDiabetesBp !== null;
    if (survey && req.surveyAwarenessSource === null)
      p.add('input.surveyAwarenessSource', 'a survey value needs the survey it comes from', '调查知晓率须注明调查来源');
    if (req.surveyAwarenessSource !== null) {
      if (!survey) p.add('input.surveyAwarenessSource', 'given without a survey value', '未提供调查知晓率');
      else checkText(p, 'input.surveyAwarenessSource', req.surveyAwarenessSource, 500);
    }
    p.throwIfAny();
    scope.assertMasterDataWrite(district!.code, district!.cityCode);
    return em.transactional(async (tem) => {
      const stored = await storeFigure(tem, req.districtCode, req.year, req, scope.viewer.userId);
      await audit(tem, scope.viewer, req.districtCode, 'population.set', 'population_figure', `${req.districtCode}:${req.year}`, {
        revision: stored.revision,
        values: { ...req },
      });
      return stored;
    });
  }

  /** The current figures of the region's districts the viewer may read, optionally one year. */
  async list(em: EntityManager, scope: Scope, regionCode: string, year: number | null): Promise<PopulationFigureRecord[]> {
    const { districts } = this.statistics.scopedRegion(scope, regionCode);
    return currentFigures(em, districts, year);
  }

  async revisions(em: EntityManager, scope: Scope, districtCode: string, year: number): Promise<PopulationFigureRecord[]> {
    const district = this.regions.get(districtCode);
    if (district === undefined || district.level !== 'district') throw notFound('district', districtCode);
    scope.assertRead(districtCode);
    return revisionsOf(em, districtCode, year);
  }
}
