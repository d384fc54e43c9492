import { Migration } from '@mikro-orm/migrations';

/**
 * Rollups for the statistics: counts and sums (never rates) per district, period and group, kept
 * in step with claims, reversals, follow-ups, certifications and registrations by the write path
 * (apps/api/src/modules/statistics/rollup.tracker.ts). Every table leads its key with
 * district_code, like the tables it summarises.
 *
 * - stat_patient_counts: per quarter end (year to date) and disease filter, per street × managing
 *   institution: the patient-level numerators and denominators (known, managed, standard managed,
 *   controlled, certified, covered, PDC).
 * - stat_beneficiaries: patients with ≥ 1 paid claim per quarter (0 = the whole year) and disease
 *   filter, per street and per claim institution — distinct counts kept as sums.
 * - stat_claims_by_street / stat_claims_by_institution: claims, rational claims, paid claims and
 *   the amounts per month, claim disease set and benefit category.
 * - stat_materialised: which (district, year) the rollups cover; stat_closed_periods: quarters
 *   whose figures are published and immutable (a trigger refuses any change to their rows).
 *
 * Counters carry no CHECK (x >= 0): writers add signed deltas with INSERT … ON CONFLICT DO UPDATE,
 * and PostgreSQL checks the proposed row's constraints before it finds the conflict.
 */
/** How stat_refuse_closed tells the two monthly rollup tables (month) from the yearly ones (year, quarter) */
export const MONTHLY_BY_NAME = "tg_table_name in ('stat_claims_by_street', 'stat_claims_by_institution')";

/**
 * The closed statistics' guard, after `create function` (or `create or replace function`), with the
 * test telling a monthly table by the trigger's table name (Migration20261207900000_distribute_on_citus
 * matches a shard's name instead).
 */
export const statRefuseClosed = (monthly: string) => `stat_refuse_closed() returns trigger language plpgsql as $$
declare
  r record;
  y int;
  q int;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  if ${monthly} then
    y := extract(year from r.month)::int;
    q := (extract(month from r.month)::int + 2) / 3;
  else
    y := r.year;
    q := case when r.quarter = 0 then 4 else r.quarter end;
  end if;
  if exists (select 1 from stat_closed_periods c where c.district_code = r.district_code and c.year = y and c.quarter = q) then
    raise exception 'statistics of % %-Q% are closed and immutable', r.district_code, y, q using errcode = 'check_violation';
  end if;
  return r;
end $$;`;

export class Migration20261123100000Rollups extends Migration {
  override up(): void {
    this.addSql(`
create table stat_materialised (
  district_code text not null,
  year int not null,
  built_at timestamptz not null default now(),
  primary key (district_code, year)
);

create table stat_closed_periods (
  district_code text not null,
  year int not null,
  quarter int not null check (quarter between 1 and 4),
  closed_at timestamptz not null default now(),
  closed_by text not null,
  primary key (district_code, year, quarter)
);

create table stat_patient_counts (
  district_code text not null,
  year int not null,
  quarter int not null check (quarter between 1 and 4),
  disease_filter text not null check (disease_filter in ('ALL','HYPERTENSION','DIABETES','BOTH')),
  street_code text not null,
  institution_id text not null,
  known int not null default 0,
  known_pairs int not null default 0,
  managed int not null default 0,
  standard_managed int not null default 0,
  ht_managed int not null default 0,
  ht_controlled int not null default 0,
  dm_managed int not null default 0,
  dm_controlled int not null default 0,
  controlled int not null default 0,
  certified int not null default 0,
  covered_managed int not null default 0,
  pdc_numerator int not null default 0,
  pdc_denominator int not null default 0,
  patients int not null default 0,
  primary key (district_code, year, quarter, disease_filter, street_code, institution_id)
);

create table stat_beneficiaries (
  district_code text not null,
  year int not null,
  quarter int not null check (quarter between 0 and 4),
  disease_filter text not null check (disease_filter in ('ALL','HYPERTENSION','DIABETES','BOTH')),
  kind text not null check (kind in ('street','institution')),
  group_key text not null,
  patients int not null default 0,
  primary key (district_code, year, quarter, disease_filter, kind, group_key)
);

create table stat_claims_by_street (
  district_code text not null,
  month date not null check (extract(day from month) = 1),
  street_code text not null,
  diseases text not null check (diseases in ('hypertension','diabetes','both','none')),
  category text not null,
  claims int not null default 0,
  rational int not null default 0,
  paid int not null default 0,
  amount_fen bigint not null default 0,
  compliant_fen bigint not null default 0,
  fund_fen bigint not null default 0,
  primary key (district_code, month, street_code, diseases, category)
);

create table stat_claims_by_institution (
  district_code text not null,
  month date not null check (extract(day from month) = 1),
  institution_id text not null,
  diseases text not null check (diseases in ('hypertension','diabetes','both','none')),
  category text not null,
  claims int not null default 0,
  rational int not null default 0,
  paid int not null default 0,
  amount_fen bigint not null default 0,
  compliant_fen bigint not null default 0,
  fund_fen bigint not null default 0,
  primary key (district_code, month, institution_id, diseases, category)
);

-- Closed periods are immutable: no row of a closed quarter may be inserted, changed or deleted.
create function ${statRefuseClosed(MONTHLY_BY_NAME)}

create trigger stat_patient_counts_closed before insert or update or delete on stat_patient_counts for each row execute function stat_refuse_closed();
create trigger stat_beneficiaries_closed before insert or update or delete on stat_beneficiaries for each row execute function stat_refuse_closed();
create trigger stat_claims_by_street_closed before insert or update or delete on stat_claims_by_street for each row execute function stat_refuse_closed();
create trigger stat_claims_by_institution_closed before insert or update or delete on stat_claims_by_institution for each row execute function stat_refuse_closed();
`);
  }

  override down(): void {
    this.addSql(`
drop table if exists stat_claims_by_institution, stat_claims_by_street, stat_beneficiaries, stat_patient_counts, stat_closed_periods, stat_materialised cascade;
drop function if exists stat_refuse_closed();
`);
  }
}
