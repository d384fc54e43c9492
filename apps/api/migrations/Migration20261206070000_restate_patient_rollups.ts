import { Migration } from '@mikro-orm/migrations';

/**
 * The statements that throw away the rollups of every materialised (district, year) without a
 * closed quarter; a later migration that changes what the rollups count runs them too.
 */
export function restateOpenYears(): string[] {
  const open = (year: string) =>
    `exists (select 1 from stat_materialised m where m.district_code = s.district_code and m.year = ${year}
                  and not exists (select 1 from stat_closed_periods c where c.district_code = m.district_code and c.year = m.year))`;
  return [
    `delete from stat_patient_counts s where ${open('s.year')}`,
    `delete from stat_beneficiaries s where ${open('s.year')}`,
    `delete from stat_claims_by_street s where ${open('extract(year from s.month)::int')}`,
    `delete from stat_claims_by_institution s where ${open('extract(year from s.month)::int')}`,
    `delete from stat_materialised s where not exists (select 1 from stat_closed_periods c where c.district_code = s.district_code and c.year = s.year)`,
  ];
}

/**
 * The patient counts' definitions changed (facts.ts, statistics.raw.ts): awareness counts each
 * disease once under a single-disease filter (按病种计), each disease's standardised management is
 * judged by its own follow-up rule, and the follow-up requirement is year to date
 * (standardised-management.v2). The layout of the rollups is unchanged, but rows built before
 * hold the old counts. The rollups are a cache of the raw tables: this throws away every
 * materialised (district, year) without a closed quarter, so that the first read (or
 * `stats:rebuild --year`) builds it again under the new definitions and `stats:check` holds.
 * Years with a closed quarter keep their rows: published figures are immutable (README of the
 * statistics module); their open quarters keep the old counts until the year is reopened.
 */
export class Migration20261206070000RestatePatientRollups extends Migration {
  override up(): void {
    this.restate();
  }

  /** Going back to the old definitions throws the rows away the same way: the code then in place rebuilds them by its own. */
  override down(): void {
    this.restate();
  }

  private restate(): void {
    for (const sql of restateOpenYears()) this.addSql(sql);
  }
}
