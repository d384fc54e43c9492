/**
 * SQL of the clinical records: prescriptions (G-5), referrals (W-6) and findings. Every statement
 * names the patient's district, which leads each table's key; institutions are a reference table.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstitutionLevel } from '@liangbing/policy';
import { exec } from '../../db/sql';

export interface PatientHome {
  districtCode: string;
  cityCode: string;
  id: string;
}

/** The patient among the given districts, with its city. */
export async function patientIn(em: EntityManager, districts: readonly string[], patientId: string): Promise<PatientHome | null> {
  const [row] = await exec<PatientHome>(
    em,
    `select p.district_code as "districtCode", r.city_code as "cityCode", p.id from patients p join regions r on r.code = p.district_code where p.id = ? and p.district_code = any(?)`,
    [patientId, districts],
  );
  return row ?? null;
}

export interface InstitutionRow {
  id: string;
  level: InstitutionLevel;
  cityCode: string;
  districtCode: string;
  insuranceDesignated: boolean;
}

export async function institutionsById(em: EntityManager, ids: readonly string[]): Promise<Map<string, InstitutionRow>> {
  const rows = await exec<InstitutionRow>(
    em,
    `select id, level, city_code as "cityCode", district_code as "districtCode", insurance_designated as "insuranceDesignated" from institutions where id = any(?)`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The patient's designated institution on a date (W-4), or null. */
export async function designationOn(em: EntityManager, districtCode: string, patientId: string, date: string): Promise<string | null> {
  const [row] = await exec<{ institution_id: string }>(
    em,
    `select institution_id from designations where district_code = ? and patient_id = ? and valid_from <= ?::date and (valid_to is null or valid_to >= ?::date) order by valid_from desc limit 1`,
    [districtCode, patientId, date, date],
  );
  return row?.institution_id ?? null;
}

export interface PrescriptionRow {
  id: string;
  districtCode: string;
  patientId: string;
  institutionId: string;
  issuedOn: string;
  drugCodes: string[];
  diseases: string[];
  prescriptionNo: string | null;
  requestHash: string | null;
  recordedBy: string | null;
}

const RX = `id, district_code as "districtCode", patient_id as "patientId", institution_id as "institutionId", to_char(issued_on, 'YYYY-MM-DD') as "issuedOn",
  drug_codes as "drugCodes", diseases, prescription_no as "prescriptionNo", request_hash as "requestHash", recorded_by as "recordedBy"`;

export async function prescriptionByNumber(em: EntityManager, districtCode: string, prescriptionNo: string): Promise<PrescriptionRow | null> {
  const [row] = await exec<PrescriptionRow>(em, `select ${RX} from prescriptions where district_code = ? and prescription_no = ?`, [
    districtCode,
    prescriptionNo,
  ]);
  return row ?? null;
}

/**
 * The statements below return their rows formatted (to_char) from a CTE over the write: on Citus
 * RETURNING may hold IMMUTABLE functions only.
 */
export async function insertPrescription(em: EntityManager, r: Omit<PrescriptionRow, 'requestHash'> & { requestHash: string }): Promise<PrescriptionRow> {
  const [row] = await exec<PrescriptionRow>(
    em,
    `with w as (insert into prescriptions (district_code, id, patient_id, institution_id, issued_on, drug_codes, diseases, prescription_no, request_hash, recorded_by)
     values (?, ?, ?, ?, ?::date, ?::text[], ?::text[], ?, ?, ?) returning *) select ${RX} from w`,
    [r.districtCode, r.id, r.patientId, r.institutionId, r.issuedOn, r.drugCodes, r.diseases, r.prescriptionNo, r.requestHash, r.recordedBy],
  );
  return row!;
}

export async function prescriptionsOf(em: EntityManager, districtCode: string, patientId: string): Promise<PrescriptionRow[]> {
  return exec<PrescriptionRow>(em, `select ${RX} from prescriptions where district_code = ? and patient_id = ? order by issued_on desc, id`, [
    districtCode,
    patientId,
  ]);
}

export interface ReferralRow {
  id: string;
  districtCode: string;
  patientId: string;
  fromInstitutionId: string;
  toInstitutionId: string;
  issuedOn: string;
  validUntil: string | null;
  reason: string;
  requestHash: string;
  recordedBy: string;
}

const REF = `id::text as id, district_code as "districtCode", patient_id as "patientId", from_institution_id as "fromInstitutionId", to_institution_id as "toInstitutionId",
  to_char(issued_on, 'YYYY-MM-DD') as "issuedOn", to_char(valid_until, 'YYYY-MM-DD') as "validUntil", reason, request_hash as "requestHash", recorded_by as "recordedBy"`;

export async function referralByKey(
  em: EntityManager,
  k: { districtCode: string; patientId: string; fromInstitutionId: string; toInstitutionId: string; issuedOn: string },
): Promise<ReferralRow | null> {
  const [row] = await exec<ReferralRow>(
    em,
    `select ${REF} from referrals where district_code = ? and patient_id = ? and from_institution_id = ? and to_institution_id = ? and issued_on = ?::date`,
    [k.districtCode, k.patientId, k.fromInstitutionId, k.toInstitutionId, k.issuedOn],
  );
  return row ?? null;
}

/** Inserts the referral unless its key is taken; answers the row, or null when another request stored it first. */
export async function insertReferral(em: EntityManager, r: Omit<ReferralRow, 'id'>): Promise<ReferralRow | null> {
  const [row] = await exec<ReferralRow>(
    em,
    `with w as (insert into referrals (district_code, patient_id, from_institution_id, to_institution_id, issued_on, valid_until, reason, request_hash, recorded_by)
     values (?, ?, ?, ?, ?::date, ?::date, ?, ?, ?) on conflict (district_code, patient_id, from_institution_id, to_institution_id, issued_on) do nothing returning *) select ${REF} from w`,
    [r.districtCode, r.patientId, r.fromInstitutionId, r.toInstitutionId, r.issuedOn, r.validUntil, r.reason, r.requestHash, r.recordedBy],
  );
  return row ?? null;
}

export async function referralsList(em: EntityManager, districtCode: string, patientId: string): Promise<ReferralRow[]> {
  return exec<ReferralRow>(em, `select ${REF} from referrals where district_code = ? and patient_id = ? order by issued_on desc, id`, [
    districtCode,
    patientId,
  ]);
}

export interface FindingRow {
  id: string;
  districtCode: string;
  patientId: string;
  code: string;
  recordedOn: string;
  validUntil: string | null;
  institutionId: string | null;
  source: string;
  recordedBy: string;
  retractedOn: string | null;
  retractionReason: string | null;
  retractedBy: string | null;
}

const FINDING = `id::text as id, district_code as "districtCode", patient_id as "patientId", code, to_char(recorded_on, 'YYYY-MM-DD') as "recordedOn",
  to_char(valid_until, 'YYYY-MM-DD') as "validUntil", institution_id as "institutionId", source, recorded_by as "recordedBy",
  to_char(retracted_on, 'YYYY-MM-DD') as "retractedOn", retraction_reason as "retractionReason", retracted_by as "retractedBy"`;

export async function findingByKey(em: EntityManager, districtCode: string, patientId: string, code: string, recordedOn: string): Promise<FindingRow | null> {
  const [row] = await exec<FindingRow>(
    em,
    `select ${FINDING} from clinical_findings where district_code = ? and patient_id = ? and code = ? and recorded_on = ?::date`,
    [districtCode, patientId, code, recordedOn],
  );
  return row ?? null;
}

/** A finding by id among the given districts, locked for a retraction when `lock`. */
export async function findingById(em: EntityManager, districts: readonly string[], id: string, lock = false): Promise<FindingRow | null> {
  const [row] = await exec<FindingRow>(
    em,
    `select ${FINDING} from clinical_findings where id = ?::uuid and district_code = any(?)${lock ? ' for update' : ''}`,
    [id, districts],
  );
  return row ?? null;
}

export async function insertFinding(
  em: EntityManager,
  r: Omit<FindingRow, 'id' | 'retractedOn' | 'retractionReason' | 'retractedBy'>,
): Promise<FindingRow | null> {
  const [row] = await exec<FindingRow>(
    em,
    `with w as (insert into clinical_findings (district_code, patient_id, code, recorded_on, valid_until, institution_id, source, recorded_by)
     values (?, ?, ?, ?::date, ?::date, ?, ?, ?) on conflict (district_code, patient_id, code, recorded_on) do nothing returning *) select ${FINDING} from w`,
    [r.districtCode, r.patientId, r.code, r.recordedOn, r.validUntil, r.institutionId, r.source, r.recordedBy],
  );
  return row ?? null;
}

export async function retract(em: EntityManager, f: FindingRow, on: string, reason: string, by: string): Promise<FindingRow> {
  const [row] = await exec<FindingRow>(
    em,
    `with w as (update clinical_findings set retracted_on = ?::date, retraction_reason = ?, retracted_by = ?, retracted_at = now() where district_code = ? and id = ?::uuid returning *) select ${FINDING} from w`,
    [on, reason, by, f.districtCode, f.id],
  );
  return row!;
}

export async function findingsList(em: EntityManager, districtCode: string, patientId: string): Promise<FindingRow[]> {
  return exec<FindingRow>(em, `select ${FINDING} from clinical_findings where district_code = ? and patient_id = ? order by recorded_on desc, code`, [
    districtCode,
    patientId,
  ]);
}
