import { Migration } from '@mikro-orm/migrations';

/**
 * Institutions and the fund: annual fund budgets per district (Wuxi 五(一): 做好基金运行和专项统计分析)
 * and the credit ledger of institutions and insured persons (Wuxi 四(三), 五(四): 把服务提供主体和参保人员
 * 纳入信用管理范围). Both lead their keys with district_code: a budget is the district's, a credit
 * event belongs to the district of its subject (the institution's district, the patient's district
 * of insurance), so a district's bureau reads its own subjects' records from its own rows.
 *
 * Scorecards, drug availability, fund watch and the what-if replay are computed from the tables
 * that exist and need nothing stored.
 */
export class Migration20261123300000InstitutionsFund extends Migration {
  override up(): void {
    this.addSql(`
create table fund_budgets (
  district_code text not null references regions(code),
  year int not null check (year between 2000 and 2100),
  budget_fen bigint not null check (budget_fen >= 0),
  -- the decision the figure comes from (e.g. the year's budget notice), as the bureau records it
  source text not null,
  note text,
  set_by text not null,
  set_at timestamptz not null default now(),
  primary key (district_code, year)
);

-- Append-only: an event is never edited; a confirmation withdrawn is a new event with the opposite points.
create table credit_events (
  district_code text not null references regions(code),
  id bigint generated always as identity,
  subject_type text not null check (subject_type in ('institution','patient')),
  subject_id text not null,
  kind text not null check (kind in ('alert_confirmed','alert_withdrawn','claim_reversed','manual')),
  points int not null,
  occurred_on date not null,
  -- where the event comes from: the district of the alert or claim, and a key unique within it
  -- ('alert:<id>:<history seq>', 'claim:<id>', or the caller's key for a manual event)
  source_district_code text not null,
  source_key text not null,
  alert_id uuid,
  alert_kind text,
  claim_id uuid,
  rules_id text not null,
  note text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (district_code, id),
  unique (district_code, subject_type, subject_id, source_key)
);
create index credit_events_subject on credit_events(district_code, subject_type, subject_id, occurred_on);
create index credit_events_source on credit_events(source_district_code, source_key);

-- The credit feed looks for reversed claims not yet recorded: few rows, so a partial index.
create index if not exists claims_reversed on claims(district_code, reversed_at) where status = 'reversed';
`);
  }

  override down(): void {
    this.addSql(`
drop index if exists claims_reversed;
drop table if exists credit_events, fund_budgets cascade;
`);
  }
}
