import { Migration } from '@mikro-orm/migrations';
import { distributeIfCitus } from '../src/db/citus';
import { STAT_TRACK_BEGIN_SQL } from './Migration20261123120000_rollup_functions';

/**
 * Each patient's records as the statistics see them, stored with the patient (issue 19, second
 * round): stat_track_begin read them from the claims, lines and follow-ups before every write
 * (stat_patient_facts_core was 27 % of PostgreSQL's time under the claim mix); now it reads the
 * stored copy when there is one for the same span of years, and the writer stores the records
 * after its write (rollup.store.ts putFactsCache), in the same transaction, under the patient's lock.
 *
 * The table is a cache, never a source: a row holds exactly what stat_patient_facts would answer
 * for its span (decoded, PatientFacts of facts.ts), or is absent. Every tracked write replaces the
 * row (or deletes it); a write that tracks no materialised year deletes it here; a build of a
 * district's year (stats:rebuild, the history import's rebuild, the first read of a year) empties
 * the district's rows; stats:check compares every row with the recomputation (rollup.check.ts).
 * Writes that bypass the API were already bound to run stats:rebuild, which empties it.
 *
 * stat_track_begin is restated whole (Migration20261123120000_rollup_functions' body, which no later
 * migration changed, plus the cache): PL/pgSQL, every statement naming the district.
 */
const TRACK_BEGIN_BEFORE = STAT_TRACK_BEGIN_SQL.replace('create function', 'create or replace function');

const TRACK_BEGIN_CACHED = `create or replace function stat_track_begin(p_district text, p_patient text, p_years int[], p_event date) returns jsonb language plpgsql volatile as $$
declare
  v_years int[];
  v_closed int[];
  v_from date;
  v_to date;
  v_cached jsonb;
begin
  perform pg_advisory_xact_lock_shared(hashtext('liangbing-stat:' || p_district)::bigint);
  perform pg_advisory_xact_lock(hashtext(p_district), hashtext(p_patient));
  select coalesce(array_agg(year order by year), '{}') into v_years from stat_materialised where district_code = p_district and (p_years is null or year = any(p_years));
  select coalesce(array_agg(year * 10 + quarter), '{}') into v_closed from stat_closed_periods where district_code = p_district;
  if p_event is not null and extract(year from p_event)::int * 10 + extract(quarter from p_event)::int = any(v_closed) then
    return jsonb_build_object('closedEvent', true);
  end if;
  if cardinality(v_years) = 0 then
    -- the write keeps no year's rollups, so it keeps no stored records either: they go
    delete from stat_patient_facts_cache where district_code = p_district and patient_id = p_patient;
    return jsonb_build_object('years', '[]'::jsonb, 'closed', to_jsonb(v_closed));
  end if;
  v_from := make_date(v_years[1], 1, 1);
  v_to := make_date(v_years[cardinality(v_years)], 12, 31);
  select c.facts into v_cached from stat_patient_facts_cache c
   where c.district_code = p_district and c.patient_id = p_patient and c.from_date = v_from and c.to_date = v_to;
  if v_cached is not null then
    return jsonb_build_object('years', to_jsonb(v_years), 'closed', to_jsonb(v_closed), 'cached', v_cached);
  end if;
  return jsonb_build_object('years', to_jsonb(v_years), 'closed', to_jsonb(v_closed), 'facts', stat_patient_facts(p_district, p_patient, v_from, v_to));
end $$;`;

export class Migration20261208600000PatientFactsCache extends Migration {
  override up(): void {
    this.addSql(`
create table stat_patient_facts_cache (
  district_code text not null,
  patient_id text not null,
  -- the span of service and follow-up dates the records cover (whole materialised years)
  from_date date not null,
  to_date date not null,
  -- PatientFacts (apps/api/src/modules/statistics/facts.ts), exactly what stat_patient_facts answers for the span, decoded
  facts jsonb not null,
  primary key (district_code, patient_id)
);
`);
    this.addSql(TRACK_BEGIN_CACHED);
    for (const s of distributeIfCitus({ distributed: ['stat_patient_facts_cache'] })) this.addSql(s);
    // The key once the table is distributed (Citus refuses a key from a local table to a distributed one); a patient's removal takes its records along
    this.addSql(`alter table stat_patient_facts_cache add foreign key (district_code, patient_id) references patients(district_code, id) on delete cascade`);
  }

  override down(): void {
    this.addSql(TRACK_BEGIN_BEFORE);
    this.addSql(`drop table stat_patient_facts_cache;`);
  }
}
