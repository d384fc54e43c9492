import { Migration } from '@mikro-orm/migrations';

/**
 * Claims narrow enough to read by the million. The stored request and decision (about 1.4 kB of
 * the 1.9 kB row at full size) move to claim_documents, keyed like the claim; the four request
 * fields that a decision depends on and no other column held (referral, source prescription,
 * condition stable) become columns. A read of a district's claims, the what-if replay's above
 * all, then touches a heap of a few hundred bytes a claim instead of 21 GB for 11 M claims
 * (docs/benchmarks.md, "What-if").
 *
 * The up migration copies what is there; the dropped columns' space comes back only when the
 * table is rewritten (VACUUM FULL or pg_repack, in a maintenance window).
 */
export class Migration20261202000000ClaimDocuments extends Migration {
  override up(): void {
    this.addSql(`
alter table claims
  add column referral_from_institution_id text,
  add column referral_issued_on date,
  add column source_prescription_id text,
  add column condition_stable boolean;

update claims set
  referral_from_institution_id = request->>'referralFromInstitutionId',
  referral_issued_on = (request->>'referralIssuedOn')::date,
  source_prescription_id = request->>'sourcePrescriptionId',
  condition_stable = (request->>'conditionStable')::boolean;

-- The claim as submitted and as decided (with its explanation trace): read one claim at a time.
create table claim_documents (
  district_code text not null,
  claim_id uuid not null,
  request jsonb not null,
  decision jsonb not null,
  primary key (district_code, claim_id),
  foreign key (district_code, claim_id) references claims(district_code, id)
);

insert into claim_documents (district_code, claim_id, request, decision) select district_code, id, request, decision from claims;

alter table claims drop column decision, drop column request;

create or replace function claim_write(p jsonb) returns timestamptz language plpgsql volatile as $$
begin
  insert into claims (id, district_code, patient_id, institution_id, city_code, service_date, year, pathway, idempotency_key, request_hash, outcome, category,
      rational_use, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes, rule_set_id, rule_set_version, catalogue_version, override_name, diseases,
      referral_from_institution_id, referral_issued_on, source_prescription_id, condition_stable, submitted_by)
    select r.id, r.district_code, r.patient_id, r.institution_id, r.city_code, r.service_date, r.year, r.pathway, r.idempotency_key, r.request_hash, r.outcome, r.category,
      r.rational_use, r.amount_fen, r.compliant_fen, r.fund_fen, r.patient_fen, r.hit_codes, r.rule_set_id, r.rule_set_version, r.catalogue_version, r.override_name, r.diseases,
      r.request->>'referralFromInstitutionId', (r.request->>'referralIssuedOn')::date, r.request->>'sourcePrescriptionId', (r.request->>'conditionStable')::boolean, r.submitted_by
      from jsonb_to_recordset(p->'claims') r(id uuid, district_code text, patient_id text, institution_id text, city_code text, service_date date, year int, pathway text,
        idempotency_key text, request_hash text, outcome text, category text, rational_use boolean, amount_fen bigint, compliant_fen bigint, fund_fen bigint, patient_fen bigint,
        hit_codes text[], rule_set_id text, rule_set_version text, catalogue_version text, override_name text, diseases text[], decision jsonb, request jsonb, submitted_by text);

  insert into claim_documents (district_code, claim_id, request, decision)
    select r.district_code, r.id, r.request, r.decision
      from jsonb_to_recordset(p->'claims') r(id uuid, district_code text, request jsonb, decision jsonb);

  insert into claim_lines (district_code, claim_id, line_no, drug_code, form, quantity, days_supply, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes)
    select r.district_code, r.claim_id, r.line_no, r.drug_code, r.form, r.quantity, r.days_supply, r.amount_fen, r.compliant_fen, r.fund_fen, r.patient_fen, r.hit_codes
      from jsonb_to_recordset(p->'lines') r(district_code text, claim_id uuid, line_no int, drug_code text, form text, quantity int, days_supply int,
        amount_fen bigint, compliant_fen bigint, fund_fen bigint, patient_fen bigint, hit_codes text[]);

  update benefit_ledger b set
      fund_paid_fen = b.fund_paid_fen + r.fund_fen, compliant_fen = b.compliant_fen + r.compliant_fen, drug_cost_fen = b.drug_cost_fen + r.amount_fen,
      claims_paid = b.claims_paid + r.claims_paid, cap_reached_on = coalesce(b.cap_reached_on, r.reached_on), updated_at = now()
    from jsonb_to_recordset(p->'ledgers') r(district_code text, patient_id text, year int, fund_fen bigint, compliant_fen bigint, amount_fen bigint, claims_paid int, reached_on date)
   where b.district_code = r.district_code and b.patient_id = r.patient_id and b.year = r.year;

  insert into audit_log (district_code, user_id, role, action, entity, entity_id, detail)
    select r.district_code, r.user_id, r.role, r.action, r.entity, r.entity_id, r.detail
      from jsonb_to_recordset(p->'audits') r(district_code text, user_id text, role text, action text, entity text, entity_id text, detail jsonb);

  if jsonb_typeof(p->'rollup') = 'object' then
    perform stat_apply(p->'rollup');
  end if;
  return now();
end $$;
`);
  }

  override down(): void {
    this.addSql(`
alter table claims add column decision jsonb, add column request jsonb;
update claims c set decision = d.decision, request = d.request from claim_documents d where d.district_code = c.district_code and d.claim_id = c.id;
alter table claims alter column decision set not null, alter column request set not null;
drop table claim_documents;
alter table claims drop column referral_from_institution_id, drop column referral_issued_on, drop column source_prescription_id, drop column condition_stable;

create or replace function claim_write(p jsonb) returns timestamptz language plpgsql volatile as $$
begin
  insert into claims (id, district_code, patient_id, institution_id, city_code, service_date, year, pathway, idempotency_key, request_hash, outcome, category,
      rational_use, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes, rule_set_id, rule_set_version, catalogue_version, override_name, diseases,
      decision, request, submitted_by)
    select r.id, r.district_code, r.patient_id, r.institution_id, r.city_code, r.service_date, r.year, r.pathway, r.idempotency_key, r.request_hash, r.outcome, r.category,
      r.rational_use, r.amount_fen, r.compliant_fen, r.fund_fen, r.patient_fen, r.hit_codes, r.rule_set_id, r.rule_set_version, r.catalogue_version, r.override_name, r.diseases,
      r.decision, r.request, r.submitted_by
      from jsonb_to_recordset(p->'claims') r(id uuid, district_code text, patient_id text, institution_id text, city_code text, service_date date, year int, pathway text,
        idempotency_key text, request_hash text, outcome text, category text, rational_use boolean, amount_fen bigint, compliant_fen bigint, fund_fen bigint, patient_fen bigint,
        hit_codes text[], rule_set_id text, rule_set_version text, catalogue_version text, override_name text, diseases text[], decision jsonb, request jsonb, submitted_by text);

  insert into claim_lines (district_code, claim_id, line_no, drug_code, form, quantity, days_supply, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes)
    select r.district_code, r.claim_id, r.line_no, r.drug_code, r.form, r.quantity, r.days_supply, r.amount_fen, r.compliant_fen, r.fund_fen, r.patient_fen, r.hit_codes
      from jsonb_to_recordset(p->'lines') r(district_code text, claim_id uuid, line_no int, drug_code text, form text, quantity int, days_supply int,
        amount_fen bigint, compliant_fen bigint, fund_fen bigint, patient_fen bigint, hit_codes text[]);

  update benefit_ledger b set
      fund_paid_fen = b.fund_paid_fen + r.fund_fen, compliant_fen = b.compliant_fen + r.compliant_fen, drug_cost_fen = b.drug_cost_fen + r.amount_fen,
      claims_paid = b.claims_paid + r.claims_paid, cap_reached_on = coalesce(b.cap_reached_on, r.reached_on), updated_at = now()
    from jsonb_to_recordset(p->'ledgers') r(district_code text, patient_id text, year int, fund_fen bigint, compliant_fen bigint, amount_fen bigint, claims_paid int, reached_on date)
   where b.district_code = r.district_code and b.patient_id = r.patient_id and b.year = r.year;

  insert into audit_log (district_code, user_id, role, action, entity, entity_id, detail)
    select r.district_code, r.user_id, r.role, r.action, r.entity, r.entity_id, r.detail
      from jsonb_to_recordset(p->'audits') r(district_code text, user_id text, role text, action text, entity text, entity_id text, detail jsonb);

  if jsonb_typeof(p->'rollup') = 'object' then
    perform stat_apply(p->'rollup');
  end if;
  return now();
end $$;
`);
  }
}
