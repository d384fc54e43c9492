import { Migration } from '@mikro-orm/migrations';

/**
 * The bureau's operations: roster matching (G-1, G-2), smart-monitoring alerts as cases (G-9,
 * W-10) and catalogue versions (G-6). Roster rows, the uninsured ledger and alerts grow with the
 * patients, so they lead their keys with district_code like the initial schema's large tables;
 * catalogue versions are a small reference table (one row per city and effective date).
 * Capitation settlement (W-8) is computed from claims and designations and needs no table.
 */
export class Migration20261123200000Operations extends Migration {
  override up(): void {
    this.addSql(`
-- Matching the health commission's managed-patient list by resident ID across districts (a
-- patient registered in another district is reported, not matched).
create index if not exists patients_resident on patients(resident_id);

create table roster_imports (
  district_code text not null references regions(code),
  id uuid not null default gen_random_uuid(),
  seq int not null,
  content_hash text not null,
  file_name text,
  format text not null check (format in ('csv','xlsx')),
  accept_valid_rows boolean not null,
  total_rows int not null,
  accepted_rows int not null,
  rejected_rows int not null,
  problems jsonb not null default '[]',
  imported_by text not null,
  imported_at timestamptz not null default now(),
  certified_at timestamptz,
  certified_by text,
  primary key (district_code, id),
  unique (district_code, content_hash),
  unique (district_code, seq)
);

create table roster_rows (
  district_code text not null,
  import_id uuid not null,
  row_no int not null,
  resident_id text not null,
  name text not null,
  diseases text[] not null,
  institution_id text not null references institutions(id),
  patient_id text,
  outcome text not null check (outcome in ('certified','to_certify','diagnosis_missing','employee_scheme','to_mobilise','exempt')),
  certify_diseases text[] not null default '{}',
  certificate_no text,
  exempt_reason text,
  primary key (district_code, import_id, row_no),
  foreign key (district_code, import_id) references roster_imports(district_code, id),
  foreign key (district_code, patient_id) references patients(district_code, id)
);
create index roster_rows_outcome on roster_rows(district_code, import_id, outcome, row_no);
create index roster_rows_resident on roster_rows(district_code, resident_id);

-- 附件2 item 3: persons legitimately not insured, with the reason (台账登记)
create table uninsured_ledger (
  district_code text not null references regions(code),
  resident_id text not null,
  reason text not null check (reason in ('serving_sentence','military_service','insured_elsewhere')),
  note text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (district_code, resident_id)
);

create table alerts (
  district_code text not null references regions(code),
  id uuid not null default gen_random_uuid(),
  kind text not null,
  -- what makes two alerts the same finding: re-running monitoring never inserts a second one
  evidence_key text not null,
  patient_id text,
  institution_id text references institutions(id),
  claim_ids uuid[] not null default '{}',
  evidence jsonb not null,
  occurred_on date not null,
  status text not null default 'open' check (status in ('open','under_review','confirmed','dismissed','recovered')),
  assignee text,
  raised_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_code, id),
  unique (district_code, evidence_key),
  foreign key (district_code, patient_id) references patients(district_code, id)
);
create index alerts_list on alerts(district_code, occurred_on desc, id);
create index alerts_status on alerts(district_code, status, kind);
create index alerts_claims on alerts using gin (claim_ids);

create table alert_history (
  district_code text not null,
  alert_id uuid not null,
  seq int not null,
  at timestamptz not null default now(),
  by_user text not null,
  from_status text,
  to_status text not null,
  assignee text,
  note text,
  reversed_claim_ids uuid[] not null default '{}',
  primary key (district_code, alert_id, seq),
  foreign key (district_code, alert_id) references alerts(district_code, id)
);

create table catalogue_versions (
  id text primary key,
  city_code text not null,
  rule_set_id text not null,
  title text not null,
  effective_from date not null,
  source_document text not null,
  source_section text not null,
  rows jsonb not null,
  content_hash text not null,
  loaded_by text not null,
  loaded_at timestamptz not null default now(),
  unique (city_code, effective_from)
);
`);
  }

  override down(): void {
    this.addSql(`
drop table if exists catalogue_versions, alert_history, alerts, uninsured_ledger, roster_rows, roster_imports cascade;
drop index if exists patients_resident;
`);
  }
}
