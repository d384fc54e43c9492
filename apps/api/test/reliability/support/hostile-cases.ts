/**
 * The hostile corpus: bad requests generated over every mutation and query, each with the code
 * it must be answered with. Field cases patch one field of a valid request (so that the one
 * thing wrong is the thing named); token cases send every operation with every kind of bad
 * token. The valid bases themselves are never sent here.
 */
import { residentId } from './stack';
import { DRUGS } from './claims';
import { CLINICAL_OPERATIONS, clinicalCases } from './hostile-clinical';
import { masterDataCases, MASTERDATA_OPERATIONS } from './hostile-masterdata';
import { LIVES_OPERATIONS } from './hostile-lives';
import { HISTORY_OPERATIONS } from './hostile-history';
import { SIGNING_OPERATIONS, signingCases } from './hostile-signing';
import { PAYSTD_OPERATIONS, paystdCases } from './hostile-paystd';

export type Code =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'GRAPHQL_VALIDATION_FAILED' | 'GRAPHQL_PARSE_FAILED' | 'QUERY_TOO_COSTLY';

export interface GqlCase {
  kind: 'gql';
  category: string;
  name: string;
  /** null: no Authorization header; a string: sent as the whole header value */
  auth: string | null;
  query: string;
  variables?: unknown;
  expect: readonly Code[];
}

export interface RawCase {
  kind: 'raw';
  category: string;
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: readonly Code[];
}

export type HostileCase = GqlCase | RawCase;

const BAD: readonly Code[] = ['BAD_USER_INPUT'];
const NF: readonly Code[] = ['NOT_FOUND'];
const FB: readonly Code[] = ['FORBIDDEN'];
const VAL: readonly Code[] = ['GRAPHQL_VALIDATION_FAILED'];

/** The valid request of each operation, as the 320213 bureau would send it. */
export const OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  claim: { query: `query($id: ID!) { claim(id: $id) { id } }`, variables: { id: '00000000-0000-4000-8000-000000000000' } },
  claims: {
    query: `query($f: ClaimFilter, $first: Int!, $after: String) { claims(filter: $f, first: $first, after: $after) { totalCount } }`,
    variables: { first: 10 },
  },
  patient: { query: `query($id: ID!) { patient(id: $id) { id } }`, variables: { id: 'P1' } },
  patients: {
    query: `query($f: PatientFilter, $first: Int!, $after: String) { patients(filter: $f, first: $first, after: $after) { totalCount } }`,
    variables: { first: 10 },
  },
  quarterlyReport: {
    query: `query($r: String!, $y: Int!, $q: Int!) { quarterlyReport(regionCode: $r, year: $y, quarter: $q) { excelPath } }`,
    variables: { r: '320213', y: 2025, q: 2 },
  },
  ruleHitCounts: {
    query: `query($r: String!, $from: String!, $to: String!) { ruleHitCounts(regionCode: $r, from: $from, to: $to) { code } }`,
    variables: { r: '320213', from: '2025-01-01', to: '2025-12-31' },
  },
  institutions: { query: `query($r: String!) { institutions(regionCode: $r) { id } }`, variables: { r: '320213' } },
  catalogue: { query: `query($c: String!, $d: String!) { catalogue(cityCode: $c, date: $d) { catalogueId } }`, variables: { c: '320200', d: '2025-06-01' } },
  regions: { query: `query($c: String) { regions(cityCode: $c) { code } }`, variables: {} },
  viewer: { query: `{ viewer { userId } }` },
  indicatorDefinitions: { query: `{ indicatorDefinitions { id } }` },
  statistics: {
    query: `query($r: String!, $y: Int!, $q: Int, $d: DiseaseFilter!) { statistics(regionCode: $r, year: $y, quarter: $q, disease: $d) { indicators { managedPatients } } }`,
    variables: { r: '320213', y: 2025, q: 2, d: 'ALL' },
  },
  statisticsTrend: {
    query: `query($r: String!, $y: Int!, $q: Int!, $n: Int!) { statisticsTrend(regionCode: $r, year: $y, quarter: $q, quarters: $n) { period { year } } }`,
    variables: { r: '320213', y: 2025, q: 2, n: 4 },
  },
  institutionStatistics: {
    query: `query($r: String!, $y: Int!, $q: Int) { institutionStatistics(regionCode: $r, year: $y, quarter: $q) { institution { id } } }`,
    variables: { r: '320213', y: 2025, q: 2 },
  },
  latestDataPeriod: { query: `{ latestDataPeriod { year quarter } }` },
  // The mode is public; the overrides are not: without a token this answers UNAUTHENTICATED, as the token cases expect.
  deployment: { query: `{ deployment { mode overrides { name } } }` },
  submitClaim: {
    query: `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { replayed claim { id } } }`,
    variables: { input: claimBase('hostile-token') },
  },
  submitClaims: {
    query: `mutation($inputs: [SubmitClaimInput!]!) { submitClaims(inputs: $inputs) { index error { code } result { claim { id } } } }`,
    variables: { inputs: [claimBase('hostile-token-batch')] },
  },
  reverseClaim: {
    query: `mutation($id: ID!, $reason: String!) { reverseClaim(claimId: $id, reason: $reason) { id } }`,
    variables: { id: '00000000-0000-4000-8000-000000000000', reason: 'wrong patient' },
  },
  registerPatient: { query: `mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`, variables: { input: patientBase() } },
  certifyPatient: {
    query: `mutation($p: ID!, $no: String!, $on: String!, $i: ID!, $d: [Disease!]!) { certifyPatient(patientId: $p, certificateNo: $no, certifiedOn: $on, institutionId: $i, diseases: $d) { id } }`,
    variables: { p: 'P1', no: 'C-9999', on: '2025-06-01', i: 'I-LX-CHC', d: ['HYPERTENSION'] },
  },
  designateInstitution: {
    query: `mutation($p: ID!, $i: ID!, $from: String!) { designateInstitution(patientId: $p, institutionId: $i, effectiveFrom: $from) { id } }`,
    variables: { p: 'P1', i: 'I-LX-CHC', from: '2025-07-01' },
  },
  recordFollowUp: {
    query: `mutation($input: FollowUpInput!) { recordFollowUp(input: $input) }`,
    variables: { input: { patientId: 'P1', institutionId: 'I-LX-CHC', date: '2025-06-01', faceToFace: true, systolic: 130, diastolic: 80 } },
  },
  recordGeneralOutpatient: {
    query: `mutation($p: ID!, $y: Int!, $f: Fen!, $e: Boolean!) { recordGeneralOutpatient(patientId: $p, year: $y, fundPaidFen: $f, exhausted: $e) }`,
    variables: { p: 'P1', y: 2025, f: 1000, e: true },
  },
  alerts: { query: `query($f: AlertFilter, $first: Int!) { alerts(filter: $f, first: $first) { totalCount } }`, variables: { first: 10 } },
  alert: { query: `query($id: ID!) { alert(id: $id) { id } }`, variables: { id: '00000000-0000-4000-8000-000000000000' } },
  runMonitoring: {
    query: `mutation($r: String!, $from: String!, $to: String!) { runMonitoring(regionCode: $r, from: $from, to: $to) { districts } }`,
    variables: { r: '320213', from: '2025-01-01', to: '2025-03-31' },
  },
  updateAlert: {
    query: `mutation($id: ID!, $note: String, $rev: Boolean!) { updateAlert(id: $id, note: $note, reverseClaims: $rev) { alert { id } } }`,
    variables: { id: '00000000-0000-4000-8000-000000000000', note: 'x', rev: false },
  },
  importRoster: {
    query: `mutation($d: String!, $csv: String, $x: String, $ok: Boolean!) { importRoster(districtCode: $d, csv: $csv, excelBase64: $x, acceptValidRows: $ok) { replayed } }`,
    variables: { d: '320213', csv: '身份证号,姓名,病种,管理机构编码\n11010519491231002X,甲,高血压,I-LX-CHC\n', ok: true },
  },
  rosterImport: { query: `query($id: ID!) { rosterImport(id: $id) { id } }`, variables: { id: '00000000-0000-4000-8000-000000000000' } },
  rosterImports: { query: `query($d: String) { rosterImports(districtCode: $d) { id } }`, variables: { d: '320213' } },
  certifyInBulk: { query: `mutation($id: ID!) { certifyInBulk(importId: $id) { certified } }`, variables: { id: '00000000-0000-4000-8000-000000000000' } },
  recordUninsuredReason: {
    query: `mutation($id: ID!, $row: Int!, $reason: UninsuredReason!, $note: String) { recordUninsuredReason(importId: $id, rowNo: $row, reason: $reason, note: $note) { rowNo } }`,
    variables: { id: '00000000-0000-4000-8000-000000000000', row: 2, reason: 'INSURED_ELSEWHERE' },
  },
  creditRecords: {
    query: `query($r: String!, $t: CreditSubjectType!, $first: Int!, $n: Int!, $asOf: String) { creditRecords(regionCode: $r, subjectType: $t, first: $first, eventsPerRecord: $n, asOf: $asOf) { totalCount } }`,
    variables: { r: '320213', t: 'INSTITUTION', first: 10, n: 2 },
  },
  recordCreditEvent: {
    query: `mutation($i: CreditEventInput!) { recordCreditEvent(input: $i) { id } }`,
    variables: { i: { subjectType: 'INSTITUTION', subjectId: 'I-LX-CHC', points: 5, occurredOn: '2025-06-01', note: 'inspection' } },
  },
  fundWatch: {
    query: `query($r: String!, $y: Int!, $asOf: String) { fundWatch(regionCode: $r, year: $y, asOf: $asOf) { year } }`,
    variables: { r: '320213', y: 2025 },
  },
  setFundBudget: {
    query: `mutation($i: FundBudgetInput!) { setFundBudget(input: $i) { districtCode } }`,
    variables: { i: { districtCode: '320213', year: 2025, budgetFen: 100_000_000, source: 'budget notice' } },
  },
  institutionScorecards: {
    query: `query($r: String!, $y: Int!, $q: Int!, $rubric: String) { institutionScorecards(regionCode: $r, year: $y, quarter: $q, rubricId: $rubric, primaryOnly: true) { period { year } } }`,
    variables: { r: '320213', y: 2025, q: 2 },
  },
  drugAvailability: {
    query: `query($r: String!, $y: Int!, $q: Int!, $t: Float) { drugAvailability(regionCode: $r, year: $y, quarter: $q, threshold: $t) { threshold } }`,
    variables: { r: '320213', y: 2025, q: 2 },
  },
  capitationSettlement: {
    query: `query($r: String!, $y: Int!, $m: Int) { capitationSettlement(regionCode: $r, year: $y, month: $m) { year } }`,
    variables: { r: '320213', y: 2025 },
  },
  catalogueVersions: { query: `query($c: String!) { catalogueVersions(cityCode: $c) { id } }`, variables: { c: '320200' } },
  catalogueDiff: {
    query: `query($c: String!, $a: String!, $b: String!) { catalogueDiff(cityCode: $c, fromVersion: $a, toVersion: $b) { added { drugCode } } }`,
    variables: { c: '320200', a: 'v1', b: 'v2' },
  },
  loadCatalogueVersion: {
    query: `mutation($c: String!, $from: String!, $rows: [CatalogueRowInput!]!) { loadCatalogueVersion(cityCode: $c, effectiveFrom: $from, rows: $rows) { replayed } }`,
    variables: { c: '320200', from: '2025-09-01', rows: [] },
  },
  // the bureau is refused the audit log whatever it asks; the auditor's bad inputs are in auditorCases
  auditLog: {
    query: `query($f: AuditLogFilter, $first: Int!, $after: String) { auditLog(filter: $f, first: $first, after: $after) { hasNextPage nodes { id } } }`,
    variables: { first: 10 },
  },
  whatIf: {
    query: `query($i: WhatIfInput!) { whatIf(input: $i) { claimsReplayed } }`,
    variables: { i: { regionCode: '320213', from: '2025-01-01', to: '2025-06-30', name: 'probe', parameters: { capOneDiseaseFen: 90_000 } } },
  },
  ...CLINICAL_OPERATIONS,
  ...MASTERDATA_OPERATIONS,
  ...LIVES_OPERATIONS,
  ...HISTORY_OPERATIONS,
  ...SIGNING_OPERATIONS,
  ...PAYSTD_OPERATIONS,
};

export function claimBase(key: string, lines = 1): Record<string, unknown> {
  return {
    idempotencyKey: key,
    patientId: 'P1',
    institutionId: 'I-LX-CHC',
    serviceDate: '2025-06-01',
    pathway: 'DESIGNATED',
    lines: DRUGS.slice(0, lines).map((drugCode) => ({ drugCode, form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1000 })),
  };
}

function patientBase(): Record<string, unknown> {
  return {
    id: 'H-NEW',
    residentId: '11010519491231002X',
    name: '赵六',
    scheme: 'RESIDENT',
    streetCode: '320213001',
    managed: true,
    diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2020-01-01' }],
  };
}

const BAD_DATES = ['', '2025-02-30', '2025-13-01', '2025-00-10', '2025/05/01', '20250501', '2025-5-1', 'tomorrow', '2025-05-01T00:00:00Z', '０２０２５-05-01'];

/** A field patch: [name, the value (undefined removes the field), the answer]. */
type Patch = [string, unknown, readonly Code[]];

const CLAIM_FIELDS: Patch[] = [
  ['idempotencyKey', '', BAD],
  ['idempotencyKey', ' ', BAD],
  ['idempotencyKey', 'k'.repeat(129), BAD],
  ['idempotencyKey', 'has space', BAD],
  ['idempotencyKey', '键', BAD],
  ['idempotencyKey', "'; drop table claims; --", BAD],
  ['idempotencyKey', 'a\u0000b', BAD],
  ['idempotencyKey', 42, BAD],
  ['patientId', '', BAD],
  ['patientId', 'p'.repeat(65), BAD],
  ['patientId', 'NOPE', NF],
  ['patientId', 'P3', NF],
  ['patientId', 'G1', NF],
  ['patientId', "P1' or '1'='1", BAD],
  ['patientId', undefined, BAD],
  ['institutionId', '', BAD],
  ['institutionId', 'UNKNOWN', BAD],
  ['institutionId', 'i'.repeat(65), BAD],
  ['institutionId', null, BAD],
  ...BAD_DATES.map((d): Patch => ['serviceDate', d, BAD]),
  ['serviceDate', '2999-01-01', BAD],
  ['serviceDate', '1999-12-31', BAD],
  ['serviceDate', '0000-01-01', BAD],
  ['pathway', 'TELEPORT', BAD],
  ['pathway', 'designated', BAD],
  ['pathway', '', BAD],
  ['referralIssuedOn', '2025-01-01', BAD],
  ['referralFromInstitutionId', 'I-LX-H2', BAD],
  ['sourcePrescriptionId', 'NOPE', BAD],
  ['sourcePrescriptionId', 's'.repeat(65), BAD],
  ['conditionStable', 'yes', BAD],
  ['lines', [], BAD],
  ['lines', null, BAD],
  ['lines', 'x', BAD],
  ['hack', 1, BAD],
];

const LINE_FIELDS: Patch[] = [
  ['drugCode', '', BAD],
  ['drugCode', 'unknown-drug', BAD],
  ['drugCode', 'd'.repeat(5000), BAD],
  ['drugCode', 'amlodipine; drop', BAD],
  ['form', 'PATCH', BAD],
  ['form', 'oral', BAD],
  ['form', null, BAD],
  ['quantity', 0, BAD],
  ['quantity', -1, BAD],
  ['quantity', 10_001, BAD],
  ['quantity', 2_147_483_648, BAD],
  ['quantity', 1.5, BAD],
  ['quantity', '30', BAD],
  ['quantity', true, BAD],
  ['daysSupply', 0, BAD],
  ['daysSupply', -5, BAD],
  ['daysSupply', 367, BAD],
  ['daysSupply', 1_000_000_000, BAD],
  ['daysSupply', 2.5, BAD],
  ['amountFen', 0, BAD],
  ['amountFen', -1, BAD],
  ['amountFen', -100_000, BAD],
  ['amountFen', 100_000_001, BAD],
  ['amountFen', 2 ** 53 + 2, BAD],
  ['amountFen', 1.5, BAD],
  ['amountFen', '1000', BAD],
  ['amountFen', 1e300, BAD],
  ['amountFen', null, BAD],
  ['extra', 'x', BAD],
];

function patched(base: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const out = { ...base };
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out;
}

const show = (v: unknown) => (typeof v === 'string' && v.length > 24 ? `"${v.slice(0, 12)}…"(${v.length})` : (JSON.stringify(v) ?? 'missing'));

function claimCases(bearer: string): HostileCase[] {
  const out: HostileCase[] = [];
  const one = OPERATIONS.submitClaim!.query;
  const many = OPERATIONS.submitClaims!.query;
  CLAIM_FIELDS.forEach(([f, v, expect], i) => {
    out.push({
      kind: 'gql',
      category: 'claim fields',
      name: `submitClaim ${f}=${show(v)}`,
      auth: bearer,
      query: one,
      variables: { input: patched(claimBase(`hostile-c${i}`), f, v) },
      expect,
    });
    // The same input as the only item of a batch: its error is the item's.
    out.push({
      kind: 'gql',
      category: 'claim batch items',
      name: `submitClaims[0] ${f}=${show(v)}`,
      auth: bearer,
      query: many,
      variables: { inputs: [patched(claimBase(`hostile-b${i}`), f, v)] },
      expect,
    });
  });
  LINE_FIELDS.forEach(([f, v, expect], i) => {
    for (const [lines, at] of [
      [1, 0],
      [5, 3],
    ] as const) {
      const input = claimBase(`hostile-l${i}-${lines}`, lines);
      input.lines = (input.lines as Record<string, unknown>[]).map((l, j) => (j === at ? patched(l, f, v) : l));
      out.push({
        kind: 'gql',
        category: 'claim lines',
        name: `submitClaim lines[${at}] of ${lines} ${f}=${show(v)}`,
        auth: bearer,
        query: one,
        variables: { input },
        expect,
      });
    }
  });
  const lines = (n: number) =>
    Array.from({ length: n }, (_, j) => ({ drugCode: DRUGS[j % DRUGS.length], form: 'ORAL', quantity: 1, daysSupply: 1, amountFen: 100 }));
  for (const n of [21, 100, 600])
    out.push({
      kind: 'gql',
      category: 'oversized lists',
      name: `submitClaim with ${n} lines`,
      auth: bearer,
      query: one,
      variables: { input: { ...claimBase(`hostile-n${n}`), lines: lines(n) } },
      expect: BAD,
    });
  out.push({ kind: 'gql', category: 'oversized lists', name: 'submitClaims with no claim', auth: bearer, query: many, variables: { inputs: [] }, expect: BAD });
  for (const n of [501, 2_000])
    out.push({
      kind: 'gql',
      category: 'oversized lists',
      name: `submitClaims with ${n} claims`,
      auth: bearer,
      query: many,
      variables: { inputs: Array.from({ length: n }, (_, j) => claimBase(`hostile-m${n}-${j}`)) },
      expect: BAD,
    });
  return out;
}

function mutationCases(bearer: string): HostileCase[] {
  const out: HostileCase[] = [];
  const add = (op: string, patches: Patch[], into: 'input' | 'args') => {
    const base = OPERATIONS[op]!;
    patches.forEach(([f, v, expect]) => {
      const variables = into === 'input' ? { input: patched(base.variables!.input as Record<string, unknown>, f, v) } : patched(base.variables!, f, v);
      out.push({ kind: 'gql', category: 'patient mutations', name: `${op} ${f}=${show(v)}`, auth: bearer, query: base.query, variables, expect });
    });
  };
  add(
    'registerPatient',
    [
      ['id', '', BAD],
      ['id', 'x'.repeat(65), BAD],
      ['id', 'a b', BAD],
      ['id', 'P1', ['CONFLICT']],
      ['residentId', '', BAD],
      ['residentId', '123', BAD],
      ['residentId', '32021319500101001', BAD],
      ['residentId', '3202131950010100130', BAD],
      ['residentId', '320213195001010014', BAD],
      ['residentId', residentId('32021319500230001'), BAD],
      ['residentId', residentId('32021320990101001'), BAD],
      ['residentId', 'ABCDEFGHIJKLMNOPQR', BAD],
      ['residentId', residentId('32021319600101000'), ['CONFLICT']],
      ['name', '', BAD],
      ['name', '   ', BAD],
      ['name', 'n'.repeat(51), BAD],
      ['name', 'n'.repeat(100_000), BAD],
      ['phone', '123', BAD],
      ['phone', '02312345678', BAD],
      ['phone', 'p'.repeat(20), BAD],
      ['phone', '１３８００００００００', BAD],
      ['scheme', 'PIRATE', BAD],
      ['streetCode', '999999999', BAD],
      ['streetCode', '320213', BAD],
      ['streetCode', '', BAD],
      ['streetCode', '320281001', FB],
      ['streetCode', '520102001', FB],
      ['managedSince', '2025-02-30', BAD],
      ['managedSince', 'yesterday', BAD],
      ['managingInstitutionId', 'NOPE', BAD],
      ['diseases', [], BAD],
      [
        'diseases',
        [
          { disease: 'HYPERTENSION', diagnosedOn: '2020-01-01' },
          { disease: 'HYPERTENSION', diagnosedOn: '2021-01-01' },
        ],
        BAD,
      ],
      ['diseases', [{ disease: 'HYPERTENSION', diagnosedOn: '2999-01-01' }], BAD],
      ['diseases', [{ disease: 'HYPERTENSION', diagnosedOn: '0000-01-01' }], BAD],
      ['diseases', [{ disease: 'HYPERTENSION', diagnosedOn: 'x' }], BAD],
      ['diseases', [{ disease: 'HYPERTENSION', diabetesType: 'TYPE2', diagnosedOn: '2020-01-01' }], BAD],
      ['diseases', [{ disease: 'CANCER', diagnosedOn: '2020-01-01' }], BAD],
      ['chronicProgrammeDiseases', ['CANCER'], BAD],
      ['hack', true, BAD],
      ['residentId', undefined, BAD],
    ],
    'input',
  );
  add(
    'certifyPatient',
    [
      ['p', 'NOPE', NF],
      ['p', 'P3', NF],
      ['no', '', BAD],
      ['no', 'abc', BAD],
      ['no', 'c'.repeat(41), BAD],
      ['no', 'has space', BAD],
      ['on', '2999-01-01', BAD],
      ['on', '2025-02-30', BAD],
      ['on', '0000-01-01', BAD],
      ['on', '', BAD],
      ['i', 'NOPE', BAD],
      ['d', [], BAD],
      ['d', ['DIABETES'], BAD],
      ['d', ['FLU'], BAD],
    ],
    'args',
  );
  add(
    'designateInstitution',
    [
      ['p', 'NOPE', NF],
      ['p', 'P3', NF],
      ['i', 'NOPE', BAD],
      ['i', 'I-LX-H3', BAD],
      ['i', 'I-LX-H2', BAD],
      ['from', '2025-02-30', BAD],
      ['from', 'soon', BAD],
      ['from', '', BAD],
      ['from', '0000-01-01', ['BAD_USER_INPUT', 'CONFLICT']],
    ],
    'args',
  );
  add(
    'recordFollowUp',
    [
      ['date', '2999-01-01', BAD],
      ['date', '2025-02-30', BAD],
      ['date', '0000-01-01', BAD],
      ['date', '', BAD],
      ['systolic', 0, BAD],
      ['systolic', 39, BAD],
      ['systolic', 301, BAD],
      ['systolic', -5, BAD],
      ['systolic', 1_000_000, BAD],
      ['diastolic', null, BAD],
      ['diastolic', 19, BAD],
      ['diastolic', 201, BAD],
      ['fastingGlucoseMmol', -1, BAD],
      ['fastingGlucoseMmol', 0.1, BAD],
      ['fastingGlucoseMmol', 51, BAD],
      ['fastingGlucoseMmol', 1e308, BAD],
      ['fastingGlucoseMmol', 'high', BAD],
      ['institutionId', 'NOPE', BAD],
      ['patientId', 'NOPE', NF],
      ['patientId', 'P3', NF],
      ['faceToFace', 'yes', BAD],
    ],
    'input',
  );
  add(
    'recordGeneralOutpatient',
    [
      ['f', -1, BAD],
      ['f', 1.5, BAD],
      ['f', 2 ** 60, BAD],
      ['f', '100', BAD],
      ['f', 99_999_999_999_999, BAD],
      ['f', null, BAD],
      ['y', 1999, BAD],
      ['y', 2101, BAD],
      ['y', 0, BAD],
      ['y', -1, BAD],
      ['y', 2_147_483_648, BAD],
      ['p', 'NOPE', NF],
      ['p', 'P3', NF],
      ['e', 'no', BAD],
    ],
    'args',
  );
  add(
    'runMonitoring',
    [
      ['from', 'x', BAD],
      ['to', '2025-13-01', BAD],
      ['to', '2024-01-01', BAD],
      ['r', '320281', FB],
      ['r', 'NOPE', NF],
    ],
    'args',
  );
  add(
    'updateAlert',
    [
      ['id', 'nope', NF],
      ['note', 'n'.repeat(1001), BAD],
    ],
    'args',
  );
  add(
    'importRoster',
    [
      ['d', '320213001', BAD],
      ['d', '320281', FB],
      ['csv', '', BAD],
      ['csv', 'a,b\n1,2\n', BAD],
      ['x', 'AAAA', BAD],
    ],
    'args',
  );
  add('certifyInBulk', [['id', 'nope', NF]], 'args');
  add(
    'recordUninsuredReason',
    [
      ['id', 'nope', NF],
      ['reason', 'ON_HOLIDAY', BAD],
      ['note', 'n'.repeat(501), BAD],
    ],
    'args',
  );
  add(
    'recordCreditEvent',
    [
      ['i', { subjectType: 'INSTITUTION', subjectId: 'I-LX-CHC', points: 0, occurredOn: '2025-06-01', note: 'x' }, BAD],
      ['i', { subjectType: 'INSTITUTION', subjectId: 'I-LX-CHC', points: 101, occurredOn: '2025-06-01', note: 'x' }, BAD],
      ['i', { subjectType: 'INSTITUTION', subjectId: 'I-LX-CHC', points: 5, occurredOn: '2999-01-01', note: 'x' }, BAD],
      ['i', { subjectType: 'INSTITUTION', subjectId: 'I-LX-CHC', points: 5, occurredOn: '2025-06-01', note: ' ' }, BAD],
      ['i', { subjectType: 'INSTITUTION', subjectId: 'NOPE', points: 5, occurredOn: '2025-06-01', note: 'x' }, NF],
      ['i', { subjectType: 'INSTITUTION', subjectId: 'I-LX-CHC', points: 5, occurredOn: '2025-06-01', note: 'x', key: 'has space' }, BAD],
    ],
    'args',
  );
  add(
    'setFundBudget',
    [
      ['i', { districtCode: '320213', year: 2025, budgetFen: -1, source: 'x' }, BAD],
      ['i', { districtCode: '320213', year: 2025, budgetFen: 1, source: '' }, BAD],
      ['i', { districtCode: '320213', year: 1999, budgetFen: 1, source: 'x' }, BAD],
      ['i', { districtCode: 'NOPE', year: 2025, budgetFen: 1, source: 'x' }, NF],
      ['i', { districtCode: '320281', year: 2025, budgetFen: 1, source: 'x' }, FB],
    ],
    'args',
  );
  add(
    'loadCatalogueVersion',
    [
      ['c', '320200', FB],
      ['from', '2025-02-30', FB],
    ],
    'args',
  );
  add(
    'reverseClaim',
    [
      ['id', 'not-a-uuid', NF],
      ['id', '00000000-0000-0000-0000-000000000000', NF],
      ['id', '', NF],
      ['id', "' or 1=1 --", NF],
      ['reason', '', BAD],
      ['reason', '   ', BAD],
      ['reason', 'r'.repeat(501), BAD],
      ['reason', 5, BAD],
      ['reason', null, BAD],
    ],
    'args',
  );
  return out;
}

function queryCases(bearer: string): HostileCase[] {
  const out: HostileCase[] = [];
  const add = (op: string, patches: Patch[]) => {
    const base = OPERATIONS[op]!;
    for (const [f, v, expect] of patches)
      out.push({
        kind: 'gql',
        category: 'queries',
        name: `${op} ${f}=${show(v)}`,
        auth: bearer,
        query: base.query,
        variables: patched(base.variables ?? {}, f, v),
        expect,
      });
  };
  add('claim', [
    ['id', 'nope', NF],
    ['id', '11111111-1111-4111-8111-111111111111', NF],
    ['id', 'x'.repeat(100_000), NF],
    ['id', "' or 1=1 --", NF],
  ]);
  add('claims', [
    ['first', 0, BAD],
    ['first', -1, BAD],
    ['first', 101, BAD],
    ['first', 1_000_000_000, BAD],
    ['first', 2_147_483_648, BAD],
    ['after', 'garbage', BAD],
    ['after', Buffer.from('x|y').toString('base64url'), BAD],
    ['f', { from: '2025-02-30' }, BAD],
    ['f', { to: 'x' }, BAD],
    ['f', { from: '0000-01-01' }, BAD],
    ['f', { regionCode: 'NOPE' }, NF],
    ['f', { regionCode: '320281' }, FB],
    ['f', { regionCode: '320200' }, FB],
    ['f', { status: 'PENDING' }, BAD],
  ]);
  add('patient', [
    ['id', 'NOPE', NF],
    ['id', 'P3', NF],
    ['id', 'G1', NF],
    ['id', 'x'.repeat(100_000), NF],
  ]);
  add('patients', [
    ['first', 0, BAD],
    ['first', 101, BAD],
    ['after', 'a|b|c', BAD],
    ['after', Buffer.from('320213').toString('base64url'), BAD],
    ['f', { regionCode: 'NOPE' }, NF],
    ['f', { regionCode: '320281' }, FB],
    ['f', { disease: 'FLU' }, BAD],
  ]);
  add('quarterlyReport', [
    ['q', 0, BAD],
    ['q', 5, BAD],
    ['y', 1999, BAD],
    ['y', 2101, BAD],
    ['r', 'NOPE', NF],
    ['r', '320281', FB],
    ['r', '320200', FB],
    ['r', '520100', FB],
  ]);
  add('ruleHitCounts', [
    ['from', 'x', BAD],
    ['to', '2025-13-01', BAD],
    ['from', '0000-01-01', BAD],
    ['r', 'NOPE', NF],
    ['r', '320281', FB],
  ]);
  add('institutions', [
    ['r', 'NOPE', NF],
    ['r', '', NF],
    ['r', '320281', FB],
    ['r', 'x'.repeat(10_000), NF],
  ]);
  add('catalogue', [
    ['c', '999999', BAD],
    ['d', '2025-02-30', BAD],
    ['d', '1900-01-01', BAD],
    ['d', '', BAD],
  ]);
  add('regions', [
    ['c', 5, BAD],
    ['c', ['320200'], BAD],
  ]);
  add('statistics', [
    ['y', 1999, BAD],
    ['y', 2101, BAD],
    ['q', 0, BAD],
    ['q', 5, BAD],
    ['r', 'NOPE', NF],
    ['r', '320281', FB],
    ['r', '320200', FB],
    ['r', '520100', FB],
    ['d', 'FLU', BAD],
  ]);
  add('statisticsTrend', [
    ['n', 0, BAD],
    ['n', 21, BAD],
    ['n', -1, BAD],
    ['n', 1_000_000, BAD],
    ['q', 0, BAD],
    ['q', 9, BAD],
    ['y', 1999, BAD],
    ['r', '320281', FB],
  ]);
  add('institutionStatistics', [
    ['y', 1999, BAD],
    ['q', 5, BAD],
    ['r', 'NOPE', NF],
    ['r', '320281', FB],
  ]);
  add('alerts', [
    ['first', 0, BAD],
    ['first', 1_000_000, BAD],
    ['f', { regionCode: '320281' }, FB],
    ['f', { status: 'LOST' }, BAD],
    ['f', { from: '2025-02-30' }, BAD],
  ]);
  add('alert', [
    ['id', 'nope', NF],
    ['id', 'x'.repeat(10_000), NF],
  ]);
  add('rosterImport', [['id', 'nope', NF]]);
  add('creditRecords', [
    ['first', 0, BAD],
    ['first', 201, BAD],
    ['asOf', '2025-02-30', BAD],
    ['r', '320281', FB],
    ['t', 'ALIEN', BAD],
  ]);
  add('fundWatch', [
    ['y', 1999, BAD],
    ['asOf', 'x', BAD],
    ['r', '320213001', BAD],
    ['r', '320281', FB],
  ]);
  add('institutionScorecards', [
    ['q', 5, BAD],
    ['rubric', 'nope', BAD],
    ['r', '320281', FB],
  ]);
  add('drugAvailability', [
    ['t', 2, BAD],
    ['t', -0.5, BAD],
    ['q', 0, BAD],
    ['r', '320281', FB],
  ]);
  add('capitationSettlement', [
    ['m', 13, BAD],
    ['m', 0, BAD],
    ['y', 1999, BAD],
    ['r', '320281', FB],
  ]);
  add('catalogueVersions', [['c', '999999', NF]]);
  add('catalogueDiff', [['c', '999999', NF]]);
  add('whatIf', [
    ['i', { regionCode: '320213', from: '2025-02-30', to: '2025-06-30', name: 'x', parameters: {} }, BAD],
    ['i', { regionCode: '320213', from: '2025-06-30', to: '2025-01-01', name: 'x', parameters: {} }, BAD],
    ['i', { regionCode: '320213', from: '2020-01-01', to: '2025-06-30', name: 'x', parameters: {} }, BAD],
    ['i', { regionCode: '320281', from: '2025-01-01', to: '2025-06-30', name: 'x', parameters: { capOneDiseaseFen: 90_000 } }, FB],
    ['i', { regionCode: '320213', from: '2025-01-01', to: '2025-06-30', name: 'x', parameters: { capOneDiseaseFen: -1 } }, BAD],
    ['i', { regionCode: '320213', from: '2025-01-01', to: '2025-06-30', name: 'x', parameters: { ratioDesignatedBp: 20_000 } }, BAD],
  ]);
  return out;
}

/** The audit log as the bureau asks for it (refused), and as an auditor of the city sends it wrongly. */
export function auditorCases(bureau: string, auditor: string): HostileCase[] {
  const base = OPERATIONS.auditLog!;
  const as = (auth: string, f: string, v: unknown, expect: readonly Code[]): HostileCase => ({
    kind: 'gql',
    category: 'queries',
    name: `auditLog ${f}=${show(v)}${auth === bureau ? ' (bureau)' : ''}`,
    auth,
    query: base.query,
    variables: patched(base.variables ?? {}, f, v),
    expect,
  });
  return [
    as(bureau, 'first', 10, FB),
    as(bureau, 'f', { patientId: 'P1' }, FB),
    ...(
      [
        ['first', 0, BAD],
        ['first', 101, BAD],
        ['first', 1_000_000_000, BAD],
        ['after', 'garbage', BAD],
        ['after', Buffer.from('x|y').toString('base64url'), BAD],
        ['f', { from: '2025-02-30' }, BAD],
        ['f', { to: 'x' }, BAD],
        ['f', { from: '2025-07-01', to: '2025-06-30' }, BAD],
        ['f', { from: '0000-01-01' }, BAD],
        ['f', { userId: 'u'.repeat(65) }, BAD],
        ['f', { action: '' }, BAD],
        ['f', { patientId: 'NOPE' }, NF],
        ['f', { patientId: 'G1' }, NF],
        ['f', { patientId: 'x'.repeat(100_000) }, BAD],
        ['f', { districtCode: '520102' }, FB],
        ['f', { districtCode: 'NOPE' }, FB],
      ] as Patch[]
    ).map(([f, v, expect]) => as(auditor, f, v, expect)),
  ];
}

/** Operations that exist in the schema: an argument it does not have, and a field it does not have. */
export function unknownArgumentCases(bearer: string, roots: { query: string[]; mutation: string[] }): HostileCase[] {
  return [
    ...roots.query.map((f): HostileCase => ({
      kind: 'gql',
      category: 'unknown arguments',
      name: `${f}(nonsense: 1)`,
      auth: bearer,
      query: `{ ${f}(nonsense: 1) { __typename } }`,
      expect: VAL,
    })),
    ...roots.mutation.map((f): HostileCase => ({
      kind: 'gql',
      category: 'unknown arguments',
      name: `mutation ${f}(nonsense: 1)`,
      auth: bearer,
      query: `mutation { ${f}(nonsense: 1) { __typename } }`,
      expect: VAL,
    })),
  ];
}

export function fieldCases(bearer: string): HostileCase[] {
  return [
    ...claimCases(bearer),
    ...mutationCases(bearer),
    ...queryCases(bearer),
    ...clinicalCases(bearer),
    ...masterDataCases(bearer),
    ...signingCases(bearer),
    ...paystdCases(bearer),
  ];
}
