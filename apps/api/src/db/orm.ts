/** MikroORM set-up: PostgreSQL, the checked-in migrations, never schema sync at start-up. */
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { Migration20261123000000Initial } from '../../migrations/Migration20261123000000_initial';
import { Migration20261123100000Rollups } from '../../migrations/Migration20261123100000_rollups';
import { Migration20261123110000ListIndexes } from '../../migrations/Migration20261123110000_list_indexes';
import { Migration20261123120000RollupFunctions } from '../../migrations/Migration20261123120000_rollup_functions';
import { Migration20261123200000Operations } from '../../migrations/Migration20261123200000_operations';
import { Migration20261123300000InstitutionsFund } from '../../migrations/Migration20261123300000_institutions_fund';
import { Migration20261201000000PatientStreetOrder } from '../../migrations/Migration20261201000000_patient_street_order';
import { Migration20261201010000ClaimBatchFunctions } from '../../migrations/Migration20261201010000_claim_batch_functions';
import { Migration20261202000000ClaimDocuments } from '../../migrations/Migration20261202000000_claim_documents';
import { Migration20261202010000ClaimLinesByPatient } from '../../migrations/Migration20261202010000_claim_lines_by_patient';
import { Migration20261206020000MasterData } from '../../migrations/Migration20261206020000_master_data';
import { Migration20261206030000PatientLives } from '../../migrations/Migration20261206030000_patient_lives';
import { Migration20261206040000ClinicalRecords } from '../../migrations/Migration20261206040000_clinical_records';
import { Migration20261206040001ClaimContextClinical } from '../../migrations/Migration20261206040001_claim_context_clinical';
import { Migration20261206060000ConfigurationValues } from '../../migrations/Migration20261206060000_configuration_values';
import { Migration20261206070000AlertRecoveredAmount } from '../../migrations/Migration20261206070000_alert_recovered_amount';
import { Migration20261206070000RestatePatientRollups } from '../../migrations/Migration20261206070000_restate_patient_rollups';
import { Migration20261206080000AuditLogKeys } from '../../migrations/Migration20261206080000_audit_log_keys';
import { Migration20261207100000HistoryImport } from '../../migrations/Migration20261207100000_history_import';
import { Migration20261207900000DistributeOnCitus } from '../../migrations/Migration20261207900000_distribute_on_citus';
import { Migration20261208100000RefusedClaimsOutOfFigures } from '../../migrations/Migration20261208100000_refused_claims_out_of_figures';
import { Migration20261208400000PaymentStandards } from '../../migrations/Migration20261208400000_payment_standards';
import { Migration20261208500000FamilyDoctorSigning } from '../../migrations/Migration20261208500000_family_doctor_signing';
import { Migration20261208600000PatientFactsCache } from '../../migrations/Migration20261208600000_patient_facts_cache';
import { Migration20261208800000WhatifWatermark } from '../../migrations/Migration20261208800000_whatif_watermark';

/** every migration, in timestamp order; one per line so that branches adding one merge cleanly */
export const MIGRATIONS = [
  { name: 'Migration20261123000000_initial', class: Migration20261123000000Initial },
  { name: 'Migration20261123100000_rollups', class: Migration20261123100000Rollups },
  { name: 'Migration20261123110000_list_indexes', class: Migration20261123110000ListIndexes },
  { name: 'Migration20261123120000_rollup_functions', class: Migration20261123120000RollupFunctions },
  { name: 'Migration20261123200000_operations', class: Migration20261123200000Operations },
  { name: 'Migration20261123300000_institutions_fund', class: Migration20261123300000InstitutionsFund },
  { name: 'Migration20261201000000_patient_street_order', class: Migration20261201000000PatientStreetOrder },
  { name: 'Migration20261201010000_claim_batch_functions', class: Migration20261201010000ClaimBatchFunctions },
  { name: 'Migration20261202000000_claim_documents', class: Migration20261202000000ClaimDocuments },
  { name: 'Migration20261202010000_claim_lines_by_patient', class: Migration20261202010000ClaimLinesByPatient },
  { name: 'Migration20261206020000_master_data', class: Migration20261206020000MasterData },
  { name: 'Migration20261206030000_patient_lives', class: Migration20261206030000PatientLives },
  { name: 'Migration20261206040000_clinical_records', class: Migration20261206040000ClinicalRecords },
  { name: 'Migration20261206040001_claim_context_clinical', class: Migration20261206040001ClaimContextClinical },
  { name: 'Migration20261206060000_configuration_values', class: Migration20261206060000ConfigurationValues },
  { name: 'Migration20261206070000_alert_recovered_amount', class: Migration20261206070000AlertRecoveredAmount },
  { name: 'Migration20261206070000_restate_patient_rollups', class: Migration20261206070000RestatePatientRollups },
  { name: 'Migration20261206080000_audit_log_keys', class: Migration20261206080000AuditLogKeys },
  { name: 'Migration20261207100000_history_import', class: Migration20261207100000HistoryImport },
  { name: 'Migration20261207900000_distribute_on_citus', class: Migration20261207900000DistributeOnCitus },
  { name: 'Migration20261208100000_refused_claims_out_of_figures', class: Migration20261208100000RefusedClaimsOutOfFigures },
  { name: 'Migration20261208400000_payment_standards', class: Migration20261208400000PaymentStandards },
  { name: 'Migration20261208500000_family_doctor_signing', class: Migration20261208500000FamilyDoctorSigning },
  { name: 'Migration20261208600000_patient_facts_cache', class: Migration20261208600000PatientFactsCache },
  { name: 'Migration20261208800000_whatif_watermark', class: Migration20261208800000WhatifWatermark },
];

/** driverOptions: the pg Pool's own settings (a replica's connectionTimeoutMillis). */
export async function openOrm(clientUrl: string, poolMax = 20, driverOptions?: Record<string, unknown>): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl,
    ...(driverOptions === undefined ? {} : { driverOptions }),
    entities: ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: process.env.ORM_DEBUG === '1',
    allowGlobalContext: false,
  });
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
