import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../test/harness';

let h: Harness;
let jiangyin: string;
let liangxi: string;
let auditor: string;
let leader: string;
beforeAll(async () => {
  h = await startHarness();
  jiangyin = await h.token({ role: 'district_bureau', districtCode: '320281' });
  liangxi = await h.token({ role: 'district_bureau', districtCode: '320213' });
  auditor = await h.token({ role: 'auditor' });
  leader = await h.token({ role: 'city_leadership' });
});
afterAll(async () => h.close());

describe('district scope: 江阴 cannot read 梁溪 by any path', () => {
  it('single read', async () => {
    const r = await h.gql(jiangyin, `{ patient(id: "P1") { id } }`);
    expect(r.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
  it('list', async () => {
    const r = await h.gql<{ patients: { totalCount: number; nodes: { id: string }[] } }>(jiangyin, `{ patients { totalCount nodes { id } } }`);
    expect(r.data!.patients.nodes.map((n) => n.id)).toEqual(['P3']);
  });
  it('statistics of the other district', async () => {
    const r = await h.gql(jiangyin, `{ statistics(regionCode: "320213", year: 2025) { indicators { managedPatients } } }`);
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
  it('city-wide statistics', async () => {
    const r = await h.gql(jiangyin, `{ statistics(regionCode: "320200", year: 2025) { indicators { managedPatients } } }`);
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
  it('a claim for the other district’s patient', async () => {
    const r = await h.gql(jiangyin, SUBMIT, { input: claimInput() });
    expect(r.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
  it('a claim by id', async () => {
    const made = await h.gql<{ submitClaim: { claim: { id: string } } }>(liangxi, SUBMIT, { input: claimInput() });
    const r = await h.gql(jiangyin, `query($id: ID!) { claim(id: $id) { id } }`, { id: made.data!.submitClaim.claim.id });
    expect(r.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
  it('the city leadership reads the city but cannot write', async () => {
    const r = await h.gql<{ statistics: { children: unknown[] } }>(leader, `{ statistics(regionCode: "320200", year: 2025) { children { region { code } } } }`);
    expect(r.data!.statistics.children).toHaveLength(2);
    const w = await h.gql(leader, SUBMIT, { input: claimInput() });
    expect(w.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('masking', () => {
  it('masks resident ID (its sex digit too), phone and name for a district bureau, and withholds birth date and sex', async () => {
    const r = await h.gql<{ patient: { residentId: string; phone: string; name: string; sex: string | null; birthDate: string | null; ageBand: string } }>(
      liangxi,
      `{ patient(id: "P1") { residentId phone name sex birthDate ageBand } }`,
    );
    expect(r.data!.patient.residentId).toBe('320213********00*3');
    // born 1950-01-01, on 2025-06-30
    expect([r.data!.patient.sex, r.data!.patient.birthDate, r.data!.patient.ageBand]).toEqual([null, null, '75–79']);
    expect(r.data!.patient.phone).toBe('138****0001');
    expect(r.data!.patient.name).toBe('王**');
  });
  it('shows them to an auditor and audits the read', async () => {
    const r = await h.gql<{ patient: { residentId: string } }>(auditor, `{ patient(id: "P1") { residentId } }`);
    expect(r.data!.patient.residentId).toBe('320213195001010013');
    const log = await h.sql<{ n: string }>(`select count(*) as n from audit_log where role = 'auditor' and action = 'patient.read' and entity_id = 'P1'`);
    expect(Number(log[0]!.n)).toBe(1);
  });
});

describe('registration and designation', () => {
  it('rejects a resident ID with a wrong check digit, naming the field', async () => {
    const r = await h.gql(
      liangxi,
      `mutation { registerPatient(input: { id: "P9", residentId: "320213195001010014", name: "赵六", scheme: RESIDENT, streetCode: "320213001", managed: true, diseases: [{ disease: HYPERTENSION, diagnosedOn: "2020-01-01" }] }) { id } }`,
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.residentId' });
  });
  it('registers a valid patient with the sex and birth date of the ID (shown to the bureau as an age band only)', async () => {
    const r = await h.gql<{ registerPatient: { sex: string | null; birthDate: string | null; ageBand: string; districtCode: string } }>(
      liangxi,
      `mutation { registerPatient(input: { id: "P9", residentId: "11010519491231002X", name: "赵六", scheme: RESIDENT, streetCode: "320213001", managed: true, diseases: [{ disease: HYPERTENSION, diagnosedOn: "2020-01-01" }] }) { sex birthDate ageBand districtCode } }`,
    );
    expect(r.errors?.[0]?.message).toBeUndefined();
    expect(r.data!.registerPatient).toEqual({ sex: null, birthDate: null, ageBand: '75–79', districtCode: '320213' });
    const seen = await h.gql<{ patient: { sex: string; birthDate: string } }>(auditor, `{ patient(id: "P9") { sex birthDate } }`);
    expect(seen.data!.patient).toEqual({ sex: 'FEMALE', birthDate: '1949-12-31' });
  });
  it('refuses a change of designated institution within the year in 江阴 (W-5)', async () => {
    await h.sql(
      `insert into institutions values ('I-JY-2','另一社区卫生服务中心','community_health_centre','320200','320281','320281001',null,true,true,true)`,
    );
    const r = await h.gql(jiangyin, `mutation { designateInstitution(patientId: "P3", institutionId: "I-JY-2", effectiveFrom: "2025-07-01") { id } }`);
    expect(r.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(String(r.errors?.[0]?.message)).toContain('W-5');
  });
});
