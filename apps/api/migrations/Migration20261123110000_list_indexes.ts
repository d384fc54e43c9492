import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the list queries at millions of rows (see the plan test,
 * src/modules/statistics/plans.int.test.ts): the claims that carry rule hits (≈ 4 %) by district
 * and date, for ruleHitCounts and the claims list filtered by hit code, which otherwise read every
 * claim of the period and drop 96 % of them.
 */
export class Migration20261123110000ListIndexes extends Migration {
  override up(): void {
    this.addSql(`create index claims_hit_dates on claims (district_code, service_date) where hit_codes <> '{}';`);
  }

  override down(): void {
    this.addSql(`drop index if exists claims_hit_dates;`);
  }
}
