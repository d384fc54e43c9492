/**
 * The access matrix: every operation × every role × a target in the viewer's own district,
 * another district of its city, and another city. Each cell names what the API answers: data,
 * an empty list, FORBIDDEN or NOT_FOUND. Deny by default: a cell not named "data" must not get any.
 */
import type { HttpAnswer } from './client';
import { httpRequest, postGraphql } from './client';
import { mintToken } from './stack';

export type Role = 'city_leadership' | 'district_bureau' | 'institution_operator' | 'auditor';
export type Target = 'own district' | 'other district' | 'other city';
/** data, an empty list, a refusal; BAD_USER_INPUT where access is granted and a business rule then answers */
export type Outcome = 'data' | 'empty' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';

export const ROLES: readonly Role[] = ['city_leadership', 'district_bureau', 'institution_operator', 'auditor'];
export const TARGETS: readonly Target[] = ['own district', 'other district', 'other city'];

/** Where each target lies, for a viewer of 梁溪区 (320213) in 无锡 (320200). */
export const PLACE: Record<Target, { city: string; district: string; street: string; institution: string; patient: string }> = {
  'own district': { city: '320200', district: '320213', street: '320213001', institution: 'I-LX-CHC', patient: 'P1' },
  'other district': { city: '320200', district: '320281', street: '320281001', institution: 'I-JY-THC', patient: 'P3' },
  'other city': { city: '520100', district: '520102', street: '520102001', institution: 'I-GY-CHC', patient: 'G1' },
};

export const viewerToken = (role: Role) =>
  mintToken({
    role,
    userId: `matrix-${role}`,
    cityCode: '320200',
    districtCode: role === 'district_bureau' || role === 'institution_operator' ? '320213' : null,
    institutionId: role === 'institution_operator' ? 'I-LX-CHC' : null,
  });

/** A bureau of the target's district: it makes the claims and patients a cell needs. */
export const ownerToken = (t: Target) =>
  mintToken({ role: 'district_bureau', userId: `owner-${PLACE[t].district}`, cityCode: PLACE[t].city, districtCode: PLACE[t].district });

const cityWide = (r: Role) => r === 'city_leadership' || r === 'auditor';
/** Whose data a role may read: its district, or its whole city. */
export const visible = (r: Role, t: Target) => t === 'own district' || (cityWide(r) && t === 'other district');

const readOne = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'NOT_FOUND');
const readRegion = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'FORBIDDEN');
const readCity = (r: Role, t: Target): Outcome => (cityWide(r) && t !== 'other city' ? 'data' : 'FORBIDDEN');
/** A write on a record: invisible is NOT_FOUND; visible but not the writer's is FORBIDDEN. */
const writeOn =
  (may: (r: Role) => boolean) =>
  (r: Role, t: Target): Outcome =>
    !visible(r, t) ? 'NOT_FOUND' : t === 'own district' && may(r) ? 'data' : 'FORBIDDEN';
const always = (): Outcome => 'data';

export interface Fixtures {
  claim: Record<Target, string>;
  /** a new claim of the target's patient (for a reversal) */
  freshClaim: (t: Target) => Promise<string>;
  /** a new patient in the target's district with no designation yet */
  freshPatient: (t: Target) => Promise<string>;
  nextKey: () => string;
}

export interface Spec {
  op: string;
  label: string;
  expect: (r: Role, t: Target) => Outcome;
  /** the GraphQL request of the cell (absent for the Excel export, which has `send`) */
  request?: (
    f: Fixtures,
    t: Target,
    r: Role,
  ) => Promise<{ query: string; variables?: Record<string, unknown> }> | { query: string; variables?: Record<string, unknown> };
  /** an answer of data that still shows something it must not (another district's rows, another institution's) */
  check?: (data: Record<string, unknown>, t: Target, r: Role) => string | null;
  /** a request that is not GraphQL (the Excel export) */
  send?: (url: string, token: string, t: Target) => Promise<HttpAnswer>;
  empty?: (data: Record<string, unknown>) => boolean;
}

const claimOf = (f: Fixtures, t: Target, institution = PLACE[t].institution) => ({
  idempotencyKey: f.nextKey(),
  patientId: PLACE[t].patient,
  institutionId: institution,
  serviceDate: '2025-06-10',
  pathway: 'DESIGNATED',
  lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1_000 }],
});

type Nodes = { nodes: { districtCode: string; institutionId?: string; designatedInstitutionId?: string | null }[] };
const onlyTarget = (key: string) => (d: Record<string, unknown>, t: Target, r: Role) => {
  const list = (d[key] as Nodes).nodes;
  if (list.length === 0) return 'no rows';
  const stray = list.find(
    (n) => n.districtCode !== PLACE[t].district || (r === 'institution_operator' && (n.institutionId ?? n.designatedInstitutionId) !== 'I-LX-CHC'),
  );
  return stray === undefined ? null : `a row of another scope: ${JSON.stringify(stray)}`;
};
type Demographics = { sex: string | null; birthDate: string | null; ageBand: string };
/** Birth date and sex reach the auditor only (scope.ts unmaskedBirthAndSex); every role gets the age band. */
const birthAndSex = (patients: Demographics[], r: Role): string | null => {
  const wrong = patients.find(
    (p) => !/^(\d+–\d+|90\+)$/.test(p.ageBand) || (r === 'auditor' ? p.sex === null || p.birthDate === null : p.sex !== null || p.birthDate !== null),
  );
  return wrong === undefined ? null : `birth date or sex shown as they must not be: ${JSON.stringify(wrong)}`;
};
/** An institution operator's statistics are its institution's (no children); everyone else's the region's. */
const institutionFigures =
  (key: string) =>
  (d: Record<string, unknown>, _t: Target, r: Role): string | null => {
    const s = d[key] as { institutionId: string | null; children?: unknown[] };
    if (r === 'institution_operator')
      return s.institutionId === 'I-LX-CHC' && (s.children ?? []).length === 0 ? null : `not the operator's institution: ${JSON.stringify(s).slice(0, 120)}`;
    return s.institutionId === null ? null : `a region's figures narrowed to ${s.institutionId}`;
  };
/** What the operator may not read at all: the report (附件5) and its file, a street's figures. */
const notOperator =
  (read: (r: Role, t: Target) => Outcome) =>
  (r: Role, t: Target): Outcome =>
    r === 'institution_operator' ? 'FORBIDDEN' : read(r, t);
const region =
  (op: string, selection: string, args = '') =>
  (_f: Fixtures, t: Target) => ({ query: `query($r: String!) { ${op}(regionCode: $r${args}) ${selection} }`, variables: { r: PLACE[t].district } });
const cityRegion =
  (op: string, selection: string, args = '') =>
  (_f: Fixtures, t: Target) => ({ query: `query($r: String!) { ${op}(regionCode: $r${args}) ${selection} }`, variables: { r: PLACE[t].city } });

export const SPECS: Spec[] = [
  {
    op: 'claim',
    label: 'claim(id)',
    expect: readOne,
    request: (f, t) => ({ query: `query($id: ID!) { claim(id: $id) { id districtCode institutionId } }`, variables: { id: f.claim[t] } }),
  },
  {
    op: 'claims',
    label: 'claims(regionCode)',
    expect: readRegion,
    request: (_f, t) => ({
      query: `query($r: String) { claims(filter: { regionCode: $r }) { nodes { id districtCode institutionId } } }`,
      variables: { r: PLACE[t].district },
    }),
    check: onlyTarget('claims'),
  },
  {
    op: 'patient',
    label: 'patient(id)',
    expect: readOne,
    request: (_f, t) => ({
      query: `query($id: ID!) { patient(id: $id) { id districtCode residentId name phone sex birthDate ageBand claims { id } } }`,
      variables: { id: PLACE[t].patient },
    }),
    check: (d, _t, r) => birthAndSex([d.patient as Demographics], r),
  },
  {
    op: 'patients',
    label: 'patients(regionCode)',
    expect: readRegion,
    request: (_f, t) => ({
      query: `query($r: String) { patients(filter: { regionCode: $r }) { nodes { id districtCode residentId name phone sex birthDate ageBand designatedInstitutionId claims { id fundFen } } } }`,
      variables: { r: PLACE[t].district },
    }),
    check: (d, t, r) => onlyTarget('patients')(d, t, r) ?? birthAndSex((d.patients as { nodes: Demographics[] }).nodes, r),
  },
  {
    op: 'quarterlyReport',
    label: 'quarterlyReport(district)',
    expect: notOperator(readRegion),
    request: region('quarterlyReport', '{ rows { beneficiaries } }', ', year: 2025, quarter: 2'),
  },
  {
    op: 'quarterlyReport',
    label: 'quarterlyReport(city)',
    expect: readCity,
    request: cityRegion('quarterlyReport', '{ rows { beneficiaries } }', ', year: 2025, quarter: 2'),
  },
  {
    op: 'ruleHitCounts',
    label: 'ruleHitCounts(district)',
    expect: readRegion,
    request: region('ruleHitCounts', '{ code institutionId }', ', from: "2025-01-01", to: "2025-12-31"'),
    check: (d, _t, r) =>
      r === 'institution_operator' && (d.ruleHitCounts as { institutionId: string }[]).some((x) => x.institutionId !== 'I-LX-CHC')
        ? 'another institution'
        : null,
  },
  { op: 'institutions', label: 'institutions(district)', expect: readRegion, request: region('institutions', '{ id districtCode }') },
  {
    op: 'catalogue',
    label: 'catalogue(city)',
    expect: always,
    request: (_f, t) => ({ query: `query($c: String!) { catalogue(cityCode: $c, date: "2025-06-01") { catalogueId } }`, variables: { c: PLACE[t].city } }),
  },
  {
    op: 'regions',
    label: 'regions(city)',
    expect: (_r, t) => (t === 'other city' ? 'empty' : 'data'),
    request: (_f, t) => ({ query: `query($c: String) { regions(cityCode: $c) { code children { code } } }`, variables: { c: PLACE[t].city } }),
    empty: (d) => (d.regions as unknown[]).length === 0,
  },
  { op: 'viewer', label: 'viewer', expect: always, request: () => ({ query: `{ viewer { userId role districtCode } }` }) },
  { op: 'indicatorDefinitions', label: 'indicatorDefinitions', expect: always, request: () => ({ query: `{ indicatorDefinitions { id } }` }) },
  {
    op: 'statistics',
    label: 'statistics(district)',
    expect: readRegion,
    request: region('statistics', '{ institutionId children { region { code } } indicators { managedPatients fundPaidFen } }', ', year: 2025'),
    check: institutionFigures('statistics'),
  },
  { op: 'statistics', label: 'statistics(city)', expect: readCity, request: cityRegion('statistics', '{ indicators { managedPatients } }', ', year: 2025') },
  {
    op: 'statistics',
    label: 'statistics(street)',
    expect: notOperator(readRegion),
    check: institutionFigures('statistics'),
    request: (_f, t) => ({
      query: `query($r: String!) { statistics(regionCode: $r, year: 2025) { institutionId indicators { managedPatients } } }`,
      variables: { r: PLACE[t].street },
    }),
  },
  {
    op: 'statisticsTrend',
    label: 'statisticsTrend(district)',
    expect: readRegion,
    request: region('statisticsTrend', '{ period { quarter } }', ', year: 2025, quarter: 2, quarters: 2'),
  },
  {
    op: 'institutionStatistics',
    label: 'institutionStatistics(district)',
    expect: readRegion,
    request: region('institutionStatistics', '{ institution { id } }', ', year: 2025'),
    check: (d, _t, r) =>
      r === 'institution_operator' && (d.institutionStatistics as { institution: { id: string } }[]).some((x) => x.institution.id !== 'I-LX-CHC')
        ? 'another institution'
        : null,
  },
  { op: 'latestDataPeriod', label: 'latestDataPeriod', expect: always, request: () => ({ query: `{ latestDataPeriod { year quarter } }` }) },
  {
    op: 'deployment',
    label: 'deployment',
    expect: always,
    request: () => ({ query: `{ deployment { mode overrides { name } notConfigured { ruleSetId } tokenIssuer developmentTokens } }` }),
  },
  {
    op: 'export',
    label: 'GET /reports/quarterly.xlsx (district)',
    expect: notOperator(readRegion),
    send: (url, token, t) =>
      httpRequest(`${url}/reports/quarterly.xlsx?regionCode=${PLACE[t].district}&year=2025&quarter=2`, { headers: { authorization: `Bearer ${token}` } }),
  },
  {
    op: 'export',
    label: 'GET /reports/quarterly.xlsx (city)',
    expect: readCity,
    send: (url, token, t) =>
      httpRequest(`${url}/reports/quarterly.xlsx?regionCode=${PLACE[t].city}&year=2025&quarter=2`, { headers: { authorization: `Bearer ${token}` } }),
  },
  {
    op: 'submitClaim',
    label: 'submitClaim',
    expect: writeOn((r) => r === 'district_bureau' || r === 'institution_operator'),
    request: (f, t) => ({ query: `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id districtCode } } }`, variables: { i: claimOf(f, t) } }),
  },
  {
    op: 'submitClaims',
    label: 'submitClaims',
    expect: writeOn((r) => r === 'district_bureau' || r === 'institution_operator'),
    request: (f, t) => ({
      query: `mutation($i: [SubmitClaimInput!]!) { submitClaims(inputs: $i) { error { code } result { claim { id } } } }`,
      variables: { i: [claimOf(f, t)] },
    }),
  },
  {
    op: 'reverseClaim',
    label: 'reverseClaim',
    expect: writeOn((r) => r === 'district_bureau'),
    request: async (f, t) => ({
      query: `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "matrix") { id status } }`,
      variables: { id: await f.freshClaim(t) },
    }),
  },
  {
    op: 'registerPatient',
    label: 'registerPatient',
    expect: (r, t) => (r === 'district_bureau' && t === 'own district' ? 'data' : 'FORBIDDEN'),
    request: (f, t) => ({
      query: `mutation($i: RegisterPatientInput!) { registerPatient(input: $i) { id residentId name phone } }`,
      variables: { i: newPatient(f.nextKey(), t) },
    }),
  },
  // The viewer is Wuxi's, whose opinion devolves no certification: the bureau only. Guiyang's operators certify at their own institution (G-3 五(一)2): certify-operator.int.test.ts.
  {
    op: 'certifyPatient',
    label: 'certifyPatient',
    expect: writeOn((r) => r === 'district_bureau'),
    request: (f, t) => ({
      query: `mutation($p: ID!, $no: String!, $i: ID!) { certifyPatient(patientId: $p, certificateNo: $no, certifiedOn: "2025-06-01", institutionId: $i, diseases: [HYPERTENSION]) { id residentId } }`,
      variables: { p: PLACE[t].patient, no: `MX-${f.nextKey()}`, i: PLACE[t].institution },
    }),
  },
  {
    op: 'designateInstitution',
    label: 'designateInstitution',
    expect: writeOn((r) => r === 'district_bureau'),
    request: async (f, t) => ({
      query: `mutation($p: ID!, $i: ID!) { designateInstitution(patientId: $p, institutionId: $i, effectiveFrom: "2026-01-01") { id name } }`,
      variables: { p: t === 'own district' ? await f.freshPatient(t) : PLACE[t].patient, i: PLACE[t].institution },
    }),
  },
  {
    op: 'recordFollowUp',
    label: 'recordFollowUp',
    expect: writeOn((r) => r === 'district_bureau' || r === 'institution_operator'),
    request: (_f, t) => ({
      query: `mutation($i: FollowUpInput!) { recordFollowUp(input: $i) }`,
      variables: {
        i: { patientId: PLACE[t].patient, institutionId: PLACE[t].institution, date: '2025-06-15', faceToFace: true, systolic: 128, diastolic: 82 },
      },
    }),
  },
  {
    op: 'recordGeneralOutpatient',
    label: 'recordGeneralOutpatient',
    expect: writeOn((r) => r === 'district_bureau'),
    request: (_f, t) => ({
      query: `mutation($p: ID!) { recordGeneralOutpatient(patientId: $p, year: 2025, fundPaidFen: 0, exhausted: true) }`,
      variables: { p: PLACE[t].patient },
    }),
  },
];

/** A new patient for a target's district, with a valid resident ID made unique by the key. */
export function newPatient(key: string, t: Target): Record<string, unknown> {
  const seq = String(Number(key.replace(/\D/g, '')) % 1000).padStart(3, '0');
  const body = `${PLACE[t].district}19700101${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11]!;
  return {
    id: `M-${key}`,
    residentId: body + check,
    name: `钱${key}`,
    phone: `136${seq.padStart(8, '0')}`,
    scheme: 'RESIDENT',
    streetCode: PLACE[t].street,
    managed: true,
    diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2020-01-01' }],
  };
}

export interface CellResult {
  label: string;
  role: Role;
  target: Target;
  expected: Outcome;
  got: string;
  problem: string | null;
  answer: HttpAnswer;
}

/** Runs one cell and says what came back: data, empty, or the error code. */
export async function runCell(url: string, spec: Spec, role: Role, target: Target, f: Fixtures): Promise<CellResult> {
  const token = await viewerToken(role);
  let answer: HttpAnswer;
  let got: string;
  let problem: string | null = null;
  if (spec.send !== undefined) {
    answer = await spec.send(url, token, target);
    got = answer.status === 200 && answer.text.startsWith('PK') ? 'data' : String(answer.body?.errors?.[0]?.extensions?.code ?? `HTTP ${answer.status}`);
    if (got === 'FORBIDDEN' && answer.status !== 403) problem = `FORBIDDEN with HTTP ${answer.status}`;
  } else {
    const { query, variables } = await spec.request!(f, target, role);
    answer = await postGraphql(url, token, query, variables);
    const data = answer.body?.data as Record<string, unknown> | null | undefined;
    const items = (data?.submitClaims as { error: { code: string } | null }[] | undefined) ?? null;
    got =
      answer.body?.errors !== undefined
        ? String(answer.body.errors[0]?.extensions?.code)
        : items !== null
          ? (items[0]?.error?.code ?? 'data')
          : data == null
            ? 'no data'
            : spec.empty?.(data) === true
              ? 'empty'
              : 'data';
    if (got === 'data' && data != null && spec.check !== undefined) problem = spec.check(data, target, role);
  }
  const expected = spec.expect(role, target);
  if (problem === null && got !== expected) problem = `expected ${expected}, got ${got}: ${answer.text.slice(0, 160)}`;
  return { label: spec.label, role, target, expected, got, problem, answer };
}
