import { Migration } from '@mikro-orm/migrations';

/**
 * The amount recovered on a case marked recovered (追回金额, fen): kept on the case and on the
 * history entry that recorded it. The service bounds it by the fund paid on the claims behind the
 * case; the checks here keep it a non-negative integer amount whatever writes it.
 */
export class Migration20261206070000AlertRecoveredAmount extends Migration {
  override up(): void {
    this.addSql(`alter table alerts add column recovered_fen bigint check (recovered_fen > 0)`);
    this.addSql(`alter table alert_history add column recovered_fen bigint check (recovered_fen > 0)`);
  }

  override down(): void {
    this.addSql(`alter table alert_history drop column recovered_fen`);
    this.addSql(`alter table alerts drop column recovered_fen`);
  }
}
