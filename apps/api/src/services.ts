import type { RuleSetOverride } from '@liangbing/policy';
import { ClaimService } from './modules/claims/claim.service';
import { PatientService } from './modules/patients/patient.service';
import { RegionDirectory } from './modules/regions/region.directory';
import { StatisticsService } from './modules/statistics/statistics.service';

export interface Services {
  regions: RegionDirectory;
  claims: ClaimService;
  patients: PatientService;
  statistics: StatisticsService;
  overrides: readonly RuleSetOverride[];
}

/** Today as a calendar date in China Standard Time (UTC+8, no daylight saving). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function createServices(overrides: readonly RuleSetOverride[], today: () => string = chinaToday): Services {
  const regions = new RegionDirectory();
  return {
    regions,
    claims: new ClaimService(overrides, today),
    patients: new PatientService(regions, today),
    statistics: new StatisticsService(regions),
    overrides,
  };
}
