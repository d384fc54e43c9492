/**
 * The patient's ledger row for a year, locked for the claim or reversal that moves it; what the
 * rest of a patient's year is as of a claim's date comes from claim_context (claim-batch.repository.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export interface LedgerRow {
  fund_paid_fen: string;
  compliant_fen: string;
  general_outpatient_fund_fen: string;
  general_outpatient_exhausted: boolean;
}

/** Days of dispensing history a claim sees: the policy core's (position.ts), re-exported for the API's readers. */
export { HISTORY_DAYS } from '@liangbing/policy';

export async function lockLedger(em: EntityManager, districtCode: string, patientId: string, year: number): Promise<LedgerRow> {
  await exec(em, `insert into benefit_ledger (district_code, patient_id, year) values (?, ?, ?) on conflict do nothing`, [districtCode, patientId, year]);
  const rows = await exec<LedgerRow>(
    em,
    `select fund_paid_fen, compliant_fen, general_outpatient_fund_fen, general_outpatient_exhausted
       from benefit_ledger where district_code = ? and patient_id = ? and year = ? for update`,
    [districtCode, patientId, year],
  );
  return rows[0]!;
}
