/**
 * The batch path: claims decided and stored in batches, each whole or not at all and each reported
 * on its own, in input order. A batch is one transaction of a few set-based statements: the
 * patient-year ledger rows created and locked in key order (which serialises every claim of a
 * patient and year across requests: the cap can never be passed, and the idempotency re-check
 * under the lock is race-free), the patients' years read by one call (claim_context), the claims
 * decided in memory against the position each earlier claim left (the policy core's
 * patientYearAsOf, positionAfter's sums, fillsOf), and everything written by one call
 * (claim_write). A lone claim is a batch of one; a batch the database refuses whole is decided
 * again one claim per transaction, each a batch of one, with the same answers.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { adjudicate, fillsOf, historySince, reachesCap, type ClaimInput, type Decision, type DispensingRecord, type InstitutionRef } from '@liangbing/policy';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import type { Scope } from '../../auth/scope';
import { AppError, badInput, conflict, notFound } from '../../errors';
import { validateClaim, type ClaimRequest } from './claim.validation';
import { notConfiguredError } from './not-configured';
import { findClaimByKey, type StoredClaim } from './claim.repository';
import { institutionOnDate } from '../masterdata/institution-on-date';
import { claimFact, diff, periodClosedError } from '../statistics/rollup.tracker';
import { Rollup, type FactsClaim, type PatientFacts } from '../statistics/facts';
import { withReferralOnRecord } from '../clinical/claim-referral';
import { beginFacts, putFactsCache, rollupRows, type FactsAfter } from '../statistics/rollup.store';
import { quarterOf } from '../statistics/counts';
import { exitRefusal } from '../patients/patient-life.claims';
import { insertDeliveries, type DeliveryRecord } from './delivery';
import { legacyRequestHash, patientYearOf, requestClaimInput, requestHash, type DispensedSoFar } from './claim.input';
import {
  claimsByKeys,
  ledgerKey,
  loadBatchContext,
  dropUnusedLedgers,
  lockLedgers,
  patientDistricts,
  trackPatients,
  writeBatch,
  type AuditRecord,
  type BatchContext,
  type ClaimRecord,
  type LedgerDelta,
  type LineRecord,
  type TrackBegin,
} from './claim-batch.repository';

export interface SubmitResult {
  readonly claim: StoredClaim;
  /** true when the idempotency key had been used with the same content: nothing new was paid */
  readonly replayed: boolean;
}

/** One claim of a batch: its result, or the error that refused it (nothing of it was written). */
export type SubmitOutcome = { readonly result: SubmitResult; readonly error?: undefined } | { readonly result?: undefined; readonly error: AppError };

export class ClaimBatch {
  /** How often a batch was refused whole by the database and decided again one by one (a health figure, and the tests' proof that the set-based path ran). */
  fallbacks = 0;

  constructor(
    /** the deployment's overrides and the loaded catalogue versions, each from its date */
    private readonly overrides: PolicyOverrides,
    private readonly today: () => string,
  ) {}

  /**
   * Decides and stores a batch of claims, each whole or not at all and each reported on its own,
   * in input order: a later claim of a patient is decided against the ledger and history the
   * earlier ones left. The batch is one transaction of a few set-based statements (ledgers locked
   * in key order, the patients' years read at once, everything written in one statement); should
   * that transaction fail on the database (a deadlock, a key raced by another request), the claims
   * are decided again one by one, each in its own transaction, with the same answers.
   */
  async submitMany(em: EntityManager, scope: Scope, reqs: readonly ClaimRequest[], fieldPrefix: (index: number) => string): Promise<SubmitOutcome[]> {
    const out: (SubmitOutcome | undefined)[] = new Array(reqs.length);
    const refuse = (i: number, e: unknown) => (out[i] = refused(e));
    const valid: number[] = [];
    reqs.forEach((req, i) => {
      try {
        validateClaim(req, this.today(), fieldPrefix(i));
        valid.push(i);
      } catch (e) {
        refuse(i, e);
      }
    });
    const districts =
      valid.length === 0
        ? new Map<string, string>()
        : await patientDistricts(em, [...new Set(valid.map((i) => reqs[i]!.patientId))], scope.readableDistricts());
    const pending: Pending[] = [];
    for (const i of valid) {
      const req = reqs[i]!;
      const districtCode = districts.get(req.patientId);
      try {
        if (districtCode === undefined) throw notFound('patient', req.patientId);
        scope.assertWrite(districtCode, 'claim', req.institutionId);
        pending.push({ index: i, req, districtCode, hash: requestHash(req), prefix: fieldPrefix(i) });
      } catch (e) {
        refuse(i, e);
      }
    }
    // A key used twice in one batch: the one-by-one path answers the second as the retry it is.
    const keys = new Set(pending.map((p) => `${p.districtCode}|${p.req.idempotencyKey}`));
    if (keys.size < pending.length) {
      for (const p of pending) out[p.index] = await this.settle(() => this.submitOne(em.fork(), scope, p));
      return out as SubmitOutcome[];
    }
    const existing = await claimsByKeys(
      em,
      pending.map((p) => ({ districtCode: p.districtCode, key: p.req.idempotencyKey })),
    );
    const fresh = pending.filter((p) => {
      const found = existing.get(`${p.districtCode}|${p.req.idempotencyKey}`);
      if (found === undefined) return true;
      out[p.index] = this.settleNow(() => this.replay(found, p.hash, p.req));
      return false;
    });
    if (fresh.length > 0) {
      let decided: Map<number, SubmitOutcome>;
      try {
        decided = await em.transactional((tem) => this.decideBatch(tem, scope, fresh));
      } catch (e) {
        if (e instanceof AppError || (e as { code?: unknown }).code === undefined) throw e;
        // A database refusal of the whole batch: nothing of it was written; decide each on its own.
        this.fallbacks++;
        decided = new Map();
        for (const p of fresh) decided.set(p.index, await this.settle(() => this.submitOne(em.fork(), scope, p)));
      }
      for (const [i, o] of decided) out[i] = o;
    }
    return out as SubmitOutcome[];
  }

  private async settle(run: () => Promise<SubmitResult>): Promise<SubmitOutcome> {
    try {
      return { result: await run() };
    } catch (e) {
      return refused(e);
    }
  }

  private settleNow(run: () => SubmitResult): SubmitOutcome {
    try {
      return { result: run() };
    } catch (e) {
      return refused(e);
    }
  }

  /** The batch's claims decided in input order inside one transaction, and written in one statement. */
  private async decideBatch(tem: EntityManager, scope: Scope, batch: readonly Pending[]): Promise<Map<number, SubmitOutcome>> {
    const outcomes = new Map<number, SubmitOutcome>();
    const yearOf = (p: Pending) => Number(p.req.serviceDate.slice(0, 4));
    const patientKey = (p: Pending) => `${p.districtCode}|${p.req.patientId}`;

    const ledgerKeys = new Map<string, { districtCode: string; patientId: string; year: number }>();
    for (const p of batch) {
      const k = { districtCode: p.districtCode, patientId: p.req.patientId, year: yearOf(p) };
      ledgerKeys.set(ledgerKey(k), k);
    }
    const ledgers = await lockLedgers(tem, [...ledgerKeys.values()]);
    // Under the locks, a key another request stored meanwhile is answered as its retry.
    const raced = await claimsByKeys(
      tem,
      batch.map((p) => ({ districtCode: p.districtCode, key: p.req.idempotencyKey })),
    );
    const todo = batch.filter((p) => {
      const found = raced.get(`${p.districtCode}|${p.req.idempotencyKey}`);
      if (found === undefined) return true;
      outcomes.set(
        p.index,
        this.settleNow(() => this.replay(found, p.hash, p.req)),
      );
      return false;
    });
    if (todo.length === 0) {
      await dropUnusedLedgers(tem, ledgers, new Set());
      return outcomes;
    }

    const byPatient = new Map<string, { districtCode: string; patientId: string; years: Set<number>; first: string; last: string }>();
    for (const p of todo) {
      const e = byPatient.get(patientKey(p)) ?? {
        districtCode: p.districtCode,
        patientId: p.req.patientId,
        years: new Set<number>(),
        first: p.req.serviceDate,
        last: p.req.serviceDate,
      };
      e.years.add(yearOf(p));
      if (p.req.serviceDate < e.first) e.first = p.req.serviceDate;
      if (p.req.serviceDate > e.last) e.last = p.req.serviceDate;
      byPatient.set(patientKey(p), e);
    }
    const tracked = await trackPatients(
      tem,
      [...byPatient.values()].map((e) => ({ districtCode: e.districtCode, patientId: e.patientId, years: [...e.years] })),
    );
    const context = await loadBatchContext(
      tem,
      [...byPatient.values()].map((e) => ({ districtCode: e.districtCode, patientId: e.patientId, historyFrom: historySince(e.first), until: e.last })),
      [...new Set(todo.map((p) => p.req.institutionId))],
      todo
        .filter((p) => p.req.sourcePrescriptionId != null)
        .map((p) => ({ districtCode: p.districtCode, patientId: p.req.patientId, prescriptionId: p.req.sourcePrescriptionId! })),
    );
    const overrides = await this.overrides.current(tem);

    const state = new Map<string, PatientState>();
    const stateOf = (p: Pending): PatientState | null => {
      const key = patientKey(p);
      let s = state.get(key);
      if (s === undefined) {
        const ctx = context.patients.get(key);
        if (ctx === undefined) return null;
        const begin = tracked.get(key) ?? {};
        s = {
          history: [...ctx.history],
          prior: new Map(ctx.priorDrugs.map((d) => [d.drugCode, d.first])),
          begin,
          closed: new Set(begin.closed ?? []),
          newFacts: [],
        };
        state.set(key, s);
      }
      return s;
    };

    const claims: ClaimRecord[] = [];
    const lines: LineRecord[] = [];
    const audits: AuditRecord[] = [];
    const deltas = new Map<string, LedgerDelta>();
    const deliveries: DeliveryRecord[] = [];
    const decided: { index: number; id: string }[] = [];
    for (let p of todo) {
      try {
        const s = stateOf(p);
        if (s === null) throw notFound('patient', p.req.patientId);
        const gone = exitRefusal(`${p.prefix}.serviceDate`, p.req.serviceDate, context.patients.get(patientKey(p))!);
        if (gone !== null) throw gone;
        if (s.closed.has(yearOf(p) * 10 + quarterOf(p.req.serviceDate))) throw periodClosedError(p.districtCode, p.req.serviceDate);
        const known = context.institutions.get(p.req.institutionId);
        if (known === undefined) throw badInput(`${p.prefix}.institutionId`, `unknown institution ${p.req.institutionId}`, '未知机构');
        const institution = institutionOnDate(known, p.req.serviceDate, `${p.prefix}.institutionId`);
        const lk = ledgerKey({ districtCode: p.districtCode, patientId: p.req.patientId, year: yearOf(p) });
        const ledger = ledgers.get(lk)!;
        const delta = deltas.get(lk) ?? {
          district_code: p.districtCode,
          patient_id: p.req.patientId,
          year: yearOf(p),
          fund_fen: 0,
          compliant_fen: 0,
          amount_fen: 0,
          claims_paid: 0,
          reached_on: null,
        };
        const ctx = context.patients.get(patientKey(p))!;
        p = withReferralOnRecord(p, ctx.referrals);
        const patient = patientYearOf(ctx, p.districtCode, p.req.serviceDate, ledger, delta, s);
        const claim = batchClaimInput(p, institution, context);
        const decision = adjudicate(claim, patient, { trace: true, overrides });
        if (decision.outcome === 'not_configured') throw notConfiguredError(decision, claim.cityCode);

        const id = randomUUID();
        const diseases = patient.diseases.map((d) => d.disease);
        claims.push(claimRecord(id, p, claim, decision, diseases, scope.viewer.userId));
        decision.lines.forEach((l, i) => {
          const line = claim.lines[i]!;
          lines.push({
            district_code: p.districtCode,
            claim_id: id,
            line_no: l.lineNo,
            drug_code: l.drugCode,
            form: line.form,
            quantity: line.quantity,
            days_supply: line.daysSupply,
            amount_fen: l.amountFen,
            compliant_fen: l.compliantFen,
            fund_fen: l.fundFen,
            patient_fen: l.patientFen,
            hit_codes: [...l.hitCodes],
          });
        });
        for (const f of fillsOf(claim, decision)) {
          s.history.push(f);
          const first = s.prior.get(f.drugCode);
          if (first === undefined || f.date < first) s.prior.set(f.drugCode, f.date);
        }
        delta.fund_fen += decision.fundFen;
        delta.compliant_fen += decision.compliantFen;
        delta.amount_fen += decision.amountFen;
        if (decision.fundFen > 0) delta.claims_paid += 1;
        if (reachesCap(decision)) delta.reached_on ??= p.req.serviceDate;
        deltas.set(lk, delta);
        s.newFacts.push(
          claimFact(
            {
              id,
              serviceDate: p.req.serviceDate,
              institutionId: p.req.institutionId,
              category: decision.category,
              rationalUse: decision.rationalUse,
              amountFen: decision.amountFen,
              compliantFen: decision.compliantFen,
              fundFen: decision.fundFen,
              hitCodes: decision.hits.map((h) => h.code),
            },
            diseases,
            decision.lines.map((l, i) => ({ daysSupply: claim.lines[i]!.daysSupply, compliantFen: l.compliantFen })),
          ),
        );
        audits.push({
          district_code: p.districtCode,
          user_id: scope.viewer.userId,
          role: scope.viewer.role,
          action: 'claim.submit',
          entity: 'claim',
          entity_id: id,
          detail: {
            outcome: decision.outcome,
            fundFen: decision.fundFen,
            ...(p.req.delivery == null ? {} : { deliveryProvider: p.req.delivery.providerCode }),
          },
        });
        if (p.req.delivery != null)
          deliveries.push({
            district_code: p.districtCode,
            claim_id: id,
            provider_code: p.req.delivery.providerCode,
            provider_name: p.req.delivery.providerName,
          });
        decided.push({ index: p.index, id });
      } catch (e) {
        outcomes.set(p.index, refused(e));
      }
    }
    await dropUnusedLedgers(tem, ledgers, new Set(deltas.keys()));
    if (decided.length === 0) return outcomes;

    // The rollups move by (after − before) of every patient whose year is materialised.
    const rollup = new Rollup();
    const closedOf = new Map<string, Set<number>>();
    // Each patient's records after the batch, stored for the next write (stat_patient_facts_cache).
    const afters: FactsAfter[] = [];
    for (const [key, s] of state) {
      const districtCode = key.slice(0, key.indexOf('|'));
      closedOf.set(districtCode, s.closed);
      const years = s.begin.years ?? [];
      if (years.length === 0 || s.newFacts.length === 0) continue;
      const before: PatientFacts | null = beginFacts(districtCode, s.begin);
      if (before === null) continue;
      const after: PatientFacts = { ...before, claims: [...before.claims, ...s.newFacts] };
      rollup.merge(diff(before, after, years));
      afters.push({ districtCode, patientId: key.slice(key.indexOf('|') + 1), years, facts: after });
    }
    const rows = rollupRows(rollup, (d, y, q) => closedOf.get(d)?.has(y * 10 + q) === true);
    const moved = Object.values(rows).some((r) => r.length > 0);
    const stored = await writeBatch(tem, { claims, lines, ledgers: [...deltas.values()], audits, rollup: moved ? rows : null });
    // Delivery has its own table keyed like the claim (delivery.ts): written here, in the batch's transaction, after claim_write.
    await insertDeliveries(tem, deliveries);
    await putFactsCache(tem, afters);
    const byId = new Map(stored.map((c) => [c.id, c]));
    for (const d of decided) outcomes.set(d.index, { result: { claim: byId.get(d.id)!, replayed: false } });
    return outcomes;
  }

  /**
   * One claim in its own transaction, as a batch of one: the path a batch falls back to when the
   * database refuses it whole, and the way a key sent twice in one request is answered. The batch's
   * decideBatch/claim_write is thus the only writer of new claims and, besides reversal, of the ledger.
   */
  private async submitOne(em: EntityManager, scope: Scope, p: Pending): Promise<SubmitResult> {
    const existing = await findClaimByKey(em, p.districtCode, p.req.idempotencyKey);
    if (existing !== null) return this.replay(existing, p.hash, p.req);
    try {
      const outcome = (await em.transactional((tem) => this.decideBatch(tem, scope, [p]))).get(p.index)!;
      if (outcome.error !== undefined) throw outcome.error;
      return outcome.result;
    } catch (e) {
      // One key sent for two patients at once: their ledger locks do not serialise them, the unique
      // key on (district_code, idempotency_key) does. The loser answers as a later retry would.
      if ((e as { code?: string }).code !== '23505' || (e as { constraint?: string }).constraint !== 'claims_district_code_idempotency_key_key') throw e;
      const winner = await findClaimByKey(em, p.districtCode, p.req.idempotencyKey);
      if (winner === null) throw e;
      return this.replay(winner, p.hash, p.req);
    }
  }

  private replay(existing: StoredClaim, hash: string, req: ClaimRequest): SubmitResult {
    if (existing.requestHash !== hash && existing.requestHash !== legacyRequestHash(req)) {
      throw conflict('This idempotency key was used for a claim with different content', '该幂等键已用于内容不同的结算', { claimId: existing.id });
    }
    return { claim: existing, replayed: true };
  }
}

function batchClaimInput(p: Pending, institution: InstitutionRef, context: BatchContext): ClaimInput {
  const req = p.req;
  let sourcePrescription: ClaimInput['sourcePrescription'] = null;
  if (req.sourcePrescriptionId != null) {
    const found = context.prescriptions.get(`${p.districtCode}|${req.patientId}|${req.sourcePrescriptionId}`);
    if (found === undefined) throw badInput(`${p.prefix}.sourcePrescriptionId`, 'no such prescription for this patient', '该患者无此处方');
    sourcePrescription = found;
  }
  const cityCode = context.cities.get(p.districtCode);
  if (cityCode === undefined) throw new Error(`district ${p.districtCode} is not in the regions table`);
  return requestClaimInput(req, cityCode, institution, sourcePrescription);
}

/** A claim's refusal as its outcome; anything but a structured error is a fault and goes on up. */
function refused(e: unknown): SubmitOutcome {
  if (!(e instanceof AppError)) throw e;
  return { error: e };
}

interface Pending {
  readonly index: number;
  readonly req: ClaimRequest;
  readonly districtCode: string;
  readonly hash: string;
  readonly prefix: string;
}

interface PatientState extends DispensedSoFar {
  /** compliant dispensing, the batch's own claims added as they are decided */
  readonly history: DispensingRecord[];
  /** drug → the first date it was dispensed compliantly */
  readonly prior: Map<string, string>;
  readonly begin: TrackBegin;
  readonly closed: Set<number>;
  readonly newFacts: FactsClaim[];
}

function claimRecord(id: string, p: Pending, claim: ClaimInput, d: Decision, diseases: string[], submittedBy: string): ClaimRecord {
  return {
    id,
    district_code: p.districtCode,
    patient_id: p.req.patientId,
    institution_id: p.req.institutionId,
    city_code: claim.cityCode,
    service_date: p.req.serviceDate,
    year: Number(p.req.serviceDate.slice(0, 4)),
    pathway: p.req.pathway,
    idempotency_key: p.req.idempotencyKey,
    request_hash: p.hash,
    outcome: d.outcome,
    category: d.category,
    rational_use: d.rationalUse,
    amount_fen: d.amountFen,
    compliant_fen: d.compliantFen,
    fund_fen: d.fundFen,
    patient_fen: d.patientFen,
    hit_codes: [...new Set(d.hits.map((h) => h.code))],
    rule_set_id: d.ruleSetId,
    rule_set_version: d.ruleSetVersion,
    catalogue_version: d.catalogueVersionId,
    override_name: d.overrideName,
    diseases,
    decision: d,
    request: p.req,
    submitted_by: submittedBy,
  };
}
