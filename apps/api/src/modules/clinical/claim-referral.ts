/**
 * The referral a referral-pathway claim is decided on (W-6 三(三), W-3's 50 %): the claim may name
 * it (referralFromInstitutionId + referralIssuedOn), and then it must be on record; or name none,
 * and then the referral in force for the patient to the claiming institution on the service date is
 * used. The claim is stored with the referral it was decided on, so that a replay decides the same.
 */
import { badInput } from '../../errors';
import type { ClaimRequest } from '../claims/claim.validation';
import { claimReferral, type ReferralRecord } from './in-force';

/** The request with the referral on record filled in; a named referral not on record (or run out) is refused. */
export function withReferralOnRecord<T extends { readonly req: ClaimRequest; readonly prefix: string }>(p: T, referrals: readonly ReferralRecord[]): T {
  if (p.req.pathway !== 'referral') return p;
  const { referral, problem } = claimReferral(referrals, p.req);
  if (problem === 'not_on_record') {
    throw badInput(
      `${p.prefix}.referralFromInstitutionId`,
      'no referral on record from this institution, issued that day, to the claiming institution (recordReferral)',
      '无此转诊记录（自该机构、该日开具、转至本机构）',
    );
  }
  if (problem === 'expired') throw badInput(`${p.prefix}.referralIssuedOn`, 'the referral on record ran out before the service date', '该转诊已过有效期');
  if (referral === null || p.req.referralFromInstitutionId != null) return p;
  return { ...p, req: { ...p.req, referralFromInstitutionId: referral.from, referralIssuedOn: referral.issuedOn } };
}
