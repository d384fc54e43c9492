/**
 * What a claim is decided on, built in one place: the idempotency hash of a request, the policy
 * core's ClaimInput (from a request here, from a stored claim in the what-if source,
 * whatif.source.ts), and the patient's year as of one claim of a batch (the policy core's
 * patientYearAsOf over what claim_context read). Pure: no database, no transaction.
 */
import { createHash } from 'node:crypto';
import {
  patientYearAsOf,
  historyWindow,
  normaliseStrength,
  type ClaimInput,
  type DispensingRecord,
  type InstitutionRef,
  type PatientYear,
} from '@liangbing/policy';
import { findingsOn } from '../clinical/in-force';
import { residesElsewhereOn, schemeOn } from '../patients/patient-life.dates';
import type { ClaimRequest } from './claim.validation';
import type { LedgerRow } from './patient-year.repository';
import type { LedgerDelta, PatientContext } from './claim-batch.repository';

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
export function legacyRequestHash(req: ClaimRequest): string | null {
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
    // A strength is hashed only when sent (normalised: '5 mg' and '5mg' are one request), so that claims stored before it existed still replay.
    l: req.lines.map((l) =>
      l.strength == null
        ? [l.drugCode, l.form, l.quantity, l.daysSupply, l.amountFen]
        : [l.drugCode, l.form, l.quantity, l.daysSupply, l.amountFen, normaliseStrength(l.strength)],
    ),
    // only when present: the hashes of claims stored before delivery existed stay what they were
    ...(req.delivery == null ? {} : { dl: [req.delivery.providerCode, req.delivery.providerName] }),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** A claim's fields as submitted or as stored, with its institution and source prescription resolved. */
export interface ClaimFields {
  readonly serviceDate: string;
  /** the insured city, whose rules apply also out of area (W-7 三(四) 相关政策按参保地政策执行) */
  readonly cityCode: string;
  readonly institution: InstitutionRef;
  readonly pathway: ClaimInput['pathway'];
  readonly referralFromInstitutionId?: string | null;
  readonly referralIssuedOn?: string | null;
  readonly sourcePrescription: ClaimInput['sourcePrescription'];
  readonly conditionStable?: boolean | null;
}

/** A line's fields as submitted or as stored. */
export type LineFields = Omit<ClaimInput['lines'][number], 'lineNo'>;

/**
 * The policy core's claim: a referral only with both its institution and its date, a condition
 * not stated stable as not stable, lines numbered from 1 in their order. `line` reads one line of
 * whatever the caller holds (a request's line objects, the what-if's stored tuples).
 */
export function claimInput<L>(f: ClaimFields, lines: readonly L[], line: (l: L) => LineFields): ClaimInput {
  return {
    serviceDate: f.serviceDate,
    cityCode: f.cityCode,
    institution: f.institution,
    pathway: f.pathway,
    referral:
      f.referralFromInstitutionId != null && f.referralIssuedOn != null
        ? { fromInstitutionId: f.referralFromInstitutionId, issuedOn: f.referralIssuedOn }
        : null,
    sourcePrescription: f.sourcePrescription,
    conditionStable: f.conditionStable ?? false,
    lines: lines.map((l, i) => {
      const { drugCode, form, quantity, daysSupply, amountFen, strength } = line(l);
      return strength == null
        ? { lineNo: i + 1, drugCode, form, quantity, daysSupply, amountFen }
        : { lineNo: i + 1, drugCode, form, quantity, daysSupply, amountFen, strength };
    }),
  };
}

/** The policy core's claim from a request. */
export function requestClaimInput(
  req: ClaimRequest,
  cityCode: string,
  institution: InstitutionRef,
  sourcePrescription: ClaimInput['sourcePrescription'],
): ClaimInput {
  return claimInput({ ...req, cityCode, institution, sourcePrescription }, req.lines, (l) => l);
}

/** What the batch has decided of a patient so far: compliant dispensing with its own claims added, and the first date of each drug. */
export interface DispensedSoFar {
  readonly history: readonly DispensingRecord[];
  /** drug → the first date it was dispensed compliantly */
  readonly prior: ReadonlyMap<string, string>;
}

/**
 * The patient's year as of one claim of a batch: what claim_context read for the patient, the locked
 * ledger row plus what the batch's earlier claims of the year paid (`delta`), and the dispensing with
 * the batch's earlier claims in it. Scheme, residence and findings are those in force on the claim's
 * own service date (Migration20261206030000_patient_lives); the rest is the policy core's patientYearAsOf.
 */
export function patientYearOf(
  ctx: PatientContext,
  districtCode: string,
  date: string,
  ledger: LedgerRow,
  delta: Pick<LedgerDelta, 'fund_fen' | 'compliant_fen'>,
  s: DispensedSoFar,
): PatientYear {
  return patientYearAsOf(
    date,
    {
      scheme: schemeOn(ctx.scheme, ctx.schemes, date) as PatientYear['scheme'],
      districtCode,
      diseases: ctx.diseases,
      certifications: ctx.certifications,
      designations: ctx.designations,
      chronicProgrammeDiseases: ctx.chronicProgrammeDiseases,
      longTermResidenceElsewhere: residesElsewhereOn(ctx.longTermResidenceElsewhere, ctx.residences, date),
      findings: findingsOn(ctx.findings, date),
    },
    {
      generalOutpatient: { exhausted: ledger.general_outpatient_exhausted, fundPaidFen: Number(ledger.general_outpatient_fund_fen) },
      fundPaidFen: Number(ledger.fund_paid_fen) + delta.fund_fen,
      compliantFenYtd: Number(ledger.compliant_fen) + delta.compliant_fen,
    },
    { priorDrugCodes: [...s.prior].filter(([, first]) => first <= date).map(([drug]) => drug), history: historyWindow(s.history, date) },
  );
}
