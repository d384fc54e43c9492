/** SQL of the institution writes: the row, its 两病 qualification history, the claims a closing would strand. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstitutionLevel } from '@liangbing/policy';
import { exec } from '../../db/sql';
import type { TreatmentPeriod } from './institution-on-date';

export interface InstitutionRecord {
  id: string;
  name: string;
  level: InstitutionLevel;
  cityCode: string;
  districtCode: string;
  streetCode: string | null;
  consortiumId: string | null;
  canTreatTwoDiseases: boolean;
  insuranceDesignated: boolean;
  networkedOutOfArea: boolean;
  closedOn: string | null;
}

export interface TreatmentGrant {
  seq: number;
  /** null: recorded before dated history was kept */
  grantedFrom: string | null;
  grantSource: string;
  grantedBy: string;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  withdrawnBy: string | null;
}

interface Row {
  id: string;
  name: string;
  level: InstitutionLevel;
  city_code: string;
  district_code: string;
  street_code: string | null;
  consortium_id: string | null;
  can_treat_two_diseases: boolean;
  insurance_designated: boolean;
  networked_out_of_area: boolean;
  closed_on: string | null;
}

const COLUMNS = `id, name, level, city_code, district_code, street_code, consortium_id, can_treat_two_diseases, insurance_designated, networked_out_of_area, to_char(closed_on, 'YYYY-MM-DD') as closed_on`;

const toRecord = (r: Row): InstitutionRecord => ({
  id: r.id,
  name: r.name,
  level: r.level,
  cityCode: r.city_code,
  districtCode: r.district_code,
  streetCode: r.street_code,
  consortiumId: r.consortium_id,
  canTreatTwoDiseases: r.can_treat_two_diseases,
  insuranceDesignated: r.insurance_designated,
  networkedOutOfArea: r.networked_out_of_area,
  closedOn: r.closed_on,
});

/** The institutions of these ids; `lock` takes their rows for update (in id order), which serialises writes to one institution. */
export async function institutionsById(em: EntityManager, ids: readonly string[], lock = false): Promise<Map<string, InstitutionRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await exec<Row>(em, `select ${COLUMNS} from institutions where id = any(?) order by id${lock ? ' for update' : ''}`, [ids]);
  return new Map(rows.map((r) => [r.id, toRecord(r)]));
}

export async function insertInstitution(em: EntityManager, i: InstitutionRecord): Promise<void> {
  await exec(
    em,
    `insert into institutions (id, name, level, city_code, district_code, street_code, consortium_id, can_treat_two_diseases, insurance_designated, networked_out_of_area)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [i.id, i.name, i.level, i.cityCode, i.districtCode, i.streetCode, i.consortiumId, i.canTreatTwoDiseases, i.insuranceDesignated, i.networkedOutOfArea],
  );
}

export async function updateInstitution(em: EntityManager, i: InstitutionRecord): Promise<void> {
  await exec(
    em,
    `update institutions set name = ?, level = ?, street_code = ?, consortium_id = ?, insurance_designated = ?, networked_out_of_area = ?, can_treat_two_diseases = ?, closed_on = ?::date where id = ?`,
    [i.name, i.level, i.streetCode, i.consortiumId, i.insuranceDesignated, i.networkedOutOfArea, i.canTreatTwoDiseases, i.closedOn, i.id],
  );
}

export async function grantsOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, TreatmentGrant[]>> {
  const out = new Map<string, TreatmentGrant[]>();
  if (ids.length === 0) return out;
  const rows = await exec<{
    institution_id: string;
    seq: number;
    granted_from: string | null;
    grant_source: string;
    granted_by: string;
    withdrawn_on: string | null;
    withdrawal_reason: string | null;
    withdrawn_by: string | null;
  }>(
    em,
    `select institution_id, seq, to_char(granted_from, 'YYYY-MM-DD') as granted_from, grant_source, granted_by, to_char(withdrawn_on, 'YYYY-MM-DD') as withdrawn_on, withdrawal_reason, withdrawn_by
       from institution_treatment_grants where institution_id = any(?) order by institution_id, seq`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.institution_id) ?? [];
    list.push({
      seq: r.seq,
      grantedFrom: r.granted_from,
      grantSource: r.grant_source,
      grantedBy: r.granted_by,
      withdrawnOn: r.withdrawn_on,
      withdrawalReason: r.withdrawal_reason,
      withdrawnBy: r.withdrawn_by,
    });
    out.set(r.institution_id, list);
  }
  return out;
}

export const periodsOf = (grants: readonly TreatmentGrant[] | undefined): TreatmentPeriod[] | null =>
  grants === undefined || grants.length === 0 ? null : grants.map((g) => ({ from: g.grantedFrom, to: g.withdrawnOn }));

export async function insertGrant(em: EntityManager, institutionId: string, g: Omit<TreatmentGrant, 'seq'>): Promise<number> {
  // The next number first, then the row: on Citus (a reference table) an insert may not select from its own table.
  const [next] = await exec<{ seq: number }>(em, `select coalesce(max(seq), 0) + 1 as seq from institution_treatment_grants where institution_id = ?`, [
    institutionId,
  ]);
  await exec(
    em,
    `insert into institution_treatment_grants (institution_id, seq, granted_from, grant_source, granted_by, withdrawn_on, withdrawal_reason, withdrawn_by, withdrawn_at)
     values (?, ?, ?::date, ?, ?, ?::date, ?, ?, case when ?::date is null then null else now() end)`,
    [institutionId, next!.seq, g.grantedFrom, g.grantSource, g.grantedBy, g.withdrawnOn, g.withdrawalReason, g.withdrawnBy, g.withdrawnOn],
  );
  return next!.seq;
}

export async function withdrawGrant(em: EntityManager, institutionId: string, seq: number, on: string, reason: string, by: string): Promise<void> {
  await exec(
    em,
    `update institution_treatment_grants set withdrawn_on = ?::date, withdrawal_reason = ?, withdrawn_by = ?, withdrawn_at = now() where institution_id = ? and seq = ?`,
    [on, reason, by, institutionId, seq],
  );
}

/** Accepted claims at the institution dated on or after `date`, in the districts given (a closing must not strand them). */
export async function claimsOnOrAfter(em: EntityManager, districts: readonly string[], institutionId: string, date: string): Promise<number> {
  const [row] = await exec<{ n: string }>(
    em,
    `select count(*) as n from claims where district_code = any(?) and institution_id = ? and service_date >= ?::date and status = 'accepted'`,
    [districts, institutionId, date],
  );
  return Number(row?.n ?? 0);
}
