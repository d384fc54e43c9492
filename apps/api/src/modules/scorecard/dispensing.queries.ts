/**
 * Dispensing per institution from accepted claims (with those whose drugs a third party delivered, 第三方配送 Wuxi 四(二)) (reversed ones were never dispensed under the
 * benefit): the lines per drug and form, and the claims with their rule hits. Claims are keyed by
 * the patient's district, so these cover the claims of patients insured in the given districts,
 * like the statistics do.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export interface InstitutionRow {
  id: string;
  name: string;
  level: string;
  districtCode: string;
  cityCode: string;
}

export async function institutionsIn(em: EntityManager, districts: readonly string[]): Promise<InstitutionRow[]> {
  const rows = await exec<{ id: string; name: string; level: string; district_code: string; city_code: string }>(
    em,
    `select id, name, level, district_code, city_code from institutions where district_code = any(?) order by district_code, level, id`,
    [districts],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, districtCode: r.district_code, cityCode: r.city_code }));
}

export interface DispensedRow {
  institutionId: string;
  drugCode: string;
  form: string;
  lines: number;
  amountFen: number;
}

export async function dispensedLines(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<DispensedRow[]> {
  const rows = await exec<{ institution_id: string; drug_code: string; form: string; lines: string; amount: string }>(
    em,
    `select c.institution_id, l.drug_code, l.form, count(*) as lines, sum(l.amount_fen) as amount
       from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
      where c.district_code = any(?) and c.service_date between ?::date and ?::date and c.status = 'accepted'
      group by 1, 2, 3`,
    [districts, from, to],
  );
  return rows.map((r) => ({ institutionId: r.institution_id, drugCode: r.drug_code, form: r.form, lines: Number(r.lines), amountFen: Number(r.amount) }));
}

export async function claimsAndHits(
  em: EntityManager,
  districts: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, { claims: number; hits: number; delivered: number }>> {
  const rows = await exec<{ institution_id: string; claims: string; hits: string; delivered: string }>(
    em,
    `select c.institution_id, count(*) as claims, coalesce(sum(cardinality(c.hit_codes)), 0) as hits, count(d.claim_id) as delivered
       from claims c left join claim_deliveries d on d.district_code = c.district_code and d.claim_id = c.id
      where c.district_code = any(?) and c.service_date between ?::date and ?::date and c.status = 'accepted'
      group by 1`,
    [districts, from, to],
  );
  return new Map(rows.map((r) => [r.institution_id, { claims: Number(r.claims), hits: Number(r.hits), delivered: Number(r.delivered) }]));
}

/**
 * Drugs dispensed at other institutions to the patients an institution manages or is designated
 * for in the period (patients.managing_institution_id, or a designation overlapping the period).
 */
export async function dispensedElsewhere(
  em: EntityManager,
  districts: readonly string[],
  institutionIds: readonly string[],
  from: string,
  to: string,
): Promise<{ home: string; drugCode: string; patients: number; lines: number }[]> {
  const rows = await exec<{ home: string; drug_code: string; patients: string; lines: string }>(
    em,
    `with homes as (
       select district_code, id as patient_id, managing_institution_id as home from patients
        where district_code = any(?) and managing_institution_id = any(?)
       union
       select district_code, patient_id, institution_id from designations
        where district_code = any(?) and institution_id = any(?) and valid_from <= ?::date and (valid_to is null or valid_to >= ?::date)
     )
     select h.home, l.drug_code, count(distinct h.patient_id) as patients, count(*) as lines
       from homes h
       join claims c on c.district_code = h.district_code and c.patient_id = h.patient_id
       join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
      where c.service_date between ?::date and ?::date and c.status = 'accepted' and c.institution_id <> h.home
      group by 1, 2`,
    [districts, institutionIds, districts, institutionIds, to, from, from, to],
  );
  return rows.map((r) => ({ home: r.home, drugCode: r.drug_code, patients: Number(r.patients), lines: Number(r.lines) }));
}
