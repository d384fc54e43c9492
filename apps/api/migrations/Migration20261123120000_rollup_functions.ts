import { Migration } from '@mikro-orm/migrations';

/**
 * The rollups' write path in two round trips instead of six (measured: the statistics' share of a
 * claim's latency fell from about a quarter to about a tenth):
 *
 * - stat_patient_facts: one patient's records as JSON — the one definition of what the statistics
 *   read about a patient (apps/api/src/modules/statistics/rollup.store.ts decodes it).
 * - stat_track_begin: takes the district's statistics lock (shared) and the patient's, then, in
 *   fresh snapshots (a volatile function's statements each take one under READ COMMITTED), reads
 *   the district's materialised years and closed quarters and the patient's records.
 * - stat_apply: adds signed deltas to the four rollup tables, each table's rows in key order and
 *   the tables in a fixed order, so that concurrent writers lock shared rows in the same order.
 */
/** stat_patient_facts's body as defined here (Migration20261207900000_distribute_on_citus restores it on down) */
export const STAT_PATIENT_FACTS_SQL = `
  select jsonb_build_object(
    'id', p.id,
    'birth_date', to_char(p.birth_date, 'YYYY-MM-DD'),
    'scheme', p.scheme,
    'managed', p.managed,
    'managed_since', to_char(p.managed_since, 'YYYY-MM-DD'),
    'street_code', p.street_code,
    'managing_institution_id', p.managing_institution_id,
    'diseases', coalesce((select jsonb_agg(jsonb_build_array(d.disease, to_char(d.diagnosed_on, 'YYYY-MM-DD')))
                            from patient_diseases d where d.district_code = p.district_code and d.patient_id = p.id), '[]'),
    'certs', coalesce((select jsonb_agg(jsonb_build_array(to_char(c.certified_on, 'YYYY-MM-DD'), to_char(c.revoked_on, 'YYYY-MM-DD')))
                         from certifications c where c.district_code = p.district_code and c.patient_id = p.id), '[]'),
    'follow_ups', coalesce((select jsonb_agg(jsonb_build_array(to_char(f.follow_up_date, 'YYYY-MM-DD'), f.face_to_face, f.systolic, f.diastolic, f.fasting_glucose_tenths)
                                             order by f.follow_up_date, f.created_at, f.id)
                              from follow_ups f where f.district_code = p.district_code and f.patient_id = p.id and f.follow_up_date between p_from and p_to), '[]'),
    'claims', coalesce((select jsonb_agg(jsonb_build_array(to_char(c.service_date, 'YYYY-MM-DD'), c.institution_id, c.category, c.diseases, c.rational_use,
                                                           c.amount_fen, c.compliant_fen, c.fund_fen,
                                                           (select max(l.days_supply) from claim_lines l where l.district_code = c.district_code and l.claim_id = c.id and l.compliant_fen > 0),
                                                           c.id))
                          from claims c where c.district_code = p.district_code and c.patient_id = p.id and c.status = 'accepted' and c.service_date between p_from and p_to), '[]'))
    from patients p where p.district_code = p_district and p.id = p_patient
`;

/** stat_track_begin as first created; Migration20261208600000_patient_facts_cache restores it on the way down. */
export const STAT_TRACK_BEGIN_SQL = `create function stat_track_begin(p_district text, p_patient text, p_years int[], p_event date) returns jsonb language plpgsql volatile as $$
declare
  v_years int[];
  v_closed int[];
begin
  perform pg_advisory_xact_lock_shared(hashtext('liangbing-stat:' || p_district)::bigint);
  perform pg_advisory_xact_lock(hashtext(p_district), hashtext(p_patient));
  select coalesce(array_agg(year order by year), '{}') into v_years from stat_materialised where district_code = p_district and (p_years is null or year = any(p_years));
  select coalesce(array_agg(year * 10 + quarter), '{}') into v_closed from stat_closed_periods where district_code = p_district;
  if p_event is not null and extract(year from p_event)::int * 10 + extract(quarter from p_event)::int = any(v_closed) then
    return jsonb_build_object('closedEvent', true);
  end if;
  if cardinality(v_years) = 0 then
    return jsonb_build_object('years', '[]'::jsonb, 'closed', to_jsonb(v_closed));
  end if;
  return jsonb_build_object('years', to_jsonb(v_years), 'closed', to_jsonb(v_closed),
    'facts', stat_patient_facts(p_district, p_patient, make_date(v_years[1], 1, 1), make_date(v_years[cardinality(v_years)], 12, 31)));
end $$;`;

export class Migration20261123120000RollupFunctions extends Migration {
  override up(): void {
    this.addSql(`
create function stat_patient_facts(p_district text, p_patient text, p_from date, p_to date) returns jsonb language sql stable as $$${STAT_PATIENT_FACTS_SQL}$$;

${STAT_TRACK_BEGIN_SQL}

create function stat_apply(p jsonb) returns void language plpgsql volatile as $$
begin
  insert into stat_patient_counts (district_code, year, quarter, disease_filter, street_code, institution_id, known, known_pairs, managed, standard_managed,
      ht_managed, ht_controlled, dm_managed, dm_controlled, controlled, certified, covered_managed, pdc_numerator, pdc_denominator, patients)
    select r->>0, (r->>1)::int, (r->>2)::int, r->>3, r->>4, r->>5, (r->>6)::int, (r->>7)::int, (r->>8)::int, (r->>9)::int,
           (r->>10)::int, (r->>11)::int, (r->>12)::int, (r->>13)::int, (r->>14)::int, (r->>15)::int, (r->>16)::int, (r->>17)::int, (r->>18)::int, (r->>19)::int
      from jsonb_array_elements(coalesce(p->'stat_patient_counts', '[]')) r order by 1, 2, 3, 4, 5, 6
    on conflict (district_code, year, quarter, disease_filter, street_code, institution_id) do update set
      known = stat_patient_counts.known + excluded.known, known_pairs = stat_patient_counts.known_pairs + excluded.known_pairs,
      managed = stat_patient_counts.managed + excluded.managed, standard_managed = stat_patient_counts.standard_managed + excluded.standard_managed,
      ht_managed = stat_patient_counts.ht_managed + excluded.ht_managed, ht_controlled = stat_patient_counts.ht_controlled + excluded.ht_controlled,
      dm_managed = stat_patient_counts.dm_managed + excluded.dm_managed, dm_controlled = stat_patient_counts.dm_controlled + excluded.dm_controlled,
      controlled = stat_patient_counts.controlled + excluded.controlled, certified = stat_patient_counts.certified + excluded.certified,
      covered_managed = stat_patient_counts.covered_managed + excluded.covered_managed, pdc_numerator = stat_patient_counts.pdc_numerator + excluded.pdc_numerator,
      pdc_denominator = stat_patient_counts.pdc_denominator + excluded.pdc_denominator, patients = stat_patient_counts.patients + excluded.patients;

  insert into stat_beneficiaries (district_code, year, quarter, disease_filter, kind, group_key, patients)
    select r->>0, (r->>1)::int, (r->>2)::int, r->>3, r->>4, r->>5, (r->>6)::int
      from jsonb_array_elements(coalesce(p->'stat_beneficiaries', '[]')) r order by 1, 2, 3, 4, 5, 6
    on conflict (district_code, year, quarter, disease_filter, kind, group_key) do update set patients = stat_beneficiaries.patients + excluded.patients;

  insert into stat_claims_by_street (district_code, month, street_code, diseases, category, claims, rational, paid, amount_fen, compliant_fen, fund_fen)
    select r->>0, (r->>1)::date, r->>2, r->>3, r->>4, (r->>5)::int, (r->>6)::int, (r->>7)::int, (r->>8)::bigint, (r->>9)::bigint, (r->>10)::bigint
      from jsonb_array_elements(coalesce(p->'stat_claims_by_street', '[]')) r order by 1, 2, 3, 4, 5
    on conflict (district_code, month, street_code, diseases, category) do update set
      claims = stat_claims_by_street.claims + excluded.claims, rational = stat_claims_by_street.rational + excluded.rational, paid = stat_claims_by_street.paid + excluded.paid,
      amount_fen = stat_claims_by_street.amount_fen + excluded.amount_fen, compliant_fen = stat_claims_by_street.compliant_fen + excluded.compliant_fen,
      fund_fen = stat_claims_by_street.fund_fen + excluded.fund_fen;

  insert into stat_claims_by_institution (district_code, month, institution_id, diseases, category, claims, rational, paid, amount_fen, compliant_fen, fund_fen)
    select r->>0, (r->>1)::date, r->>2, r->>3, r->>4, (r->>5)::int, (r->>6)::int, (r->>7)::int, (r->>8)::bigint, (r->>9)::bigint, (r->>10)::bigint
      from jsonb_array_elements(coalesce(p->'stat_claims_by_institution', '[]')) r order by 1, 2, 3, 4, 5
    on conflict (district_code, month, institution_id, diseases, category) do update set
      claims = stat_claims_by_institution.claims + excluded.claims, rational = stat_claims_by_institution.rational + excluded.rational,
      paid = stat_claims_by_institution.paid + excluded.paid, amount_fen = stat_claims_by_institution.amount_fen + excluded.amount_fen,
      compliant_fen = stat_claims_by_institution.compliant_fen + excluded.compliant_fen, fund_fen = stat_claims_by_institution.fund_fen + excluded.fund_fen;
end $$;
`);
  }

  override down(): void {
    this.addSql(
      `drop function if exists stat_apply(jsonb); drop function if exists stat_track_begin(text, text, int[], date); drop function if exists stat_patient_facts(text, text, date, date);`,
    );
  }
}
