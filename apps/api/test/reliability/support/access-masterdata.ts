/**
 * The access matrix of the master data (issue #16). Reads follow the region rules; a district's
 * institutions and population figures are written by its bureau or by its city's leadership
 * group; regions only by the city's leadership group. Refusals are FORBIDDEN (institutions and
 * regions are reference data, not hidden records).
 *
 * The cells run in the matrix's order (spec, then role, then target): a write cell that may
 * succeed acts on an institution or street of its own, made by the createInstitution or
 * createRegion cell of the same role and target, so that no cell depends on another's answer
 * being a refusal, and nothing shared (the seeded institutions and streets) is closed.
 */
import type { Outcome, Role, Spec, Target } from './access';
import { PLACE, ROLES, TARGETS, visible } from './access';

const ownCity = (t: Target) => t !== 'other city';
const mayWriteDistrict = (r: Role, t: Target) => (r === 'district_bureau' && t === 'own district') || (r === 'city_leadership' && ownCity(t));
const mayWriteRegion = (r: Role, t: Target) => r === 'city_leadership' && ownCity(t);
const districtWrite = (r: Role, t: Target): Outcome => (mayWriteDistrict(r, t) ? 'data' : 'FORBIDDEN');
const regionWrite = (r: Role, t: Target): Outcome => (mayWriteRegion(r, t) ? 'data' : 'FORBIDDEN');
const readRegion = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'FORBIDDEN');
const readOne = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'NOT_FOUND');

/** The cell's own institution where it may write, the seeded one (which it may not touch) elsewhere. */
const institutionOf = (r: Role, t: Target) => (mayWriteDistrict(r, t) ? `MX-${r}-${PLACE[t].district}` : PLACE[t].institution);
/** A street code of the cell's own: the district's code and three digits unique to the role and target. */
const streetOf = (r: Role, t: Target) => `${PLACE[t].district}${900 + ROLES.indexOf(r) * TARGETS.length + TARGETS.indexOf(t)}`;

export function masterDataSpecs(): Spec[] {
  return [
    {
      op: 'region',
      label: 'region(code)',
      expect: readRegion,
      request: (_f, t) => ({ query: `query($c: String!) { region(code: $c) { code } }`, variables: { c: PLACE[t].district } }),
    },
    {
      op: 'institution',
      label: 'institution(id)',
      expect: readOne,
      request: (_f, t) => ({
        query: `query($id: ID!) { institution(id: $id) { id districtCode twoDiseaseTreatment { grantedFrom } } }`,
        variables: { id: PLACE[t].institution },
      }),
    },
    {
      op: 'populationFigures',
      label: 'populationFigures(district)',
      expect: readRegion,
      request: (_f, t) => ({ query: `query($r: String!) { populationFigures(regionCode: $r) { districtCode source } }`, variables: { r: PLACE[t].district } }),
    },
    {
      op: 'populationFigureRevisions',
      label: 'populationFigureRevisions',
      expect: readRegion,
      request: (_f, t) => ({
        query: `query($d: String!) { populationFigureRevisions(districtCode: $d, year: 2030) { revision } }`,
        variables: { d: PLACE[t].district },
      }),
    },
    {
      op: 'createRegion',
      label: 'createRegion(street)',
      expect: regionWrite,
      request: (_f, t, r) => ({
        query: `mutation($i: CreateRegionInput!) { createRegion(input: $i) { code } }`,
        variables: { i: { code: streetOf(r, t), name: '矩阵街道', level: 'STREET', parentCode: PLACE[t].district } },
      }),
    },
    {
      op: 'renameRegion',
      label: 'renameRegion',
      expect: regionWrite,
      request: (_f, t, r) => ({
        query: `mutation($c: String!) { renameRegion(code: $c, name: "矩阵新街道") { name } }`,
        variables: { c: mayWriteRegion(r, t) ? streetOf(r, t) : PLACE[t].street },
      }),
    },
    {
      op: 'closeRegion',
      label: 'closeRegion',
      expect: regionWrite,
      request: (_f, t, r) => ({
        query: `mutation($c: String!) { closeRegion(code: $c, closedOn: "2025-07-01") { closedOn } }`,
        variables: { c: mayWriteRegion(r, t) ? streetOf(r, t) : PLACE[t].street },
      }),
    },
    {
      op: 'createInstitution',
      label: 'createInstitution',
      expect: districtWrite,
      request: (_f, t, r) => ({
        query: `mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id } }`,
        variables: {
          i: { id: `MX-${r}-${PLACE[t].district}`, name: '矩阵卫生室', level: 'VILLAGE_CLINIC', districtCode: PLACE[t].district, insuranceDesignated: true },
        },
      }),
    },
    {
      op: 'updateInstitution',
      label: 'updateInstitution',
      expect: districtWrite,
      request: (_f, t, r) => ({
        query: `mutation($id: ID!) { updateInstitution(id: $id, input: { networkedOutOfArea: true }) { id } }`,
        variables: { id: institutionOf(r, t) },
      }),
    },
    {
      op: 'grantTwoDiseaseTreatment',
      label: 'grantTwoDiseaseTreatment',
      expect: districtWrite,
      request: (_f, t, r) => ({
        query: `mutation($id: ID!) { grantTwoDiseaseTreatment(institutionId: $id, from: "2025-01-01", source: "matrix") { id } }`,
        variables: { id: institutionOf(r, t) },
      }),
    },
    {
      op: 'withdrawTwoDiseaseTreatment',
      label: 'withdrawTwoDiseaseTreatment',
      expect: districtWrite,
      request: (_f, t, r) => ({
        query: `mutation($id: ID!) { withdrawTwoDiseaseTreatment(institutionId: $id, on: "2025-03-01", reason: "matrix") { id } }`,
        variables: { id: institutionOf(r, t) },
      }),
    },
    {
      op: 'closeInstitution',
      label: 'closeInstitution',
      expect: districtWrite,
      request: (_f, t, r) => ({
        query: `mutation($id: ID!) { closeInstitution(id: $id, closedOn: "2099-12-31", reason: "matrix") { id } }`,
        variables: { id: institutionOf(r, t) },
      }),
    },
    {
      // The import answers row by row: a row of a district the viewer may not write is a FORBIDDEN row problem, and nothing is stored.
      op: 'importInstitutions',
      label: 'importInstitutions',
      expect: () => 'data',
      check: (d, t, r) => {
        const x = d.importInstitutions as { applied: boolean; problems: { code: string }[] };
        const ok = mayWriteDistrict(r, t) ? x.applied && x.problems.length === 0 : !x.applied && x.problems.some((p) => p.code === 'FORBIDDEN');
        return ok ? null : `import answered ${JSON.stringify(x)}`;
      },
      request: (_f, t, r) => ({
        query: `mutation($csv: String!) { importInstitutions(input: { csv: $csv }) { applied problems { code } } }`,
        variables: {
          csv: `机构编码,机构名称,机构级别,区县编码,可开展两病诊疗,医保定点\nMXI-${r}-${PLACE[t].district},矩阵导入卫生室,村卫生室,${PLACE[t].district},否,是\n`,
        },
      }),
    },
    {
      op: 'setPopulationFigure',
      label: 'setPopulationFigure',
      expect: districtWrite,
      request: (_f, t) => ({
        query: `mutation($i: SetPopulationFigureInput!) { setPopulationFigure(input: $i) { revision } }`,
        variables: {
          i: {
            districtCode: PLACE[t].district,
            year: 2030,
            population35Plus: 1000,
            hypertensionPrevalenceBp: 2500,
            diabetesPrevalenceBp: 1000,
            source: 'matrix',
          },
        },
      }),
    },
  ];
}
