/**
 * Family-doctor signings through GraphQL against PostgreSQL: recorded and ended with their history,
 * scoped (the district bureau, the designated institution's operator for its own team), validated
 * with coded errors naming the field, audited, counted in the statistics (family-doctor-signing.v1)
 * per district and city; the rollups equal the raw tables after every write. Wuxi's text makes the
 * family doctor the gatekeeper (四(一)): monitoring flags claims outside the signed team's institution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let bureau: string;
let operator: string;
let otherOperator: string;
let leadership: string;
let jiangyin: string;

const RECORD = `mutation($i: RecordSigningInput!) { recordSigning(input: $i) { replayed signing { id districtCode patientId institutionId institutionName teamCode teamName validFrom validTo ended endedReason } } }`;
const END = `mutation($id: ID!, $on: String!, $r: String!) { endSigning(signingId: $id, endedOn: $on, reason: $r) { id validFrom validTo ended endedReason } }`;
const PATIENT = `query($id: ID!, $on: String) { patient(id: $id) { id signings { id teamName validFrom validTo ended } currentSigning(on: $on) { id teamCode institutionName } history { action field new effectiveOn reason } } }`;
const STATS = `query($r: String!) { statistics(regionCode: $r, year: 2025, quarter: 2) { indicators { managedPatients familyDoctorSigning { numerator denominator rate definitionId } } } }`;

type Err = { message: string; extensions: Record<string, unknown> }[] | undefined;
type Signing = { id: string; validFrom: string; validTo: string | null; ended: boolean; endedReason: string | null; institutionName: string };
const code = (errors: Err) => errors?.[0]?.extensions.code;
const fields = (errors: Err) =>
  ((errors?.[0]?.extensions.detail as { field: string }[] | undefined) ?? []).map((d) => d.field).concat(String(errors?.[0]?.extensions.field ?? ''));
const auditCount = async (action: string) => Number((await h.sql<{ n: string }>(`select count(*) as n from audit_log where action = ?`, [action]))[0]!.n);
const input = (over: Record<string, unknown> = {}) => ({
  patientId: 'P1',
  institutionId: 'I-LX-CHC',
  teamCode: 'LX-T1',
  teamName: '崇安寺家庭医生一组',
  validFrom: '2025-01-01',
  validTo: '2025-12-31',
  ...over,
});

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
  otherOperator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-H2' });
  leadership = await h.token({ role: 'city_leadership' });
  jiangyin = await h.token({ role: 'district_bureau', districtCode: '320281' });
});
afterAll(async () => h.close());

describe('recording and ending a signing', () => {
  let first: string;

  it('the district bureau records a signing: stored in the patient’s district, shown on the patient, in its history, audited', async () => {
    const r = await h.gql<{ recordSigning: { replayed: boolean; signing: Signing & { districtCode: string } } }>(bureau, RECORD, { i: input() });
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordSigning.replayed).toBe(false);
    expect(r.data!.recordSigning.signing).toMatchObject({
      districtCode: '320213',
      institutionName: '崇安寺社区卫生服务中心',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      ended: false,
    });
    first = r.data!.recordSigning.signing.id;
    const p = await h.gql<{ patient: { signings: Signing[]; currentSigning: { id: string; teamCode: string } | null; history: { action: string }[] } }>(
      bureau,
      PATIENT,
      { id: 'P1', on: '2025-03-01' },
    );
    expect(p.errors).toBeUndefined();
    expect(p.data!.patient.signings.map((s) => s.id)).toEqual([first]);
    expect(p.data!.patient.currentSigning).toMatchObject({ id: first, teamCode: 'LX-T1' });
    expect(p.data!.patient.history.map((e) => e.action)).toContain('signing_record');
    expect(await auditCount('signing.record')).toBe(1);
  });

  it('the same signing sent again is a replay; an overlapping one is refused on validFrom', async () => {
    const again = await h.gql<{ recordSigning: { replayed: boolean; signing: { id: string } } }>(bureau, RECORD, { i: input() });
    expect(again.data!.recordSigning).toMatchObject({ replayed: true, signing: { id: first } });
    const clash = await h.gql(bureau, RECORD, { i: input({ teamCode: 'LX-T2', teamName: '二组', validFrom: '2025-06-01', validTo: null }) });
    expect(code(clash.errors)).toBe('BAD_USER_INPUT');
    expect(fields(clash.errors)).toContain('input.validFrom');
    expect(await auditCount('signing.record')).toBe(1);
  });

  it('counts the signed managed patients of the district and the city; the rollups equal the raw tables', async () => {
    const d = await h.gql<{ statistics: { indicators: { managedPatients: number; familyDoctorSigning: Record<string, unknown> } } }>(bureau, STATS, {
      r: '320213',
    });
    expect(d.errors).toBeUndefined();
    // P1 and P2 are managed in 梁溪区; P1 is signed on 2025-06-30
    expect(d.data!.statistics.indicators.familyDoctorSigning).toEqual({ numerator: 1, denominator: 2, rate: 0.5, definitionId: 'family-doctor-signing.v1' });
    const c = await h.gql<{ statistics: { indicators: { familyDoctorSigning: Record<string, unknown> } } }>(leadership, STATS, { r: '320200' });
    expect(c.data!.statistics.indicators.familyDoctorSigning).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await checkRollups(h.orm.em.fork())).mismatches).toEqual([]);
  });

  it('ends the signing (解约): kept with its last day and reason, no longer current, out of the count; ending twice is a conflict', async () => {
    const r = await h.gql<{ endSigning: Signing }>(bureau, END, { id: first, on: '2025-05-31', r: '患者申请解约' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.endSigning).toMatchObject({ validFrom: '2025-01-01', validTo: '2025-05-31', ended: true, endedReason: '患者申请解约' });
    const p = await h.gql<{ patient: { signings: Signing[]; currentSigning: unknown; history: { action: string; reason: string | null }[] } }>(
      bureau,
      PATIENT,
      {
        id: 'P1',
        on: '2025-06-15',
      },
    );
    expect(p.data!.patient.signings).toHaveLength(1);
    expect(p.data!.patient.currentSigning).toBeNull();
    expect(p.data!.patient.history.find((e) => e.action === 'signing_end')?.reason).toBe('患者申请解约');
    const d = await h.gql<{ statistics: { indicators: { familyDoctorSigning: { numerator: number } } } }>(bureau, STATS, { r: '320213' });
    expect(d.data!.statistics.indicators.familyDoctorSigning.numerator).toBe(0);
    const twice = await h.gql(bureau, END, { id: first, on: '2025-05-31', r: '再次' });
    expect(code(twice.errors)).toBe('CONFLICT');
    expect(await auditCount('signing.end')).toBe(1);
    expect((await checkRollups(h.orm.em.fork())).mismatches).toEqual([]);
  });

  it('the designated institution’s operator records a signing with its own team after the old one ended', async () => {
    const r = await h.gql<{ recordSigning: { signing: Signing } }>(operator, RECORD, {
      i: input({ teamCode: 'LX-T2', teamName: '崇安寺家庭医生二组', validFrom: '2025-06-01', validTo: null }),
    });
    expect(r.errors).toBeUndefined();
    const p = await h.gql<{ patient: { signings: Signing[]; currentSigning: { teamCode: string } } }>(bureau, PATIENT, { id: 'P1', on: null });
    expect(p.data!.patient.signings.map((s) => s.validFrom)).toEqual(['2025-06-01', '2025-01-01']);
    expect(p.data!.patient.currentSigning.teamCode).toBe('LX-T2');
    expect((await checkRollups(h.orm.em.fork())).mismatches).toEqual([]);
  });
});

describe('scope and validation', () => {
  it('an operator may not sign for another institution’s team, nor a patient not designated to it; other districts see NOT_FOUND', async () => {
    const foreignTeam = await h.gql(operator, RECORD, { i: input({ patientId: 'P2', institutionId: 'I-LX-H2' }) });
    expect(code(foreignTeam.errors)).toBe('FORBIDDEN');
    const notMine = await h.gql(otherOperator, RECORD, { i: input({ patientId: 'P2', institutionId: 'I-LX-H2' }) });
    expect(code(notMine.errors)).toBe('NOT_FOUND');
    const otherDistrict = await h.gql(jiangyin, RECORD, { i: input({ patientId: 'P2' }) });
    expect(code(otherDistrict.errors)).toBe('NOT_FOUND');
    const readOnly = await h.gql(leadership, RECORD, { i: input({ patientId: 'P2' }) });
    expect(code(readOnly.errors)).toBe('FORBIDDEN');
    expect(await h.sql(`select 1 from family_doctor_signings where patient_id = 'P2'`)).toEqual([]);
  });

  it('bad input is refused field by field, nothing written', async () => {
    const r = await h.gql(bureau, RECORD, {
      i: input({ patientId: 'P2', institutionId: 'bad id!', teamCode: '', teamName: ' ', validFrom: '2025-13-01', validTo: 'soon' }),
    });
    expect(code(r.errors)).toBe('BAD_USER_INPUT');
    expect(fields(r.errors)).toEqual(expect.arrayContaining(['input.institutionId', 'input.teamCode', 'input.teamName', 'input.validFrom', 'input.validTo']));
    const future = await h.gql(bureau, RECORD, { i: input({ patientId: 'P2', validFrom: '2025-07-01' }) });
    expect(fields(future.errors)).toContain('input.validFrom');
    const backwards = await h.gql(bureau, RECORD, { i: input({ patientId: 'P2', validFrom: '2025-03-01', validTo: '2025-02-01' }) });
    expect(fields(backwards.errors)).toContain('input.validTo');
    const unknown = await h.gql(bureau, RECORD, { i: input({ patientId: 'P2', institutionId: 'I-NOWHERE' }) });
    expect(fields(unknown.errors)).toContain('input.institutionId');
    const endBad = await h.gql(bureau, END, { id: 'not-a-uuid', on: 'x', r: '' });
    expect(fields(endBad.errors)).toEqual(expect.arrayContaining(['signingId', 'endedOn', 'reason']));
    expect(await h.sql(`select 1 from family_doctor_signings where patient_id = 'P2'`)).toEqual([]);
  });
});

describe('the family doctor as gatekeeper (Wuxi 四(一))', () => {
  const RUN = `mutation($r: String!, $f: String!, $t: String!) { runMonitoring(regionCode: $r, from: $f, to: $t) { raised { kind count } } }`;
  const ALERTS = `{ alerts(filter: { kind: "OUTSIDE_SIGNED_TEAM" }) { nodes { patientId institutionId evidence claims { id } } } }`;

  it('flags a claim outside the signed team’s institution, not one there nor an emergency; running again opens nothing twice', async () => {
    const signed = await h.gql(bureau, RECORD, {
      i: input({ patientId: 'P2', teamCode: 'LX-T3', teamName: '崇安寺家庭医生三组', validFrom: '2025-02-01', validTo: null }),
    });
    expect(signed.errors).toBeUndefined();
    const submit = async (over: Record<string, unknown>) => {
      const r = await h.gql<{ submitClaim: { claim: { id: string } } }>(bureau, SUBMIT, { input: claimInput({ patientId: 'P2', ...over }) });
      expect(r.errors).toBeUndefined();
      return r.data!.submitClaim.claim.id;
    };
    const outside = await submit({ institutionId: 'I-LX-H3', serviceDate: '2025-05-02' });
    await submit({ institutionId: 'I-LX-CHC', serviceDate: '2025-05-20' });
    await submit({ institutionId: 'I-LX-H3', serviceDate: '2025-06-10', pathway: 'EMERGENCY' });
    const run = await h.gql<{ runMonitoring: { raised: { kind: string; count: number }[] } }>(bureau, RUN, { r: '320213', f: '2025-04-01', t: '2025-06-30' });
    expect(run.errors).toBeUndefined();
    expect(run.data!.runMonitoring.raised.find((k) => k.kind === 'OUTSIDE_SIGNED_TEAM')?.count).toBe(1);
    const list = await h.gql<{
      alerts: { nodes: { patientId: string; institutionId: string; evidence: Record<string, unknown>; claims: { id: string }[] }[] };
    }>(bureau, ALERTS);
    expect(list.errors).toBeUndefined();
    const [alert] = list.data!.alerts.nodes;
    expect(alert).toMatchObject({ patientId: 'P2', institutionId: 'I-LX-H3', claims: [{ id: outside }] });
    expect(alert!.evidence).toMatchObject({ signedInstitutionId: 'I-LX-CHC', teamCode: 'LX-T3' });
    expect(String(alert!.evidence.citation)).toContain('四(一)');
    const again = await h.gql<{ runMonitoring: { raised: { kind: string }[] } }>(bureau, RUN, { r: '320213', f: '2025-04-01', t: '2025-06-30' });
    expect(again.data!.runMonitoring.raised.some((k) => k.kind === 'OUTSIDE_SIGNED_TEAM')).toBe(false);
  });
});
