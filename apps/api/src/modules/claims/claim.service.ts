/**
 * Submitting and reversing claims. A claim is decided by the policy core and stored whole with
 * its decision in one transaction. The patient's annual ledger row is locked first (SELECT …
 * FOR UPDATE), which serialises every claim of that patient and year: concurrent claims can
 * never pass the cap, and the idempotency check made under the lock is race-free (the unique
 * key on (district_code, idempotency_key) backs it).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, adjudicate, certificationOn, type ClaimInput, type Decision, type DispensingRecord, type InstitutionRef, type PatientYear, type RuleSetOverride } from '@liangbing/policy';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import type { Scope } from '../../auth/scope';
import { AppError, badInput, conflict, notFound } from '../../errors';
import { audit } from '../audit/audit';
import { validateClaim, type ClaimRequest } from './claim.validation';
import { notConfiguredError } from './not-configured';
import { yearSummary, type YearSummary } from './year-summary';
import { claimNotice, yearNotice, type NoticeClaimRow } from './notice';
import type { StoredLine } from './claim.repository';
import type { Notice } from '@liangbing/policy';
import type { PatientRecord } from '../patients/patient.queries';
import { HISTORY_DAYS, lockLedger, type LedgerRow } from './patient-year.repository';
import { findClaimByKey, updateLedgerAfterClaim, type StoredClaim } from './claim.repository';
import { institutionOnDate } from '../masterdata/institution-on-date';
import { claimFact, diff, periodClosedError, trackPatientStats, withoutClaim } from '../statistics/rollup.tracker';
import { Rollup, type FactsClaim, type PatientFacts } from '../statistics/facts';
import { findingsOn } from '../clinical/in-force';
import { withReferralOnRecord } from '../clinical/claim-referral';
import { rollupRows, toFacts } from '../statistics/rollup.store';
import { quarterOf } from '../statistics/counts';
import { exitRefusal } from '../patients/patient-life.claims';
import { residesElsewhereOn, schemeOn } from '../patients/patient-life.dates';
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
  type PatientContext,
  type TrackBegin,
} from './claim-batch.repository';

export interface SubmitResult {
  readonly claim: StoredClaim;
  /** true when the idempotency key had been used with the same content: nothing new was paid */
  readonly replayed: boolean;
}

/** One claim of a batch: its result, or the error that refused it (nothing of it was written). */
export type SubmitOutcome = { readonly result: SubmitResult; readonly error?: undefined } | { readonly result?: undefined; readonly error: AppError };

/**
 * What an idempotent resend is compared on: the decision's inputs after normalisation, so that a
 * field sent as its default (conditionStable false, or null, or left out: all "not stated stable")
 * is the same request. Absent and null were always one; false joins them as null, which is how
 * claims stored before this normalisation hashed an absent field.
 */
export function requestHash(req: ClaimRequest): string {
  return hashOf(req, req.conditionStable === true ? true : null);
}

/** The hash as computed before normalisation: a claim stored then with an explicit false still replays. */
function legacyRequestHash(req: ClaimRequest): string | null {
  return req.conditionStable === false ? hashOf(req, false) : null;
}

function hashOf(req: ClaimRequest, conditionStable: boolean | null): string {
  const canonical = JSON.stringify({
    k: req.idempotencyKey,
    p: req.patientId,
    i: req.institutionId,
    d: req.serviceDate,
    w: req.pathway,
    rf: req.referralFromInstitutionId ?? null,
    ro: req.referralIssuedOn ?? null,
    sp: req.sourcePrescriptionId ?? null,
    cs: conditionStable,
    l: req.lines.map((l) => [l.drugCode, l.form, l.quantity, l.daysSupply, l.amountFen]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export class ClaimService {
  /** How often a batch was refused whole by the database and decided again one by one (a health figure, and the tests' proof that the set-based path ran). */
  batchFallbacks = 0;

  constructor(
    /** the deployment's overrides and the loaded catalogue versions, each from its date */
    private readonly overrides: PolicyOverrides,
    private readonly today: () => string,
  ) {}

  /** The overrides claims are judged under now (the deployment's and the loaded catalogue versions), for rules applied outside a claim. */
  policyOverrides(em: EntityManager): Promise<readonly RuleSetOverride[]> {
    return this.overrides.current(em);
  }

  /** A patient's year with the cap left from the ledger, under the overrides claims are judged by (year-summary.ts). */
  /** A stored claim's notice for the insured person (modules/claims/notice.ts). */
  async claimNotice(em: EntityManager, scope: Scope, claim: NoticeClaimRow, decision: Decision, lines: readonly StoredLine[], institutionName: string | null): Promise<Notice> {
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
    const districts = valid.length === 0 ? new Map<string, string>() : await patientDistricts(em, [...new Set(valid.map((i) => reqs[i]!.patientId))], scope.readableDistricts());
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
    const existing = await claimsByKeys(em, pending.map((p) => ({ districtCode: p.districtCode, key: p.req.idempotencyKey })));
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
        this.batchFallbacks++;
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
    const raced = await claimsByKeys(tem, batch.map((p) => ({ districtCode: p.districtCode, key: p.req.idempotencyKey })));
    const todo = batch.filter((p) => {
      const found = raced.get(`${p.districtCode}|${p.req.idempotencyKey}`);
      if (found === undefined) return true;
      outcomes.set(p.index, this.settleNow(() => this.replay(found, p.hash, p.req)));
      return false;
    });
    if (todo.length === 0) {
      await dropUnusedLedgers(tem, ledgers, new Set());
      return outcomes;
    }

    const byPatient = new Map<string, { districtCode: string; patientId: string; years: Set<number>; first: string; last: string }>();
    for (const p of todo) {
      const e = byPatient.get(patientKey(p)) ?? { districtCode: p.districtCode, patientId: p.req.patientId, years: new Set<number>(), first: p.req.serviceDate, last: p.req.serviceDate };
      e.years.add(yearOf(p));
      if (p.req.serviceDate < e.first) e.first = p.req.serviceDate;
      if (p.req.serviceDate > e.last) e.last = p.req.serviceDate;
      byPatient.set(patientKey(p), e);
    }
    const tracked = await trackPatients(tem, [...byPatient.values()].map((e) => ({ districtCode: e.districtCode, patientId: e.patientId, years: [...e.years] })));
    const context = await loadBatchContext(
      tem,
      [...byPatient.values()].map((e) => ({ districtCode: e.districtCode, patientId: e.patientId, historyFrom: addDays(e.first, -HISTORY_DAYS), until: e.last })),
      [...new Set(todo.map((p) => p.req.institutionId))],
      todo.filter((p) => p.req.sourcePrescriptionId != null).map((p) => ({ districtCode: p.districtCode, patientId: p.req.patientId, prescriptionId: p.req.sourcePrescriptionId! })),
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
        s = { history: [...ctx.history], prior: new Map(ctx.priorDrugs.map((d) => [d.drugCode, d.first])), begin, closed: new Set(begin.closed ?? []), newFacts: [] };
        state.set(key, s);
      }
      return s;
    };

    const claims: ClaimRecord[] = [];
    const lines: LineRecord[] = [];
    const audits: AuditRecord[] = [];
    const deltas = new Map<string, LedgerDelta>();
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
        const delta = deltas.get(lk) ?? { district_code: p.districtCode, patient_id: p.req.patientId, year: yearOf(p), fund_fen: 0, compliant_fen: 0, amount_fen: 0, claims_paid: 0, reached_on: null };
        const ctx = context.patients.get(patientKey(p))!;
        p = withReferralOnRecord(p, ctx.referrals);
        const patient = patientYear(ctx, p, ledger, delta, s);
        const claim = this.batchClaimInput(p, institution, context);
        const decision = adjudicate(claim, patient, { trace: true, overrides });
        if (decision.outcome === 'not_configured') throw notConfiguredError(decision, claim.cityCode);

        const id = randomUUID();
        const diseases = patient.diseases.map((d) => d.disease);
        claims.push(claimRecord(id, p, claim, decision, diseases, scope.viewer.userId));
        decision.lines.forEach((l, i) => {
          const line = claim.lines[i]!;
          lines.push({ district_code: p.districtCode, claim_id: id, line_no: l.lineNo, drug_code: l.drugCode, form: line.form, quantity: line.quantity, days_supply: line.daysSupply, amount_fen: l.amountFen, compliant_fen: l.compliantFen, fund_fen: l.fundFen, patient_fen: l.patientFen, hit_codes: [...l.hitCodes] });
          if (l.compliantFen > 0) {
            s.history.push({ date: p.req.serviceDate, drugCode: l.drugCode, daysSupply: line.daysSupply, institutionId: p.req.institutionId });
            const first = s.prior.get(l.drugCode);
            if (first === undefined || p.req.serviceDate < first) s.prior.set(l.drugCode, p.req.serviceDate);
          }
        });
        delta.fund_fen += decision.fundFen;
        delta.compliant_fen += decision.compliantFen;
        delta.amount_fen += decision.amountFen;
        if (decision.fundFen > 0) delta.claims_paid += 1;
        if (decision.fundFen > 0 && decision.capRemainingFen === 0) delta.reached_on ??= p.req.serviceDate;
        deltas.set(lk, delta);
        s.newFacts.push(
          claimFact(
            { id, serviceDate: p.req.serviceDate, institutionId: p.req.institutionId, category: decision.category, rationalUse: decision.rationalUse, amountFen: decision.amountFen, compliantFen: decision.compliantFen, fundFen: decision.fundFen },
            diseases,
            decision.lines.map((l, i) => ({ daysSupply: claim.lines[i]!.daysSupply, compliantFen: l.compliantFen })),
          ),
        );
        audits.push({ district_code: p.districtCode, user_id: scope.viewer.userId, role: scope.viewer.role, action: 'claim.submit', entity: 'claim', entity_id: id, detail: { outcome: decision.outcome, fundFen: decision.fundFen } });
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
    for (const [key, s] of state) {
      const districtCode = key.slice(0, key.indexOf('|'));
      closedOf.set(districtCode, s.closed);
      const years = s.begin.years ?? [];
      if (years.length === 0 || s.newFacts.length === 0 || s.begin.facts == null) continue;
      const before: PatientFacts = toFacts(districtCode, s.begin.facts as Parameters<typeof toFacts>[1]);
      rollup.merge(diff(before, { ...before, claims: [...before.claims, ...s.newFacts] }, years));
    }
    const rows = rollupRows(rollup, (d, y, q) => closedOf.get(d)?.has(y * 10 + q) === true);
    const moved = Object.values(rows).some((r) => r.length > 0);
    const stored = await writeBatch(tem, { claims, lines, ledgers: [...deltas.values()], audits, rollup: moved ? rows : null });
    const byId = new Map(stored.map((c) => [c.id, c]));
    for (const d of decided) outcomes.set(d.index, { result: { claim: byId.get(d.id)!, replayed: false } });
    return outcomes;
  }

  private batchClaimInput(p: Pending, institution: InstitutionRef, context: BatchContext): ClaimInput {
    const req = p.req;
    let sourcePrescription: ClaimInput['sourcePrescription'] = null;
    if (req.sourcePrescriptionId != null) {
      const found = context.prescriptions.get(`${p.districtCode}|${req.patientId}|${req.sourcePrescriptionId}`);
      if (found === undefined) throw badInput(`${p.prefix}.sourcePrescriptionId`, 'no such prescription for this patient', '该患者无此处方');
      sourcePrescription = found;
    }
    const cityCode = context.cities.get(p.districtCode);
    if (cityCode === undefined) throw new Error(`district ${p.districtCode} is not in the regions table`);
    return toClaimInput(req, cityCode, institution, sourcePrescription);
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

/** The policy core's claim from the request; `cityCode` is the insured city, whose rules apply also out of area (W-7 三(四) 相关政策按参保地政策执行). */
function toClaimInput(req: ClaimRequest, cityCode: string, institution: InstitutionRef, sourcePrescription: ClaimInput['sourcePrescription']): ClaimInput {
  return {
    serviceDate: req.serviceDate,
    cityCode,
    institution,
    pathway: req.pathway,
    referral: req.referralFromInstitutionId != null && req.referralIssuedOn != null ? { fromInstitutionId: req.referralFromInstitutionId, issuedOn: req.referralIssuedOn } : null,
    sourcePrescription,
    conditionStable: req.conditionStable ?? false,
    lines: req.lines.map((l, i) => ({ lineNo: i + 1, drugCode: l.drugCode, form: l.form, quantity: l.quantity, daysSupply: l.daysSupply, amountFen: l.amountFen })),
  };
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

interface PatientState {
  /** compliant dispensing, the batch's own claims added as they are decided */
  readonly history: DispensingRecord[];
  /** drug → the first date it was dispensed compliantly */
  readonly prior: Map<string, string>;
  readonly begin: TrackBegin;
  readonly closed: Set<number>;
  readonly newFacts: FactsClaim[];
}

/** The patient's year as of one claim of the batch: what the one-claim path reads, with the batch's earlier claims in it. */
function patientYear(ctx: PatientContext, p: Pending, ledger: LedgerRow, delta: LedgerDelta, s: PatientState): PatientYear {
  const date = p.req.serviceDate;
  const from = addDays(date, -HISTORY_DAYS);
  return {
    // Judged as of this claim's own service date (Migration20261206030000_patient_lives).
    scheme: schemeOn(ctx.scheme, ctx.schemes, date) as PatientYear['scheme'],
    districtCode: p.districtCode,
    diseases: ctx.diseases,
    certification: certificationOn(ctx.certifications, date),
    designations: ctx.designations,
    chronicProgrammeDiseases: ctx.chronicProgrammeDiseases,
    longTermResidenceElsewhere: residesElsewhereOn(ctx.longTermResidenceElsewhere, ctx.residences, date),
    generalOutpatient: { exhausted: ledger.general_outpatient_exhausted, fundPaidFen: Number(ledger.general_outpatient_fund_fen) },
    fundPaidFen: Number(ledger.fund_paid_fen) + delta.fund_fen,
    compliantFenYtd: Number(ledger.compliant_fen) + delta.compliant_fen,
    findings: findingsOn(ctx.findings, date),
    priorDrugCodes: [...s.prior].filter(([, first]) => first <= date).map(([drug]) => drug),
    history: s.history.filter((h) => h.date >= from && h.date <= date),
  };
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
