/**
 * Loads what the policy core needs to know about a patient's year, as of a claim's date:
 * the patient, diseases, certification, designations, the locked ledger row and recent
 * dispensing. Called inside the claim's transaction, after the ledger row is locked.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import type { ClinicalFinding, DiabetesType, Disease, DispensingRecord, InsuranceScheme, PatientYear } from '@liangbing/policy';
import { addDays } from '@liangbing/policy';
import type { PatientExit } from '../patients/patient-life.claims';

interface PatientRow {
  id: string;
  district_code: string;
  scheme: InsuranceScheme;
  chronic_programme_diseases: Disease[];
  long_term_residence_elsewhere: boolean;
  findings: ClinicalFinding[];
  left_on: string | null;
  left_reason: PatientExit['leftReason'];
}

export interface LedgerRow {
  fund_paid_fen: string;
  compliant_fen: string;
  general_outpatient_fund_fen: string;
  general_outpatient_exhausted: boolean;
}

/** Days of dispensing history the duplicate-dispensing rule looks back over (longest supply + tolerance). */
export const HISTORY_DAYS = 200;

export async function lockLedger(em: EntityManager, districtCode: string, patientId: string, year: number): Promise<LedgerRow> {
  await exec(em, 
    `insert into benefit_ledger (district_code, patient_id, year) values (?, ?, ?) on conflict do nothing`,
    [districtCode, patientId, year],
  );
  const rows = await exec<LedgerRow>(em, 
    `select fund_paid_fen, compliant_fen, general_outpatient_fund_fen, general_outpatient_exhausted
       from benefit_ledger where district_code = ? and patient_id = ? and year = ? for update`,
    [districtCode, patientId, year],
  );
  return rows[0]!;
}

/** The patient's year as of the service date: the scheme in force and W-7 residence on that date (Migration20261206030000_patient_lives), and whether they had left. */
export async function loadPatientYear(em: EntityManager, districtCode: string, patientId: string, serviceDate: string, ledger: LedgerRow): Promise<(PatientYear & PatientExit) | null> {
  const [patient] = await exec<PatientRow>(em, 
    // The scheme and W-7 residence in force on the service date (Migration20261206030000_patient_lives), and the
    // findings in force on it (clinical_findings; modules/clinical/in-force.ts spells the same rule).
    `select p.id, p.district_code, patient_scheme_on(p.district_code, p.id, ?::date, p.scheme) as scheme, p.chronic_programme_diseases,
            patient_resides_elsewhere_on(p.district_code, p.id, ?::date, p.long_term_residence_elsewhere) as long_term_residence_elsewhere,
            array(select distinct f.code from clinical_findings f
                   where f.district_code = p.district_code and f.patient_id = p.id and f.recorded_on <= ?::date
                     and (f.valid_until is null or f.valid_until >= ?::date) and (f.retracted_on is null or f.retracted_on > ?::date)) as findings,
            to_char(p.left_on, 'YYYY-MM-DD') as left_on, p.left_reason
       from patients p where p.district_code = ? and p.id = ?`,
    [serviceDate, serviceDate, serviceDate, serviceDate, serviceDate, districtCode, patientId],
  );
  if (patient === undefined) return null;
  const [diseases, certs, designations, history, prior] = await Promise.all([
    exec<{ disease: Disease; diabetes_type: DiabetesType | null; diagnosed_on: string }>(em, 
      `select disease, diabetes_type, to_char(diagnosed_on, 'YYYY-MM-DD') as diagnosed_on from patient_diseases where district_code = ? and patient_id = ?`,
      [districtCode, patientId],
    ),
    exec<{ certified_on: string; diseases: Disease[]; revoked_on: string | null }>(em, 
      `select to_char(certified_on, 'YYYY-MM-DD') as certified_on, diseases, to_char(revoked_on, 'YYYY-MM-DD') as revoked_on
         from certifications where district_code = ? and patient_id = ? and certified_on <= ?::date
        order by (revoked_on is null) desc, certified_on desc limit 1`,
      [districtCode, patientId, serviceDate],
    ),
    exec<{ institution_id: string; consortium_id: string | null; valid_from: string; valid_to: string | null }>(em, 
      `select institution_id, consortium_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to
         from designations where district_code = ? and patient_id = ? order by valid_from`,
      [districtCode, patientId],
    ),
    exec<{ date: string; drug_code: string; days_supply: number; institution_id: string }>(em, 
      `select to_char(c.service_date, 'YYYY-MM-DD') as date, l.drug_code, l.days_supply, c.institution_id
         from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
        where c.district_code = ? and c.patient_id = ? and c.status = 'accepted'
          and c.service_date between ?::date and ?::date and l.compliant_fen > 0`,
      [districtCode, patientId, addDays(serviceDate, -HISTORY_DAYS), serviceDate],
    ),
    exec<{ drug_code: string }>(em, 
      `select distinct l.drug_code from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
        where c.district_code = ? and c.patient_id = ? and c.status = 'accepted' and c.service_date <= ?::date and l.compliant_fen > 0`,
      [districtCode, patientId, serviceDate],
    ),
  ]);
  const cert = certs[0];
  return {
    scheme: patient.scheme,
    districtCode,
    diseases: diseases.map((d) => ({ disease: d.disease, diabetesType: d.diabetes_type, diagnosedOn: d.diagnosed_on })),
    certification: cert === undefined ? null : { certifiedOn: cert.certified_on, diseases: cert.diseases, revokedOn: cert.revoked_on },
    designations: designations.map((d) => ({ institutionId: d.institution_id, consortiumId: d.consortium_id, from: d.valid_from, to: d.valid_to })),
    chronicProgrammeDiseases: patient.chronic_programme_diseases,
    longTermResidenceElsewhere: patient.long_term_residence_elsewhere,
    generalOutpatient: { exhausted: ledger.general_outpatient_exhausted, fundPaidFen: Number(ledger.general_outpatient_fund_fen) },
    fundPaidFen: Number(ledger.fund_paid_fen),
    compliantFenYtd: Number(ledger.compliant_fen),
    findings: patient.findings,
    priorDrugCodes: prior.map((p) => p.drug_code),
    history: history.map((h): DispensingRecord => ({ date: h.date, drugCode: h.drug_code, daysSupply: h.days_supply, institutionId: h.institution_id })),
    leftOn: patient.left_on,
    leftReason: patient.left_reason,
  };
}
