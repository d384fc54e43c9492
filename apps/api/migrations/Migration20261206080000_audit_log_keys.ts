import { Migration } from '@mikro-orm/migrations';

/**
 * Keys for reading the audit log (the auditors' `auditLog` query), each leading with district_code
 * like every key of a large table, so that the log stays distributable by district: newest first
 * within a district is the primary key (district_code, id) read backwards; by user, by the record a
 * row names (a patient, or one of its claims, follow-ups or cases), and by period. The patients a
 * list read names sit in detail->'patientIds' and are found by a GIN index, used with the district's
 * key. The old key by user alone (user_id, at) did not lead with the district and goes.
 */
export class Migration20261206080000AuditLogKeys extends Migration {
  override up(): void {
    this.addSql(`
drop index if exists audit_log_user;
create index audit_log_district_user on audit_log (district_code, user_id, id);
create index audit_log_district_entity on audit_log (district_code, entity, entity_id, id);
create index audit_log_district_at on audit_log (district_code, at);
create index audit_log_patient_ids on audit_log using gin ((detail -> 'patientIds') jsonb_path_ops);
`);
  }

  override down(): void {
    this.addSql(`
drop index if exists audit_log_patient_ids, audit_log_district_at, audit_log_district_entity, audit_log_district_user;
create index audit_log_user on audit_log(user_id, at);
`);
  }
}
