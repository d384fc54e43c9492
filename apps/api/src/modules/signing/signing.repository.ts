/**
 * SQL of family-doctor signings (家庭医生签约). Every statement names the patient's district, which
 * leads the table's key; institutions are a reference table.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export interface SigningRow {
  id: string;
  districtCode: string;
  patientId: string;
  institutionId: string;
  institutionName: string;
  teamCode: string;
  teamName: string;
  validFrom: string;
  /** the last day in force; null: open-ended */
  validTo: string | null;
  /** set when the signing was ended early (解约) */
  endedReason: string | null;
  recordedBy: string;
  endedBy: string | null;
}

const COLUMNS = `s.id::text as id, s.district_code as "districtCode", s.patient_id as "patientId", s.institution_id as "institutionId", i.name as "institutionName",
  s.team_code as "teamCode", s.team_name as "teamName", to_char(s.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(s.valid_to, 'YYYY-MM-DD') as "validTo",
  s.ended_reason as "endedReason", s.recorded_by as "recordedBy", s.ended_by as "endedBy"`;

/** A patient's signings, the latest first. */
export async function signingsOf(em: EntityManager, districtCode: string, patientId: string): Promise<SigningRow[]> {
  return exec<SigningRow>(
    em,
    `select ${COLUMNS} from family_doctor_signings s join institutions i on i.id = s.institution_id
      where s.district_code = ? and s.patient_id = ? order by s.valid_from desc, s.id`,
    [districtCode, patientId],
  );
}

/** A signing by id among the given districts, locked for the rest of the transaction when `lock`. */
export async function signingById(em: EntityManager, districts: readonly string[], id: string, lock = false): Promise<SigningRow | null> {
  const [row] = await exec<SigningRow>(
    em,
    `select ${COLUMNS} from family_doctor_signings s join institutions i on i.id = s.institution_id
      where s.id = ?::uuid and s.district_code = any(?)${lock ? ' for update of s' : ''}`,
    [id, districts],
  );
  return row ?? null;
}

export interface NewSigning {
  districtCode: string;
  patientId: string;
  institutionId: string;
  teamCode: string;
  teamName: string;
  validFrom: string;
  validTo: string | null;
  recordedBy: string;
}

export async function insertSigning(em: EntityManager, s: NewSigning): Promise<string> {
  const [row] = await exec<{ id: string }>(
    em,
    `insert into family_doctor_signings (district_code, patient_id, institution_id, team_code, team_name, valid_from, valid_to, recorded_by)
     values (?, ?, ?, ?, ?, ?::date, ?::date, ?) returning id::text as id`,
    [s.districtCode, s.patientId, s.institutionId, s.teamCode, s.teamName, s.validFrom, s.validTo, s.recordedBy],
  );
  return row!.id;
}

export async function endSigningRow(em: EntityManager, districtCode: string, id: string, endedOn: string, reason: string, by: string): Promise<void> {
  await exec(
    em,
    `update family_doctor_signings set valid_to = ?::date, ended_reason = ?, ended_by = ?, ended_at = now() where district_code = ? and id = ?::uuid`,
    [endedOn, reason, by, districtCode, id],
  );
}

/** The patient's row locked, with its exit date: signings of one patient are checked for overlap under it. */
export async function lockPatientRow(em: EntityManager, districtCode: string, patientId: string): Promise<{ leftOn: string | null } | null> {
  const [row] = await exec<{ leftOn: string | null }>(
    em,
    `select to_char(left_on, 'YYYY-MM-DD') as "leftOn" from patients where district_code = ? and id = ? for update`,
    [districtCode, patientId],
  );
  return row ?? null;
}

export interface SigningInstitution {
  id: string;
  cityCode: string;
  closedOn: string | null;
}

export async function institutionOf(em: EntityManager, id: string): Promise<SigningInstitution | null> {
  const [row] = await exec<SigningInstitution>(
    em,
    `select id, city_code as "cityCode", to_char(closed_on, 'YYYY-MM-DD') as "closedOn" from institutions where id = ?`,
    [id],
  );
  return row ?? null;
}

/** The signing in force on a date among a patient's signings (at most one is). */
export function signingOn(signings: readonly SigningRow[], date: string): SigningRow | null {
  return signings.find((s) => s.validFrom <= date && (s.validTo === null || s.validTo >= date)) ?? null;
}
