/**
 * 冲正: a claim marked reversed and its amounts taken back out of the patient's ledger, under the
 * same ledger lock the claims of that patient and year take, with the statistics moved and the
 * reversal audited in the same transaction. Besides claim_write, the only writer of the ledger.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { badInput, conflict, notFound } from '../../errors';
import { audit } from '../audit/audit';
import { trackPatientStats, withoutClaim } from '../statistics/rollup.tracker';
import { findClaimById, markReversed, updateLedgerAfterClaim, type StoredClaim } from './claim.repository';
import { lockLedger } from './patient-year.repository';

export async function reverseClaim(em: EntityManager, scope: Scope, claimId: string, reason: string): Promise<StoredClaim> {
  if (reason.trim().length === 0 || reason.length > 500) throw badInput('reason', 'must be 1–500 characters', '须为1–500个字符');
  const found = await findClaimById(em, claimId, scope.readableDistricts());
  if (found === null) throw notFound('claim', claimId);
  scope.assertWrite(found.districtCode, 'reverse');
  return em.transactional(async (tem) => {
    await lockLedger(tem, found.districtCode, found.patientId, found.year);
    const current = await findClaimById(tem, claimId, [found.districtCode]);
    if (current === null) throw notFound('claim', claimId);
    if (current.status === 'reversed') throw conflict('The claim is already reversed', '该结算已冲正', { claimId });
    const stats = await trackPatientStats(tem, current.districtCode, current.patientId, { eventDate: current.serviceDate, years: [current.year] });
    await markReversed(tem, current, reason);
    await updateLedgerAfterClaim(tem, current.districtCode, current.patientId, current.year, current.decision, current.serviceDate, -1);
    await stats.finish(tem, withoutClaim(current.id));
    await audit(tem, scope.viewer, current.districtCode, 'claim.reverse', 'claim', claimId, { reason });
    const after = await findClaimById(tem, claimId, [current.districtCode]);
    return after!;
  });
}
