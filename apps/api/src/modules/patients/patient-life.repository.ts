/**
 * The SQL of patients' lives (Migration20261206030000_patient_lives): the patient's changeable
 * record, its history rows, dated scheme changes, periods of residence elsewhere, certificates and
 * follow-up revisions. Every statement names the district (the tables are distributed by it).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../auth/tokens';
import { exec } from '../../db/sql';
import type { SchemeChange } from './patient-life.dates';

export interface LifeRow {
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  phone: string | null;
  street_code: string | null;
  scheme: string;
  left_on: string | null;
  left_reason: 'death' | 'moved_away' | null;
  moved_to: string | null;
}

/** The patient's row, locked for the rest of the transaction. */
export async function lockPatient(em: EntityManager, districtCode: string, patientId: string): Promise<LifeRow | null> {
  const [row] = await exec<LifeRow>(
    em,
    `select name, sex, to_char(birth_date, 'YYYY-MM-DD') as birth_date, phone, street_code, scheme, to_char(left_on, 'YYYY-MM-DD') as left_on, left_reason, moved_to
       from patients where district_code = ? and id = ? for update`,
    [districtCode, patientId],
  );
  return row ?? null;
}

export interface HistoryEntry {
  action: string;
  field?: string | null;
  old?: string | null;
  new?: string | null;
  effectiveOn?: string | null;
  reason: string | null;
}

export async function addHistory(em: EntityManager, viewer: Viewer, districtCode: string, patientId: string, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await exec(
    em,
    `insert into patient_history (district_code, patient_id, user_id, role, action, field, old_value, new_value, effective_on, reason)
     select ?, ?, ?, ?, e.action, e.field, e.old, e.new, e.effective_on, e.reason
       from jsonb_to_recordset(?::jsonb) e(action text, field text, old text, new text, effective_on date, reason text, n int) order by e.n`,
    [
      districtCode,
      patientId,
      viewer.userId,
      viewer.role,
      JSON.stringify(
        entries.map((e, n) => ({
          n,
          action: e.action,
          field: e.field ?? null,
          old: e.old ?? null,
          new: e.new ?? null,
          effective_on: e.effectiveOn ?? null,
          reason: e.reason,
        })),
      ),
    ],
  );
}

export interface HistoryRow {
  at: Date | string;
  user_id: string;
  role: string;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  effective_on: string | null;
  reason: string | null;
}

export async function readHistory(em: EntityManager, districtCode: string, patientId: string, limit: number): Promise<HistoryRow[]> {
  return exec<HistoryRow>(
    em,
    `select at, user_id, role, action, field, old_value, new_value, to_char(effective_on, 'YYYY-MM-DD') as effective_on, reason
       from patient_history where district_code = ? and patient_id = ? order by id limit ?`,
    [districtCode, patientId, limit],
  );
}

/** Updates the named columns of the patient (names come from the service's fixed list, never from input). */
export async function updatePatientColumns(
  em: EntityManager,
  districtCode: string,
  patientId: string,
  values: Record<'name' | 'sex' | 'birth_date' | 'phone' | 'street_code', string | null>,
): Promise<void> {
  await exec(em, `update patients set name = ?, sex = ?, birth_date = ?::date, phone = ?, street_code = ? where district_code = ? and id = ?`, [
    values.name,
    values.sex,
    values.birth_date,
    values.phone,
    values.street_code,
    districtCode,
    patientId,
  ]);
}

export async function schemeChanges(em: EntityManager, districtCode: string, patientId: string): Promise<SchemeChange[]> {
  const rows = await exec<{ f: string; s: string; p: string }>(
    em,
    `select to_char(effective_from, 'YYYY-MM-DD') as f, scheme as s, previous_scheme as p from patient_scheme_changes where district_code = ? and patient_id = ? order by effective_from`,
    [districtCode, patientId],
  );
  return rows.map((r): SchemeChange => [r.f, r.s, r.p]);
}

export interface SchemeChangeRow {
  effective_from: string;
  scheme: string;
  previous_scheme: string;
  uninsured_reason: string | null;
  reason: string;
  recorded_by: string;
  recorded_at: Date;
}

export async function schemeChangeRows(em: EntityManager, districtCode: string, patientId: string): Promise<SchemeChangeRow[]> {
  return exec<SchemeChangeRow>(
    em,
    `select to_char(effective_from, 'YYYY-MM-DD') as effective_from, scheme, previous_scheme, uninsured_reason, reason, recorded_by, recorded_at
       from patient_scheme_changes where district_code = ? and patient_id = ? order by effective_from`,
    [districtCode, patientId],
  );
}

export async function insertSchemeChange(
  em: EntityManager,
  districtCode: string,
  patientId: string,
  c: { from: string; scheme: string; previous: string; uninsuredReason: string | null; reason: string; by: string },
): Promise<void> {
  await exec(
    em,
    `insert into patient_scheme_changes (district_code, patient_id, effective_from, scheme, previous_scheme, uninsured_reason, reason, recorded_by) values (?, ?, ?::date, ?, ?, ?, ?, ?)`,
    [districtCode, patientId, c.from, c.scheme, c.previous, c.uninsuredReason, c.reason, c.by],
  );
  // patients.scheme is the scheme in force today: effective dates are never in the future.
  await exec(em, `update patients set scheme = ?, uninsured_reason = ? where district_code = ? and id = ?`, [
    c.scheme,
    c.uninsuredReason,
    districtCode,
    patientId,
  ]);
}

export interface ResidenceRow {
  id: string;
  valid_from: string;
  valid_to: string | null;
  place: string;
  note: string;
  recorded_by: string;
  recorded_at: Date;
}

export async function residences(em: EntityManager, districtCode: string, patientId: string): Promise<ResidenceRow[]> {
  return exec<ResidenceRow>(
    em,
    `select id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to, place, note, recorded_by, recorded_at
       from patient_residences_elsewhere where district_code = ? and patient_id = ? order by valid_from`,
    [districtCode, patientId],
  );
}

export async function insertResidence(
  em: EntityManager,
  districtCode: string,
  patientId: string,
  r: { from: string; to: string | null; place: string; note: string; by: string },
): Promise<string> {
  const [row] = await exec<{ id: string }>(
    em,
    `insert into patient_residences_elsewhere (district_code, patient_id, valid_from, valid_to, place, note, recorded_by) values (?, ?, ?::date, ?::date, ?, ?, ?) returning id`,
    [districtCode, patientId, r.from, r.to, r.place, r.note, r.by],
  );
  return row!.id;
}

export async function endResidence(em: EntityManager, districtCode: string, patientId: string, id: string, to: string): Promise<void> {
  await exec(em, `update patient_residences_elsewhere set valid_to = ?::date where district_code = ? and patient_id = ? and id = ?::uuid`, [
    to,
    districtCode,
    patientId,
    id,
  ]);
}

export async function setDeparture(
  em: EntityManager,
  districtCode: string,
  patientId: string,
  d: { on: string | null; reason: 'death' | 'moved_away' | null; movedTo: string | null },
): Promise<void> {
  await exec(em, `update patients set left_on = ?::date, left_reason = ?, moved_to = ? where district_code = ? and id = ?`, [
    d.on,
    d.reason,
    d.movedTo,
    districtCode,
    patientId,
  ]);
}

/** Accepted claims with a fund payment dated after a day: paid before a death or move was known, for the bureau to review. */
export async function paidClaimsAfter(em: EntityManager, districtCode: string, patientId: string, date: string): Promise<string[]> {
  const rows = await exec<{ id: string }>(
    em,
    `select id from claims where district_code = ? and patient_id = ? and status = 'accepted' and fund_fen > 0 and service_date > ?::date order by service_date, id`,
    [districtCode, patientId, date],
  );
  return rows.map((r) => r.id);
}

export interface CertificateRow {
  certificate_no: string;
  certified_on: string;
  revoked_on: string | null;
  diseases: string[];
}

export async function certificates(em: EntityManager, districtCode: string, patientId: string): Promise<CertificateRow[]> {
  return exec<CertificateRow>(
    em,
    `select certificate_no, to_char(certified_on, 'YYYY-MM-DD') as certified_on, to_char(revoked_on, 'YYYY-MM-DD') as revoked_on, diseases
       from certifications where district_code = ? and patient_id = ? order by certified_on, certificate_no`,
    [districtCode, patientId],
  );
}

export async function revokeCertificateRow(em: EntityManager, districtCode: string, patientId: string, certificateNo: string, on: string): Promise<void> {
  await exec(em, `update certifications set revoked_on = ?::date where district_code = ? and patient_id = ? and certificate_no = ?`, [
    on,
    districtCode,
    patientId,
    certificateNo,
  ]);
}

export async function insertCertificate(
  em: EntityManager,
  districtCode: string,
  patientId: string,
  c: { no: string; on: string; institutionId: string; diseases: readonly string[] },
): Promise<void> {
  await exec(
    em,
    `insert into certifications (district_code, patient_id, certificate_no, certified_on, certifying_institution_id, diseases, revoked_on) values (?, ?, ?, ?::date, ?, ?::text[], null)`,
    [districtCode, patientId, c.no, c.on, c.institutionId, c.diseases],
  );
}
