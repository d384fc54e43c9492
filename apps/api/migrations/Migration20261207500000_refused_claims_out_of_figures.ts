import { Migration } from '@mikro-orm/migrations';

/**
 * A claim refused outright (a claim-level rule refused it: not the residents' scheme, no
 * certificate, no rule set in force, not at the designated institution …) is no 两病 claim the
 * benefit settled: it no longer counts in 结算药品费用 (drug-cost.v1: 全部已结算“两病”单据) nor in
 * 合理用药率 (INDICATORS.md: 两病 dispensing claims judged by the rule set's rational-use checks).
 * A claim whose lines the line rules refused (out of catalogue, cap reached) still counts: those
 * are the checks the rate is about, and drug-cost.v1 names them.
 *
 * stat_patient_facts gains `hits`: [claim id, hit codes] of the patient's accepted claims of the
 * period that hit any rule; the code (statistics/refused.ts) tells which codes refuse a claim, as
 * the raw statistics do. The rollups built under the old definition are thrown away for every
 * year without a closed quarter (as Migration20261206070000 does), and rebuilt on first read.
 */
export class Migration20261207500000RefusedClaimsOutOfFigures extends Migration {
  override up(): void {
    this.addSql(`alter function stat_patient_facts(text, text, date, date) rename to stat_patient_facts_lives`);
    this.addSql(`create function stat_patient_facts(p_district text, p_patient text, p_from date, p_to date) returns jsonb language sql stable as $$
  select stat_patient_facts_lives(p_district, p_patient, p_from, p_to) || jsonb_build_object(
    'hits', coalesce((select jsonb_agg(jsonb_build_array(c.id, c.hit_codes))
                        from claims c where c.district_code = p_district and c.patient_id = p_patient and c.status = 'accepted'
                         and c.service_date between p_from and p_to and c.hit_codes <> '{}'), '[]'))
$$`);
    this.restate();
  }

  override down(): void {
    this.addSql(`drop function stat_patient_facts(text, text, date, date)`);
    this.addSql(`alter function stat_patient_facts_lives(text, text, date, date) rename to stat_patient_facts`);
    this.restate();
  }

  private restate(): void {
    const open = (year: string) =>
      `exists (select 1 from stat_materialised m where m.district_code = s.district_code and m.year = ${year}
                  and not exists (select 1 from stat_closed_periods c where c.district_code = m.district_code and c.year = m.year))`;
    this.addSql(`delete from stat_patient_counts s where ${open('s.year')}`);
    this.addSql(`delete from stat_beneficiaries s where ${open('s.year')}`);
    this.addSql(`delete from stat_claims_by_street s where ${open('extract(year from s.month)::int')}`);
    this.addSql(`delete from stat_claims_by_institution s where ${open('extract(year from s.month)::int')}`);
    this.addSql(`delete from stat_materialised s where not exists (select 1 from stat_closed_periods c where c.district_code = s.district_code and c.year = s.year)`);
  }
}
