import { Migration } from '@mikro-orm/migrations';

/**
 * Patients' lives (issue #16): what changes about a patient after registration, each change dated
 * and kept. See apps/api/src/modules/patients/LIVES.md.
 *
 * - patients.left_on / left_reason / moved_to: death or moving away (离开本地区). From that date the
 *   patient is neither known nor under management here (INDICATORS.md: "alive, resident in the
 *   region"), and a claim dated after it is refused. One exit at a time; an undo clears it.
 * - patient_history: one row per changed field or event (old → new, who, when, why), per patient.
 * - patient_scheme_changes: the insurance scheme as dated changes. The scheme in force on a date is
 *   the latest change on or before it; before the first change, the scheme that change replaced;
 *   with no change at all, patients.scheme (which always holds the scheme in force today).
 * - patient_residences_elsewhere: 异地长期居住 (W-7) with dates. Once a patient has any dated period,
 *   the periods decide; the undated flag patients.long_term_residence_elsewhere decides only for
 *   patients without one (the demo loader's and earlier data).
 * - follow_up_revisions: the row as it was before each correction or deletion. follow_ups always
 *   holds the current truth (a deleted follow-up is gone from it), so no reader of follow_ups —
 *   the statistics, their raw oracle, monitoring, scorecards — can count a deleted one.
 * - patient_scheme_on(): the scheme in force on a date, for the raw statistics and the one-claim path.
 * - patient_resides_elsewhere_on(): W-7 on a date, for the one-claim path.
 * - claim_context: the batch claim path's one statement, now also answering each patient's scheme
 *   changes, residence periods and exit (each a primary-key range read), so each claim of a batch is
 *   judged as of its own service date (claim.service.ts patientYear).
 * - stat_patient_facts: the write path's facts of a patient gain left_on and the scheme changes. The
 *   function of Migration20261123120000 is kept under the name stat_patient_facts_core and wrapped,
 *   so another migration's change to the core stays separate from this one.
 */
/** stat_patient_facts's body as defined here (Migration20261207900000_distribute_on_citus restores it on down) */
export const STAT_PATIENT_FACTS_LIVES_SQL = `
  select stat_patient_facts_core(p_district, p_patient, p_from, p_to) || jsonb_build_object(
    'left_on', to_char(p.left_on, 'YYYY-MM-DD'),
    'schemes', coalesce((select jsonb_agg(jsonb_build_array(to_char(s.effective_from, 'YYYY-MM-DD'), s.scheme, s.previous_scheme) order by s.effective_from)
                           from patient_scheme_changes s where s.district_code = p.district_code and s.patient_id = p.id), '[]'))
    from patients p where p.district_code = p_district and p.id = p_patient
`;

/** patient_scheme_on's body (its parameters p_district, p_patient, p_date, p_current); Migration20261207900000_distribute_on_citus makes it PL/pgSQL */
export const PATIENT_SCHEME_ON_SQL = `select coalesce(
    (select s.scheme from patient_scheme_changes s where s.district_code = p_district and s.patient_id = p_patient and s.effective_from <= p_date order by s.effective_from desc limit 1),
    (select s.previous_scheme from patient_scheme_changes s where s.district_code = p_district and s.patient_id = p_patient order by s.effective_from limit 1),
    p_current)`;

/** patient_resides_elsewhere_on's body (p_district, p_patient, p_date, p_flag); Migration20261207900000_distribute_on_citus makes it PL/pgSQL */
export const PATIENT_RESIDES_ELSEWHERE_ON_SQL = `select case when exists (select 1 from patient_residences_elsewhere r where r.district_code = p_district and r.patient_id = p_patient)
    then exists (select 1 from patient_residences_elsewhere r where r.district_code = p_district and r.patient_id = p_patient
                  and r.valid_from <= p_date and (r.valid_to is null or r.valid_to >= p_date))
    else p_flag end`;

export class Migration20261206030000PatientLives extends Migration {
  override up(): void {
    this.addSql(`
alter table patients add column left_on date, add column left_reason text check (left_reason in ('death','moved_away')), add column moved_to text,
  add constraint patients_left_complete check ((left_on is null) = (left_reason is null));

create table patient_history (
  district_code text not null,
  patient_id text not null,
  id bigint generated always as identity,
  at timestamptz not null default now(),
  user_id text not null,
  role text not null,
  action text not null,
  field text,
  old_value text,
  new_value text,
  -- the date the change takes effect (a scheme change, a death), where it has one
  effective_on date,
  -- null only for a recorded event without a stated reason (a death, a move)
  reason text,
  primary key (district_code, patient_id, id),
  foreign key (district_code, patient_id) references patients(district_code, id)
);

create table patient_scheme_changes (
  district_code text not null,
  patient_id text not null,
  effective_from date not null,
  scheme text not null check (scheme in ('resident','employee','uninsured')),
  previous_scheme text not null check (previous_scheme in ('resident','employee','uninsured')),
  uninsured_reason text,
  reason text not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (district_code, patient_id, effective_from),
  foreign key (district_code, patient_id) references patients(district_code, id)
);

create table patient_residences_elsewhere (
  district_code text not null,
  patient_id text not null,
  id uuid not null default gen_random_uuid(),
  valid_from date not null,
  valid_to date,
  place text not null,
  note text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (district_code, patient_id, id),
  foreign key (district_code, patient_id) references patients(district_code, id),
  check (valid_to is null or valid_to >= valid_from)
);

create table follow_up_revisions (
  district_code text not null,
  follow_up_id uuid not null,
  revision int not null,
  patient_id text not null,
  action text not null check (action in ('correct','delete')),
  institution_id text not null,
  follow_up_date date not null,
  face_to_face boolean not null,
  systolic int,
  diastolic int,
  fasting_glucose_tenths int,
  created_at timestamptz not null,
  reason text not null,
  user_id text not null,
  at timestamptz not null default now(),
  primary key (district_code, follow_up_id, revision),
  foreign key (district_code, patient_id) references patients(district_code, id)
);
create index follow_up_revisions_patient on follow_up_revisions(district_code, patient_id);

create function patient_scheme_on(p_district text, p_patient text, p_date date, p_current text) returns text language sql stable as $$
  ${PATIENT_SCHEME_ON_SQL}
$$;

create function patient_resides_elsewhere_on(p_district text, p_patient text, p_date date, p_flag boolean) returns boolean language sql stable as $$
  ${PATIENT_RESIDES_ELSEWHERE_ON_SQL}
$$;

alter function stat_patient_facts(text, text, date, date) rename to stat_patient_facts_core;
create function stat_patient_facts(p_district text, p_patient text, p_from date, p_to date) returns jsonb language sql stable as $$${STAT_PATIENT_FACTS_LIVES_SQL}$$;

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

  override down(): void {
    this.addSql(`
drop function if exists stat_patient_facts(text, text, date, date);
alter function stat_patient_facts_core(text, text, date, date) rename to stat_patient_facts;
drop function if exists patient_resides_elsewhere_on(text, text, date, boolean);
drop function if exists patient_scheme_on(text, text, date, text);
drop table if exists follow_up_revisions, patient_residences_elsewhere, patient_scheme_changes, patient_history;
alter table patients drop constraint if exists patients_left_complete, drop column if exists left_on, drop column if exists left_reason, drop column if exists moved_to;
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
}
