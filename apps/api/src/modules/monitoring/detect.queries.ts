/** The SQL behind smart monitoring: rule hits, refill patterns, 90-day supply and institution figures of stored claims. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { REFILL_KINDS } from './monitoring.config';

export interface HitRow {
  district_code: string;
  claim_id: string;
  patient_id: string;
  institution_id: string;
  service_date: string;
  code: string;
  amount_fen: string;
  fund_fen: string;
}

/** Accepted claims with the given hits in the period; a DUPLICATE_DISPENSING already opened as a refill case is left out. */
export function ruleHits(em: EntityManager, districts: readonly string[], from: string, to: string, codes: readonly string[]): Promise<HitRow[]> {
  return exec<HitRow>(
    em,
    `select c.district_code, c.id as claim_id, c.patient_id, c.institution_id, to_char(c.service_date, 'YYYY-MM-DD') as service_date, h.code, c.amount_fen, c.fund_fen
       from claims c cross join lateral unnest(c.hit_codes) as h(code)
      where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date
        and c.hit_codes && ?::text[] and h.code = any(?::text[])
        and not (h.code = 'DUPLICATE_DISPENSING' and exists (
              select 1 from alerts a where a.district_code = c.district_code and a.kind = any(?::text[]) and a.claim_ids @> array[c.id]))
      order by c.district_code, c.service_date, c.id`,
    [districts, from, to, codes, codes, REFILL_KINDS],
  );
}

export interface RefillRow {
  district_code: string;
  claim_id: string;
  patient_id: string;
  institution_id: string;
  service_date: string;
  drug_code: string;
  days_supply: number;
  prev_claim_id: string;
  prev_institution_id: string;
  prev_date: string;
  prev_days: number;
  days_left: number;
}

/**
 * Each fill of a drug in the period against the patient's previous fill of the same drug (up to
 * 200 days back, the longest supply the rule sets allow with room): the days still on hand when
 * the new fill was made, and where the previous one was made.
 */
export function refills(em: EntityManager, districts: readonly string[], from: string, to: string, minDaysLeft: number): Promise<RefillRow[]> {
  return exec<RefillRow>(
    em,
    `with fills as (
       select c.district_code, c.id as claim_id, c.patient_id, c.institution_id, c.service_date, l.drug_code, l.days_supply,
              lag(c.id) over w as prev_claim_id, lag(c.institution_id) over w as prev_institution_id,
              lag(c.service_date) over w as prev_date, lag(l.days_supply) over w as prev_days
         from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
        where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date - 200 and ?::date
       window w as (partition by c.district_code, c.patient_id, l.drug_code order by c.service_date, c.created_at, c.id, l.line_no)
     )
     select district_code, claim_id, patient_id, institution_id, to_char(service_date, 'YYYY-MM-DD') as service_date, drug_code, days_supply,
            prev_claim_id, prev_institution_id, to_char(prev_date, 'YYYY-MM-DD') as prev_date, prev_days, (prev_date + prev_days) - service_date as days_left
       from fills
      where service_date between ?::date and ?::date and prev_claim_id is not null and prev_claim_id <> claim_id
        and (prev_date + prev_days) - service_date >= ?
      order by district_code, service_date, claim_id`,
    [districts, from, to, from, to, minDaysLeft],
  );
}

export interface SupplyRow {
  district_code: string;
  patient_id: string;
  drug_code: string;
  claim_id: string;
  service_date: string;
  days_supply: number;
  fund_fen: string;
  /** days supplied by this fill and every fill of the drug within the next 89 days (bigint: a string) */
  window_days: string;
}

/** Paid fills of the period with the days of the same drug drawn in the 90 days from each. */
export function supplyWindows(em: EntityManager, districts: readonly string[], from: string, to: string, minWindowDays: number): Promise<SupplyRow[]> {
  return exec<SupplyRow>(
    em,
    `with fills as (
       select c.district_code, c.patient_id, l.drug_code, c.id as claim_id, c.service_date, l.days_supply, l.fund_fen,
              sum(l.days_supply) over (partition by c.district_code, c.patient_id, l.drug_code order by c.service_date
                                       range between current row and interval '89 days' following) as window_days
         from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
        where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date and l.compliant_fen > 0
     )
     select f.district_code, f.patient_id, f.drug_code, f.claim_id, to_char(f.service_date, 'YYYY-MM-DD') as service_date, f.days_supply, f.fund_fen, f.window_days
       from fills f
      where exists (select 1 from fills g where g.district_code = f.district_code and g.patient_id = f.patient_id and g.drug_code = f.drug_code and g.window_days > ?)
      order by f.district_code, f.patient_id, f.drug_code, f.service_date, f.claim_id`,
    [districts, from, to, minWindowDays],
  );
}

export interface InstitutionFigures {
  district_code: string;
  institution_id: string;
  level: string;
  claims: string;
  hit_claims: string;
  patients: string;
  fund_fen: string;
}

export function institutionFigures(
  em: EntityManager,
  districts: readonly string[],
  from: string,
  to: string,
  codes: readonly string[],
): Promise<InstitutionFigures[]> {
  return exec<InstitutionFigures>(
    em,
    `select c.district_code, c.institution_id, i.level, count(*) as claims, count(*) filter (where c.hit_codes && ?::text[]) as hit_claims,
            count(distinct c.patient_id) as patients, coalesce(sum(c.fund_fen), 0) as fund_fen
       from claims c join institutions i on i.id = c.institution_id
      where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date
      group by c.district_code, c.institution_id, i.level`,
    [codes, districts, from, to],
  );
}

export interface OutsideTeamRow {
  district_code: string;
  claim_id: string;
  patient_id: string;
  institution_id: string;
  service_date: string;
  pathway: string;
  fund_fen: string;
  signing_id: string;
  signed_institution_id: string;
  team_code: string;
  team_name: string;
}

/**
 * Accepted claims in the period at an institution other than that of the family-doctor team the
 * patient had signed with on the service date (family_doctor_signings), leaving out what the text
 * itself sends elsewhere: emergencies (三(三)), residence elsewhere (三(四)), and a referral issued by
 * the signed team's institution.
 */
export function outsideSignedTeam(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<OutsideTeamRow[]> {
  return exec<OutsideTeamRow>(
    em,
    `select c.district_code, c.id as claim_id, c.patient_id, c.institution_id, to_char(c.service_date, 'YYYY-MM-DD') as service_date, c.pathway, c.fund_fen,
            s.id::text as signing_id, s.institution_id as signed_institution_id, s.team_code, s.team_name
       from claims c join family_doctor_signings s on s.district_code = c.district_code and s.patient_id = c.patient_id
        and s.valid_from <= c.service_date and (s.valid_to is null or s.valid_to >= c.service_date)
      where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date
        and c.institution_id <> s.institution_id and c.pathway not in ('emergency', 'out_of_area')
        and not (c.pathway = 'referral' and c.referral_from_institution_id is not distinct from s.institution_id)
      order by c.district_code, c.service_date, c.id`,
    [districts, from, to],
  );
}

export interface OverStandardRow {
  district_code: string;
  institution_id: string;
  /** bigint counts and sums: strings */
  lines: string;
  over_lines: string;
  over_claims: string;
  over_amount_fen: string;
  over_fund_fen: string;
}

/**
 * Each institution's claim lines of accepted claims in the period, and those that went over the
 * payment standard (the line's OVER_PAYMENT_STANDARD hit, W 四(一)): how many, on how many claims,
 * what was submitted for them and what the fund paid on them.
 */
export function overStandardFigures(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<OverStandardRow[]> {
  return exec<OverStandardRow>(
    em,
    `select c.district_code, c.institution_id, count(*) as lines,
            count(*) filter (where l.hit_codes @> array['OVER_PAYMENT_STANDARD']) as over_lines,
            count(distinct c.id) filter (where l.hit_codes @> array['OVER_PAYMENT_STANDARD']) as over_claims,
            coalesce(sum(l.amount_fen) filter (where l.hit_codes @> array['OVER_PAYMENT_STANDARD']), 0) as over_amount_fen,
            coalesce(sum(l.fund_fen) filter (where l.hit_codes @> array['OVER_PAYMENT_STANDARD']), 0) as over_fund_fen
       from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
      where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date
      group by c.district_code, c.institution_id
      order by c.district_code, c.institution_id`,
    [districts, from, to],
  );
}
