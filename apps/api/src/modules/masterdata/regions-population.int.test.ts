import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let leader: string;
let lxBureau: string;
beforeAll(async () => {
  h = await startHarness();
  leader = await h.token({ role: 'city_leadership', userId: 'leader' });
  lxBureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
});
afterAll(async () => h.close());

function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

type Err = { errors?: { extensions: Record<string, unknown> }[] };
type Awareness = { numerator: number; denominator: number | null; rate: number | null; unavailableReason: string | null; missingDistricts: string[] | null };
type Stats = {
  statistics: {
    indicators: { awareness: Awareness; estimatedPatients: number | null; managedPatients: number; knownPatients: number };
    children: { region: { code: string }; indicators: { awareness: Awareness } }[];
  };
};
const CREATE_REGION = `mutation($i: CreateRegionInput!) { createRegion(input: $i) { code name level parentCode cityCode closedOn } }`;
const STATS = `query($r: String!, $y: Int!) { statistics(regionCode: $r, year: $y, disease: HYPERTENSION) {
  indicators { awareness { numerator denominator rate unavailableReason missingDistricts } estimatedPatients managedPatients knownPatients }
  children { region { code } indicators { awareness { numerator denominator rate unavailableReason missingDistricts } } } } }`;
const SET = `mutation($i: SetPopulationFigureInput!) { setPopulationFigure(input: $i) { districtCode year revision population35Plus hypertensionPrevalenceBp estimatedHypertensionPatients surveyAwarenessHypertensionBp source surveyAwarenessSource setBy } }`;
const figure = (over: Record<string, unknown> = {}) => ({
  districtCode: '320214',
  year: 2025,
  population35Plus: 5000,
  hypertensionPrevalenceBp: 2500,
  diabetesPrevalenceBp: 1000,
  source: '新吴区第七次人口普查公报; 患病率: 江苏省慢病监测 2023',
  ...over,
});
const stats = async (token: string, region: string, year = 2025) => {
  const r = await h.gql<Stats>(token, STATS, { r: region, y: year });
  expect(r.errors).toBeUndefined();
  return r.data!.statistics;
};

describe('regions through the API', () => {
  it('refuses a district bureau, and names the bad code and parent', async () => {
    const bureau = await h.gql<Err>(lxBureau, CREATE_REGION, { i: { code: '320214', name: '新吴区', level: 'DISTRICT', parentCode: '320200' } });
    expect(bureau.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const short = await h.gql<Err>(leader, CREATE_REGION, { i: { code: '32021', name: '新吴区', level: 'DISTRICT', parentCode: '320200' } });
    expect(short.errors?.[0]?.extensions.field).toBe('input.code');
    const prefix = await h.gql<Err>(leader, CREATE_REGION, { i: { code: '330214', name: '新吴区', level: 'DISTRICT', parentCode: '320200' } });
    expect(prefix.errors?.[0]?.extensions.field).toBe('input.code');
    const level = await h.gql<Err>(leader, CREATE_REGION, { i: { code: '320200001', name: '某街道', level: 'STREET', parentCode: '320200' } });
    expect(level.errors?.[0]?.extensions.field).toBe('input.parentCode');
    const city = await h.gql<Err>(leader, CREATE_REGION, { i: { code: '320300', name: '徐州市', level: 'CITY', parentCode: '320200' } });
    expect(city.errors?.[0]?.extensions.field).toBe('input.level');
  });

  it('creates a district and a street, audited, seen at once by the region tree', async () => {
    const d = await h.gql<{ createRegion: Record<string, unknown> }>(leader, CREATE_REGION, {
      i: { code: '320214', name: '新吴区', level: 'DISTRICT', parentCode: '320200' },
    });
    expect(d.data!.createRegion).toEqual({ code: '320214', name: '新吴区', level: 'DISTRICT', parentCode: '320200', cityCode: '320200', closedOn: null });
    const s = await h.gql<{ createRegion: Record<string, unknown> }>(leader, CREATE_REGION, {
      i: { code: '320214001', name: '旺庄街道', level: 'STREET', parentCode: '320214' },
    });
    expect(s.errors).toBeUndefined();
    const dup = await h.gql<Err>(leader, CREATE_REGION, { i: { code: '320214', name: '新吴区', level: 'DISTRICT', parentCode: '320200' } });
    expect(dup.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(await h.sql(`select district_code, user_id from audit_log where action = 'region.create' order by id`)).toEqual([
      { district_code: '320214', user_id: 'leader' },
      { district_code: '320214', user_id: 'leader' },
    ]);
    const tree = await h.gql<{ regions: { children: { code: string; children: { code: string }[] }[] }[] }>(
      leader,
      `{ regions { children { code children { code } } } }`,
    );
    expect(tree.data!.regions[0]!.children.find((c) => c.code === '320214')?.children).toEqual([{ code: '320214001' }]);
    const one = await h.gql<{ region: { name: string } }>(leader, `{ region(code: "320214001") { name } }`);
    expect(one.data!.region.name).toBe('旺庄街道');
  });

  it('lets the new district’s bureau register a patient there, and its statistics count them without a restart', async () => {
    const xwBureau = await h.token({ role: 'district_bureau', districtCode: '320214' });
    const reg = await h.gql(xwBureau, `mutation($i: RegisterPatientInput!) { registerPatient(input: $i) { id } }`, {
      i: {
        id: 'XW1',
        residentId: residentId('32021419550505001'),
        name: '周强',
        scheme: 'RESIDENT',
        streetCode: '320214001',
        managed: true,
        managedSince: '2025-02-01',
        diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2024-05-01' }],
      },
    });
    expect(reg.errors).toBeUndefined();
    const s = await stats(xwBureau, '320214');
    expect(s.indicators.managedPatients).toBe(1);
    expect(s.indicators.knownPatients).toBe(1);
    const other = await h.gql<Err>(lxBureau, STATS, { r: '320214', y: 2025 });
    expect(other.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('renames and closes a street; a closed street takes no new patients or institutions', async () => {
    const x = await h.gql<{ createRegion: { code: string } }>(leader, CREATE_REGION, {
      i: { code: '320214002', name: '江溪街道', level: 'STREET', parentCode: '320214' },
    });
    expect(x.errors).toBeUndefined();
    const renamed = await h.gql<{ renameRegion: { name: string } }>(leader, `mutation { renameRegion(code: "320214002", name: "江溪街道办事处") { name } }`);
    expect(renamed.data!.renameRegion.name).toBe('江溪街道办事处');
    const closed = await h.gql<{ closeRegion: { closedOn: string } }>(
      leader,
      `mutation { closeRegion(code: "320214002", closedOn: "2025-06-01") { closedOn } }`,
    );
    expect(closed.data!.closeRegion.closedOn).toBe('2025-06-01');
    expect(await h.sql(`select action from audit_log where entity_id = '320214002' order by id`)).toEqual([
      { action: 'region.create' },
      { action: 'region.rename' },
      { action: 'region.close' },
    ]);
    const xwBureau = await h.token({ role: 'district_bureau', districtCode: '320214' });
    const reg = await h.gql<Err>(xwBureau, `mutation($i: RegisterPatientInput!) { registerPatient(input: $i) { id } }`, {
      i: {
        id: 'XW2',
        residentId: residentId('32021419560606002'),
        name: '吴芳',
        scheme: 'RESIDENT',
        streetCode: '320214002',
        managed: false,
        diseases: [{ disease: 'DIABETES', diagnosedOn: '2024-05-01' }],
      },
    });
    expect(reg.errors?.[0]?.extensions.field).toBe('input.streetCode');
    const inst = await h.gql<Err>(
      xwBureau,
      `mutation { createInstitution(input: { id: "I-XW-V", name: "江溪村卫生室", level: VILLAGE_CLINIC, districtCode: "320214", streetCode: "320214002", insuranceDesignated: true }) { id } }`,
    );
    expect(inst.errors?.[0]?.extensions.field).toBe('input.streetCode');
  });
});

describe('population figures and the awareness denominator', () => {
  it('says which district has no figure instead of a 0 denominator, for the district and the city', async () => {
    const d = await stats(leader, '320214');
    expect(d.indicators.awareness).toMatchObject({
      numerator: 1,
      denominator: null,
      rate: null,
      missingDistricts: ['320214'],
      unavailableReason: 'no population figure for 320214 in 2025',
    });
    expect(d.indicators.estimatedPatients).toBeNull();
    const city = await stats(leader, '320200');
    // The city's figure over the other districts would pass for the whole city's: it is withheld, naming the missing district.
    expect(city.indicators.awareness).toMatchObject({ denominator: null, rate: null, missingDistricts: ['320214'] });
    const lx = city.children.find((c) => c.region.code === '320213')!.indicators.awareness;
    // 梁溪区's own figure stands: 10 000 residents aged ≥ 35 × 30.00 % hypertension.
    expect(lx).toMatchObject({ denominator: 3000, unavailableReason: null, missingDistricts: null });
    expect(city.children.find((c) => c.region.code === '320214')!.indicators.awareness.missingDistricts).toEqual(['320214']);
  });

  it('refuses another district’s bureau and names the bad fields', async () => {
    const forbidden = await h.gql<Err>(lxBureau, SET, { i: figure() });
    expect(forbidden.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const bad = await h.gql<Err>(leader, SET, {
      i: figure({ hypertensionPrevalenceBp: 10001, population35Plus: -1, surveyAwarenessHypertensionBp: 4500, source: '' }),
    });
    const e = bad.errors![0]!.extensions as { code: string; detail: { field: string }[] };
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.detail.map((x) => x.field)).toEqual(['input.population35Plus', 'input.hypertensionPrevalenceBp', 'input.source', 'input.surveyAwarenessSource']);
    expect(await h.sql(`select 1 from population_figures where district_code = '320214'`)).toHaveLength(0);
  });

  it('sets a figure (the district’s bureau), audited, and awareness then has its denominator', async () => {
    const xwBureau = await h.token({ role: 'district_bureau', districtCode: '320214', userId: 'xw' });
    const r = await h.gql<{ setPopulationFigure: Record<string, unknown> }>(xwBureau, SET, { i: figure() });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setPopulationFigure).toMatchObject({ revision: 1, estimatedHypertensionPatients: 1250, surveyAwarenessHypertensionBp: null, setBy: 'xw' });
    expect(await h.sql(`select district_code, entity_id from audit_log where action = 'population.set'`)).toEqual([
      { district_code: '320214', entity_id: '320214:2025' },
    ]);
    const d = await stats(leader, '320214');
    expect(d.indicators.awareness).toMatchObject({ denominator: 1250, unavailableReason: null, missingDistricts: null });
    expect(d.indicators.awareness.rate).toBeCloseTo(d.indicators.awareness.numerator / 1250, 12);
    // Every district has a figure now: the city's denominator is their sum (3 000 + 6 000 + 1 250).
    const city = await stats(leader, '320200');
    expect(city.indicators.awareness).toMatchObject({ denominator: 10250, unavailableReason: null });
    // A figure serves its year and later ones, never an earlier one.
    expect((await stats(leader, '320214', 2024)).indicators.awareness.missingDistricts).toEqual(['320214']);
  });

  it('keeps earlier values when a figure is revised, with the survey value and its own source', async () => {
    const r = await h.gql<{ setPopulationFigure: Record<string, unknown> }>(leader, SET, {
      i: figure({ population35Plus: 5200, surveyAwarenessHypertensionBp: 4800, surveyAwarenessSource: '无锡市居民慢病调查 2024' }),
    });
    expect(r.data!.setPopulationFigure).toMatchObject({
      revision: 2,
      population35Plus: 5200,
      estimatedHypertensionPatients: 1300,
      surveyAwarenessHypertensionBp: 4800,
      surveyAwarenessSource: '无锡市居民慢病调查 2024',
    });
    const revisions = await h.gql<{ populationFigureRevisions: { revision: number; population35Plus: number; setBy: string }[] }>(
      leader,
      `{ populationFigureRevisions(districtCode: "320214", year: 2025) { revision population35Plus setBy } }`,
    );
    expect(revisions.data!.populationFigureRevisions).toEqual([
      { revision: 1, population35Plus: 5000, setBy: 'xw' },
      { revision: 2, population35Plus: 5200, setBy: 'leader' },
    ]);
    const list = await h.gql<{ populationFigures: { districtCode: string; revision: number; source: string }[] }>(
      lxBureau,
      `{ populationFigures(regionCode: "320213", year: 2025) { districtCode revision source } }`,
    );
    // A figure loaded directly (the fixture, like the demo loader) shows revision 0: it has no history.
    expect(list.data!.populationFigures).toEqual([{ districtCode: '320213', revision: 0, source: 'test figure' }]);
    expect((await stats(leader, '320214')).indicators.awareness.denominator).toBe(1300);
  });

  it('keeps the rollups equal to the raw tables', async () => {
    expect((await checkRollups(h.orm.em.fork())).mismatches).toEqual([]);
  });
});
