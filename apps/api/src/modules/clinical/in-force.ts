/**
 * What of a patient's clinical record is in force on a claim's service date: pure functions over
 * the rows claim_context (and the single-claim path) read, so that both paths and the tests pick
 * the same findings and the same referral.
 */
import type { ClinicalFinding } from '@liangbing/policy';

/** A finding in force from `from` through `to` (inclusive; null while open). */
export interface FindingSpan {
  readonly code: ClinicalFinding;
  readonly from: string;
  readonly to: string | null;
}

export interface ReferralRecord {
  readonly id: string;
  /** the referring (designated primary) institution */
  readonly from: string;
  /** the receiving hospital */
  readonly to: string;
  readonly issuedOn: string;
  /** last day the referral may be used; null: the sources set no validity period */
  readonly validUntil: string | null;
}

const NONE: readonly ClinicalFinding[] = [];

/** The distinct findings in force on `date`, in the order first met. */
export function findingsOn(spans: readonly FindingSpan[], date: string): readonly ClinicalFinding[] {
  if (spans.length === 0) return NONE;
  const out: ClinicalFinding[] = [];
  for (const s of spans) if (s.from <= date && (s.to === null || s.to >= date) && !out.includes(s.code)) out.push(s.code);
  return out;
}

export function referralInForce(r: ReferralRecord, date: string): boolean {
  return r.issuedOn <= date && (r.validUntil === null || r.validUntil >= date);
}

/** The referral in force to `institutionId` on `date`: the latest issued (then the latest to run out). */
export function referralOn(referrals: readonly ReferralRecord[], institutionId: string, date: string): ReferralRecord | null {
  let best: ReferralRecord | null = null;
  for (const r of referrals) {
    if (r.to !== institutionId || !referralInForce(r, date)) continue;
    if (best === null || r.issuedOn > best.issuedOn || (r.issuedOn === best.issuedOn && (r.validUntil ?? '9999') > (best.validUntil ?? '9999'))) best = r;
  }
  return best;
}

/**
 * The referral a claim is decided on (W-6 三(三)): the one it names, which must be on record (from
 * that institution, issued that day, to the claiming institution) and in force on the service date;
 * or, when it names none, the referral in force on record. `problem` says why a named one is refused.
 * A named referral issued after the service date is passed on: the policy core's REFERRAL_AFTER_SERVICE
 * judges it.
 */
export function claimReferral(
  referrals: readonly ReferralRecord[],
  claim: { institutionId: string; serviceDate: string; referralFromInstitutionId?: string | null; referralIssuedOn?: string | null },
): { referral: ReferralRecord | null; problem: null | 'not_on_record' | 'expired' } {
  if (claim.referralFromInstitutionId == null || claim.referralIssuedOn == null)
    return { referral: referralOn(referrals, claim.institutionId, claim.serviceDate), problem: null };
  const named = referrals.filter((r) => r.from === claim.referralFromInstitutionId && r.issuedOn === claim.referralIssuedOn && r.to === claim.institutionId);
  if (named.length === 0) return { referral: null, problem: 'not_on_record' };
  const usable = named.find((r) => r.validUntil === null || r.validUntil >= claim.serviceDate);
  return usable === undefined ? { referral: null, problem: 'expired' } : { referral: usable, problem: null };
}
