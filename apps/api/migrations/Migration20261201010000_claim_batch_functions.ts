import { Migration } from '@mikro-orm/migrations';

/**
 * The claim write path's two large statements as PL/pgSQL functions, so that each connection
 * plans them once and reuses the plan: planned per call they cost more PostgreSQL CPU than they
 * take to run (3.6 ms and 1.0 ms of planning against 1.9 ms and 3.2 ms of execution per claim,
 * pg_stat_statements with track_planning, single claims at 8 connections).
 *
 * - claim_context: everything a batch of claims is decided on — each patient's record, diagnoses,
 *   certifications, designations, compliant dispensing history and first date of every drug, the
 *   institutions, the districts' cities and the source prescriptions — as one jsonb. Called after
 *   the batch's ledger rows are locked (claim-batch.repository.ts), so it sees every claim the
 *   patients' earlier transactions committed.
 * - claim_write: the batch's claims, lines, ledger deltas, audit rows and rollup deltas
 *   (stat_apply); answers the transaction's timestamp, the claims' created_at.
 */
export class Migration20261201010000ClaimBatchFunctions extends Migration {
  override up(): void {
    this.addSql(`
create function claim_context(p_patients jsonb, p_prescriptions jsonb, p_institutions text[], p_districts text[]) returns jsonb language plpgsql stable as $$
begin
  return jsonb_build_object(
    'patients', (select jsonb_agg(jsonb_build_object(
        'd', pt.district_code, 'p', pt.id, 'scheme', pt.scheme, 'chronicProgrammeDiseases', pt.chronic_programme_diseases,
        'longTermResidenceElsewhere', pt.long_term_residence_elsewhere, 'findings', pt.findings,
        'diseases', coalesce((select jsonb_agg(jsonb_build_object('disease', x.disease, 'diabetesType', x.diabetes_type, 'diagnosedOn', to_char(x.diagnosed_on, 'YYYY-MM-DD')))
                                from patient_diseases x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
        'certifications', coalesce((select jsonb_agg(jsonb_build_object('certifiedOn', to_char(x.certified_on, 'YYYY-MM-DD'), 'diseases', x.diseases, 'revokedOn', to_char(x.revoked_on, 'YYYY-MM-DD')))
                                      from certifications x where x.district_code = pt.district_code and x.patient_id = pt.id and x.certified_on <= k.t), '[]'),
        'designations', coalesce((select jsonb_agg(jsonb_build_object('institutionId', x.institution_id, 'consortiumId', x.consortium_id, 'from', to_char(x.valid_from, 'YYYY-MM-DD'), 'to', to_char(x.valid_to, 'YYYY-MM-DD')) order by x.valid_from)
                                    from designations x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
        'history', coalesce((select jsonb_agg(jsonb_build_object('date', to_char(c.service_date, 'YYYY-MM-DD'), 'drugCode', l.drug_code, 'daysSupply', l.days_supply, 'institutionId', c.institution_id))
                               from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
                              where c.district_code = pt.district_code and c.patient_id = pt.id and c.status = 'accepted'
                                and c.service_date between k.f and k.t and l.compliant_fen > 0), '[]'),
        'priorDrugs', coalesce((select jsonb_agg(jsonb_build_object('drugCode', x.drug_code, 'first', to_char(x.first, 'YYYY-MM-DD')))
                                  from (select l.drug_code, min(c.service_date) as first
                                          from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
                                         where c.district_code = pt.district_code and c.patient_id = pt.id and c.status = 'accepted'
                                           and c.service_date <= k.t and l.compliant_fen > 0
                                         group by l.drug_code) x), '[]')))
        from jsonb_to_recordset(p_patients) k(d text, p text, f date, t date)
        cross join lateral (select * from patients x where x.district_code = k.d and x.id = k.p offset 0) pt),
    'institutions', (select jsonb_agg(jsonb_build_object('id', i.id, 'level', i.level, 'cityCode', i.city_code, 'districtCode', i.district_code, 'insuranceDesignated', i.insurance_designated,
                                                         'canTreatTwoDiseases', i.can_treat_two_diseases, 'consortiumId', i.consortium_id, 'networkedOutOfArea', i.networked_out_of_area))
                       from institutions i where i.id = any(p_institutions)),
    'cities', (select jsonb_object_agg(r.code, r.city_code) from regions r where r.code = any(p_districts)),
    'prescriptions', (select jsonb_agg(jsonb_build_object('d', p.district_code, 'p', p.patient_id, 'id', p.id, 'issued_on', to_char(p.issued_on, 'YYYY-MM-DD'), 'level', i.level, 'drug_codes', p.drug_codes))
                        from jsonb_to_recordset(p_prescriptions) rx(d text, p text, id text)
                        cross join lateral (select * from prescriptions x where x.district_code = rx.d and x.patient_id = rx.p and x.id = rx.id offset 0) p
                        join institutions i on i.id = p.institution_id));
end $$;

create function claim_write(p jsonb) returns timestamptz language plpgsql volatile as $$
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

  override down(): void {
    this.addSql(`drop function if exists claim_write(jsonb); drop function if exists claim_context(jsonb, jsonb, text[], text[]);`);
  }
}
