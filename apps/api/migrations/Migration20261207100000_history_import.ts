import { Migration } from '@mikro-orm/migrations';

/**
 * The history import (issue 16, "History"): a bureau starting mid-programme loads its past years
 * from its old system (modules/history). history_imports records each import's progress, row by
 * committed chunk, so that a rerun after a failure continues after the last committed row;
 * history_import_problems holds the rows refused, each with its row number, field and coded
 * reason; history_disagreements the imported claims whose old-system fund amount differs from the
 * policy core's re-decision, keyed like the claim (district_code first) so that it distributes
 * with it. Claims imported are submitted_by 'history-import:<import id>' and keep the old
 * system's amounts: they were settled.
 */
export class Migration20261207100000HistoryImport extends Migration {
  override up(): void {
    this.addSql(`
create table history_imports (
  id uuid primary key default gen_random_uuid(),
  city_code text not null,
  district_code text,
  source text not null,
  started_by text not null,
  status text not null default 'running' check (status in ('running','done','failed')),
  rows_read bigint not null default 0,
  rows_accepted bigint not null default 0,
  rows_already_stored bigint not null default 0,
  rows_rejected bigint not null default 0,
  claims_stored bigint not null default 0,
  disagreements bigint not null default 0,
  last_committed_row bigint not null default 0,
  districts text[] not null default '{}',
  rebuilt jsonb not null default '[]',
  error text,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index history_imports_source on history_imports (city_code, source, started_at);

create table history_import_problems (
  import_id uuid not null references history_imports(id),
  row_no bigint not null,
  field text not null,
  code text not null,
  message text not null,
  district_code text,
  primary key (import_id, row_no, field)
);

create table history_disagreements (
  district_code text not null,
  claim_id uuid not null,
  import_id uuid not null references history_imports(id),
  claim_key text not null,
  patient_id text not null,
  service_date date not null,
  old_fund_fen bigint not null,
  core_fund_fen bigint not null,
  core_outcome text not null,
  core_hit_codes text[] not null default '{}',
  primary key (district_code, claim_id),
  foreign key (district_code, claim_id) references claims(district_code, id)
);
create index history_disagreements_import on history_disagreements (import_id, district_code, claim_id);
`);
  }

  override down(): void {
    this.addSql(`
drop table if exists history_disagreements, history_import_problems, history_imports;
`);
  }
}
