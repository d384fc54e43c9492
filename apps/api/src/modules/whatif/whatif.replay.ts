/**
 * The what-if replay of one patient's claims, in memory: each stored claim is decided again by the
 * policy core under the what-if overrides, in date order, with the patient's year rebuilt the way
 * the claim path rebuilds it from the database, through the same policy-core function
 * (patientYearAsOf, position.ts) — the insurance scheme, residence elsewhere, findings and
 * certification as of the claim's date, designations, the general-outpatient position, what the benefit paid so far this
 * year, every drug dispensed before, the last 200 days of dispensing — except that everything the
 * period's earlier claims contribute comes from their replayed decisions, not their stored ones.
 * Nothing here touches the database: the real ledger is never written.
 */
import {
  adjudicate,
  fillsOf,
  historySince,
  patientYearAsOf,
  positionAfter,
  reachesCap,
  type Certification,
  type ClaimInput,
  type Decision,
  type Designation,
  type Disease,
  type DispensingRecord,
  type InsuranceScheme,
  type PatientDisease,
  type PatientYear,
  type PositionBefore,
  type RuleSetOverride,
} from '@liangbing/policy';
import { findingsOn, type FindingSpan } from '../clinical/in-force';
import { residesElsewhereOn, schemeOn, type ResidencePeriod, type SchemeChange } from '../patients/patient-life.dates';

export interface ReplayPatient {
  districtCode: string;
  id: string;
  /** the current scheme (patients.scheme); each claim is decided on the one in force on its date, from schemeChanges */
  scheme: InsuranceScheme;
  /** dated scheme changes, in date order (patient_scheme_changes) */
  schemeChanges: SchemeChange[];
  chronicProgrammeDiseases: Disease[];
  /** the undated W-7 flag, which counts only for a patient without dated residences */
  longTermResidenceElsewhere: boolean;
  /** dated periods of residence elsewhere (patient_residences_elsewhere), in date order */
  residences: ResidencePeriod[];
  /** clinical findings with the days they are in force: each claim sees those of its date */
  findings: FindingSpan[];
  diseases: PatientDisease[];
  /** every certificate, in the order the claim path prefers them: active first, then the latest */
  certifications: Certification[];
  designations: Designation[];
}

/** A patient-year's position when the period opens. */
export interface OpeningYear {
  generalOutpatient: { exhausted: boolean; fundPaidFen: number };
  /** what the benefit paid this year before the period (stored claims, not replayed) */
  fundPaidFen: number;
  compliantFen: number;
  /** the day the stored ledger reached the cap, if it did */
  storedCapReachedOn: string | null;
}

export interface ReplayClaim {
  year: number;
  /** YYYY-MM of the service date */
  month: string;
  claim: ClaimInput;
  /** what was decided and paid when the claim was submitted */
  stored: { amountFen: number; fundFen: number; patientFen: number; compliantFen: number };
  /** the claim's rank among the patient's claims of its day in id order (0 for the first) */
  sameDayRank: number;
  /** the lines decided compliant when the claim was stored, as bits by line index (at most MAX_LINES = 20 lines) */
  compliantLines: number;
}

export interface ReplayPatientData {
  patient: ReplayPatient;
  /** by year; a year without a ledger row opens at zero with the general-outpatient benefit not used up */
  years: Map<number, OpeningYear>;
  /** accepted claims of the period, in date order */
  claims: ReplayClaim[];
  /** compliant dispensing before the period, within HISTORY_DAYS of its start, oldest first */
  history: DispensingRecord[];
  /** every drug dispensed compliantly before the period */
  priorDrugCodes: string[];
}

export interface ReplayedClaim {
  claim: ReplayClaim;
  decision: Decision;
  /** true when the replayed fund share is the first in the year to leave nothing of the cap */
  reachedCap: boolean;
}

const NO_GENERAL_OUTPATIENT = { exhausted: false, fundPaidFen: 0 };

/**
 * Decides the patient's claims again; `onClaim` receives each decision. `capture`, when given, sees
 * each input pair before it is decided (the benchmark re-runs the policy core on exactly these).
 */
export function replayPatient(
  data: ReplayPatientData,
  overrides: readonly RuleSetOverride[],
  onClaim: (r: ReplayedClaim) => void,
  capture?: (claim: ClaimInput, patient: PatientYear) => void,
): void {
  const p = data.patient;
  const ledgers = new Map<number, { position: PositionBefore; capReached: boolean }>();
  const history: DispensingRecord[] = [...data.history];
  let historyStart = 0;
  const prior = new Set(data.priorDrugCodes);
  let priorList: string[] = [...prior];

  for (const rc of data.claims) {
    const date = rc.claim.serviceDate;
    let ledger = ledgers.get(rc.year);
    if (ledger === undefined) {
      const opening = data.years.get(rc.year);
      ledger = {
        position: {
          fundPaidFen: opening?.fundPaidFen ?? 0,
          compliantFenYtd: opening?.compliantFen ?? 0,
          generalOutpatient: opening?.generalOutpatient ?? NO_GENERAL_OUTPATIENT,
        },
        capReached: false,
      };
      ledgers.set(rc.year, ledger);
    }
    // The history is in date order and the claims too: the window's start only moves forward.
    const since = historySince(date);
    while (historyStart < history.length && history[historyStart]!.date < since) historyStart++;
    // Scheme, residence and findings as in force on the claim's own date, as the claim path reads them (claim.input.ts patientYearOf).
    const standing = {
      scheme: schemeOn(p.scheme, p.schemeChanges, date) as InsuranceScheme,
      districtCode: p.districtCode,
      diseases: p.diseases,
      certifications: p.certifications,
      designations: p.designations,
      chronicProgrammeDiseases: p.chronicProgrammeDiseases,
      longTermResidenceElsewhere: residesElsewhereOn(p.longTermResidenceElsewhere, p.residences, date),
      findings: findingsOn(p.findings, date),
    };
    const patientYear = patientYearAsOf(date, standing, ledger.position, {
      priorDrugCodes: priorList,
      history: historyStart === 0 ? history.slice() : history.slice(historyStart),
    });
    capture?.(rc.claim, patientYear);
    const decision = adjudicate(rc.claim, patientYear, { trace: false, overrides });
    ledger.position = positionAfter(ledger.position, decision);
    // As claim_write records cap_reached_on: the first paid claim of the year that leaves nothing of the cap.
    const reachedCap = !ledger.capReached && reachesCap(decision);
    if (reachedCap) ledger.capReached = true;
    let added = false;
    for (const f of fillsOf(rc.claim, decision)) {
      history.push(f);
      if (!prior.has(f.drugCode)) {
        prior.add(f.drugCode);
        added = true;
      }
    }
    if (added) priorList = [...prior];
    onClaim({ claim: rc, decision, reachedCap });
  }
}
