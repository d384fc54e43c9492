import type { RuleSetOverride } from '@liangbing/policy';
import { ClaimService } from './modules/claims/claim.service';
import { PatientService } from './modules/patients/patient.service';
import { RegionDirectory } from './modules/regions/region.directory';
import { StatisticsService } from './modules/statistics/statistics.service';
import { CapitationService } from './modules/capitation/capitation.service';
import { CatalogueVersionService } from './modules/catalogue/catalogue-version.service';
import { PolicyOverrides } from './modules/catalogue/policy-overrides';
import { MonitoringService } from './modules/monitoring/monitoring.service';
import { RosterService } from './modules/roster/roster.service';
import { AvailabilityService } from './modules/availability/availability.service';
import { CreditService } from './modules/credit/credit.service';
import { FundService } from './modules/fund/fund.service';
import { ScorecardService } from './modules/scorecard/scorecard.service';
import { WhatIfService } from './modules/whatif/whatif.service';
import { createMasterData, type MasterDataServices } from './modules/masterdata/masterdata.services';

export interface Services {
  regions: RegionDirectory;
  claims: ClaimService;
  patients: PatientService;
  statistics: StatisticsService;
  overrides: readonly RuleSetOverride[];
  /** the overrides with the loaded catalogue versions: what claims are judged under */
  policy: PolicyOverrides;
  roster: RosterService;
  monitoring: MonitoringService;
  capitation: CapitationService;
  catalogueVersions: CatalogueVersionService;
  scorecards: ScorecardService;
  availability: AvailabilityService;
  credit: CreditService;
  fund: FundService;
  whatIf: WhatIfService;
  masterData: MasterDataServices;
}

/** Today as a calendar date in China Standard Time (UTC+8, no daylight saving). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function createServices(overrides: readonly RuleSetOverride[], today: () => string = chinaToday): Services {
  const regions = new RegionDirectory();
  const policy = new PolicyOverrides(overrides);
  const claims = new ClaimService(policy, today);
  const statistics = new StatisticsService(regions);
  return {
    regions,
    claims,
    patients: new PatientService(regions, today),
    statistics,
    overrides,
    policy,
    roster: new RosterService(regions, today),
    monitoring: new MonitoringService(statistics, claims),
    capitation: new CapitationService(statistics),
    catalogueVersions: new CatalogueVersionService(regions, policy),
    scorecards: new ScorecardService(statistics),
    availability: new AvailabilityService(regions, statistics, policy),
    credit: new CreditService(regions, statistics, today),
    fund: new FundService(regions, statistics, today),
    whatIf: new WhatIfService(regions, statistics, policy),
    masterData: createMasterData(regions, statistics, today),
  };
}
