import { Migration } from '@mikro-orm/migrations';

/**
 * Configuration as data (issue 16): the values the sources do not fix — monitoring thresholds,
 * credit points, scorecard weights and targets, the dashboard's targets, capitation rates — are
 * dated rows per city (and district where a key may differ per district), each with its source:
 * a document and section, a decision of the bureau, or the code's shipped default ('seed').
 * History is never overwritten: a change is a new row valid from its date; the value in force on a
 * date is the row of the greatest valid_from on or before it (the latest entry wins a tie), so a
 * past period computed again uses the value then in force.
 *
 * A small reference table (a few hundred rows a city): on Citus it is replicated to every node, like
 * regions and institutions, so it carries no district_code at the head of its key.
 *
 * Fund budgets, already data with their source (fund_budgets, set by setFundBudget), gain their history.
 */
export class Migration20261206060000ConfigurationValues extends Migration {
  override up(): void {
    this.addSql(`
create table configuration_values (
  id bigint generated always as identity primary key,
  city_code text not null references regions(code),
  -- null: the city's value; a district's row takes precedence for that district where the key allows it
  district_code text references regions(code),
  key text not null check (key ~ '^[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9_]+)+$'),
  valid_from date not null,
  -- validated per key by the registry in code (settings.registry.ts)
  value jsonb not null,
  source_kind text not null check (source_kind in ('document', 'bureau', 'seed')),
  source_document text,
  source_section text,
  source_note text,
  set_by text not null,
  set_at timestamptz not null default now(),
  check (source_kind <> 'document' or (source_document is not null and source_section is not null)),
  check (source_kind <> 'bureau' or source_note is not null)
);
create index configuration_values_lookup on configuration_values(city_code, key, valid_from);
-- The code's default is written once per city, district and key: seeding at every start changes nothing.
create unique index configuration_values_seed on configuration_values(city_code, coalesce(district_code, ''), key) where source_kind = 'seed';

-- Fund budgets are per district and year (fund_budgets holds the figure in force); setting one again
-- replaces it there, so every figure ever set is kept here, with its source, in the same transaction.
create table fund_budget_history (
  district_code text not null references regions(code),
  year int not null,
  id bigint generated always as identity,
  budget_fen bigint not null check (budget_fen >= 0),
  source text not null,
  note text,
  set_by text not null,
  set_at timestamptz not null,
  primary key (district_code, year, id)
);
insert into fund_budget_history (district_code, year, budget_fen, source, note, set_by, set_at)
  select district_code, year, budget_fen, source, note, set_by, set_at from fund_budgets order by set_at;
`);
  }

  override down(): void {
    this.addSql('drop table if exists fund_budget_history; drop table if exists configuration_values;');
  }
}
