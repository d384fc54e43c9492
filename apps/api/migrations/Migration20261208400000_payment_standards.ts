import { Migration } from '@mikro-orm/migrations';
import { distributeIfCitus } from '../src/db/citus';

/**
 * Payment standard versions (W 四(一) 按照国家和省对“两病”用药确定的支付标准，进行动态维护): the bureau's
 * per-drug standard — generic × dosage form × strength → fen per unit — as a whole list with its
 * effective date and source, one row per city and date like catalogue_versions. Master data of the
 * city (no district_code): a reference table on Citus. The rows are kept as JSON, read whole by the
 * policy overrides (modules/paystd) and compared whole by a diff.
 */
export class Migration20261208400000PaymentStandards extends Migration {
  override up(): void {
    this.addSql(`
create table payment_standard_versions (
  id text primary key,
  city_code text not null,
  rule_set_id text not null,
  title text not null,
  effective_from date not null,
  source_document text not null,
  source_section text not null,
  rows jsonb not null,
  content_hash text not null,
  loaded_by text not null,
  loaded_at timestamptz not null default now(),
  unique (city_code, effective_from)
);
`);
    for (const s of distributeIfCitus({ reference: ['payment_standard_versions'] })) this.addSql(s);
  }

  override down(): void {
    this.addSql(`drop table if exists payment_standard_versions;`);
  }
}
