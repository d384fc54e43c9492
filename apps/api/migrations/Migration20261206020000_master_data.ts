import { Migration } from '@mikro-orm/migrations';

/**
 * Master data kept through the API (issue #16): regions and institutions that close, the dated
 * history of an institution's qualification to treat 两病, and population figures with the
 * history of their earlier values.
 *
 * - regions.closed_on, institutions.closed_on: from that date a closed region takes no new
 *   patients or institutions, and a closed institution no claims or designations.
 * - institution_treatment_grants: G 五(二)4 (将“两病”门诊诊疗权限统一下放到符合医保、卫生健康部门相关标准的
 *   基层医疗卫生机构) and 附件2 item 4 (确保“两病”门诊慢特病办证权限及诊疗权限及时下放到基层医疗机构) give
 *   the qualification to institutions that meet the standards: it is granted on a date and may be
 *   withdrawn on a date, and a claim is judged by the qualification on its service date.
 *   granted_from null is a qualification recorded before dated history was kept (the
 *   can_treat_two_diseases column of a row loaded directly); an institution with no history at
 *   all is judged by that column (see masterdata/institution-on-date.ts).
 * - population_figures gains the survey awareness value's own source and who set the figure;
 *   population_figure_revisions keeps every value ever set (the current one included).
 * - claim_context answers each institution's closed_on and treatment history, so that the batch
 *   path judges both per claim without another statement.
 */
export class Migration20261206020000MasterData extends Migration {
  override up(): void {
    this.addSql(`
alter table regions add column closed_on date;
alter table institutions add column closed_on date;

create table institution_treatment_grants (
  institution_id text not null references institutions(id),
  seq int not null,
  granted_from date,
  grant_source text not null,
  granted_by text not null,
  granted_at timestamptz not null default now(),
  withdrawn_on date,
  withdrawal_reason text,
  withdrawn_by text,
  withdrawn_at timestamptz,
  primary key (institution_id, seq),
  check (withdrawn_on is null or granted_from is null or withdrawn_on > granted_from),
  check ((withdrawn_on is null) = (withdrawal_reason is null))
);

alter table population_figures
  add column survey_awareness_source text,
  add column set_by text,
  add column set_at timestamptz not null default now(),
  add constraint population_figures_survey_bp check (survey_awareness_hypertension_bp between 0 and 10000 and survey_awareness_diabetes_bp between 0 and 10000);

create table population_figure_revisions (
  district_code text not null references regions(code),
  year int not null,
  revision int not null,
  population_35_plus int not null,
  hypertension_prevalence_bp int not null,
  diabetes_prevalence_bp int not null,
  survey_awareness_hypertension_bp int,
  survey_awareness_diabetes_bp int,
  source text not null,
  survey_awareness_source text,
  set_by text,
  set_at timestamptz not null,
  primary key (district_code, year, revision)
);
insert into population_figure_revisions
  select district_code, year, 1, population_35_plus, hypertension_prevalence_bp, diabetes_prevalence_bp, survey_awareness_hypertension_bp, survey_awareness_diabetes_bp,
         source, survey_awareness_source, set_by, set_at from population_figures;

create or replace function claim_context(p_patients jsonb, p_prescriptions jsonb, p_institutions text[], p_districts text[]) returns jsonb language plpgsql stable as $$
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

  override down(): void {
    this.addSql(`
create or replace function claim_context(p_patients jsonb, p_prescriptions jsonb, p_institutions text[], p_districts text[]) returns jsonb language plpgsql stable as $$
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
drop table population_figure_revisions;
alter table population_figures drop constraint population_figures_survey_bp, drop column survey_awareness_source, drop column set_by, drop column set_at;
drop table institution_treatment_grants;
alter table institutions drop column closed_on;
alter table regions drop column closed_on;
`);
  }
}
