import { Migration } from '@mikro-orm/migrations';

/**
 * The clinical records a bureau enters for real patients, so that the extension (G-5), referral
 * (W-6) and restricted-drug pathways no longer depend on the demo loader:
 *
 * - prescriptions: the level-2+ 两病 prescription an extension claim continues (G-5 五(二)4),
 *   now with its number (idempotency per district), diseases, who recorded it and when. A
 *   prescription belongs to the patient's district, whichever district the issuing hospital is in.
 * - referrals: the designated primary institution's referral to another hospital (W-6 三(三));
 *   keyed by the patient's district like every per-patient table.
 * - clinical_findings: dated findings that catalogue restrictions check (附件3 rows 33/44/45,
 *   附件4 rows 5/10, 限二线用药), each in force from recorded_on through valid_until and until the
 *   day before retracted_on. The undated patients.findings column is copied in and no longer read.
 * - general_outpatient_feeds: each day's feed of the general-outpatient benefit used (W-3), kept
 *   so that a re-sent feed changes nothing; benefit_ledger.general_outpatient_as_of is the feed
 *   date a ledger row's general-outpatient figures come from (an older feed never overwrites it).
 */
export class Migration20261206040000ClinicalRecords extends Migration {
  override up(): void {
    this.addSql(`
alter table prescriptions
  add column prescription_no text,
  add column diseases text[] not null default '{}',
  add column request_hash text,
  add column recorded_by text,
  add column created_at timestamptz not null default now();
create unique index prescriptions_number on prescriptions(district_code, prescription_no) where prescription_no is not null;
create index prescriptions_patient on prescriptions(district_code, patient_id, issued_on);

create table referrals (
  district_code text not null,
  id uuid not null default gen_random_uuid(),
  patient_id text not null,
  from_institution_id text not null references institutions(id),
  to_institution_id text not null references institutions(id),
  issued_on date not null,
  valid_until date,
  reason text not null,
  request_hash text not null,
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (district_code, id),
  unique (district_code, patient_id, from_institution_id, to_institution_id, issued_on),
  foreign key (district_code, patient_id) references patients(district_code, id),
  check (valid_until is null or valid_until >= issued_on),
  check (from_institution_id <> to_institution_id)
);
create index referrals_patient on referrals(district_code, patient_id, to_institution_id, issued_on);

create table clinical_findings (
  district_code text not null,
  id uuid not null default gen_random_uuid(),
  patient_id text not null,
  code text not null,
  recorded_on date not null,
  valid_until date,
  institution_id text references institutions(id),
  source text not null,
  recorded_by text not null,
  created_at timestamptz not null default now(),
  retracted_on date,
  retraction_reason text,
  retracted_by text,
  retracted_at timestamptz,
  primary key (district_code, id),
  unique (district_code, patient_id, code, recorded_on),
  foreign key (district_code, patient_id) references patients(district_code, id),
  check (valid_until is null or valid_until >= recorded_on),
  check (retracted_on is null or retracted_on >= recorded_on),
  check ((retracted_on is null) = (retraction_reason is null))
);
create index clinical_findings_patient on clinical_findings(district_code, patient_id, recorded_on);

-- What the demo loader (and nothing else) put in the undated column: in force from the patient's
-- first diagnosis, the earliest date the record can vouch for.
insert into clinical_findings (district_code, patient_id, code, recorded_on, source, recorded_by)
select p.district_code, p.id, f.code, coalesce((select min(d.diagnosed_on) from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id), p.created_at::date),
       'patients.findings (undated, before Migration20261206040000)', 'migration'
  from patients p cross join lateral unnest(p.findings) as f(code)
 where p.findings <> '{}'
on conflict do nothing;

alter table benefit_ledger add column general_outpatient_as_of date;

create table general_outpatient_feeds (
  district_code text not null,
  id uuid not null default gen_random_uuid(),
  year int not null,
  as_of date not null,
  content_hash text not null,
  entries int not null,
  counts jsonb not null,
  problems jsonb not null default '[]',
  accept_valid_rows boolean not null,
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (district_code, id),
  unique (district_code, year, as_of, content_hash)
);
`);
  }

  override down(): void {
    this.addSql(`
drop table general_outpatient_feeds;
alter table benefit_ledger drop column general_outpatient_as_of;
drop table clinical_findings;
drop table referrals;
drop index prescriptions_patient;
drop index prescriptions_number;
alter table prescriptions drop column prescription_no, drop column diseases, drop column request_hash, drop column recorded_by, drop column created_at;
`);
  }
}
