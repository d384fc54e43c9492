import { Migration } from '@mikro-orm/migrations';

/**
 * stat_patient_facts_core (what stat_track_begin reads of a patient before every claim, follow-up
 * and reversal, and the rebuild reads of every patient) took each claim's longest compliant supply
 * with its own probe of claim_lines_pkey: a patient with 25 claims in the materialised years cost
 * 25 index descents (121 buffers for the claims and their lines of a demo patient). The lines carry
 * their claim's patient and service date (Migration20261202010000), so the same figure is one range
 * of claim_lines_patient, grouped by claim (32 buffers). pg_stat_statements on the benchmark's claim
 * mix put this function at a quarter of PostgreSQL's time before the change. The same JSON, its
 * claims now in (date, id) order (they came in the index's date order; no reader depends on it);
 * PL/pgSQL on both engines and every subquery naming the district, as in
 * Migration20261207900000_distribute_on_citus. Down restores that migration's body.
 */
const HEAD = `create or replace function stat_patient_facts_core(p_district text, p_patient text, p_from date, p_to date) returns jsonb language plpgsql stable as $$
begin
  return (select jsonb_build_object(
    'id', p.id,
    'birth_date', to_char(p.birth_date, 'YYYY-MM-DD'),
    'scheme', p.scheme,
    'managed', p.managed,
    'managed_since', to_char(p.managed_since, 'YYYY-MM-DD'),
    'street_code', p.street_code,
    'managing_institution_id', p.managing_institution_id,
    'diseases', coalesce((select jsonb_agg(jsonb_build_array(d.disease, to_char(d.diagnosed_on, 'YYYY-MM-DD')))
                            from patient_diseases d where d.district_code = p_district and d.patient_id = p_patient), '[]'),
    'certs', coalesce((select jsonb_agg(jsonb_build_array(to_char(c.certified_on, 'YYYY-MM-DD'), to_char(c.revoked_on, 'YYYY-MM-DD')))
                         from certifications c where c.district_code = p_district and c.patient_id = p_patient), '[]'),
    'follow_ups', coalesce((select jsonb_agg(jsonb_build_array(to_char(f.follow_up_date, 'YYYY-MM-DD'), f.face_to_face, f.systolic, f.diastolic, f.fasting_glucose_tenths)
                                             order by f.follow_up_date, f.created_at, f.id)
                              from follow_ups f where f.district_code = p_district and f.patient_id = p_patient and f.follow_up_date between p_from and p_to), '[]'),`;

const CLAIMS_BY_RANGE = `
    'claims', coalesce((select jsonb_agg(jsonb_build_array(to_char(c.service_date, 'YYYY-MM-DD'), c.institution_id, c.category, c.diseases, c.rational_use,
                                                           c.amount_fen, c.compliant_fen, c.fund_fen, fill.days, c.id)
                                         order by c.service_date, c.id)
                          from claims c
                          left join (select l.claim_id, max(l.days_supply) as days from claim_lines l
                                      where l.district_code = p_district and l.patient_id = p_patient and l.service_date between p_from and p_to and l.compliant_fen > 0
                                      group by l.claim_id) fill on fill.claim_id = c.id
                         where c.district_code = p_district and c.patient_id = p_patient and c.status = 'accepted' and c.service_date between p_from and p_to), '[]'))`;

const CLAIMS_BY_PROBE = `
    'claims', coalesce((select jsonb_agg(jsonb_build_array(to_char(c.service_date, 'YYYY-MM-DD'), c.institution_id, c.category, c.diseases, c.rational_use,
                                                           c.amount_fen, c.compliant_fen, c.fund_fen,
                                                           (select max(l.days_supply) from claim_lines l where l.district_code = p_district and l.claim_id = c.id and l.compliant_fen > 0),
                                                           c.id))
                          from claims c where c.district_code = p_district and c.patient_id = p_patient and c.status = 'accepted' and c.service_date between p_from and p_to), '[]'))`;

const TAIL = `
    from patients p where p.district_code = p_district and p.id = p_patient);
end $$;`;

export class Migration20261208300000FactsFillDaysByRange extends Migration {
  override up(): void {
    this.addSql(HEAD + CLAIMS_BY_RANGE + TAIL);
  }

  override down(): void {
    this.addSql(HEAD + CLAIMS_BY_PROBE + TAIL);
  }
}
