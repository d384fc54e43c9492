import { Migration } from '@mikro-orm/migrations';
import { restateOpenYears } from './Migration20261206070000_restate_patient_rollups';

/**
 * A claim refused outright (a claim-level rule refused it: not the residents' scheme, no
 * certificate, no rule set in force, not at the designated institution …) is no 两病 claim the
 * benefit settled: it no longer counts in 结算药品费用 (drug-cost.v2) nor in 合理用药率
 * (rational-medication.v2; INDICATORS.md: 两病 dispensing claims judged by the rule set's
 * rational-use checks). A claim whose lines the line rules refused (out of catalogue, restriction
 * not met, over supply) still counts: those are the checks the rate is about.
 *
 * stat_patient_facts gains `hits`: [claim id, hit codes] of the patient's accepted claims of the
 * period that hit any rule; the code (statistics/refused.ts) tells which codes refuse a claim, as
 * the raw statistics do. The function of Migration20261207900000 (PL/pgSQL, the core's facts and
 * the lives') keeps its body under the name stat_patient_facts_lives; the new stat_patient_facts
 * is PL/pgSQL in the same style (the lives' facts first, on their own; the claims' subquery names
 * the district), so that each statement is a single-shard router query on Citus.
 *
 * The rollups built under the old definitions are thrown away for every year without a closed
 * quarter (restateOpenYears, as Migration20261206070000 does) and rebuilt on the first read of
 * the year or by `stats:rebuild --year`; a year with a closed quarter keeps its published figures.
 */
/** the `hits` member of the facts (an expression of the function's parameters); later migrations that restate the function reuse it */
export const FACTS_HITS = `jsonb_build_object('hits', coalesce((select jsonb_agg(jsonb_build_array(c.id, c.hit_codes))
                                                     from claims c where c.district_code = p_district and c.patient_id = p_patient and c.status = 'accepted'
                                                      and c.service_date between p_from and p_to and c.hit_codes <> '{}'), '[]'))`;

export const STAT_PATIENT_FACTS_HITS_PLPGSQL = `
create or replace function stat_patient_facts(p_district text, p_patient text, p_from date, p_to date) returns jsonb language plpgsql stable as $$
declare v jsonb;
begin
  v := stat_patient_facts_lives(p_district, p_patient, p_from, p_to);
  return v || ${FACTS_HITS};
end $$;`;

export class Migration20261208100000RefusedClaimsOutOfFigures extends Migration {
  override up(): void {
    this.addSql(`alter function stat_patient_facts(text, text, date, date) rename to stat_patient_facts_lives`);
    this.addSql(STAT_PATIENT_FACTS_HITS_PLPGSQL);
    for (const sql of restateOpenYears()) this.addSql(sql);
  }

  /** Back to the old definitions: the rows built under the new ones are thrown away the same way. */
  override down(): void {
    this.addSql(`drop function stat_patient_facts(text, text, date, date)`);
    this.addSql(`alter function stat_patient_facts_lives(text, text, date, date) rename to stat_patient_facts`);
    for (const sql of restateOpenYears()) this.addSql(sql);
  }
}
