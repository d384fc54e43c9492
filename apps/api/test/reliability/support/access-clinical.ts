/**
 * The access matrix of the clinical records and the general-outpatient feed (modules/clinical).
 * Their rules (auth/scope.ts assertClinicalWrite): a record belongs to the patient's district; its
 * bureau records it, and so does an operator of the issuing institution for a patient of any
 * district of its city (that operator may write there but not read: clinicalRecord stays scoped like
 * patient(id)). City-wide roles may find the patient but not write. The feed is the district
 * bureau's own (like recordGeneralOutpatient). The finding codes are reference data.
 */
import type { Fixtures, Outcome, Role, Spec, Target } from './access';
import { PLACE, visible } from './access';

export interface ClinicalFixtures {
  /** a new finding of the target's patient, recorded by its bureau at the target's institution */
  freshFinding: (t: Target) => Promise<string>;
}

/** Visible for a clinical write: the whole city for an operator, where it may read for the others. */
const findable = (r: Role, t: Target) => (r === 'institution_operator' ? t !== 'other city' : visible(r, t));
/** The bureau in its district; the operator where it issued the record (`issuer`); the rest FORBIDDEN once found. */
const clinicalWrite =
  (issuer: (t: Target) => boolean) =>
  (r: Role, t: Target): Outcome => {
    if (!findable(r, t)) return 'NOT_FOUND';
    if (r === 'district_bureau') return t === 'own district' ? 'data' : 'NOT_FOUND';
    return r === 'institution_operator' && issuer(t) ? 'data' : 'FORBIDDEN';
  };
const never = () => false;
const readOne = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'NOT_FOUND');
const feed = (r: Role, t: Target): Outcome => (r === 'district_bureau' && t === 'own district' ? 'data' : 'FORBIDDEN');
/** The operator's own institution as the issuer, the target's otherwise. */
const issuerOf = (t: Target, r: Role) => (r === 'institution_operator' ? 'I-LX-CHC' : PLACE[t].institution);

export function clinicalSpecs(fixtures: () => ClinicalFixtures): Spec[] {
  return [
    {
      op: 'recordPrescription',
      label: 'recordPrescription',
      expect: clinicalWrite(never), // I-LX-H2 issues it: the operator of I-LX-CHC is not the issuer
      request: (_f: Fixtures, t) => ({
        query: `mutation($i: RecordPrescriptionInput!) { recordPrescription(input: $i) { prescription { id districtCode } } }`,
        variables: {
          i: {
            patientId: PLACE[t].patient,
            institutionId: 'I-LX-H2',
            issuedOn: '2025-05-01',
            drugs: ['amlodipine'],
            diseases: ['HYPERTENSION'],
            prescriptionNo: `MX-${t.replace(/ /g, '-')}`,
          },
        },
      }),
    },
    {
      op: 'recordReferral',
      label: 'recordReferral',
      expect: clinicalWrite((t) => t === 'own district'), // from the target's designated institution: the operator's only in its own district
      request: (_f: Fixtures, t) => ({
        query: `mutation($i: RecordReferralInput!) { recordReferral(input: $i) { referral { id districtCode } } }`,
        variables: {
          i: { patientId: PLACE[t].patient, fromInstitutionId: PLACE[t].institution, toInstitutionId: 'I-LX-H2', issuedOn: '2025-05-01', reason: 'matrix' },
        },
      }),
    },
    {
      op: 'recordFinding',
      label: 'recordFinding',
      expect: clinicalWrite(() => true), // at the operator's own institution, for a patient of any district of its city
      request: (_f: Fixtures, t, r) => ({
        query: `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { finding { id districtCode } } }`,
        variables: {
          i: { patientId: PLACE[t].patient, code: 'first_line_contraindicated', recordedOn: '2025-05-01', institutionId: issuerOf(t, r), source: 'matrix' },
        },
      }),
    },
    {
      op: 'retractFinding',
      label: 'retractFinding',
      expect: clinicalWrite((t) => t === 'own district'), // found by the target's institution: the operator's only in its own district
      request: async (_f: Fixtures, t) => ({
        query: `mutation($id: ID!) { retractFinding(findingId: $id, retractedOn: "2025-06-01", reason: "matrix") { id } }`,
        variables: { id: await fixtures().freshFinding(t) },
      }),
    },
    {
      op: 'clinicalRecord',
      label: 'clinicalRecord(patientId)',
      expect: readOne,
      request: (_f: Fixtures, t) => ({
        query: `query($p: ID!) { clinicalRecord(patientId: $p) { districtCode prescriptions { id } findings { id } } }`,
        variables: { p: PLACE[t].patient },
      }),
    },
    {
      op: 'clinicalFindingCodes',
      label: 'clinicalFindingCodes(city)',
      expect: () => 'data',
      request: (_f: Fixtures, t) => ({
        query: `query($c: String!) { clinicalFindingCodes(cityCode: $c, date: "2025-06-01") { code } }`,
        variables: { c: PLACE[t].city },
      }),
    },
    {
      op: 'recordGeneralOutpatientBatch',
      label: 'recordGeneralOutpatientBatch',
      expect: feed,
      request: (_f: Fixtures, t) => ({
        query: `mutation($i: GeneralOutpatientBatchInput!) { recordGeneralOutpatientBatch(input: $i) { feedId } }`,
        variables: {
          i: {
            districtCode: PLACE[t].district,
            year: 2025,
            asOf: '2025-06-01',
            entries: [{ patientId: PLACE[t].patient, fundPaidFen: 20_000, exhausted: true }],
          },
        },
      }),
    },
    {
      op: 'recordGeneralOutpatientCsv',
      label: 'recordGeneralOutpatientCsv',
      expect: feed,
      request: (_f: Fixtures, t) => ({
        query: `mutation($d: String!, $csv: String!) { recordGeneralOutpatientCsv(districtCode: $d, year: 2025, asOf: "2025-06-01", csv: $csv) { feedId } }`,
        variables: { d: PLACE[t].district, csv: `患者编号,普通门诊基金已支付(分),是否用完\n${PLACE[t].patient},20000,是\n` },
      }),
    },
  ];
}
