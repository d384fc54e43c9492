import { Migration } from '@mikro-orm/migrations';
import { STAT_PATIENT_FACTS_SQL } from './Migration20261123120000_rollup_functions';
import { MONTHLY_BY_NAME, statRefuseClosed } from './Migration20261123100000_rollups';
import { PATIENT_RESIDES_ELSEWHERE_ON_SQL, PATIENT_SCHEME_ON_SQL, STAT_PATIENT_FACTS_LIVES_SQL } from './Migration20261206030000_patient_lives';
import { CLAIM_CONTEXT_CLINICAL } from './Migration20261206040001_claim_context_clinical';

/**
 * On a database with the Citus extension: the master data become reference tables (a copy on
 * every node, so that any shard joins them locally) and every other table with a non-null
 * district_code is distributed by district_code, co-located with patients (a district's rows of
 * every table sit in the same shard group, so its joins and foreign keys stay on one node). The
 * tables are discovered, not listed: a table added later with district_code is distributed by
 * the next migration that calls distributeIfCitus (src/db/citus.ts), and src/db/citus.int.test.ts
 * fails while one is not. On plain PostgreSQL this does nothing.
 *
 * All migrations of a new database run in one transaction (allOrNothing), so the tables were
 * created and written in it: Citus may then only use one connection per node for the rest of the
 * transaction (multi_shard_modify_mode = sequential).
 */
export const REFERENCE_TABLES = [
  'regions',
  'institutions',
  'institution_treatment_grants',
  'app_users',
  'population_figures',
  'population_figure_revisions',
  'configuration_values',
  'catalogue_versions',
  // one row per history import (Migration20261207100000), city-wide or a district's: its claims'
  // disagreements (history_disagreements, distributed) keep a key to it, and a distributed table
  // may only point at a distributed or a reference table. Its refused rows (history_import_problems,
  // district_code nullable) stay on the coordinator, a Citus local table by their key to it.
  'history_imports',
] as const;

/**
 * SQL functions that read distributed tables, as PL/pgSQL on both engines: Citus cannot plan a
 * query of a SQL function that uses the function's parameters ("could not create distributed
 * plan"); a PL/pgSQL function's queries are planned with the parameters' values, each one a
 * single-shard router query. Every subquery names the district itself (p_district): a subquery
 * correlated on the outer row's district alone would be sent to every shard. The bodies are the
 * ones of Migration20261123120000 and Migration20261206030000 otherwise; down restores them as SQL.
 */
const FACTS_LIVES = `jsonb_build_object(
    'left_on', to_char(p.left_on, 'YYYY-MM-DD'),
    'schemes', coalesce((select jsonb_agg(jsonb_build_array(to_char(s.effective_from, 'YYYY-MM-DD'), s.scheme, s.previous_scheme) order by s.effective_from)
                           from patient_scheme_changes s where s.district_code = p_district and s.patient_id = p_patient), '[]'))
    from patients p where p.district_code = p_district and p.id = p_patient`;

const READERS: { signature: string; returns: string; body: string; plpgsql?: string; original?: string }[] = [
  {
    signature: 'stat_patient_facts_core(p_district text, p_patient text, p_from date, p_to date)',
    returns: 'jsonb',
    original: STAT_PATIENT_FACTS_SQL,
    body: `select jsonb_build_object(
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
                              from follow_ups f where f.district_code = p_district and f.patient_id = p_patient and f.follow_up_date between p_from and p_to), '[]'),
    'claims', coalesce((select jsonb_agg(jsonb_build_array(to_char(c.service_date, 'YYYY-MM-DD'), c.institution_id, c.category, c.diseases, c.rational_use,
                                                           c.amount_fen, c.compliant_fen, c.fund_fen,
                                                           (select max(l.days_supply) from claim_lines l where l.district_code = p_district and l.claim_id = c.id and l.compliant_fen > 0),
                                                           c.id))
                          from claims c where c.district_code = p_district and c.patient_id = p_patient and c.status = 'accepted' and c.service_date between p_from and p_to), '[]'))
    from patients p where p.district_code = p_district and p.id = p_patient`,
  },
  {
    signature: 'stat_patient_facts(p_district text, p_patient text, p_from date, p_to date)',
    returns: 'jsonb',
    body: `select stat_patient_facts_core(p_district, p_patient, p_from, p_to) || ${FACTS_LIVES}`,
    original: STAT_PATIENT_FACTS_LIVES_SQL,
    // the core first, on its own: called inside the query on patients it would run on the shard
    plpgsql: `declare v jsonb;\nbegin\n  v := stat_patient_facts_core(p_district, p_patient, p_from, p_to);\n  return v || (select ${FACTS_LIVES});\nend`,
  },
  // unchanged bodies of Migration20261206030000, as PL/pgSQL (they already name the district)
  { signature: 'patient_scheme_on(p_district text, p_patient text, p_date date, p_current text)', returns: 'text', body: PATIENT_SCHEME_ON_SQL },
  {
    signature: 'patient_resides_elsewhere_on(p_district text, p_patient text, p_date date, p_flag boolean)',
    returns: 'boolean',
    body: PATIENT_RESIDES_ELSEWHERE_ON_SQL,
  },
];

const asPlpgsql = (f: (typeof READERS)[number]) =>
  `create or replace function ${f.signature} returns ${f.returns} language plpgsql stable as $$\n${f.plpgsql ?? `begin\n  return (${f.body});\nend`} $$;`;
const asSql = (f: (typeof READERS)[number]) =>
  `create or replace function ${f.signature} returns ${f.returns} language sql stable as $$${f.original ?? `\n  ${f.body}\n`}$$;`;

/**
 * claim_context (Migration20261206040001) read every patient of a batch in one statement, a
 * lateral join from the batch's list (a function's rows) to patients and their records: Citus
 * cannot push such a join down (a lateral subquery over a local list, with OFFSET), and any such
 * statement would touch several districts' shards at once. Here it reads patient by patient and
 * prescription by prescription, each statement naming its district, so that each is a
 * single-shard router query on Citus (and an index lookup on plain PostgreSQL, as before). The
 * answer is the same JSON, in the same order.
 */
const CLAIM_CONTEXT_PER_DISTRICT = `
create or replace function claim_context(p_patients jsonb, p_prescriptions jsonb, p_institutions text[], p_districts text[]) returns jsonb language plpgsql stable as $$
declare
  k record;
  v jsonb;
  v_patients jsonb := '[]';
  v_prescriptions jsonb := '[]';
begin
  for k in select * from jsonb_to_recordset(p_patients) x(d text, p text, f date, t date) loop
    v := (select jsonb_build_object(
        'd', pt.district_code, 'p', pt.id, 'scheme', pt.scheme, 'chronicProgrammeDiseases', pt.chronic_programme_diseases,
        'longTermResidenceElsewhere', pt.long_term_residence_elsewhere,
        'leftOn', to_char(pt.left_on, 'YYYY-MM-DD'), 'leftReason', pt.left_reason,
        'schemes', coalesce((select jsonb_agg(jsonb_build_array(to_char(x.effective_from, 'YYYY-MM-DD'), x.scheme, x.previous_scheme) order by x.effective_from)
                               from patient_scheme_changes x where x.district_code = k.d and x.patient_id = k.p), '[]'),
        'residences', coalesce((select jsonb_agg(jsonb_build_array(to_char(x.valid_from, 'YYYY-MM-DD'), to_char(x.valid_to, 'YYYY-MM-DD')) order by x.valid_from)
                                  from patient_residences_elsewhere x where x.district_code = k.d and x.patient_id = k.p), '[]'),
        'findings', coalesce((select jsonb_agg(jsonb_build_object('code', x.code, 'from', to_char(x.recorded_on, 'YYYY-MM-DD'), 'to', to_char(least(x.valid_until, x.retracted_on - 1), 'YYYY-MM-DD')))
                                from clinical_findings x where x.district_code = k.d and x.patient_id = k.p and x.recorded_on <= k.t
                                 and (x.retracted_on is null or x.retracted_on > x.recorded_on)), '[]'),
        'referrals', coalesce((select jsonb_agg(jsonb_build_object('id', x.id, 'from', x.from_institution_id, 'to', x.to_institution_id, 'issuedOn', to_char(x.issued_on, 'YYYY-MM-DD'), 'validUntil', to_char(x.valid_until, 'YYYY-MM-DD')))
                                 from referrals x where x.district_code = k.d and x.patient_id = k.p
                                  and (x.valid_until is null or x.valid_until >= k.f)), '[]'),
        'diseases', coalesce((select jsonb_agg(jsonb_build_object('disease', x.disease, 'diabetesType', x.diabetes_type, 'diagnosedOn', to_char(x.diagnosed_on, 'YYYY-MM-DD')))
                                from patient_diseases x where x.district_code = k.d and x.patient_id = k.p), '[]'),
        'certifications', coalesce((select jsonb_agg(jsonb_build_object('certifiedOn', to_char(x.certified_on, 'YYYY-MM-DD'), 'diseases', x.diseases, 'revokedOn', to_char(x.revoked_on, 'YYYY-MM-DD')))
                                      from certifications x where x.district_code = k.d and x.patient_id = k.p and x.certified_on <= k.t), '[]'),
        'designations', coalesce((select jsonb_agg(jsonb_build_object('institutionId', x.institution_id, 'consortiumId', x.consortium_id, 'from', to_char(x.valid_from, 'YYYY-MM-DD'), 'to', to_char(x.valid_to, 'YYYY-MM-DD')) order by x.valid_from)
                                    from designations x where x.district_code = k.d and x.patient_id = k.p), '[]'),
        'history', coalesce((select jsonb_agg(jsonb_build_object('date', to_char(c.service_date, 'YYYY-MM-DD'), 'drugCode', l.drug_code, 'daysSupply', l.days_supply, 'institutionId', c.institution_id))
                               from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
                              where c.district_code = k.d and l.district_code = k.d and c.patient_id = k.p and c.status = 'accepted'
                                and c.service_date between k.f and k.t and l.compliant_fen > 0), '[]'),
        'priorDrugs', coalesce((select jsonb_agg(jsonb_build_object('drugCode', x.drug_code, 'first', to_char(x.first, 'YYYY-MM-DD')))
                                  from (select l.drug_code, min(c.service_date) as first
                                          from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
                                         where c.district_code = k.d and l.district_code = k.d and c.patient_id = k.p and c.status = 'accepted'
                                           and c.service_date <= k.t and l.compliant_fen > 0
                                         group by l.drug_code) x), '[]'))
        from patients pt where pt.district_code = k.d and pt.id = k.p);
    if v is not null then v_patients := v_patients || jsonb_build_array(v); end if;
  end loop;
  for k in select * from jsonb_to_recordset(p_prescriptions) x(d text, p text, id text) loop
    v := (select jsonb_build_object('d', p.district_code, 'p', p.patient_id, 'id', p.id, 'issued_on', to_char(p.issued_on, 'YYYY-MM-DD'), 'level', i.level, 'drug_codes', p.drug_codes)
            from prescriptions p join institutions i on i.id = p.institution_id
           where p.district_code = k.d and p.patient_id = k.p and p.id = k.id);
    if v is not null then v_prescriptions := v_prescriptions || jsonb_build_array(v); end if;
  end loop;
  return jsonb_build_object(
    'patients', case when jsonb_array_length(v_patients) > 0 then v_patients end,
    'institutions', (select jsonb_agg(jsonb_build_object('id', i.id, 'level', i.level, 'cityCode', i.city_code, 'districtCode', i.district_code, 'insuranceDesignated', i.insurance_designated,
                                                         'canTreatTwoDiseases', i.can_treat_two_diseases, 'consortiumId', i.consortium_id, 'networkedOutOfArea', i.networked_out_of_area,
                                                         'closedOn', to_char(i.closed_on, 'YYYY-MM-DD'),
                                                         'treatment', (select jsonb_agg(jsonb_build_object('from', to_char(g.granted_from, 'YYYY-MM-DD'), 'to', to_char(g.withdrawn_on, 'YYYY-MM-DD')) order by g.seq)
                                                                         from institution_treatment_grants g where g.institution_id = i.id)))
                       from institutions i where i.id = any(p_institutions)),
    'cities', (select jsonb_object_agg(r.code, r.city_code) from regions r where r.code = any(p_districts)),
    'prescriptions', case when jsonb_array_length(v_prescriptions) > 0 then v_prescriptions end);
end $$;
`;

/**
 * The closed statistics' guard (Migration20261123100000) told the two monthly tables from the two
 * yearly ones by tg_table_name; on Citus the trigger fires on a shard, whose name carries the
 * shard's number (stat_claims_by_street_102040): it matches the name's prefix instead.
 */
const refuseClosed = (monthly: string) => `create or replace function ${statRefuseClosed(monthly)}`;

export class Migration20261207900000DistributeOnCitus extends Migration {
  override up(): void {
    for (const f of READERS) this.addSql(asPlpgsql(f));
    this.addSql(CLAIM_CONTEXT_PER_DISTRICT);
    this.addSql(refuseClosed(`tg_table_name like 'stat\\_claims\\_by\\_%'`));
    const reference = REFERENCE_TABLES.map((t) => `'${t}'`).join(', ');
    this.addSql(`
do $citus$
declare
  t text;
  fk record;
  fks text[] := '{}';
  tgs text[] := '{}';
begin
  if not exists (select 1 from pg_extension where extname = 'citus') then return; end if;
  set local citus.multi_shard_modify_mode to 'sequential';
  -- The foreign keys go while the tables move and come back after: Citus refuses to distribute a
  -- table that a table not yet distributed points at, and turns a plain table with a key to a
  -- reference table into a "Citus local table" that cannot then be co-located.
  for fk in select k.conname, k.conrelid::regclass as rel, pg_get_constraintdef(k.oid) as def
              from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
             where k.contype = 'f' order by c.relname, k.conname loop
    fks := fks || format('alter table %s add constraint %I %s', fk.rel, fk.conname, fk.def);
    execute format('alter table %s drop constraint %I', fk.rel, fk.conname);
  end loop;
  -- Likewise the triggers (the closed statistics' guard): Citus distributes no table with one, and
  -- creates them on a distributed table's shards only when told they are safe (they read the same
  -- district's rows only, from a co-located table).
  for fk in select k.tgname, k.tgrelid::regclass as rel, pg_get_triggerdef(k.oid) as def
              from pg_trigger k join pg_class c on c.oid = k.tgrelid join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
             where not k.tgisinternal order by c.relname, k.tgname loop
    tgs := tgs || fk.def;
    execute format('drop trigger %I on %s', fk.tgname, fk.rel);
  end loop;
  foreach t in array array[${reference}] loop
    if not exists (select 1 from pg_dist_partition where logicalrelid = t::regclass and partmethod = 'n' and repmodel = 't') then perform create_reference_table(t); end if;
  end loop;
  if not exists (select 1 from pg_dist_partition where logicalrelid = 'patients'::regclass and partmethod = 'h') then
    perform create_distributed_table('patients', 'district_code', colocate_with => 'none');
  end if;
  -- every other table with a non-null district_code, co-located with patients
  for t in select c.relname::text
             from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
             join pg_attribute a on a.attrelid = c.oid and a.attname = 'district_code' and a.attnotnull and not a.attisdropped
            where c.relkind in ('r', 'p') and not c.relispartition
              and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.oid and (p.partmethod = 'h' or p.repmodel = 't'))
            order by c.relname loop
    perform create_distributed_table(t, 'district_code', colocate_with => 'patients');
  end loop;
  foreach t in array fks loop execute t; end loop;
  set local citus.enable_unsafe_triggers to on;
  foreach t in array tgs loop execute t; end loop;
end $citus$;
`);
  }

  override down(): void {
    this.addSql(`
do $citus$
declare t regclass;
begin
  if not exists (select 1 from pg_extension where extname = 'citus') then return; end if;
  set local citus.multi_shard_modify_mode to 'sequential';
  loop
    select logicalrelid into t from pg_dist_partition p join pg_class c on c.oid = p.logicalrelid join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public' order by c.relname limit 1;
    exit when t is null;
    perform undistribute_table(t, cascade_via_foreign_keys => true);
  end loop;
end $citus$;
`);
    for (const f of READERS) this.addSql(asSql(f));
    this.addSql(CLAIM_CONTEXT_CLINICAL);
    this.addSql(refuseClosed(MONTHLY_BY_NAME));
  }
}
