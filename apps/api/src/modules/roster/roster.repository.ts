/** SQL for roster imports, their rows, the uninsured ledger and bulk certification; every statement names the district. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export type Outcome = 'certified' | 'to_certify' | 'diagnosis_missing' | 'employee_scheme' | 'to_mobilise' | 'exempt';
export type ExemptReason = 'serving_sentence' | 'military_service' | 'insured_elsewhere';
export const OUTCOMES: readonly Outcome[] = ['certified', 'to_certify', 'diagnosis_missing', 'employee_scheme', 'to_mobilise', 'exempt'];

export interface RosterProblem {
  rowNo: number;
  code: string;
  field: string;
  messageEn: string;
  messageZh: string;
}

export interface StoredImport {
  districtCode: string;
  id: string;
  seq: number;
  contentHash: string;
  fileName: string | null;
  format: 'csv' | 'xlsx';
  acceptValidRows: boolean;
  totalRows: number;
  acceptedRows: number;
  rejectedRows: number;
  problems: RosterProblem[];
  importedBy: string;
  importedAt: Date;
  certifiedAt: Date | null;
  certifiedBy: string | null;
}

export interface NewRow {
  rowNo: number;
  residentId: string;
  name: string;
  diseases: string[];
  institutionId: string;
  patientId: string | null;
  outcome: Outcome;
  certifyDiseases: string[];
  exemptReason: ExemptReason | null;
}

export interface StoredRow extends NewRow {
  certificateNo: string | null;
}

export interface PatientMatch {
  district_code: string;
  id: string;
  resident_id: string;
  name: string;
  scheme: 'resident' | 'employee' | 'uninsured';
  uninsured_reason: string | null;
  diseases: string[];
  certified_diseases: string[] | null;
}

const IMPORT_COLUMNS = `district_code, id, seq, content_hash, file_name, format, accept_valid_rows, total_rows, accepted_rows, rejected_rows, problems, imported_by, imported_at, certified_at, certified_by`;

interface ImportRow {
  district_code: string;
  id: string;
  seq: number;
  content_hash: string;
  file_name: string | null;
  format: 'csv' | 'xlsx';
  accept_valid_rows: boolean;
  total_rows: number;
  accepted_rows: number;
  rejected_rows: number;
  problems: RosterProblem[];
  imported_by: string;
  imported_at: Date;
  certified_at: Date | null;
  certified_by: string | null;
}

const toImport = (r: ImportRow): StoredImport => ({
  districtCode: r.district_code,
  id: r.id,
  seq: r.seq,
  contentHash: r.content_hash,
  fileName: r.file_name,
  format: r.format,
  acceptValidRows: r.accept_valid_rows,
  totalRows: r.total_rows,
  acceptedRows: r.accepted_rows,
  rejectedRows: r.rejected_rows,
  problems: r.problems,
  importedBy: r.imported_by,
  importedAt: r.imported_at,
  certifiedAt: r.certified_at,
  certifiedBy: r.certified_by,
});

/** Serialises imports of one district (numbering and the same-file check). */
export async function lockDistrictRoster(em: EntityManager, districtCode: string): Promise<void> {
  await exec(em, `select pg_advisory_xact_lock(hashtext('roster:' || ?))`, [districtCode]);
}

export async function importByHash(em: EntityManager, districtCode: string, hash: string): Promise<StoredImport | null> {
  const rows = await exec<ImportRow>(em, `select ${IMPORT_COLUMNS} from roster_imports where district_code = ? and content_hash = ?`, [districtCode, hash]);
  return rows[0] ? toImport(rows[0]) : null;
}

export async function importById(em: EntityManager, id: string, districts: readonly string[], forUpdate = false): Promise<StoredImport | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await exec<ImportRow>(
    em,
    `select ${IMPORT_COLUMNS} from roster_imports where id = ?::uuid and district_code = any(?)${forUpdate ? ' for update' : ''}`,
    [id, districts],
  );
  return rows[0] ? toImport(rows[0]) : null;
}

export async function importsOf(em: EntityManager, districts: readonly string[]): Promise<StoredImport[]> {
  const rows = await exec<ImportRow>(
    em,
    `select ${IMPORT_COLUMNS} from roster_imports where district_code = any(?) order by imported_at desc, seq desc limit 200`,
    [districts],
  );
  return rows.map(toImport);
}

export async function insertImport(
  em: EntityManager,
  i: Omit<StoredImport, 'id' | 'seq' | 'importedAt' | 'certifiedAt' | 'certifiedBy'>,
): Promise<StoredImport> {
  // the next number first: on Citus an INSERT … VALUES may hold no subquery
  const [next] = await exec<{ seq: number }>(em, `select coalesce(max(seq), 0) + 1 as seq from roster_imports where district_code = ?`, [i.districtCode]);
  const rows = await exec<ImportRow>(
    em,
    `with w as (insert into roster_imports (district_code, seq, content_hash, file_name, format, accept_valid_rows, total_rows, accepted_rows, rejected_rows, problems, imported_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
     returning *) select ${IMPORT_COLUMNS} from w`,
    [
      i.districtCode,
      next!.seq,
      i.contentHash,
      i.fileName,
      i.format,
      i.acceptValidRows,
      i.totalRows,
      i.acceptedRows,
      i.rejectedRows,
      JSON.stringify(i.problems),
      i.importedBy,
    ],
  );
  return toImport(rows[0]!);
}

export async function insertRows(em: EntityManager, districtCode: string, importId: string, rows: readonly NewRow[]): Promise<void> {
  // unnest of parallel arrays: one statement per chunk, whatever the number of rows
  const CHUNK = 5000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await exec(
      em,
      `insert into roster_rows (district_code, import_id, row_no, resident_id, name, diseases, institution_id, patient_id, outcome, certify_diseases, exempt_reason)
       select ?, ?::uuid, r.row_no, r.resident_id, r.name, string_to_array(r.diseases, ','), r.institution_id, r.patient_id, r.outcome,
              string_to_array(r.certify, ','), r.reason
         from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
           as r(row_no, resident_id, name, diseases, institution_id, patient_id, outcome, certify, reason)`,
      [
        districtCode,
        importId,
        part.map((r) => r.rowNo),
        part.map((r) => r.residentId),
        part.map((r) => r.name),
        part.map((r) => r.diseases.join(',')),
        part.map((r) => r.institutionId),
        part.map((r) => r.patientId),
        part.map((r) => r.outcome),
        part.map((r) => r.certifyDiseases.join(',')),
        part.map((r) => r.exemptReason),
      ],
    );
  }
}

/** Patients with these resident IDs anywhere in the given districts, with diagnoses and the active certification's diseases. */
export async function patientsByResidentId(em: EntityManager, districts: readonly string[], residentIds: readonly string[]): Promise<PatientMatch[]> {
  return exec<PatientMatch>(
    em,
    `select p.district_code, p.id, p.resident_id, p.name, p.scheme, p.uninsured_reason,
            coalesce((select array_agg(d.disease order by d.disease) from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id), '{}') as diseases,
            (select c.diseases from certifications c where c.district_code = p.district_code and c.patient_id = p.id and c.revoked_on is null limit 1) as certified_diseases
       from patients p where p.resident_id = any(?) and p.district_code = any(?)`,
    [residentIds, districts],
  );
}

export async function ledgerEntries(em: EntityManager, districtCode: string, residentIds: readonly string[]): Promise<Map<string, ExemptReason>> {
  const rows = await exec<{ resident_id: string; reason: ExemptReason }>(
    em,
    `select resident_id, reason from uninsured_ledger where district_code = ? and resident_id = any(?)`,
    [districtCode, residentIds],
  );
  return new Map(rows.map((r) => [r.resident_id, r.reason]));
}

export async function institutionsOfDistrict(em: EntityManager, districtCode: string): Promise<{ id: string; name: string; level: string }[]> {
  return exec(em, `select id, name, level from institutions where district_code = ? order by id`, [districtCode]);
}

export async function outcomeCounts(em: EntityManager, districtCode: string, importId: string): Promise<Map<Outcome, number>> {
  const rows = await exec<{ outcome: Outcome; n: string }>(
    em,
    `select outcome, count(*) as n from roster_rows where district_code = ? and import_id = ?::uuid group by outcome`,
    [districtCode, importId],
  );
  return new Map(rows.map((r) => [r.outcome, Number(r.n)]));
}

interface RowRow {
  row_no: number;
  resident_id: string;
  name: string;
  diseases: string[];
  institution_id: string;
  patient_id: string | null;
  outcome: Outcome;
  certify_diseases: string[];
  certificate_no: string | null;
  exempt_reason: ExemptReason | null;
}

const toStoredRow = (r: RowRow): StoredRow => ({
  rowNo: r.row_no,
  residentId: r.resident_id,
  name: r.name,
  diseases: r.diseases,
  institutionId: r.institution_id,
  patientId: r.patient_id,
  outcome: r.outcome,
  certifyDiseases: r.certify_diseases,
  certificateNo: r.certificate_no,
  exemptReason: r.exempt_reason,
});

const ROW_COLUMNS = `row_no, resident_id, name, diseases, institution_id, patient_id, outcome, certify_diseases, certificate_no, exempt_reason`;

export async function listRows(
  em: EntityManager,
  districtCode: string,
  importId: string,
  outcome: Outcome | null,
  afterRowNo: number,
  limit: number,
  forUpdate = false,
): Promise<StoredRow[]> {
  const rows = await exec<RowRow>(
    em,
    `select ${ROW_COLUMNS} from roster_rows
      where district_code = ? and import_id = ?::uuid and (?::text is null or outcome = ?) and row_no > ?
      order by row_no limit ?${forUpdate ? ' for update' : ''}`,
    [districtCode, importId, outcome, outcome, afterRowNo, limit],
  );
  return rows.map(toStoredRow);
}

export async function rowOf(em: EntityManager, districtCode: string, importId: string, rowNo: number): Promise<StoredRow | null> {
  const rows = await exec<RowRow>(em, `select ${ROW_COLUMNS} from roster_rows where district_code = ? and import_id = ?::uuid and row_no = ? for update`, [
    districtCode,
    importId,
    rowNo,
  ]);
  return rows[0] ? toStoredRow(rows[0]) : null;
}

export async function upsertLedger(
  em: EntityManager,
  districtCode: string,
  residentId: string,
  reason: ExemptReason,
  note: string | null,
  by: string,
): Promise<void> {
  await exec(
    em,
    `insert into uninsured_ledger (district_code, resident_id, reason, note, recorded_by) values (?, ?, ?, ?, ?)
     on conflict (district_code, resident_id) do update set reason = excluded.reason, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    [districtCode, residentId, reason, note, by],
  );
}

/** Every roster row of the person still waiting to be mobilised becomes a ledger entry. */
export async function markExempt(em: EntityManager, districtCode: string, residentId: string, reason: ExemptReason): Promise<void> {
  await exec(
    em,
    `update roster_rows set outcome = 'exempt', exempt_reason = ? where district_code = ? and resident_id = ? and outcome in ('to_mobilise', 'exempt')`,
    [reason, districtCode, residentId],
  );
}

export async function certifyingCentres(em: EntityManager, districtCode: string): Promise<{ id: string; level: string }[]> {
  return exec(em, `select id, level from institutions where district_code = ? and level in ('township_health_centre', 'community_health_centre') order by id`, [
    districtCode,
  ]);
}

export interface Issue {
  rowNo: number;
  patientId: string;
  certificateNo: string;
  institutionId: string;
  diseases: string[];
}

/** Revokes the patients' current certificates and issues the new ones, all in the caller's transaction. */
export async function issueCertificates(
  em: EntityManager,
  districtCode: string,
  importId: string,
  certifiedOn: string,
  issues: readonly Issue[],
): Promise<void> {
  if (issues.length === 0) return;
  const patients = issues.map((i) => i.patientId);
  await exec(em, `update certifications set revoked_on = ?::date where district_code = ? and patient_id = any(?) and revoked_on is null`, [
    certifiedOn,
    districtCode,
    patients,
  ]);
  await exec(
    em,
    `insert into certifications (district_code, patient_id, certificate_no, certified_on, certifying_institution_id, diseases)
     select ?, r.patient_id, r.certificate_no, ?::date, r.institution_id, string_to_array(r.diseases, ',')
       from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as r(patient_id, certificate_no, institution_id, diseases)`,
    [districtCode, certifiedOn, patients, issues.map((i) => i.certificateNo), issues.map((i) => i.institutionId), issues.map((i) => i.diseases.join(','))],
  );
  await exec(
    em,
    `update roster_rows rr set outcome = 'certified', certificate_no = r.certificate_no
       from unnest(?::int[], ?::text[]) as r(row_no, certificate_no)
      where rr.district_code = ? and rr.import_id = ?::uuid and rr.row_no = r.row_no`,
    [issues.map((i) => i.rowNo), issues.map((i) => i.certificateNo), districtCode, importId],
  );
}

export async function markRowsCertified(em: EntityManager, districtCode: string, importId: string, rowNos: readonly number[]): Promise<void> {
  if (rowNos.length === 0) return;
  await exec(em, `update roster_rows set outcome = 'certified' where district_code = ? and import_id = ?::uuid and row_no = any(?::int[])`, [
    districtCode,
    importId,
    rowNos,
  ]);
}

export async function markImportCertified(em: EntityManager, districtCode: string, importId: string, by: string): Promise<void> {
  await exec(em, `update roster_imports set certified_at = now(), certified_by = ? where district_code = ? and id = ?::uuid`, [by, districtCode, importId]);
}
