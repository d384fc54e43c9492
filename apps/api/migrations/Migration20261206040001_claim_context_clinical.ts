import { Migration } from '@mikro-orm/migrations';

/** the function as this migration defines it (Migration20261207900000_distribute_on_citus restores it on down) */
export const CLAIM_CONTEXT_CLINICAL = `
create or replace function claim_context(p_patients jsonb, p_prescriptions jsonb, p_institutions text[], p_districts text[]) returns jsonb language plpgsql stable as $$
begin
  return jsonb_build_object(
    'patients', (select jsonb_agg(jsonb_build_object(
        'd', pt.district_code, 'p', pt.id, 'scheme', pt.scheme, 'chronicProgrammeDiseases', pt.chronic_programme_diseases,
        'longTermResidenceElsewhere', pt.long_term_residence_elsewhere,
        'leftOn', to_char(pt.left_on, 'YYYY-MM-DD'), 'leftReason', pt.left_reason,
        'schemes', coalesce((select jsonb_agg(jsonb_build_array(to_char(x.effective_from, 'YYYY-MM-DD'), x.scheme, x.previous_scheme) order by x.effective_from)
                               from patient_scheme_changes x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
        'residences', coalesce((select jsonb_agg(jsonb_build_array(to_char(x.valid_from, 'YYYY-MM-DD'), to_char(x.valid_to, 'YYYY-MM-DD')) order by x.valid_from)
                                  from patient_residences_elsewhere x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
        'findings', coalesce((select jsonb_agg(jsonb_build_object('code', x.code, 'from', to_char(x.recorded_on, 'YYYY-MM-DD'), 'to', to_char(least(x.valid_until, x.retracted_on - 1), 'YYYY-MM-DD')))
                                from clinical_findings x where x.district_code = pt.district_code and x.patient_id = pt.id and x.recorded_on <= k.t
                                 and (x.retracted_on is null or x.retracted_on > x.recorded_on)), '[]'),
        'referrals', coalesce((select jsonb_agg(jsonb_build_object('id', x.id, 'from', x.from_institution_id, 'to', x.to_institution_id, 'issuedOn', to_char(x.issued_on, 'YYYY-MM-DD'), 'validUntil', to_char(x.valid_until, 'YYYY-MM-DD')))
                                 from referrals x where x.district_code = pt.district_code and x.patient_id = pt.id
                                  and (x.valid_until is null or x.valid_until >= k.f)), '[]'),
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
                                                         'canTreatTwoDiseases', i.can_treat_two_diseases, 'consortiumId', i.consortium_id, 'networkedOutOfArea', i.networked_out_of_area,
                                                         'closedOn', to_char(i.closed_on, 'YYYY-MM-DD'),
                                                         'treatment', (select jsonb_agg(jsonb_build_object('from', to_char(g.granted_from, 'YYYY-MM-DD'), 'to', to_char(g.withdrawn_on, 'YYYY-MM-DD')) order by g.seq)
                                                                         from institution_treatment_grants g where g.institution_id = i.id)))
                       from institutions i where i.id = any(p_institutions)),
    'cities', (select jsonb_object_agg(r.code, r.city_code) from regions r where r.code = any(p_districts)),
    'prescriptions', (select jsonb_agg(jsonb_build_object('d', p.district_code, 'p', p.patient_id, 'id', p.id, 'issued_on', to_char(p.issued_on, 'YYYY-MM-DD'), 'level', i.level, 'drug_codes', p.drug_codes))
                        from jsonb_to_recordset(p_prescriptions) rx(d text, p text, id text)
                        cross join lateral (select * from prescriptions x where x.district_code = rx.d and x.patient_id = rx.p and x.id = rx.id offset 0) p
                        join institutions i on i.id = p.institution_id));
end $$;
`;

/**
 * claim_context (Migration20261201010000) reads the clinical records of Migration20261206040000:
 * each patient's findings as dated spans from clinical_findings (code, first day, last day or null;
 * a finding retracted on the day it was recorded was never in force) instead of the undated
 * patients.findings, and the patient's referrals not run out before the batch's dates.
 * The claim path picks, for each claim, the findings in force and the referral on its service date
 * (modules/clinical/in-force.ts). It keeps what Migration20261206020000_master_data (each institution's
 * closing and 两病 qualification) and Migration20261206030000_patient_lives added (the exit, scheme
 * changes and residences). Only the function changes; down restores patient_lives' one.
 */
export class Migration20261206040001ClaimContextClinical extends Migration {
  override up(): void {
    this.addSql(CLAIM_CONTEXT_CLINICAL);
  }

  override down(): void {
    this.addSql(`
create or replace function claim_context(p_patients jsonb, p_prescriptions jsonb, p_institutions text[], p_districts text[]) returns jsonb language plpgsql stable as $$
begin
  return jsonb_build_object(
    'patients', (select jsonb_agg(jsonb_build_object(
        'd', pt.district_code, 'p', pt.id, 'scheme', pt.scheme, 'chronicProgrammeDiseases', pt.chronic_programme_diseases,
        'longTermResidenceElsewhere', pt.long_term_residence_elsewhere, 'findings', pt.findings,
        'leftOn', to_char(pt.left_on, 'YYYY-MM-DD'), 'leftReason', pt.left_reason,
        'schemes', coalesce((select jsonb_agg(jsonb_build_array(to_char(x.effective_from, 'YYYY-MM-DD'), x.scheme, x.previous_scheme) order by x.effective_from)
                               from patient_scheme_changes x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
        'residences', coalesce((select jsonb_agg(jsonb_build_array(to_char(x.valid_from, 'YYYY-MM-DD'), to_char(x.valid_to, 'YYYY-MM-DD')) order by x.valid_from)
                                  from patient_residences_elsewhere x where x.district_code = pt.district_code and x.patient_id = pt.id), '[]'),
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
                                                         'canTreatTwoDiseases', i.can_treat_two_diseases, 'consortiumId', i.consortium_id, 'networkedOutOfArea', i.networked_out_of_area,
                                                         'closedOn', to_char(i.closed_on, 'YYYY-MM-DD'),
                                                         'treatment', (select jsonb_agg(jsonb_build_object('from', to_char(g.granted_from, 'YYYY-MM-DD'), 'to', to_char(g.withdrawn_on, 'YYYY-MM-DD')) order by g.seq)
                                                                         from institution_treatment_grants g where g.institution_id = i.id)))
                       from institutions i where i.id = any(p_institutions)),
    'cities', (select jsonb_object_agg(r.code, r.city_code) from regions r where r.code = any(p_districts)),
    'prescriptions', (select jsonb_agg(jsonb_build_object('d', p.district_code, 'p', p.patient_id, 'id', p.id, 'issued_on', to_char(p.issued_on, 'YYYY-MM-DD'), 'level', i.level, 'drug_codes', p.drug_codes))
                        from jsonb_to_recordset(p_prescriptions) rx(d text, p text, id text)
                        cross join lateral (select * from prescriptions x where x.district_code = rx.d and x.patient_id = rx.p and x.id = rx.id offset 0) p
                        join institutions i on i.id = p.institution_id));
end $$;
`);
  }
}
