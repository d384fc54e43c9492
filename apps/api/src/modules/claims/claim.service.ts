/**
 * Submitting and reversing claims. A claim is decided by the policy core and stored whole with
 * its decision in one transaction. The patient's annual ledger row is locked first (SELECT …
 * FOR UPDATE), which serialises every claim of that patient and year: concurrent claims can
 * never pass the cap, and the idempotency check made under the lock is race-free (the unique
 * key on (district_code, idempotency_key) backs it).
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { adjudicate, type ClaimInput, type Decision, type InstitutionRef } from '@liangbing/policy';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import type { Scope } from '../../auth/scope';
import { badInput, conflict, notFound } from '../../errors';
import { audit } from '../audit/audit';
import { validateClaim, type ClaimRequest } from './claim.validation';
import { lockLedger, loadPatientYear } from './patient-year.repository';
import { findClaimByKey, insertClaim, institutionRef, patientDistrict, updateLedgerAfterClaim, type StoredClaim } from './claim.repository';
import { claimFact, trackPatientStats, withClaim, withoutClaim } from '../statistics/rollup.tracker';

export interface SubmitResult {
  readonly claim: StoredClaim;
  /** true when the idempotency key had been used with the same content: nothing new was paid */
  readonly replayed: boolean;
}

export function requestHash(req: ClaimRequest): string {
  const canonical = JSON.stringify({
    k: req.idempotencyKey,
    p: req.patientId,
    i: req.institutionId,
    d: req.serviceDate,
    w: req.pathway,
    rf: req.referralFromInstitutionId ?? null,
    ro: req.referralIssuedOn ?? null,
    sp: req.sourcePrescriptionId ?? null,
    cs: req.conditionStable ?? null,
    l: req.lines.map((l) => [l.drugCode, l.form, l.quantity, l.daysSupply, l.amountFen]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export class ClaimService {
  constructor(
    /** the deployment's overrides and the loaded catalogue versions, each from its date */
    private readonly overrides: PolicyOverrides,
    private readonly today: () => string,
  ) {}

  async submit(em: EntityManager, scope: Scope, req: ClaimRequest, fieldPrefix = 'input'): Promise<SubmitResult> {
    validateClaim(req, this.today(), fieldPrefix);
    const districtCode = await patientDistrict(em, req.patientId, scope.readableDistricts());
    if (districtCode === null) throw notFound('patient', req.patientId);
    scope.assertWrite(districtCode, 'claim', req.institutionId);
    const hash = requestHash(req);

    const existing = await findClaimByKey(em, districtCode, req.idempotencyKey);
    if (existing !== null) return this.replay(existing, hash);

    return this.decideAndStore(em, scope, req, districtCode, hash, fieldPrefix).catch(async (e: unknown) => {
      // One key sent for two patients at once: their ledger locks do not serialise them, the unique
      // key on (district_code, idempotency_key) does. The loser answers as a later retry would.
      if ((e as { code?: string }).code !== '23505' || (e as { constraint?: string }).constraint !== 'claims_district_code_idempotency_key_key') throw e;
      const winner = await findClaimByKey(em, districtCode, req.idempotencyKey);
      if (winner === null) throw e;
      return this.replay(winner, hash);
    });
  }

  private decideAndStore(em: EntityManager, scope: Scope, req: ClaimRequest, districtCode: string, hash: string, fieldPrefix: string): Promise<SubmitResult> {
    return em.transactional(async (tem) => {
      const year = Number(req.serviceDate.slice(0, 4));
      const ledger = await lockLedger(tem, districtCode, req.patientId, year);
      const raced = await findClaimByKey(tem, districtCode, req.idempotencyKey);
      if (raced !== null) return this.replay(raced, hash);
      // The statistics' rollups move in this transaction; a claim dated in a closed quarter is refused here.
      const stats = await trackPatientStats(tem, districtCode, req.patientId, { eventDate: req.serviceDate, years: [year] });

      const institution = await institutionRef(tem, req.institutionId);
      if (institution === null) throw badInput(`${fieldPrefix}.institutionId`, `unknown institution ${req.institutionId}`, '未知机构');
      const patient = await loadPatientYear(tem, districtCode, req.patientId, req.serviceDate, ledger);
      if (patient === null) throw notFound('patient', req.patientId);
      const claim = await this.claimInput(tem, districtCode, req, institution, fieldPrefix);
      const decision: Decision = adjudicate(claim, patient, { trace: true, overrides: await this.overrides.current(tem) });

      const diseases = patient.diseases.map((d) => d.disease);
      const stored = await insertClaim(tem, { districtCode, req, hash, claim, decision, submittedBy: scope.viewer.userId, diseases });
      await updateLedgerAfterClaim(tem, districtCode, req.patientId, year, decision, req.serviceDate, +1);
      await stats.finish(tem, withClaim(claimFact(stored, diseases, decision.lines.map((l, i) => ({ daysSupply: claim.lines[i]!.daysSupply, compliantFen: l.compliantFen })))));
      await audit(tem, scope.viewer, districtCode, 'claim.submit', 'claim', stored.id, { outcome: decision.outcome, fundFen: decision.fundFen });
      return { claim: stored, replayed: false };
    });
  }

  private replay(existing: StoredClaim, hash: string): SubmitResult {
    if (existing.requestHash !== hash) {
      throw conflict('This idempotency key was used for a claim with different content', '该幂等键已用于内容不同的结算', { claimId: existing.id });
    }
    return { claim: existing, replayed: true };
  }

  private async claimInput(em: EntityManager, districtCode: string, req: ClaimRequest, institution: InstitutionRef, prefix: string): Promise<ClaimInput> {
    let sourcePrescription: ClaimInput['sourcePrescription'] = null;
    if (req.sourcePrescriptionId != null) {
      const rows = await exec<{ issued_on: string; level: InstitutionRef['level']; drug_codes: string[] }>(em, 
        `select to_char(p.issued_on, 'YYYY-MM-DD') as issued_on, i.level, p.drug_codes
           from prescriptions p join institutions i on i.id = p.institution_id
          where p.district_code = ? and p.id = ? and p.patient_id = ?`,
        [districtCode, req.sourcePrescriptionId, req.patientId],
      );
      const row = rows[0];
      if (row === undefined) throw badInput(`${prefix}.sourcePrescriptionId`, 'no such prescription for this patient', '该患者无此处方');
      sourcePrescription = { issuedOn: row.issued_on, institutionLevel: row.level, drugCodes: row.drug_codes };
    }
    return {
      serviceDate: req.serviceDate,
      // The insured city's rules apply, also out of area (W-7 三(四) 相关政策按参保地政策执行).
      cityCode: await insuredCity(em, districtCode),
      institution,
      pathway: req.pathway,
      referral: req.referralFromInstitutionId != null && req.referralIssuedOn != null ? { fromInstitutionId: req.referralFromInstitutionId, issuedOn: req.referralIssuedOn } : null,
      sourcePrescription,
      conditionStable: req.conditionStable ?? false,
      lines: req.lines.map((l, i) => ({ lineNo: i + 1, drugCode: l.drugCode, form: l.form, quantity: l.quantity, daysSupply: l.daysSupply, amountFen: l.amountFen })),
    };
  }

  /** 冲正: marks the claim reversed and takes its amounts back out of the ledger, under the same lock. */
  async reverse(em: EntityManager, scope: Scope, claimId: string, reason: string): Promise<StoredClaim> {
    if (reason.trim().length === 0 || reason.length > 500) throw badInput('reason', 'must be 1–500 characters', '须为1–500个字符');
    const { findClaimById, markReversed } = await import('./claim.repository');
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
}

/** The city of the district where the patient is insured. */
async function insuredCity(em: EntityManager, districtCode: string): Promise<string> {
  const [row] = await exec<{ city_code: string }>(em, `select city_code from regions where code = ?`, [districtCode]);
  if (row === undefined) throw new Error(`district ${districtCode} is not in the regions table`);
  return row.city_code;
}
