/**
 * The hostile corpus of the master-data operations (issue #16), as the 320213 bureau sends
 * them: each case patches one argument of a request, and says the code it must be answered with.
 * No case may store anything (the bureau may not create regions; every other patch is refused).
 */
import type { Code, HostileCase } from './hostile-cases';

const BAD: readonly Code[] = ['BAD_USER_INPUT'];
const NF: readonly Code[] = ['NOT_FOUND'];
const FB: readonly Code[] = ['FORBIDDEN'];

const CSV = '机构编码,机构名称,机构级别,区县编码,街道编码,医联体编码,可开展两病诊疗,医保定点\nH-IMP,某卫生室,村卫生室,320213,320213001,,否,是\n';
const FIGURE = { districtCode: '320213', year: 2025, population35Plus: 10000, hypertensionPrevalenceBp: 3000, diabetesPrevalenceBp: 1200, source: 'census' };
const INSTITUTION = { id: 'H-INST', name: '某卫生室', level: 'VILLAGE_CLINIC', districtCode: '320213', insuranceDesignated: true };

export const MASTERDATA_OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  region: { query: `query($c: String!) { region(code: $c) { code } }`, variables: { c: '320213' } },
  institution: { query: `query($id: ID!) { institution(id: $id) { id twoDiseaseTreatment { grantedFrom } } }`, variables: { id: 'I-LX-CHC' } },
  populationFigures: { query: `query($r: String!, $y: Int) { populationFigures(regionCode: $r, year: $y) { source } }`, variables: { r: '320213', y: 2025 } },
  populationFigureRevisions: {
    query: `query($d: String!, $y: Int!) { populationFigureRevisions(districtCode: $d, year: $y) { revision } }`,
    variables: { d: '320213', y: 2025 },
  },
  createRegion: {
    query: `mutation($i: CreateRegionInput!) { createRegion(input: $i) { code } }`,
    variables: { i: { code: '320299', name: '某区', level: 'DISTRICT', parentCode: '320200' } },
  },
  renameRegion: { query: `mutation($c: String!, $n: String!) { renameRegion(code: $c, name: $n) { code } }`, variables: { c: '320213001', n: '某街道' } },
  closeRegion: {
    query: `mutation($c: String!, $on: String!) { closeRegion(code: $c, closedOn: $on) { code } }`,
    variables: { c: '320213001', on: '2025-07-01' },
  },
  createInstitution: { query: `mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id } }`, variables: { i: INSTITUTION } },
  updateInstitution: {
    query: `mutation($id: ID!, $i: UpdateInstitutionInput!) { updateInstitution(id: $id, input: $i) { id } }`,
    variables: { id: 'I-LX-CHC', i: { name: '崇安寺社区卫生服务中心' } },
  },
  closeInstitution: {
    query: `mutation($id: ID!, $on: String!, $r: String!) { closeInstitution(id: $id, closedOn: $on, reason: $r) { id } }`,
    variables: { id: 'I-LX-CHC', on: '2030-01-01', r: 'merged' },
  },
  grantTwoDiseaseTreatment: {
    query: `mutation($id: ID!, $from: String!, $s: String!) { grantTwoDiseaseTreatment(institutionId: $id, from: $from, source: $s) { id } }`,
    variables: { id: 'I-LX-H3', from: '2025-01-01', s: 'decision' },
  },
  withdrawTwoDiseaseTreatment: {
    query: `mutation($id: ID!, $on: String!, $r: String!) { withdrawTwoDiseaseTreatment(institutionId: $id, on: $on, reason: $r) { id } }`,
    variables: { id: 'I-LX-CHC', on: '2030-01-01', r: 'assessment failed' },
  },
  importInstitutions: { query: `mutation($i: ImportInstitutionsInput!) { importInstitutions(input: $i) { applied } }`, variables: { i: { csv: CSV } } },
  setPopulationFigure: { query: `mutation($i: SetPopulationFigureInput!) { setPopulationFigure(input: $i) { revision } }`, variables: { i: FIGURE } },
};

type Patch = [string, unknown, readonly Code[]];

const show = (v: unknown) => (typeof v === 'string' && v.length > 24 ? `"${v.slice(0, 12)}…"(${v.length})` : (JSON.stringify(v) ?? 'missing'));

export function masterDataCases(bearer: string): HostileCase[] {
  const out: HostileCase[] = [];
  /** Patches an argument, or (with `into`) a field of an input argument. */
  const add = (op: string, patches: Patch[], into?: string) => {
    const base = MASTERDATA_OPERATIONS[op]!;
    for (const [f, v, expect] of patches) {
      const variables =
        into === undefined ? { ...base.variables, [f]: v } : { ...base.variables, [into]: { ...(base.variables![into] as Record<string, unknown>), [f]: v } };
      out.push({ kind: 'gql', category: 'master data', name: `${op} ${f}=${show(v)}`, auth: bearer, query: base.query, variables, expect });
    }
  };
  add('region', [
    ['c', 'NOPE', NF],
    ['c', '320281', FB],
    ['c', '320200', FB],
    ['c', 'x'.repeat(10_000), NF],
  ]);
  add('institution', [
    ['id', 'NOPE', NF],
    ['id', 'I-JY-THC', NF],
    ['id', 'I-GY-CHC', NF],
  ]);
  add('populationFigures', [
    ['r', 'NOPE', NF],
    ['r', '320281', FB],
    ['y', 'x', BAD],
  ]);
  add('populationFigureRevisions', [
    ['d', 'NOPE', NF],
    ['d', '320281', FB],
    ['d', '320213001', NF],
  ]);
  // The bureau may not create regions: a valid request is FORBIDDEN, a bad one names the field first.
  add(
    'createRegion',
    [
      ['code', '320298', FB],
      ['code', '1', BAD],
      ['parentCode', 'NOPE', BAD],
      ['level', 'CITY', BAD],
      ['level', 'PLANET', BAD],
      ['name', '', BAD],
    ],
    'i',
  );
  add('renameRegion', [
    ['c', 'NOPE', NF],
    ['c', '320213001', FB],
    ['n', '', FB],
  ]);
  add('closeRegion', [
    ['c', 'NOPE', NF],
    ['c', '320213', FB],
    ['on', '2025-02-30', FB],
  ]);
  add(
    'createInstitution',
    [
      ['id', '', BAD],
      ['id', 'a b', BAD],
      ['id', 'x'.repeat(65), BAD],
      ['id', 'I-LX-CHC', ['CONFLICT']],
      ['name', '', BAD],
      ['name', 'n'.repeat(101), BAD],
      ['level', 'HOSPITAL', BAD],
      ['districtCode', '320281', FB],
      ['districtCode', 'NOPE', BAD],
      ['districtCode', '320213001', BAD],
      ['streetCode', '320281001', BAD],
      ['streetCode', 'NOPE', BAD],
      ['consortiumId', 'c c', BAD],
      ['twoDiseaseTreatmentFrom', '2025-02-30', BAD],
      ['twoDiseaseTreatmentFrom', '2025-01-01', BAD],
      ['insuranceDesignated', 'yes', BAD],
    ],
    'i',
  );
  add('updateInstitution', [
    ['id', 'NOPE', NF],
    ['id', 'I-JY-THC', FB],
    ['id', 'I-GY-CHC', FB],
  ]);
  add(
    'updateInstitution',
    [
      ['name', '', BAD],
      ['streetCode', '320281001', BAD],
      ['streetCode', 'NOPE', BAD],
      ['level', 'CLINIC', BAD],
      ['consortiumId', 'c c', BAD],
    ],
    'i',
  );
  add('closeInstitution', [
    ['id', 'NOPE', NF],
    ['id', 'I-JY-THC', FB],
    ['on', '2025-02-30', BAD],
    ['on', '', BAD],
    ['r', '', BAD],
    ['r', 'r'.repeat(501), BAD],
  ]);
  add('grantTwoDiseaseTreatment', [
    ['id', 'NOPE', NF],
    ['id', 'I-JY-THC', FB],
    ['id', 'I-LX-CHC', ['CONFLICT']],
    ['from', '2025-02-30', BAD],
    ['from', '1999-12-31', BAD],
    ['s', '', BAD],
  ]);
  add('withdrawTwoDiseaseTreatment', [
    ['id', 'NOPE', NF],
    ['id', 'I-JY-THC', FB],
    ['on', 'x', BAD],
    ['r', ' ', BAD],
  ]);
  add(
    'importInstitutions',
    [
      ['csv', '', BAD],
      ['csv', 'a,b\n1,2\n', BAD],
      ['csv', null, BAD],
      ['excelBase64', 'AAAA', BAD],
    ],
    'i',
  );
  add(
    'setPopulationFigure',
    [
      ['districtCode', '320281', FB],
      ['districtCode', 'NOPE', BAD],
      ['districtCode', '320213001', BAD],
      ['year', 1999, BAD],
      ['year', 2_147_483_648, BAD],
      ['population35Plus', -1, BAD],
      ['hypertensionPrevalenceBp', 10_001, BAD],
      ['diabetesPrevalenceBp', 1.5, BAD],
      ['surveyAwarenessHypertensionBp', 4000, BAD],
      ['source', '', BAD],
      ['surveyAwarenessSource', 'survey', BAD],
    ],
    'i',
  );
  return out;
}
