/** SQL for capitation: designated patients per institution and month, and what their claims cost. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export interface MonthFigure {
  institution_id: string;
  month: string;
  n: string;
}

/**
 * 月末在册: patients designated to the institution on the month's last day and certified then.
 * Counting on one day gives each patient one institution a month, even when the designation changes.
 */
export function designatedPatients(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<MonthFigure[]> {
  return exec<MonthFigure>(
    em,
    `with months as (
       select m::date as first_day, (m + interval '1 month' - interval '1 day')::date as last_day
         from generate_series(?::date, ?::date, interval '1 month') as m
     )
     select d.institution_id, to_char(m.first_day, 'YYYY-MM') as month, count(distinct d.patient_id) as n
       from months m
       join designations d on d.valid_from <= m.last_day and (d.valid_to is null or d.valid_to >= m.last_day)
      where d.district_code = any(?)
        and exists (select 1 from certifications c where c.district_code = d.district_code and c.patient_id = d.patient_id
                      and c.certified_on <= m.last_day and (c.revoked_on is null or c.revoked_on > m.last_day))
      group by 1, 2`,
    [from, to, districts],
  );
}

export interface CostFigure {
  institution_id: string;
  month: string;
  fund_fen: string;
  claims: string;
}

/** Fund paid for the claims of the patients designated to each institution on the claim's date, wherever dispensed. */
export function costOfDesignated(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<CostFigure[]> {
  return exec<CostFigure>(
    em,
    `select d.institution_id, to_char(c.service_date, 'YYYY-MM') as month, coalesce(sum(c.fund_fen), 0) as fund_fen, count(*) as claims
       from claims c
       join designations d on d.district_code = c.district_code and d.patient_id = c.patient_id
                          and d.valid_from <= c.service_date and (d.valid_to is null or d.valid_to >= c.service_date)
      where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date
      group by 1, 2`,
    [districts, from, to],
  );
}

/** Fund paid for the claims dispensed at each institution. */
export function costAtInstitution(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<CostFigure[]> {
  return exec<CostFigure>(
    em,
    `select c.institution_id, to_char(c.service_date, 'YYYY-MM') as month, coalesce(sum(c.fund_fen), 0) as fund_fen, count(*) as claims
       from claims c
      where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date
      group by 1, 2`,
    [districts, from, to],
  );
}

export interface InstitutionInfo {
  id: string;
  name: string;
  level: string;
  district_code: string;
  consortium_id: string | null;
}

export function institutionsOf(em: EntityManager, districts: readonly string[]): Promise<InstitutionInfo[]> {
  return exec<InstitutionInfo>(em, `select id, name, level, district_code, consortium_id from institutions where district_code = any(?) order by id`, [
    districts,
  ]);
}
