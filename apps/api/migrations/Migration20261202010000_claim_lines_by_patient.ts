import { Migration } from '@mikro-orm/migrations';

/**
 * A patient's lines in one range of one index. Claim lines carry their claim's patient, service
 * date and institution (facts of the claim that never change, like its district), and
 * claim_lines_patient covers what the readers of a patient's dispensing need, so that the what-if
 * replay and a patient's history read a patient's lines by an index-only range scan instead of one
 * random lookup of claim_lines_pkey per claim (claim ids are random UUIDs: 0.016 ms a claim,
 * two thirds of the replay's read of a period at full size). Reversed claims are found per patient
 * by a small partial index.
 *
 * The backfill rewrites every line once; index-only scans need the rows marked all-visible, which
 * (auto)vacuum does after it.
 */
export class Migration20261202010000ClaimLinesByPatient extends Migration {
  override up(): void {
    this.addSql(`
alter table claim_lines add column patient_id text, add column service_date date, add column institution_id text;
update claim_lines l set patient_id = c.patient_id, service_date = c.service_date, institution_id = c.institution_id
  from claims c where c.district_code = l.district_code and c.id = l.claim_id;
alter table claim_lines alter column patient_id set not null, alter column service_date set not null, alter column institution_id set not null;
create index claim_lines_patient on claim_lines (district_code, patient_id, service_date)
  include (claim_id, line_no, drug_code, form, quantity, days_supply, amount_fen, compliant_fen, institution_id);
create index claims_reversed_patient on claims (district_code, patient_id) where status = 'reversed';

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

  insert into claim_lines (district_code, claim_id, line_no, drug_code, form, quantity, days_supply, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes,
      patient_id, service_date, institution_id)
    select r.district_code, r.claim_id, r.line_no, r.drug_code, r.form, r.quantity, r.days_supply, r.amount_fen, r.compliant_fen, r.fund_fen, r.patient_fen, r.hit_codes,
      c.patient_id, c.service_date, c.institution_id
      from jsonb_to_recordset(p->'lines') r(district_code text, claim_id uuid, line_no int, drug_code text, form text, quantity int, days_supply int,
        amount_fen bigint, compliant_fen bigint, fund_fen bigint, patient_fen bigint, hit_codes text[])
      join jsonb_to_recordset(p->'claims') c(id uuid, patient_id text, service_date date, institution_id text) on c.id = r.claim_id;

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
drop index if exists claims_reversed_patient;
drop index if exists claim_lines_patient;
alter table claim_lines drop column patient_id, drop column service_date, drop column institution_id;

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
}
