import { Migration } from '@mikro-orm/migrations';

/**
 * The initial schema. Every large table (patients and what hangs off them, claims, lines, the
 * ledger, follow-ups, the audit log) leads its primary key with district_code, and every key
 * and join between them includes it, so that the schema can later be distributed by district
 * on Citus (create_distributed_table(..., 'district_code')) with regions, institutions, users
 * and population figures as reference tables.
 */
export class Migration20261123000000Initial extends Migration {
  override up(): void {
    this.addSql(`
create table regions (
  code text primary key,
  name text not null,
  level text not null check (level in ('city','district','street')),
  parent_code text references regions(code),
  city_code text not null,
  standard_code boolean not null default true
);
create index regions_parent on regions(parent_code);
create index regions_city on regions(city_code, level);

create table population_figures (
  district_code text not null references regions(code),
  year int not null,
  population_35_plus int not null check (population_35_plus >= 0),
  hypertension_prevalence_bp int not null check (hypertension_prevalence_bp between 0 and 10000),
  diabetes_prevalence_bp int not null check (diabetes_prevalence_bp between 0 and 10000),
  survey_awareness_hypertension_bp int,
  survey_awareness_diabetes_bp int,
  source text not null,
  primary key (district_code, year)
);

create table institutions (
  id text primary key,
  name text not null,
  level text not null check (level in ('village_clinic','community_health_station','township_health_centre','community_health_centre','level2_hospital','level3_hospital')),
  city_code text not null,
  district_code text not null references regions(code),
  street_code text references regions(code),
  consortium_id text,
  can_treat_two_diseases boolean not null,
  insurance_designated boolean not null,
  networked_out_of_area boolean not null default false
);
create index institutions_district on institutions(district_code, level);

create table app_users (
  id text primary key,
  name text not null,
  role text not null check (role in ('city_leadership','district_bureau','institution_operator','auditor')),
  city_code text not null,
  district_code text,
  institution_id text references institutions(id)
);

create table patients (
  district_code text not null references regions(code),
  id text not null,
  resident_id text not null,
  name text not null,
  sex text not null check (sex in ('male','female')),
  birth_date date not null,
  street_code text references regions(code),
  phone text,
  scheme text not null check (scheme in ('resident','employee','uninsured')),
  uninsured_reason text,
  managed boolean not null default false,
  managed_since date,
  managing_institution_id text references institutions(id),
  chronic_programme_diseases text[] not null default '{}',
  long_term_residence_elsewhere boolean not null default false,
  findings text[] not null default '{}',
  created_at timestamptz not null default now(),
  primary key (district_code, id),
  unique (district_code, resident_id)
);
create index patients_street on patients(district_code, street_code);
-- lookup by id alone, for callers that do not know the district (claims submitted by patient id)
create index patients_id on patients(id);
create index patients_managing on patients(district_code, managing_institution_id);

create table patient_diseases (
  district_code text not null,
  patient_id text not null,
  disease text not null check (disease in ('hypertension','diabetes')),
  diabetes_type text check (diabetes_type in ('type1','type2','other')),
  diagnosed_on date not null,
  primary key (district_code, patient_id, disease),
  foreign key (district_code, patient_id) references patients(district_code, id)
);
create index patient_diseases_disease on patient_diseases(district_code, disease);

create table certifications (
  district_code text not null,
  patient_id text not null,
  certificate_no text not null,
  certified_on date not null,
  certifying_institution_id text not null references institutions(id),
  diseases text[] not null,
  revoked_on date,
  primary key (district_code, patient_id, certificate_no),
  foreign key (district_code, patient_id) references patients(district_code, id)
);
create unique index certifications_one_active on certifications(district_code, patient_id) where revoked_on is null;

create table designations (
  district_code text not null,
  patient_id text not null,
  valid_from date not null,
  valid_to date,
  institution_id text not null references institutions(id),
  consortium_id text,
  requested_on date not null,
  at_enrolment boolean not null default false,
  primary key (district_code, patient_id, valid_from),
  foreign key (district_code, patient_id) references patients(district_code, id),
  check (valid_to is null or valid_to >= valid_from)
);
create index designations_institution on designations(district_code, institution_id);

create table prescriptions (
  district_code text not null,
  id text not null,
  patient_id text not null,
  institution_id text not null references institutions(id),
  issued_on date not null,
  drug_codes text[] not null,
  primary key (district_code, id),
  foreign key (district_code, patient_id) references patients(district_code, id)
);

create table benefit_ledger (
  district_code text not null,
  patient_id text not null,
  year int not null,
  fund_paid_fen bigint not null default 0 check (fund_paid_fen >= 0),
  compliant_fen bigint not null default 0 check (compliant_fen >= 0),
  drug_cost_fen bigint not null default 0 check (drug_cost_fen >= 0),
  general_outpatient_fund_fen bigint not null default 0 check (general_outpatient_fund_fen >= 0),
  general_outpatient_exhausted boolean not null default false,
  claims_paid int not null default 0,
  cap_reached_on date,
  updated_at timestamptz not null default now(),
  primary key (district_code, patient_id, year),
  foreign key (district_code, patient_id) references patients(district_code, id)
);

create table claims (
  district_code text not null,
  id uuid not null default gen_random_uuid(),
  patient_id text not null,
  institution_id text not null references institutions(id),
  city_code text not null,
  service_date date not null,
  year int not null,
  pathway text not null,
  idempotency_key text not null,
  request_hash text not null,
  status text not null default 'accepted' check (status in ('accepted','reversed')),
  outcome text not null,
  category text not null,
  rational_use boolean not null,
  amount_fen bigint not null check (amount_fen >= 0),
  compliant_fen bigint not null check (compliant_fen >= 0),
  fund_fen bigint not null check (fund_fen >= 0),
  patient_fen bigint not null check (patient_fen >= 0),
  hit_codes text[] not null default '{}',
  rule_set_id text,
  rule_set_version text,
  catalogue_version text,
  override_name text,
  diseases text[] not null default '{}',
  decision jsonb not null,
  request jsonb not null,
  submitted_by text,
  created_at timestamptz not null default now(),
  reversed_at timestamptz,
  reversal_reason text,
  primary key (district_code, id),
  unique (district_code, idempotency_key),
  foreign key (district_code, patient_id) references patients(district_code, id),
  check (fund_fen + patient_fen = amount_fen)
);
create index claims_patient_date on claims(district_code, patient_id, service_date);
create index claims_institution_date on claims(district_code, institution_id, service_date);
create index claims_date on claims(district_code, service_date);
create index claims_hits on claims using gin (hit_codes) where hit_codes <> '{}';

create table claim_lines (
  district_code text not null,
  claim_id uuid not null,
  line_no int not null,
  drug_code text not null,
  form text not null check (form in ('oral','injection')),
  quantity int not null check (quantity > 0),
  days_supply int not null check (days_supply > 0),
  amount_fen bigint not null check (amount_fen >= 0),
  compliant_fen bigint not null check (compliant_fen >= 0),
  fund_fen bigint not null check (fund_fen >= 0),
  patient_fen bigint not null check (patient_fen >= 0),
  hit_codes text[] not null default '{}',
  primary key (district_code, claim_id, line_no),
  foreign key (district_code, claim_id) references claims(district_code, id),
  check (fund_fen + patient_fen = amount_fen)
);

create table follow_ups (
  district_code text not null,
  id uuid not null default gen_random_uuid(),
  patient_id text not null,
  institution_id text not null references institutions(id),
  follow_up_date date not null,
  face_to_face boolean not null,
  systolic int check (systolic between 40 and 300),
  diastolic int check (diastolic between 20 and 200),
  fasting_glucose_tenths int check (fasting_glucose_tenths between 5 and 500),
  created_at timestamptz not null default now(),
  primary key (district_code, id),
  foreign key (district_code, patient_id) references patients(district_code, id)
);
create index follow_ups_patient_date on follow_ups(district_code, patient_id, follow_up_date);
create index follow_ups_institution_date on follow_ups(district_code, institution_id, follow_up_date);

create table audit_log (
  district_code text not null,
  id bigint generated always as identity,
  at timestamptz not null default now(),
  user_id text not null,
  role text not null,
  action text not null,
  entity text not null,
  entity_id text,
  detail jsonb not null default '{}',
  primary key (district_code, id)
);
create index audit_log_user on audit_log(user_id, at);
`);
  }

  override down(): void {
    this.addSql(`
drop table if exists audit_log, follow_ups, claim_lines, claims, benefit_ledger, prescriptions, designations,
  certifications, patient_diseases, patients, app_users, institutions, population_figures, regions cascade;
`);
  }
}
