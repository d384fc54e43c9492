/**
 * Turns the streamed demo programme into COPY text, patient by patient: the patient's records,
 * and each claim decided by the policy core in date order exactly as submitClaim would decide it
 * (the patient's ledger, dispensing history and prior drugs carried from claim to claim), plus
 * what the patient contributes to the statistics' rollups. Pure CPU work, no I/O: it runs in the
 * loader's thread for a small load and in a worker thread for a big one.
 *
 * For bulk loads the decision is stored without its explanation trace (trace: false keeps every
 * hit, outcome and amount; only the step-by-step explanation is left out, 5.4 kB → 0.7 kB a claim).
 */
import { createHash } from 'node:crypto';
import { addDays, adjudicate, type Decision, type DispensingRecord, type PatientYear, type RuleSetOverride } from '@liangbing/policy';
import { DEMO_YEARS, generateRecords, type DemoOptions, type PatientRecords } from '@liangbing/demo';
import { requestHash } from '../modules/claims/claim.service';
import { HISTORY_DAYS } from '../modules/claims/patient-year.repository';
import { addPatientYear, type FactsClaim, type Rollup } from '../modules/statistics/facts';
import { refusedOutright } from '../modules/statistics/refused';
import { copyLine } from './copy-format';
import { COPY_COLUMNS, type CopyTable } from '../db/copy-columns';
import { referralHash } from '../modules/clinical/clinical.hash';
import { demoDelivery, demoSignings } from './demo-signing';

/** The data tables the stream fills, in load order; their COPY columns are db/copy-columns.ts's (the rest take their defaults). */
export const STREAM_TABLE_NAMES = [
  'patients',
  'clinical_findings',
  'patient_diseases',
  'certifications',
  'designations',
  'prescriptions',
  'referrals',
  'benefit_ledger',
  'follow_ups',
  'claims',
  'claim_documents',
  'family_doctor_signings',
  'claim_deliveries',
  'claim_lines',
] as const satisfies readonly CopyTable[];
export type StreamTable = (typeof STREAM_TABLE_NAMES)[number];
export const STREAM_TABLES = Object.fromEntries(STREAM_TABLE_NAMES.map((t) => [t, COPY_COLUMNS[t]])) as { [T in StreamTable]: (typeof COPY_COLUMNS)[T] };

export interface Chunk {
  text: Record<StreamTable, string>;
  patients: number;
  claims: number;
  followUps: number;
}

/** A stable UUID for a demo claim id (name-based, so a reload gives the same ids). */
export function uuidFrom(name: string): string {
  const h = createHash('sha1').update(`liangbing-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

function emptyChunk(): Chunk {
  return {
    text: {
      patients: '',
      clinical_findings: '',
      referrals: '',
      patient_diseases: '',
      certifications: '',
      designations: '',
      prescriptions: '',
      benefit_ledger: '',
      follow_ups: '',
      claims: '',
      claim_documents: '',
      claim_lines: '',
      family_doctor_signings: '',
      claim_deliveries: '',
    },
    patients: 0,
    claims: 0,
    followUps: 0,
  };
}

interface Ledger {
  fund: number;
  compliant: number;
  cost: number;
  paidClaims: number;
  capReachedOn: string | null;
}

/** Appends one patient's rows to the chunk and their contribution to the rollups. */
export function addPatient(chunk: Chunk, rollup: Rollup, r: PatientRecords, overrides: readonly RuleSetOverride[], trace: boolean): void {
  const p = r.patient;
  const t = chunk.text;
  t.patients += copyLine([
    p.districtCode,
    p.id,
    p.residentId,
    p.name,
    p.sex,
    p.birthDate,
    p.streetCode,
    p.phone,
    p.scheme,
    p.uninsuredReason,
    p.managed,
    p.managedFrom,
    p.homeInstitutionId,
    p.chronicProgrammeDiseases,
    p.longTermResidenceElsewhere,
  ]);
  // The demo's findings hold for the whole programme: in force from the earliest date the record reaches.
  const findingsFrom = [...p.diseases.map((d) => d.diagnosedOn), ...r.claims.map((dc) => dc.claim.serviceDate)].reduce((a, b) => (b < a ? b : a), '9999-12-31');
  for (const code of new Set(p.findings)) t.clinical_findings += copyLine([p.districtCode, p.id, code, findingsFrom, 'demo programme', 'demo-loader']);
  for (const d of p.diseases) t.patient_diseases += copyLine([p.districtCode, p.id, d.disease, d.diabetesType, d.diagnosedOn]);
  const c = p.certification;
  if (c !== null) t.certifications += copyLine([p.districtCode, p.id, c.certificateNo, c.certifiedOn, c.certifyingInstitutionId, c.diseases, c.revokedOn]);
  for (const d of p.designations) t.designations += copyLine([p.districtCode, p.id, d.from, d.to, d.institutionId, d.consortiumId, d.from, true]);
  const signings = demoSignings(p);
  for (const s of signings)
    t.family_doctor_signings += copyLine([
      p.districtCode,
      p.id,
      uuidFrom(`signing:${p.id}:${s.validFrom}`),
      s.institutionId,
      s.teamCode,
      s.teamName,
      s.validFrom,
      s.validTo,
      s.endedReason,
      'demo-loader',
    ]);
  for (const [i, f] of r.followUps.entries()) {
    t.follow_ups += copyLine([
      f.districtCode,
      uuidFrom(`followUp:${f.districtCode}:${f.patientId}:${i}`),
      f.patientId,
      f.institutionId,
      f.date,
      f.faceToFace,
      f.systolic,
      f.diastolic,
      f.fastingGlucose === null ? null : Math.round(f.fastingGlucose * 10),
    ]);
  }

  const ledgers = new Map<number, Ledger>();
  const history: DispensingRecord[] = [];
  const prior = new Set<string>();
  const diseases = p.diseases.map((d) => d.disease);
  const facts: FactsClaim[] = [];
  const prescriptions = new Set<string>();
  const referrals = new Set<string>();
  for (const dc of r.claims) {
    const claim = dc.claim;
    if (claim.pathway === 'referral' && claim.referral !== null) {
      // The referral on record that the claim was decided on (W-6): one row per referring institution, day and hospital.
      const ref = {
        patientId: p.id,
        fromInstitutionId: claim.referral.fromInstitutionId,
        toInstitutionId: claim.institution.id,
        issuedOn: claim.referral.issuedOn,
        validUntil: null,
        reason: '演示数据',
      };
      const key = `${ref.fromInstitutionId}|${ref.toInstitutionId}|${ref.issuedOn}`;
      if (ref.fromInstitutionId !== ref.toInstitutionId && !referrals.has(key)) {
        referrals.add(key);
        t.referrals += copyLine([
          p.districtCode,
          uuidFrom(`referral:${p.id}:${key}`),
          p.id,
          ref.fromInstitutionId,
          ref.toInstitutionId,
          ref.issuedOn,
          null,
          ref.reason,
          referralHash(ref),
          'demo-loader',
        ]);
      }
    }
    const rx = dc.sourcePrescription;
    if (rx !== null && claim.sourcePrescription !== null && !prescriptions.has(rx.id)) {
      prescriptions.add(rx.id);
      t.prescriptions += copyLine([p.districtCode, rx.id, p.id, rx.institutionId, claim.sourcePrescription.issuedOn, claim.sourcePrescription.drugCodes]);
    }
    const year = Number(claim.serviceDate.slice(0, 4));
    let ledger = ledgers.get(year);
    if (ledger === undefined) {
      ledger = { fund: 0, compliant: 0, cost: 0, paidClaims: 0, capReachedOn: null };
      ledgers.set(year, ledger);
    }
    const go = p.generalOutpatient.find((g) => g.year === year);
    const since = addDays(claim.serviceDate, -HISTORY_DAYS);
    const patientYear: PatientYear = {
      scheme: p.scheme,
      districtCode: p.districtCode,
      diseases: p.diseases,
      certification: p.certification,
      designations: p.designations,
      chronicProgrammeDiseases: p.chronicProgrammeDiseases,
      longTermResidenceElsewhere: p.longTermResidenceElsewhere,
      generalOutpatient: { exhausted: go?.exhaustedOn != null && go.exhaustedOn <= claim.serviceDate, fundPaidFen: go?.fundPaidFen ?? 0 },
      fundPaidFen: ledger.fund,
      compliantFenYtd: ledger.compliant,
      findings: p.findings,
      priorDrugCodes: [...prior],
      history: history.filter((h) => h.date >= since),
    };
    const d: Decision = adjudicate(claim, patientYear, { trace, overrides });
    ledger.fund += d.fundFen;
    ledger.compliant += d.compliantFen;
    ledger.cost += d.amountFen;
    if (d.fundFen > 0) ledger.paidClaims += 1;
    if (d.fundFen > 0 && d.capRemainingFen === 0 && ledger.capReachedOn === null) ledger.capReachedOn = claim.serviceDate;

    const id = uuidFrom(dc.claimId);
    const delivery = demoDelivery(dc.cityCode, dc.claimId);
    let fillDays: number | null = null;
    d.lines.forEach((l, i) => {
      const line = claim.lines[i]!;
      if (l.compliantFen > 0) {
        history.push({ date: claim.serviceDate, drugCode: l.drugCode, daysSupply: line.daysSupply, institutionId: claim.institution.id });
        prior.add(l.drugCode);
        fillDays = Math.max(fillDays ?? 0, line.daysSupply);
      }
      t.claim_lines += copyLine([
        p.districtCode,
        id,
        l.lineNo,
        l.drugCode,
        line.form,
        line.quantity,
        line.daysSupply,
        l.amountFen,
        l.compliantFen,
        l.fundFen,
        l.patientFen,
        l.hitCodes,
        p.id,
        claim.serviceDate,
        claim.institution.id,
      ]);
    });
    const req = {
      idempotencyKey: dc.idempotencyKey,
      patientId: p.id,
      institutionId: claim.institution.id,
      serviceDate: claim.serviceDate,
      pathway: claim.pathway,
      referralFromInstitutionId: claim.referral?.fromInstitutionId ?? null,
      referralIssuedOn: claim.referral?.issuedOn ?? null,
      sourcePrescriptionId: rx?.id ?? null,
      conditionStable: claim.conditionStable,
      lines: claim.lines.map((l) => ({ drugCode: l.drugCode, form: l.form, quantity: l.quantity, daysSupply: l.daysSupply, amountFen: l.amountFen })),
      ...(delivery === null ? {} : { delivery }),
    };
    if (delivery !== null) t.claim_deliveries += copyLine([p.districtCode, id, delivery.providerCode, delivery.providerName]);
    t.claims += copyLine([
      p.districtCode,
      id,
      p.id,
      claim.institution.id,
      dc.cityCode,
      claim.serviceDate,
      year,
      claim.pathway,
      dc.idempotencyKey,
      requestHash(req),
      d.outcome,
      d.category,
      d.rationalUse,
      d.amountFen,
      d.compliantFen,
      d.fundFen,
      d.patientFen,
      [...new Set(d.hits.map((h) => h.code))],
      d.ruleSetId,
      d.ruleSetVersion,
      d.catalogueVersionId,
      d.overrideName,
      diseases,
      req.referralFromInstitutionId,
      req.referralIssuedOn,
      req.sourcePrescriptionId,
      req.conditionStable,
      'demo-loader',
    ]);
    t.claim_documents += copyLine([p.districtCode, id, JSON.stringify(req), JSON.stringify(d)]);
    facts.push({
      serviceDate: claim.serviceDate,
      institutionId: claim.institution.id,
      category: d.category,
      diseases,
      rational: d.rationalUse,
      amountFen: d.amountFen,
      compliantFen: d.compliantFen,
      fundFen: d.fundFen,
      fillDays,
      refused: refusedOutright(d.hits.map((h) => h.code)),
    });
  }
  for (const g of p.generalOutpatient) {
    const l = ledgers.get(g.year) ?? { fund: 0, compliant: 0, cost: 0, paidClaims: 0, capReachedOn: null };
    t.benefit_ledger += copyLine([
      p.districtCode,
      p.id,
      g.year,
      l.fund,
      l.compliant,
      l.cost,
      g.fundPaidFen,
      g.exhaustedOn !== null,
      l.paidClaims,
      l.capReachedOn,
    ]);
  }

  const patientFacts = {
    districtCode: p.districtCode,
    streetCode: p.streetCode,
    managingInstitutionId: p.homeInstitutionId,
    birthDate: p.birthDate,
    scheme: p.scheme,
    managed: p.managed,
    managedSince: p.managedFrom,
    diseases: p.diseases,
    certifications: c === null ? [] : [{ certifiedOn: c.certifiedOn, revokedOn: c.revokedOn }],
    followUps: r.followUps.map((f) => ({
      date: f.date,
      faceToFace: f.faceToFace,
      systolic: f.systolic,
      diastolic: f.diastolic,
      glucoseTenths: f.fastingGlucose === null ? null : Math.round(f.fastingGlucose * 10),
    })),
    claims: facts,
    signings,
  };
  for (const year of DEMO_YEARS) addPatientYear(rollup, patientFacts, year);
  chunk.patients += 1;
  chunk.claims += r.claims.length;
  chunk.followUps += r.followUps.length;
}

/** The demo in chunks of `perChunk` patients; the rollups of every patient come back at the end. */
export function* demoChunks(options: DemoOptions, overrides: readonly RuleSetOverride[], trace: boolean, perChunk: number, rollup: Rollup): Generator<Chunk> {
  let chunk = emptyChunk();
  for (const r of generateRecords(options)) {
    addPatient(chunk, rollup, r, overrides, trace);
    if (chunk.patients >= perChunk) {
      yield chunk;
      chunk = emptyChunk();
    }
  }
  if (chunk.patients > 0) yield chunk;
}
