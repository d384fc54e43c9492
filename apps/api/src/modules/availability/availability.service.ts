/**
 * Drug availability (G-7 配得齐、开得出; G-6 village scope): for each primary institution and quarter,
 * which drugs of the catalogue in force — those allowed at its level — it dispensed at least once,
 * the share of the catalogue it covered, and the drugs its patients (those it manages or is
 * designated for) had to get elsewhere. Per district, the institutions below the threshold.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { catalogueInForce, isPrimaryLevel, isVillageLevel, resolveRuleSet, type CatalogueItem, type InstitutionLevel } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, forbidden } from '../../errors';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import type { RegionDirectory, RegionInfo } from '../regions/region.directory';
import { periodOf, type PeriodValue, type RateValue, type StatisticsService } from '../statistics/statistics.service';
import { claimsAndHits, dispensedElsewhere, dispensedLines, institutionsIn, type InstitutionRow } from '../scorecard/dispensing.queries';
import { AVAILABILITY_CONFIG, type AvailabilityConfig } from './availability.config';
import type { ResolvedSetting, SettingsReader } from '../settings/settings.reader';

export type CellStatus = 'dispensed' | 'not_dispensed' | 'not_allowed' | 'dispensed_out_of_scope';

/** Status codes of the flat heat-map triples, in the order a colour scale reads them. */
export const STATUS_CODE: Readonly<Record<CellStatus, number>> = { not_allowed: 0, not_dispensed: 1, dispensed: 2, dispensed_out_of_scope: 3 };

export interface DrugColumn {
  item: CatalogueItem;
  /** may be dispensed at a village clinic or community health station (some form has village scope, or the city has no village scope) */
  villageLevel: boolean;
}

export interface Cell {
  status: CellStatus;
  linesHere: number;
  /** the institution's patients who got this drug at another institution in the quarter */
  patientsElsewhere: number;
}

export interface ElsewhereDrug {
  drugCode: string;
  patients: number;
  lines: number;
  inCatalogue: boolean;
  allowedHere: boolean;
  dispensedHere: boolean;
}

export interface AvailabilityRow {
  institution: InstitutionRow;
  allowedDrugs: number;
  dispensedAllowedDrugs: number;
  coverage: RateValue;
  belowThreshold: boolean;
  /** aligned with the drug columns */
  cells: Cell[];
  /** every drug its patients got elsewhere, most patients first */
  elsewhere: ElsewhereDrug[];
  /** its accepted claims in the quarter, and those whose drugs a third party delivered (第三方配送, Wuxi 四(二)) */
  claims: number;
  deliveredClaims: number;
}

export interface DistrictAvailability {
  region: RegionInfo;
  institutions: number;
  coverage: RateValue;
  belowThreshold: string[];
  /** claims at its primary institutions in the quarter whose drugs a third party delivered */
  deliveredClaims: number;
}

export interface Availability {
  region: RegionInfo;
  period: PeriodValue;
  catalogueId: string | null;
  /** why there is no catalogue, when there is none */
  reason: string | null;
  threshold: number;
  configId: string;
  /** the configured threshold in force at the quarter's end, with its source; null when the caller gave one */
  thresholdSetting: ResolvedSetting | null;
  drugs: DrugColumn[];
  institutions: AvailabilityRow[];
  districts: DistrictAvailability[];
}

const COVERAGE_DEFINITION = 'availability.catalogue-coverage.v1';
const rate = (numerator: number, denominator: number): RateValue => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
  definitionId: COVERAGE_DEFINITION,
});

export class AvailabilityService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly statistics: StatisticsService,
    private readonly policy: PolicyOverrides,
    private readonly settings: SettingsReader,
    private readonly config: AvailabilityConfig = AVAILABILITY_CONFIG,
  ) {}

  async availability(em: EntityManager, scope: Scope, regionCode: string, year: number, quarter: number, thresholdArg: number | null): Promise<Availability> {
    if (scope.institutionOnly !== null) throw forbidden('Drug availability across institutions is the bureau’s', '药品配备情况仅供医保部门使用');
    const period = periodOf(year, quarter);
    if (thresholdArg !== null && !(thresholdArg >= 0 && thresholdArg <= 1)) throw badInput('threshold', 'must be a share between 0 and 1', '须为0–1之间的比例');
    const { region, districts } = this.statistics.scopedRegion(scope, regionCode);
    if (region.level === 'street') throw badInput('regionCode', 'must be a city or a district', '须为市或区县');
    const thresholdSetting =
      thresholdArg === null ? (await this.settings.city(em, region.cityCode)).require('availability.coverageThreshold', period.to) : null;
    const threshold = thresholdArg ?? (thresholdSetting!.value as number);

    const overrides = await this.policy.current(em);
    // The catalogue in force on the quarter's last day: a version loaded mid-quarter is the one the institution is held to.
    const catalogue = catalogueInForce(region.cityCode, period.to, { overrides });
    const resolved = resolveRuleSet(region.cityCode, period.to, { overrides });
    const villageScope = resolved.status === 'in_force' && resolved.ruleSet.definition.villageScope;
    const items = catalogue.status === 'in_force' ? catalogue.items : [];
    const drugs: DrugColumn[] = items.map((item) => ({ item, villageLevel: !villageScope || item.forms.some((f) => f.villageLevel) }));
    const column = new Map(drugs.map((d, i) => [d.item.drug.code, i]));

    const institutions = (await institutionsIn(em, districts)).filter((i) => isPrimaryLevel(i.level as InstitutionLevel));
    const ids = institutions.map((i) => i.id);
    const [dispensed, elsewhere, claimCounts] = await Promise.all([
      dispensedLines(em, districts, period.from, period.to),
      dispensedElsewhere(em, districts, ids, period.from, period.to),
      claimsAndHits(em, districts, period.from, period.to),
    ]);
    const here = new Map<string, Map<string, number>>();
    for (const d of dispensed) {
      const m = here.get(d.institutionId) ?? new Map<string, number>();
      m.set(d.drugCode, (m.get(d.drugCode) ?? 0) + d.lines);
      here.set(d.institutionId, m);
    }
    const away = new Map<string, { drugCode: string; patients: number; lines: number }[]>();
    for (const e of elsewhere) away.set(e.home, [...(away.get(e.home) ?? []), e]);

    const rows = institutions.map((institution): AvailabilityRow => {
      const village = isVillageLevel(institution.level as InstitutionLevel);
      const allowed = (d: DrugColumn) => !village || d.villageLevel;
      const mine = here.get(institution.id) ?? new Map<string, number>();
      const theirs = away.get(institution.id) ?? [];
      const awayBy = new Map(theirs.map((e) => [e.drugCode, e]));
      const cells = drugs.map((d): Cell => {
        const lines = mine.get(d.item.drug.code) ?? 0;
        const ok = allowed(d);
        const status: CellStatus = ok ? (lines > 0 ? 'dispensed' : 'not_dispensed') : lines > 0 ? 'dispensed_out_of_scope' : 'not_allowed';
        return { status, linesHere: lines, patientsElsewhere: awayBy.get(d.item.drug.code)?.patients ?? 0 };
      });
      const allowedCount = cells.filter((c) => c.status === 'dispensed' || c.status === 'not_dispensed').length;
      const dispensedCount = cells.filter((c) => c.status === 'dispensed').length;
      const coverage = rate(dispensedCount, allowedCount);
      const counted = claimCounts.get(institution.id);
      return {
        institution,
        claims: counted?.claims ?? 0,
        deliveredClaims: counted?.delivered ?? 0,
        allowedDrugs: allowedCount,
        dispensedAllowedDrugs: dispensedCount,
        coverage,
        belowThreshold: coverage.rate !== null && coverage.rate < threshold,
        cells,
        elsewhere: theirs
          .map((e) => {
            const i = column.get(e.drugCode);
            const d = i === undefined ? undefined : drugs[i];
            return { ...e, inCatalogue: d !== undefined, allowedHere: d !== undefined && allowed(d), dispensedHere: (mine.get(e.drugCode) ?? 0) > 0 };
          })
          .sort((a, b) => b.patients - a.patients || a.drugCode.localeCompare(b.drugCode)),
      };
    });

    const byDistrict = districts.map((code): DistrictAvailability => {
      const own = rows.filter((r) => r.institution.districtCode === code);
      return {
        region: this.regions.get(code)!,
        institutions: own.length,
        coverage: rate(
          own.reduce((a, r) => a + r.dispensedAllowedDrugs, 0),
          own.reduce((a, r) => a + r.allowedDrugs, 0),
        ),
        belowThreshold: own.filter((r) => r.belowThreshold).map((r) => r.institution.id),
        deliveredClaims: own.reduce((a, r) => a + r.deliveredClaims, 0),
      };
    });
    return {
      region,
      period,
      catalogueId: catalogue.status === 'in_force' ? catalogue.catalogueId : null,
      reason: catalogue.status === 'in_force' ? null : catalogue.reason,
      threshold,
      configId:
        thresholdSetting === null || thresholdSetting.source.kind === 'seed' ? this.config.id : `availability.coverageThreshold@${thresholdSetting.validFrom}`,
      thresholdSetting,
      drugs,
      institutions: rows,
      districts: byDistrict,
    };
  }
}
