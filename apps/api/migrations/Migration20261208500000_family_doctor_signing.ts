import { Migration } from '@mikro-orm/migrations';
import { distributeIfCitus } from '../src/db/citus';
import { FACTS_HITS, STAT_PATIENT_FACTS_HITS_PLPGSQL } from './Migration20261208100000_refused_claims_out_of_figures';

/**
 * Family-doctor signing (家庭医生签约) and third-party delivery (第三方配送), issue 20 parts 4 and 5.
 *
 * - family_doctor_signings: a patient's signing with a family-doctor team of an institution, dated
 *   (valid_from, valid_to; an open end is null), ended early with a reason (history kept: a row is
 *   never deleted, an ended signing keeps its dates). Keyed by the patient's district like every
 *   per-patient table. At most one signing of a patient is in force on a day: the service checks it
 *   under the patient's row lock (an exclusion constraint would need btree_gist).
 * - claim_deliveries: the claim's drugs delivered by a third party (Wuxi 四(二) 有条件的区域可探索第三方
 *   配送机制), keyed like the claim and written in the claim's transaction after claim_write, which is
 *   left untouched. The provider is named by its 统一社会信用代码 (GB 32100-2015, check character
 *   validated by the API) and its name: the texts name no list of providers for a bureau to keep.
 * - stat_patient_counts.signed_managed: managed patients with a signing in force at the quarter's
 *   end (family-doctor-signing.v1), kept by the same write path as every other counter: stat_apply
 *   takes it as its 21st value, stat_patient_facts answers the patient's signings.
 *
 * stat_patient_facts (built on Migration20261208100000's) and stat_apply are restated whole (PL/pgSQL, every subquery naming the district,
 * as Migration20261207900000_distribute_on_citus requires); down restores the bodies they had.
 */
const SIGNINGS = `jsonb_build_object('signings', coalesce((select jsonb_agg(jsonb_build_array(to_char(s.valid_from, 'YYYY-MM-DD'), to_char(s.valid_to, 'YYYY-MM-DD')) order by s.valid_from, s.id)
                                   from family_doctor_signings s where s.district_code = p_district and s.patient_id = p_patient), '[]'))`;

/**
 * The facts of Migration20261208100000 (the core's, the lives' and the claims' hits), with the
 * patient's signings; without them (down) it is that migration's function again.
 */
const factsFunction = (withSignings: boolean) =>
  withSignings
    ? `create or replace function stat_patient_facts(p_district text, p_patient text, p_from date, p_to date) returns jsonb language plpgsql stable as $$\ndeclare v jsonb;\nbegin\n  v := stat_patient_facts_lives(p_district, p_patient, p_from, p_to);\n  return v || ${FACTS_HITS} || ${SIGNINGS};\nend $$;`
    : STAT_PATIENT_FACTS_HITS_PLPGSQL;

const STAT_APPLY_BEFORE = `create or replace function stat_apply(p jsonb) returns void language plpgsql volatile as $$
begin
  insert into stat_patient_counts (district_code, year, quarter, disease_filter, street_code, institution_id, known, known_pairs, managed, standard_managed,
      ht_managed, ht_controlled, dm_managed, dm_controlled, controlled, certified, covered_managed, pdc_numerator, pdc_denominator, patients)
    select r->>0, (r->>1)::int, (r->>2)::int, r->>3, r->>4, r->>5, (r->>6)::int, (r->>7)::int, (r->>8)::int, (r->>9)::int,
           (r->>10)::int, (r->>11)::int, (r->>12)::int, (r->>13)::int, (r->>14)::int, (r->>15)::int, (r->>16)::int, (r->>17)::int, (r->>18)::int, (r->>19)::int
      from jsonb_array_elements(coalesce(p->'stat_patient_counts', '[]')) r order by 1, 2, 3, 4, 5, 6
    on conflict (district_code, year, quarter, disease_filter, street_code, institution_id) do update set
      known = stat_patient_counts.known + excluded.known, known_pairs = stat_patient_counts.known_pairs + excluded.known_pairs,
      managed = stat_patient_counts.managed + excluded.managed, standard_managed = stat_patient_counts.standard_managed + excluded.standard_managed,
      ht_managed = stat_patient_counts.ht_managed + excluded.ht_managed, ht_controlled = stat_patient_counts.ht_controlled + excluded.ht_controlled,
      dm_managed = stat_patient_counts.dm_managed + excluded.dm_managed, dm_controlled = stat_patient_counts.dm_controlled + excluded.dm_controlled,
      controlled = stat_patient_counts.controlled + excluded.controlled, certified = stat_patient_counts.certified + excluded.certified,
      covered_managed = stat_patient_counts.covered_managed + excluded.covered_managed, pdc_numerator = stat_patient_counts.pdc_numerator + excluded.pdc_numerator,
      pdc_denominator = stat_patient_counts.pdc_denominator + excluded.pdc_denominator, patients = stat_patient_counts.patients + excluded.patients;

  insert into stat_beneficiaries (district_code, year, quarter, disease_filter, kind, group_key, patients)
    select r->>0, (r->>1)::int, (r->>2)::int, r->>3, r->>4, r->>5, (r->>6)::int
      from jsonb_array_elements(coalesce(p->'stat_beneficiaries', '[]')) r order by 1, 2, 3, 4, 5, 6
    on conflict (district_code, year, quarter, disease_filter, kind, group_key) do update set patients = stat_beneficiaries.patients + excluded.patients;

  insert into stat_claims_by_street (district_code, month, street_code, diseases, category, claims, rational, paid, amount_fen, compliant_fen, fund_fen)
    select r->>0, (r->>1)::date, r->>2, r->>3, r->>4, (r->>5)::int, (r->>6)::int, (r->>7)::int, (r->>8)::bigint, (r->>9)::bigint, (r->>10)::bigint
      from jsonb_array_elements(coalesce(p->'stat_claims_by_street', '[]')) r order by 1, 2, 3, 4, 5
    on conflict (district_code, month, street_code, diseases, category) do update set
      claims = stat_claims_by_street.claims + excluded.claims, rational = stat_claims_by_street.rational + excluded.rational, paid = stat_claims_by_street.paid + excluded.paid,
      amount_fen = stat_claims_by_street.amount_fen + excluded.amount_fen, compliant_fen = stat_claims_by_street.compliant_fen + excluded.compliant_fen,
      fund_fen = stat_claims_by_street.fund_fen + excluded.fund_fen;

  insert into stat_claims_by_institution (district_code, month, institution_id, diseases, category, claims, rational, paid, amount_fen, compliant_fen, fund_fen)
    select r->>0, (r->>1)::date, r->>2, r->>3, r->>4, (r->>5)::int, (r->>6)::int, (r->>7)::int, (r->>8)::bigint, (r->>9)::bigint, (r->>10)::bigint
      from jsonb_array_elements(coalesce(p->'stat_claims_by_institution', '[]')) r order by 1, 2, 3, 4, 5
    on conflict (district_code, month, institution_id, diseases, category) do update set
      claims = stat_claims_by_institution.claims + excluded.claims, rational = stat_claims_by_institution.rational + excluded.rational,
      paid = stat_claims_by_institution.paid + excluded.paid, amount_fen = stat_claims_by_institution.amount_fen + excluded.amount_fen,
      compliant_fen = stat_claims_by_institution.compliant_fen + excluded.compliant_fen, fund_fen = stat_claims_by_institution.fund_fen + excluded.fund_fen;
end $$;`;

const STAT_APPLY_SIGNED = `create or replace function stat_apply(p jsonb) returns void language plpgsql volatile as $$
begin
  insert into stat_patient_counts (district_code, year, quarter, disease_filter, street_code, institution_id, known, known_pairs, managed, standard_managed,
      ht_managed, ht_controlled, dm_managed, dm_controlled, controlled, certified, covered_managed, pdc_numerator, pdc_denominator, patients, signed_managed)
    select r->>0, (r->>1)::int, (r->>2)::int, r->>3, r->>4, r->>5, (r->>6)::int, (r->>7)::int, (r->>8)::int, (r->>9)::int,
           (r->>10)::int, (r->>11)::int, (r->>12)::int, (r->>13)::int, (r->>14)::int, (r->>15)::int, (r->>16)::int, (r->>17)::int, (r->>18)::int, (r->>19)::int, (r->>20)::int
      from jsonb_array_elements(coalesce(p->'stat_patient_counts', '[]')) r order by 1, 2, 3, 4, 5, 6
    on conflict (district_code, year, quarter, disease_filter, street_code, institution_id) do update set
      known = stat_patient_counts.known + excluded.known, known_pairs = stat_patient_counts.known_pairs + excluded.known_pairs,
      managed = stat_patient_counts.managed + excluded.managed, standard_managed = stat_patient_counts.standard_managed + excluded.standard_managed,
      ht_managed = stat_patient_counts.ht_managed + excluded.ht_managed, ht_controlled = stat_patient_counts.ht_controlled + excluded.ht_controlled,
      dm_managed = stat_patient_counts.dm_managed + excluded.dm_managed, dm_controlled = stat_patient_counts.dm_controlled + excluded.dm_controlled,
      controlled = stat_patient_counts.controlled + excluded.controlled, certified = stat_patient_counts.certified + excluded.certified,
      covered_managed = stat_patient_counts.covered_managed + excluded.covered_managed, pdc_numerator = stat_patient_counts.pdc_numerator + excluded.pdc_numerator,
      pdc_denominator = stat_patient_counts.pdc_denominator + excluded.pdc_denominator, patients = stat_patient_counts.patients + excluded.patients,
      signed_managed = stat_patient_counts.signed_managed + excluded.signed_managed;

  insert into stat_beneficiaries (district_code, year, quarter, disease_filter, kind, group_key, patients)
    select r->>0, (r->>1)::int, (r->>2)::int, r->>3, r->>4, r->>5, (r->>6)::int
      from jsonb_array_elements(coalesce(p->'stat_beneficiaries', '[]')) r order by 1, 2, 3, 4, 5, 6
    on conflict (district_code, year, quarter, disease_filter, kind, group_key) do update set patients = stat_beneficiaries.patients + excluded.patients;

  insert into stat_claims_by_street (district_code, month, street_code, diseases, category, claims, rational, paid, amount_fen, compliant_fen, fund_fen)
    select r->>0, (r->>1)::date, r->>2, r->>3, r->>4, (r->>5)::int, (r->>6)::int, (r->>7)::int, (r->>8)::bigint, (r->>9)::bigint, (r->>10)::bigint
      from jsonb_array_elements(coalesce(p->'stat_claims_by_street', '[]')) r order by 1, 2, 3, 4, 5
    on conflict (district_code, month, street_code, diseases, category) do update set
      claims = stat_claims_by_street.claims + excluded.claims, rational = stat_claims_by_street.rational + excluded.rational, paid = stat_claims_by_street.paid + excluded.paid,
      amount_fen = stat_claims_by_street.amount_fen + excluded.amount_fen, compliant_fen = stat_claims_by_street.compliant_fen + excluded.compliant_fen,
      fund_fen = stat_claims_by_street.fund_fen + excluded.fund_fen;

  insert into stat_claims_by_institution (district_code, month, institution_id, diseases, category, claims, rational, paid, amount_fen, compliant_fen, fund_fen)
    select r->>0, (r->>1)::date, r->>2, r->>3, r->>4, (r->>5)::int, (r->>6)::int, (r->>7)::int, (r->>8)::bigint, (r->>9)::bigint, (r->>10)::bigint
      from jsonb_array_elements(coalesce(p->'stat_claims_by_institution', '[]')) r order by 1, 2, 3, 4, 5
    on conflict (district_code, month, institution_id, diseases, category) do update set
      claims = stat_claims_by_institution.claims + excluded.claims, rational = stat_claims_by_institution.rational + excluded.rational,
      paid = stat_claims_by_institution.paid + excluded.paid, amount_fen = stat_claims_by_institution.amount_fen + excluded.amount_fen,
      compliant_fen = stat_claims_by_institution.compliant_fen + excluded.compliant_fen, fund_fen = stat_claims_by_institution.fund_fen + excluded.fund_fen;
end $$;`;

export class Migration20261208500000FamilyDoctorSigning extends Migration {
  override up(): void {
    this.addSql(`
create table family_doctor_signings (
  district_code text not null,
  patient_id text not null,
  id uuid not null default gen_random_uuid(),
  institution_id text not null,
  team_code text not null,
  team_name text not null,
  valid_from date not null,
  valid_to date,
  -- set when the signing was ended early (解约); valid_to is then the last day it was in force
  ended_reason text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  ended_by text,
  ended_at timestamptz,
  primary key (district_code, id),
  check (valid_to is null or valid_to >= valid_from),
  check (ended_reason is null or valid_to is not null)
);
create index family_doctor_signings_patient on family_doctor_signings (district_code, patient_id, valid_from);

create table claim_deliveries (
  district_code text not null,
  claim_id uuid not null,
  provider_code text not null check (provider_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  provider_name text not null,
  recorded_at timestamptz not null default now(),
  primary key (district_code, claim_id)
);

alter table stat_patient_counts add column signed_managed int not null default 0;
`);
    this.addSql(factsFunction(true));
    this.addSql(STAT_APPLY_SIGNED);
    for (const s of distributeIfCitus({ distributed: ['family_doctor_signings', 'claim_deliveries'] })) this.addSql(s);
    // The keys once the tables are distributed, one per statement: Citus refuses a key from a local table to a distributed one
    this.addSql(`alter table family_doctor_signings add foreign key (institution_id) references institutions(id)`);
    this.addSql(`alter table family_doctor_signings add foreign key (district_code, patient_id) references patients(district_code, id)`);
    this.addSql(`alter table claim_deliveries add foreign key (district_code, claim_id) references claims(district_code, id)`);
  }

  override down(): void {
    this.addSql(factsFunction(false));
    this.addSql(STAT_APPLY_BEFORE);
    this.addSql(`alter table stat_patient_counts drop column signed_managed; drop table claim_deliveries; drop table family_doctor_signings;`);
  }
}
