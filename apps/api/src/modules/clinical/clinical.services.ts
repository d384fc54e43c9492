/** The clinical-records module's services, registered as one entry of Services (services.ts). */
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import { ClinicalService } from './clinical.service';
import { FindingService } from './finding.service';
import { GeneralOutpatientService } from './general-outpatient.service';

export interface ClinicalServices {
  records: ClinicalService;
  findings: FindingService;
  generalOutpatient: GeneralOutpatientService;
}

export function createClinicalServices(policy: PolicyOverrides, today: () => string): ClinicalServices {
  const records = new ClinicalService(policy, today);
  return { records, findings: new FindingService(records, policy, today), generalOutpatient: new GeneralOutpatientService(today) };
}
