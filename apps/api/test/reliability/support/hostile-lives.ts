/**
 * The hostile corpus's base requests of patients' lives and configuration values (issue #16), as
 * the 320213 bureau sends them; the shared cases (unknown arguments, wrong types) are built from them.
 */
export const LIVES_OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  updatePatient: {
    query: `mutation($p: ID!, $c: PatientChangesInput!, $r: String!) { updatePatient(patientId: $p, changes: $c, reason: $r) { id } }`,
    variables: { p: 'P1', c: { phone: '13900000009' }, r: 'correction' },
  },
  changeInsuranceScheme: {
    query: `mutation($p: ID!, $s: InsuranceScheme!, $f: String!, $r: String!) { changeInsuranceScheme(patientId: $p, scheme: $s, effectiveFrom: $f, reason: $r) { id } }`,
    variables: { p: 'P1', s: 'EMPLOYEE', f: '2025-03-01', r: 'employed' },
  },
  recordResidenceElsewhere: {
    query: `mutation($p: ID!, $f: String!, $pl: String!, $n: String!) { recordResidenceElsewhere(patientId: $p, from: $f, place: $pl, note: $n) { id } }`,
    variables: { p: 'P1', f: '2025-02-01', pl: '上海市', n: 'filed' },
  },
  endResidenceElsewhere: {
    query: `mutation($p: ID!, $id: ID!, $to: String!, $r: String!) { endResidenceElsewhere(patientId: $p, residenceId: $id, to: $to, reason: $r) { id } }`,
    variables: { p: 'P1', id: '00000000-0000-0000-0000-000000000000', to: '2025-05-31', r: 'back' },
  },
  recordDeath: {
    query: `mutation($p: ID!, $on: String!) { recordDeath(patientId: $p, on: $on) { patient { id } } }`,
    variables: { p: 'P1', on: '2025-05-01' },
  },
  recordMoveAway: {
    query: `mutation($p: ID!, $on: String!) { recordMoveAway(patientId: $p, on: $on) { patient { id } } }`,
    variables: { p: 'P1', on: '2025-05-01' },
  },
  undoDeparture: { query: `mutation($p: ID!, $r: String!) { undoDeparture(patientId: $p, reason: $r) { id } }`, variables: { p: 'P1', r: 'wrong patient' } },
  revokeCertificate: {
    query: `mutation($p: ID!, $no: String!, $on: String!, $r: String!) { revokeCertificate(patientId: $p, certificateNo: $no, on: $on, reason: $r) { id } }`,
    variables: { p: 'P1', no: 'C-0001', on: '2025-07-01', r: 'revoked' },
  },
  renewCertificate: {
    query: `mutation($p: ID!, $no: String!, $d: [Disease!]!, $on: String!, $i: ID!) { renewCertificate(patientId: $p, certificateNo: $no, diseases: $d, on: $on, institutionId: $i) { id } }`,
    variables: { p: 'P1', no: 'C-0002', d: ['HYPERTENSION'], on: '2025-07-01', i: 'I-LX-CHC' },
  },
  correctFollowUp: {
    query: `mutation($id: ID!, $c: FollowUpChangesInput!, $r: String!) { correctFollowUp(id: $id, changes: $c, reason: $r) }`,
    variables: { id: '00000000-0000-0000-0000-000000000000', c: { systolic: 126 }, r: 'typo' },
  },
  deleteFollowUp: {
    query: `mutation($id: ID!, $r: String!) { deleteFollowUp(id: $id, reason: $r) }`,
    variables: { id: '00000000-0000-0000-0000-000000000000', r: 'duplicate' },
  },
  configuration: { query: `query($c: String!, $d: String!) { configuration(cityCode: $c, date: $d) { key } }`, variables: { c: '320200', d: '2025-06-30' } },
  headlineTargets: {
    query: `query($r: String!, $y: Int!, $q: Int) { headlineTargets(regionCode: $r, year: $y, quarter: $q) { indicator } }`,
    variables: { r: '320213', y: 2025, q: 2 },
  },
  setConfigurationValue: {
    query: `mutation($c: String!, $k: String!, $f: String!, $v: JSON!, $s: ConfigurationSourceInput!) { setConfigurationValue(cityCode: $c, key: $k, validFrom: $f, value: $v, source: $s) { id } }`,
    variables: { c: '320200', k: 'monitoring.earlyRefillDaysLeft', f: '2030-01-01', v: 8, s: { kind: 'BUREAU', note: 'decision' } },
  },
};
