/**
 * The hostile corpus of the clinical records and the general-outpatient feed (modules/clinical):
 * their valid requests as the 320213 bureau sends them, and bad requests each with the code it
 * must be answered with.
 */
import type { Code, HostileCase } from './hostile-cases';

const BAD: readonly Code[] = ['BAD_USER_INPUT'];
const NF: readonly Code[] = ['NOT_FOUND'];
const FB: readonly Code[] = ['FORBIDDEN'];

const prescription = { patientId: 'P1', institutionId: 'I-LX-H2', issuedOn: '2025-05-01', drugs: ['amlodipine'], diseases: ['HYPERTENSION'] };
const referral = { patientId: 'P1', fromInstitutionId: 'I-LX-CHC', toInstitutionId: 'I-LX-H2', issuedOn: '2025-05-01', reason: 'specialist' };
const finding = { patientId: 'P1', code: 'first_line_contraindicated', recordedOn: '2025-05-01', institutionId: 'I-LX-H2', source: '出院记录' };
const feed = { year: 2025, asOf: '2025-06-01', entries: [{ patientId: 'P1', fundPaidFen: 20_000, exhausted: true }] };
const CSV_HEADER = '患者编号,普通门诊基金已支付(分),是否用完\n';

export const CLINICAL_OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  recordPrescription: { query: `mutation($i: RecordPrescriptionInput!) { recordPrescription(input: $i) { replayed } }`, variables: { i: prescription } },
  recordReferral: { query: `mutation($i: RecordReferralInput!) { recordReferral(input: $i) { replayed } }`, variables: { i: referral } },
  recordFinding: { query: `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { replayed } }`, variables: { i: finding } },
  retractFinding: {
    query: `mutation($id: ID!, $on: String!, $r: String!) { retractFinding(findingId: $id, retractedOn: $on, reason: $r) { id } }`,
    variables: { id: '00000000-0000-4000-8000-000000000000', on: '2025-06-01', r: 'error' },
  },
  clinicalRecord: { query: `query($p: ID!, $on: String) { clinicalRecord(patientId: $p, on: $on) { patientId } }`, variables: { p: 'P1' } },
  clinicalFindingCodes: {
    query: `query($c: String!, $d: String!) { clinicalFindingCodes(cityCode: $c, date: $d) { code } }`,
    variables: { c: '320200', d: '2025-06-01' },
  },
  recordGeneralOutpatientBatch: {
    query: `mutation($i: GeneralOutpatientBatchInput!) { recordGeneralOutpatientBatch(input: $i) { feedId } }`,
    variables: { i: feed },
  },
  recordGeneralOutpatientCsv: {
    query: `mutation($y: Int!, $a: String!, $csv: String!) { recordGeneralOutpatientCsv(year: $y, asOf: $a, csv: $csv) { feedId } }`,
    variables: { y: 2025, a: '2025-06-01', csv: `${CSV_HEADER}P1,20000,是\n` },
  },
};

type Patch = [string, unknown, readonly Code[]];

export function clinicalCases(bearer: string): HostileCase[] {
  const out: HostileCase[] = [];
  const show = (v: unknown) => (typeof v === 'string' && v.length > 24 ? `"${v.slice(0, 12)}…"(${v.length})` : (JSON.stringify(v) ?? 'missing'));
  const add = (op: string, patches: Patch[], into: 'i' | null) => {
    const base = CLINICAL_OPERATIONS[op]!;
    for (const [f, v, expect] of patches) {
      const vars = { ...base.variables };
      if (into === null) vars[f] = v;
      else vars[into] = { ...(vars[into] as Record<string, unknown>), [f]: v };
      out.push({ kind: 'gql', category: 'clinical records', name: `${op} ${f}=${show(v)}`, auth: bearer, query: base.query, variables: vars, expect });
    }
  };
  add(
    'recordPrescription',
    [
      ['patientId', 'NOPE', NF],
      ['patientId', 'P3', NF],
      ['patientId', 'G1', NF],
      ['institutionId', 'I-LX-CHC', BAD],
      ['institutionId', 'NOPE', BAD],
      ['issuedOn', '2025-02-30', BAD],
      ['issuedOn', '2999-01-01', BAD],
      ['drugs', [], BAD],
      ['drugs', ['snake-oil'], BAD],
      ['drugs', ['amlodipine', 'amlodipine'], BAD],
      ['drugs', Array.from({ length: 21 }, () => 'amlodipine'), BAD],
      ['diseases', [], BAD],
      ['diseases', ['FLU'], BAD],
      ['prescriptionNo', 'has space', BAD],
      ['prescriptionNo', 'n'.repeat(65), BAD],
    ],
    'i',
  );
  add(
    'recordReferral',
    [
      ['patientId', 'P3', NF],
      ['fromInstitutionId', 'I-LX-H3', BAD],
      ['toInstitutionId', 'I-LX-CHC', BAD],
      ['toInstitutionId', 'NOPE', BAD],
      ['issuedOn', 'soon', BAD],
      ['validUntil', '2025-04-01', BAD],
      ['reason', '', BAD],
      ['reason', 'r'.repeat(501), BAD],
    ],
    'i',
  );
  add(
    'recordFinding',
    [
      ['code', 'heart_failure', BAD],
      ['code', '', BAD],
      ['recordedOn', '2999-01-01', BAD],
      ['validUntil', '2025-01-01', BAD],
      ['institutionId', 'NOPE', BAD],
      ['source', ' ', BAD],
      ['patientId', 'P3', NF],
    ],
    'i',
  );
  add(
    'retractFinding',
    [
      ['id', 'nope', NF],
      ['id', '11111111-1111-4111-8111-111111111111', NF],
      ['on', '2025-02-30', BAD],
      ['r', '', BAD],
    ],
    null,
  );
  add(
    'clinicalRecord',
    [
      ['p', 'NOPE', NF],
      ['p', 'P3', NF],
      ['p', 'G1', NF],
      ['on', '2025-13-01', BAD],
    ],
    null,
  );
  add(
    'clinicalFindingCodes',
    [
      ['c', '999999', BAD],
      ['d', '2025-02-30', BAD],
      ['d', '1900-01-01', BAD],
    ],
    null,
  );
  add(
    'recordGeneralOutpatientBatch',
    [
      ['year', 1999, BAD],
      ['asOf', '2999-01-01', BAD],
      ['asOf', '2024-12-31', BAD],
      ['entries', [], BAD],
      ['districtCode', '320281', FB],
      ['districtCode', '520102', FB],
      ['entries', Array.from({ length: 10_001 }, () => ({ patientId: 'P1', fundPaidFen: 0, exhausted: true })), BAD],
      ['entries', [{ patientId: 'P1', fundPaidFen: 1.5, exhausted: true }], BAD],
    ],
    'i',
  );
  add(
    'recordGeneralOutpatientCsv',
    [
      ['csv', '', BAD],
      ['csv', 'a,b\n1,2\n', BAD],
      ['csv', `${CSV_HEADER}${'P1,0,是\n'.repeat(10_001)}`, BAD],
      ['a', 'x', BAD],
      ['y', 2101, BAD],
    ],
    null,
  );
  return out;
}
