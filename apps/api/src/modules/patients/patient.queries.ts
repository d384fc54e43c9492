/** Patient lists and one patient's year, inside the caller's districts; personal data masked by the scope. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { maskResidentId, type Disease } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { badInput } from '../../errors';
import { audit } from '../audit/audit';
import { ageBand } from './age-band';

export interface PatientRecord {
  id: string;
  districtCode: string;
  residentId: string;
  name: string;
  sex: string;
  birthDate: string;
  streetCode: string | null;
  phone: string | null;
  scheme: string;
  managed: boolean;
  diseases: string[];
  certified: boolean;
  certificateNo: string | null;
  designatedInstitutionId: string | null;
  /** false when a list was asked not to read diagnoses, certificate and designation: those four fields are then not the patient's (see patientDetails) */
  detailsLoaded: boolean;
}

/** What a list reads only when asked: diagnoses, the current certificate and designation. */
export type PatientDetails = Pick<PatientRecord, 'diseases' | 'certified' | 'certificateNo' | 'designatedInstitutionId'>;

export interface PatientListFilter {
  districts: readonly string[];
  streetCode?: string | null;
  disease?: string | null;
  certified?: boolean | null;
  managed?: boolean | null;
  institutionId?: string | null;
}

const BASE_COLUMNS = `p.id, p.district_code, p.resident_id, p.name, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.street_code, p.phone, p.scheme, p.managed`;
const DETAIL_COLUMNS = `true as details,
  (select array_agg(d.disease order by d.disease) from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id) as diseases,
  (select c.certificate_no from certifications c where c.district_code = p.district_code and c.patient_id = p.id and c.revoked_on is null limit 1) as certificate_no,
  (select g.institution_id from designations g where g.district_code = p.district_code and g.patient_id = p.id and g.valid_to is null limit 1) as designated_institution_id`;
const COLUMNS = `${BASE_COLUMNS}, ${DETAIL_COLUMNS}`;
const LEAN_COLUMNS = `${BASE_COLUMNS}, false as details, null::text[] as diseases, null::text as certificate_no, null::text as designated_institution_id`;

interface Row {
  id: string;
  district_code: string;
  resident_id: string;
  name: string;
  sex: string;
  birth_date: string;
  street_code: string | null;
  phone: string | null;
  scheme: string;
  managed: boolean;
  diseases: string[] | null;
  certificate_no: string | null;
  designated_institution_id: string | null;
  details: boolean;
}

function toRecord(r: Row): PatientRecord {
  return {
    id: r.id,
    districtCode: r.district_code,
    residentId: r.resident_id,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    streetCode: r.street_code,
    phone: r.phone,
    scheme: r.scheme,
    managed: r.managed,
    diseases: r.diseases ?? [],
    certified: r.certificate_no !== null,
    certificateNo: r.certificate_no,
    designatedInstitutionId: r.designated_institution_id,
    detailsLoaded: r.details,
  };
}

/** The details of patients a lean list read, keyed `district|id`. */
export async function patientDetails(em: EntityManager, districtCode: string, ids: readonly string[]): Promise<Map<string, PatientDetails>> {
  const rows = await exec<Row>(em, `select ${COLUMNS} from patients p where p.district_code = ? and p.id = any(?)`, [districtCode, ids]);
  return new Map(rows.map((r) => [`${r.district_code}|${r.id}`, toRecord(r)]));
}

/** The masks of personal fields for viewers who may not see them (also applied to the patient's history). */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
export const maskName = (name: string) => (name.length > 1 ? `${name[0]}${'*'.repeat(name.length - 1)}` : name);

/** A patient as a viewer is shown it: birth date and sex null where withheld, the age band always. */
export type PresentedPatient = Omit<PatientRecord, 'sex' | 'birthDate'> & { sex: string | null; birthDate: string | null; ageBand: string };

/** Masks what the viewer may not see (scope.ts: `unmasked`, `unmaskedBirthAndSex`), and audits every unmasked read. */
export async function present(em: EntityManager, scope: Scope, records: PatientRecord[], action: string, today: string): Promise<PresentedPatient[]> {
  const identity = scope.unmasked;
  const birthAndSex = scope.unmaskedBirthAndSex;
  const shown = records.map((r): PresentedPatient => ({
    ...r,
    ...(identity ? {} : { residentId: maskResidentId(r.residentId), phone: r.phone === null ? null : maskPhone(r.phone), name: maskName(r.name) }),
    birthDate: birthAndSex ? r.birthDate : null,
    sex: birthAndSex ? r.sex : null,
    ageBand: ageBand(r.birthDate, today),
  }));
  if (!identity && !birthAndSex) return shown;
  const fields = [...(identity ? ['residentId', 'name', 'phone'] : []), ...(birthAndSex ? ['birthDate', 'sex'] : [])];
  const byDistrict = new Map<string, string[]>();
  for (const r of records) byDistrict.set(r.districtCode, [...(byDistrict.get(r.districtCode) ?? []), r.id]);
  for (const [district, ids] of byDistrict)
    await audit(em, scope.viewer, district, action, 'patient', ids.length === 1 ? ids[0]! : null, { patientIds: ids, unmasked: true, fields });
  return shown;
}

export async function listPatients(
  em: EntityManager,
  f: PatientListFilter,
  first: number,
  after: string | null,
  opts: { count?: boolean; details?: boolean } = {},
): Promise<{ nodes: PatientRecord[]; totalCount: number | null; hasNextPage: boolean }> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'must be 1–100', '须为1–100');
  const where = ['p.district_code = any(?)'];
  const params: unknown[] = [f.districts];
  if (f.streetCode != null) {
    where.push('p.street_code = ?');
    params.push(f.streetCode);
  }
  if (f.managed != null) {
    where.push('p.managed = ?');
    params.push(f.managed);
  }
  // Each subquery names the districts again: the planner does not carry "= any(…)" into it, and
  // would otherwise read the whole table for a count.
  if (f.disease != null) {
    where.push(
      'exists (select 1 from patient_diseases d where d.district_code = any(?) and d.district_code = p.district_code and d.patient_id = p.id and d.disease = ?)',
    );
    params.push(f.districts, f.disease);
  }
  if (f.certified != null) {
    where.push(
      `${f.certified ? '' : 'not '}exists (select 1 from certifications c where c.district_code = any(?) and c.district_code = p.district_code and c.patient_id = p.id and c.revoked_on is null)`,
    );
    params.push(f.districts);
  }
  if (f.institutionId != null) {
    where.push(
      'exists (select 1 from designations g where g.district_code = any(?) and g.district_code = p.district_code and g.patient_id = p.id and g.valid_to is null and g.institution_id = ?)',
    );
    params.push(f.districts, f.institutionId);
  }
  const base = where.join(' and ');
  const pageWhere = after === null ? base : `${base} and (p.district_code, p.id) > (?, ?)`;
  const cursor = after === null ? [] : Buffer.from(after, 'base64url').toString().split('|');
  if (after !== null && cursor.length !== 2) throw badInput('after', 'is not a cursor from this API', '游标无效');
  const columns = opts.details === false ? LEAN_COLUMNS : COLUMNS;
  const page = `select ${columns} from patients p where ${pageWhere} order by p.district_code, p.id limit ?`;
  const pageParams = [...params, ...cursor, first + 1];
  if (opts.count === false) {
    const rows = await exec<Row>(em, page, pageParams);
    return { nodes: rows.slice(0, first).map(toRecord), totalCount: null, hasNextPage: rows.length > first };
  }
  // The page and its count in one statement: the count's one row, joined to the page (an empty page leaves one row of nulls).
  const rows = await exec<Row & { total_count: string }>(
    em,
    `select t.total_count, x.* from (select count(*) as total_count from patients p where ${base}) t left join lateral (${page}) x on true order by x.district_code, x.id`,
    [...params, ...pageParams],
  );
  const found = rows.filter((r) => r.id !== null);
  return { nodes: found.slice(0, first).map(toRecord), totalCount: Number(rows[0]?.total_count ?? 0), hasNextPage: found.length > first };
}

export function patientCursor(r: PatientRecord): string {
  return Buffer.from(`${r.districtCode}|${r.id}`).toString('base64url');
}

export async function findPatient(em: EntityManager, districts: readonly string[], id: string): Promise<PatientRecord | null> {
  const rows = await exec<Row>(em, `select ${COLUMNS} from patients p where p.id = ? and p.district_code = any(?)`, [id, districts]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** What a year summary reads: the ledger, the certification on the day asked about, the city and the next refill. */
export interface YearRecords {
  /** null for a district the regions table does not know */
  cityCode: string | null;
  fundPaidFen: number;
  generalOutpatientFundFen: number;
  /** the diseases of the certification in force on `asOf`; [] when none is */
  certifiedDiseases: Disease[];
  nextRefillDate: string | null;
}

export async function yearRecords(em: EntityManager, districtCode: string, patientId: string, year: number, asOf: string): Promise<YearRecords> {
  const [row] = await exec<{
    city_code: string | null;
    fund_paid_fen: string | null;
    general_outpatient_fund_fen: string | null;
    diseases: Disease[] | null;
    next_refill: string | null;
  }>(
    em,
    `select (select r.city_code from regions r where r.code = ?) as city_code, b.fund_paid_fen, b.general_outpatient_fund_fen,
            (select c.diseases from certifications c
              where c.district_code = ? and c.patient_id = ? and c.certified_on <= ?::date and (c.revoked_on is null or c.revoked_on > ?::date)
              order by c.certified_on desc limit 1) as diseases,
            (select to_char(max(c2.service_date + l.days_supply), 'YYYY-MM-DD') from claims c2 join claim_lines l on l.district_code = c2.district_code and l.claim_id = c2.id
              where c2.district_code = ? and c2.patient_id = ? and c2.status = 'accepted' and l.compliant_fen > 0) as next_refill
       from (select 1) one left join benefit_ledger b on b.district_code = ? and b.patient_id = ? and b.year = ?`,
    [districtCode, districtCode, patientId, asOf, asOf, districtCode, patientId, districtCode, patientId, year],
  );
  return {
    cityCode: row?.city_code ?? null,
    fundPaidFen: Number(row?.fund_paid_fen ?? 0),
    generalOutpatientFundFen: Number(row?.general_outpatient_fund_fen ?? 0),
    certifiedDiseases: row?.diseases ?? [],
    nextRefillDate: row?.next_refill ?? null,
  };
}
