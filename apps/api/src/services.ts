import type { RuleSetOverride } from '@liangbing/policy';
import { ClaimService } from './modules/claims/claim.service';
import { PatientService } from './modules/patients/patient.service';
import { RegionDirectory } from './modules/regions/region.directory';
import { StatisticsService } from './modules/statistics/statistics.service';
import { CapitationService } from './modules/capitation/capitation.service';
import { CatalogueVersionService } from './modules/catalogue/catalogue-version.service';
import { PolicyOverrides } from './modules/catalogue/policy-overrides';
import { PaymentStandardService } from './modules/paystd/paystd.service';
import { MonitoringService } from './modules/monitoring/monitoring.service';
import { RosterService } from './modules/roster/roster.service';
import { AvailabilityService } from './modules/availability/availability.service';
import { CreditService } from './modules/credit/credit.service';
import { FundService } from './modules/fund/fund.service';
import { ScorecardService } from './modules/scorecard/scorecard.service';
import { WhatIfService } from './modules/whatif/whatif.service';
import { PatientLifeService } from './modules/patients/patient-life.service';
import { PatientRecordsService } from './modules/patients/patient-records.service';
import { createClinicalServices, type ClinicalServices } from './modules/clinical/clinical.services';
import { SettingsReader } from './modules/settings/settings.reader';
import { SettingsService } from './modules/settings/settings.service';
import { createMasterData, type MasterDataServices } from './modules/masterdata/masterdata.services';
import { SigningService } from './modules/signing/signing.service';

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
  /** payment standard versions (W 四(一)) */
  paymentStandards: PaymentStandardService;
  scorecards: ScorecardService;
  availability: AvailabilityService;
  credit: CreditService;
  fund: FundService;
  whatIf: WhatIfService;
  /** demographics, scheme, residence elsewhere, death and moving away (issue #16) */
  patientLife: PatientLifeService;
  /** certificate revocation and renewal, follow-up corrections (issue #16) */
  patientRecords: PatientRecordsService;
  /** prescriptions, referrals, clinical findings and the general-outpatient feed */
  clinical: ClinicalServices;
  /** configuration values (issue 16): seeds, dated changes, the value in force */
  settings: SettingsService;
  masterData: MasterDataServices;
  /** family-doctor signings (issue 20 part 4) */
  signing: SigningService;
}

/** Today as a calendar date in China Standard Time (UTC+8, no daylight saving). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** production: placeholder seeds (demo figures) are never used; a key without a value is answered NOT_CONFIGURED. */
export function createServices(overrides: readonly RuleSetOverride[], today: () => string = chinaToday, options: { production?: boolean } = {}): Services {
  const regions = new RegionDirectory();
  const settings = new SettingsReader(options.production ?? false);
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
    monitoring: new MonitoringService(statistics, claims, settings),
    capitation: new CapitationService(statistics, settings),
    catalogueVersions: new CatalogueVersionService(regions, policy),
    paymentStandards: new PaymentStandardService(regions, policy),
    scorecards: new ScorecardService(statistics, settings),
    availability: new AvailabilityService(regions, statistics, policy, settings),
    credit: new CreditService(regions, statistics, today, settings),
    fund: new FundService(regions, statistics, today),
    whatIf: new WhatIfService(regions, statistics, policy),
    // Each holds its own PatientService (stateless) for the patient's district.
    patientLife: new PatientLifeService(new PatientService(regions, today), regions, today),
    patientRecords: new PatientRecordsService(new PatientService(regions, today), today),
    clinical: createClinicalServices(policy, today),
    settings: new SettingsService(regions, statistics, settings),
    masterData: createMasterData(regions, statistics, today),
    signing: new SigningService(today),
  };
}
