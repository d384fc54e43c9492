/**
 * Submitting and reversing claims: the claims module's service, which the resolvers and the other
 * modules call. What it does lives beside it, by what it is:
 *   - claim.input.ts: what a claim is decided on (the idempotency hash, the policy core's
 *     ClaimInput, shared with the what-if source, and the patient's year as of a claim);
 *   - claim.batch.ts: the batch path, the only way a new claim is decided and stored (a lone claim
 *     is a batch of one);
 *   - claim.reversal.ts: 冲正;
 *   - year-summary.ts, notice.ts: a patient's year and the insured person's notices.
 * Its exported names (ClaimService, SubmitResult, SubmitOutcome, requestHash) stay importable here.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Decision, Notice, RuleSetOverride } from '@liangbing/policy';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import type { Scope } from '../../auth/scope';
import type { ClaimRequest } from './claim.validation';
import { yearSummary, type YearSummary } from './year-summary';
import { claimNotice, yearNotice, type NoticeClaimRow } from './notice';
import type { StoredClaim, StoredLine } from './claim.repository';
import type { PatientRecord } from '../patients/patient.queries';
import { ClaimBatch, type SubmitOutcome, type SubmitResult } from './claim.batch';
import { reverseClaim } from './claim.reversal';

export { requestHash } from './claim.input';
export type { SubmitOutcome, SubmitResult } from './claim.batch';

export class ClaimService {
  private readonly batch: ClaimBatch;

  constructor(
    /** the deployment's overrides and the loaded catalogue versions, each from its date */
    private readonly overrides: PolicyOverrides,
    private readonly today: () => string,
  ) {
    this.batch = new ClaimBatch(overrides, today);
  }

  /** How often a batch was refused whole by the database and decided again one by one (a health figure, and the tests' proof that the set-based path ran). */
  get batchFallbacks(): number {
    return this.batch.fallbacks;
  }

  /** The overrides claims are judged under now (the deployment's and the loaded catalogue versions), for rules applied outside a claim. */
  policyOverrides(em: EntityManager): Promise<readonly RuleSetOverride[]> {
    return this.overrides.current(em);
  }

  /** A stored claim's notice for the insured person (modules/claims/notice.ts). */
  async claimNotice(
    em: EntityManager,
    scope: Scope,
    claim: NoticeClaimRow,
    decision: Decision,
    lines: readonly StoredLine[],
    institutionName: string | null,
  ): Promise<Notice> {
    return claimNotice(em, scope, await this.overrides.current(em), claim, decision, lines, institutionName, this.today());
  }

  /** A patient's year for the insured person: claims, fund and own share, the cap used and left. */
  async yearNotice(em: EntityManager, p: Pick<PatientRecord, 'districtCode' | 'id' | 'name' | 'residentId'>, year: number): Promise<Notice> {
    return yearNotice(em, await this.overrides.current(em), p, year, this.today());
  }

  async yearSummary(em: EntityManager, districtCode: string, patientId: string, year: number): Promise<YearSummary> {
    return yearSummary(em, await this.overrides.current(em), districtCode, patientId, year, this.today());
  }

  /** Decides and stores one claim; its problems are thrown with field paths under `fieldPrefix`. */
  async submit(em: EntityManager, scope: Scope, req: ClaimRequest, fieldPrefix = 'input'): Promise<SubmitResult> {
    const [outcome] = await this.submitMany(em, scope, [req], () => fieldPrefix);
    if (outcome!.error !== undefined) throw outcome!.error;
    return outcome!.result;
  }

  /**
   * Decides and stores a batch of claims, each whole or not at all and each reported on its own,
   * in input order (claim.batch.ts).
   */
  submitMany(em: EntityManager, scope: Scope, reqs: readonly ClaimRequest[], fieldPrefix: (index: number) => string): Promise<SubmitOutcome[]> {
    return this.batch.submitMany(em, scope, reqs, fieldPrefix);
  }

  /** 冲正: marks the claim reversed and takes its amounts back out of the ledger, under the same lock (claim.reversal.ts). */
  reverse(em: EntityManager, scope: Scope, claimId: string, reason: string): Promise<StoredClaim> {
    return reverseClaim(em, scope, claimId, reason);
  }
}
