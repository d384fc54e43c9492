/** Statistics for a region and period: counts summed over the region's districts, rates at the end. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { badInput, forbidden, notFound } from '../../errors';
import type { RegionDirectory, RegionInfo } from '../regions/region.directory';
import { DEFINITION_ID } from './definitions';
import { addCounts, countsByGroup, emptyCounts, type Counts, type CountsByGroup, type DiseaseFilter, type Window } from './statistics.repository';
import { districtsWithoutFigure, notEstimatedBelowDistrict, withoutFigures } from './awareness';

export interface RateValue {
  numerator: number;
  /** null when it cannot be known (awareness without a population figure: see unavailableReason) */
  denominator: number | null;
  rate: number | null;
  definitionId: string;
  /** why the denominator is unknown (awareness.ts); absent or null when it is known */
  unavailableReason?: string | null;
  /** the same in Chinese, for the bureau's screens */
  unavailableReasonZh?: string | null;
  /** the districts whose population figure is missing */
  missingDistricts?: string[];
}

export interface IndicatorValues {
  awareness: RateValue;
  standardisedManagement: RateValue;
  rationalMedication: RateValue;
  bloodPressureControl: RateValue;
  glucoseControl: RateValue;
  benefitCoverage: RateValue;
  reimbursementRatio: RateValue;
  adherence: RateValue;
  /** 家庭医生签约覆盖率 (ours: family-doctor-signing.v1) */
  familyDoctorSigning: RateValue;
  /** null where no population figure gives it (awareness.ts) */
  estimatedPatients: number | null;
  knownPatients: number;
  managedPatients: number;
  certifiedPatients: number;
  standardManagedPatients: number;
  controlledPatients: number;
  beneficiaries: number;
  benefitUses: number;
  drugCostFen: number;
  compliantCostFen: number;
  fundPaidFen: number;
}

export interface PeriodValue {
  year: number;
  quarter: number | null;
  from: string;
  to: string;
}

const rate = (key: string, numerator: number, denominator: number): RateValue => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
  definitionId: DEFINITION_ID[key]!,
});

export function indicators(c: Counts): IndicatorValues {
  return {
    awareness: rate('awareness', c.knownPairs, c.estimated),
    standardisedManagement: rate('standardisedManagement', c.standardManaged, c.managed),
    rationalMedication: rate('rationalMedication', c.rationalClaims, c.claims),
    bloodPressureControl: rate('bloodPressureControl', c.htControlled, c.htManaged),
    glucoseControl: rate('glucoseControl', c.dmControlled, c.dmManaged),
    benefitCoverage: rate('benefitCoverage', c.coveredManaged, c.managed),
    reimbursementRatio: rate('reimbursementRatio', c.fundFen, c.compliantFen),
    adherence: rate('adherence', c.pdcNumerator, c.pdcDenominator),
    familyDoctorSigning: rate('familyDoctorSigning', c.signedManaged, c.managed),
    estimatedPatients: c.estimated,
    knownPatients: c.known,
    managedPatients: c.managed,
    certifiedPatients: c.certified,
    standardManagedPatients: c.standardManaged,
    controlledPatients: c.controlled,
    beneficiaries: c.beneficiaries,
    benefitUses: c.benefitUses,
    drugCostFen: c.drugCostFen,
    compliantCostFen: c.compliantFen,
    fundPaidFen: c.fundFen,
  };
}

export function periodOf(year: number, quarter: number | null): PeriodValue {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be a year 2000–2100', '年份须在2000–2100之间');
  if (quarter !== null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) throw badInput('quarter', 'must be 1–4', '季度须为1–4');
  if (quarter === null) return { year, quarter: null, from: `${year}-01-01`, to: `${year}-12-31` };
  const startMonth = (quarter - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const endDay = endMonth === 3 || endMonth === 12 ? 31 : 30;
  return { year, quarter, from: `${year}-${String(startMonth).padStart(2, '0')}-01`, to: `${year}-${String(endMonth).padStart(2, '0')}-${endDay}` };
}

function windowOf(p: PeriodValue): Window {
  return { yearStart: `${p.year}-01-01`, periodStart: p.from, periodEnd: p.to };
}

export interface RegionStatistics {
  region: RegionInfo;
  period: PeriodValue;
  disease: DiseaseFilter;
  /** set when the figures are one institution's within the region (an institution operator's), not the region's */
  institutionId: string | null;
  indicators: IndicatorValues;
  children: { region: RegionInfo; indicators: IndicatorValues }[];
}

export class StatisticsService {
  /** @param counts where the counts come from: the rollups, or the raw tables (rawCountsByGroup) to check or to compare against */
  constructor(
    private readonly regions: RegionDirectory,
    private readonly counts: CountsByGroup = countsByGroup,
  ) {}

  /** The region, checked against the viewer's scope, and the districts whose data it covers. */
  scopedRegion(scope: Scope, regionCode: string): { region: RegionInfo; districts: string[] } {
    const region = this.regions.get(regionCode);
    if (region === undefined) throw notFound('region', regionCode);
    scope.assertRegion(region.code, region.districtCode, region.cityCode);
    const districts = region.level === 'city' ? this.regions.districtsOf(region.code).map((d) => d.code) : [region.districtCode!];
    return { region, districts };
  }

  async statistics(
    em: EntityManager,
    scope: Scope,
    regionCode: string,
    year: number,
    quarter: number | null,
    disease: DiseaseFilter,
  ): Promise<RegionStatistics> {
    const period = periodOf(year, quarter);
    const { region, districts } = this.scopedRegion(scope, regionCode);
    const w = windowOf(period);
    const institution = scope.institutionOnly;
    if (institution !== null)
      return {
        region,
        period,
        disease,
        institutionId: institution,
        indicators: await this.institutionFigures(em, region, districts, w, disease, institution),
        children: [],
      };
    const missing = await districtsWithoutFigure(em, districts, year);
    if (region.level === 'city') {
      const byDistrict = await this.counts(em, districts, w, disease, 'district');
      let total = emptyCounts();
      const children = this.regions.districtsOf(region.code).map((d) => {
        const c = byDistrict.get(d.code) ?? emptyCounts();
        total = addCounts(total, c);
        return { region: d, indicators: withoutFigures(indicators(c), missing.has(d.code) ? [d.code] : [], year) };
      });
      return { region, period, disease, institutionId: null, indicators: withoutFigures(indicators(total), [...missing], year), children };
    }
    const [byDistrict, byStreet] = await Promise.all([this.counts(em, districts, w, disease, 'district'), this.counts(em, districts, w, disease, 'street')]);
    const own =
      region.level === 'district'
        ? withoutFigures(indicators(byDistrict.get(region.code) ?? emptyCounts()), [...missing], year)
        : notEstimatedBelowDistrict(indicators(byStreet.get(region.code) ?? emptyCounts()), 'street');
    const children =
      region.level === 'district'
        ? this.regions
            .childrenOf(region.code)
            .map((s) => ({ region: s, indicators: notEstimatedBelowDistrict(indicators(byStreet.get(s.code) ?? emptyCounts()), 'street') }))
        : [];
    return { region, period, disease, institutionId: null, indicators: own, children };
  }

  /**
   * An institution operator's figures (the access rules give it its own institution only): its row of
   * the institution rollups, as institutionStatistics gives it — the patients it manages
   * (managing_institution_id) for the patient-based indicators, the claims made at it for the
   * claim-based ones. Its district's own figures and its streets' are not an institution's and are
   * refused, a street because the claim rollups are kept per institution, not per institution and
   * street. An institution has no census population, so awareness (知晓率, whose denominator is the
   * district's estimated patients) has no denominator: its rate is null, not the district's, and
   * says why (notEstimatedBelowDistrict) — not a denominator of 0.
   */
  private async institutionFigures(
    em: EntityManager,
    region: RegionInfo,
    districts: readonly string[],
    w: Window,
    disease: DiseaseFilter,
    institutionId: string,
  ): Promise<IndicatorValues> {
    if (region.level !== 'district') throw forbidden('An institution reads its own figures at its district only', '医疗机构仅可在本区县查看本机构数据');
    const counts = (await this.counts(em, districts, w, disease, 'institution')).get(institutionId) ?? emptyCounts();
    return notEstimatedBelowDistrict(indicators(counts), 'institution');
  }

  async trend(
    em: EntityManager,
    scope: Scope,
    regionCode: string,
    year: number,
    quarter: number,
    quarters: number,
    disease: DiseaseFilter,
  ): Promise<{ period: PeriodValue; indicators: IndicatorValues }[]> {
    if (!Number.isInteger(quarters) || quarters < 1 || quarters > 20) throw badInput('quarters', 'must be 1–20', '季度数须为1–20');
    periodOf(year, quarter);
    const points: { period: PeriodValue; indicators: IndicatorValues }[] = [];
    let y = year;
    let q = quarter;
    const periods: PeriodValue[] = [];
    for (let i = 0; i < quarters; i++) {
      periods.unshift(periodOf(y, q));
      q -= 1;
      if (q === 0) {
        q = 4;
        y -= 1;
      }
    }
    for (const p of periods) {
      const s = await this.statistics(em, scope, regionCode, p.year, p.quarter, disease);
      points.push({ period: p, indicators: s.indicators });
    }
    return points;
  }

  async byInstitution(
    em: EntityManager,
    scope: Scope,
    regionCode: string,
    year: number,
    quarter: number | null,
    disease: DiseaseFilter,
  ): Promise<{ institutionId: string; indicators: IndicatorValues }[]> {
    const period = periodOf(year, quarter);
    const { districts } = this.scopedRegion(scope, regionCode);
    const counts = await this.counts(em, districts, windowOf(period), disease, 'institution');
    const only = scope.institutionOnly;
    return [...counts.entries()]
      .filter(([id]) => id !== '—' && (only === null || id === only))
      .map(([institutionId, c]) => ({ institutionId, indicators: notEstimatedBelowDistrict(indicators(c), 'institution') }));
  }
}
