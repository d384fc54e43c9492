/**
 * Certificates and follow-ups corrected through GraphQL. Figures by hand on test/harness.ts's data
 * (梁溪区 2025, INDICATORS.md):
 *   - certified: P1 (W-0001) and P2 (W-0002); coverage 2/2.
 *   - P1 has four face-to-face follow-ups (Jan–Apr, latest 138/84 at 75: controlled, < 150/90), so
 *     standardised management is 1/2 (P2, diabetic, has one face-to-face with a glucose).
 *   - P2's only glucose is 7.5 mmol/L: glucose control 0/1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { closePeriod, ensureMaterialised } from '../statistics/rollup.build';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let bureau: string;
let operator: string;
let hospitalOperator: string;
let otherOperator: string;
let leader: string;
const em = () => h.orm.em.fork();

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
  hospitalOperator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-H2' });
  otherOperator = await h.token({ role: 'institution_operator', districtCode: '320281', institutionId: 'I-JY-THC' });
  leader = await h.token({ role: 'city_leadership' });
  await ensureMaterialised(em(), ['320213', '320281'], 2024);
  await ensureMaterialised(em(), ['320213', '320281'], 2025);
});
afterAll(async () => h.close());

type Rate = { numerator: number; denominator: number };
interface Ind {
  standardisedManagement: Rate;
  bloodPressureControl: Rate;
  glucoseControl: Rate;
  benefitCoverage: Rate;
  certifiedPatients: number;
}
const STATS = `query($r: String!, $y: Int!, $q: Int) { statistics(regionCode: $r, year: $y, quarter: $q) { indicators {
  standardisedManagement { numerator denominator } bloodPressureControl { numerator denominator } glucoseControl { numerator denominator }
  benefitCoverage { numerator denominator } certifiedPatients } } }`;

async function stats(quarter: number | null = null, year = 2025): Promise<Ind> {
  const r = await h.gql<{ statistics: { indicators: Ind } }>(leader, STATS, { r: '320213', y: year, q: quarter });
  expect(r.errors).toBeUndefined();
  return r.data!.statistics.indicators;
}

async function rollupsEqual(): Promise<void> {
  const check = await checkRollups(em(), { years: [2024, 2025] });
  expect(check.values).toBeGreaterThan(1000);
  expect(check.mismatches.filter((m) => !m.closed)).toEqual([]);
}

type Err = { extensions: Record<string, unknown> };
const firstError = (r: { errors?: Err[] }) => r.errors?.[0]?.extensions;

async function claim(over: Record<string, unknown>) {
  const r = await h.gql<{ submitClaim: { claim: { fundFen: number; hits: { code: string }[] } } }>(bureau, SUBMIT, {
    input: claimInput(over, { daysSupply: 7, quantity: 7 }),
  });
  expect(r.errors).toBeUndefined();
  return r.data!.submitClaim.claim;
}

const HISTORY = `query($id: ID!) { patient(id: $id) { certificateNo certified history { action field old new effectiveOn reason } } }`;
type Patient = {
  certificateNo: string | null;
  certified: boolean;
  history: { action: string; field: string | null; old: string | null; new: string | null; effectiveOn: string | null; reason: string | null }[];
};
async function patient(id: string): Promise<Patient> {
  const r = await h.gql<{ patient: Patient }>(bureau, HISTORY, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.patient;
}

const REVOKE = `mutation($id: ID!, $no: String!, $on: String!, $reason: String!) { revokeCertificate(patientId: $id, certificateNo: $no, on: $on, reason: $reason) { certified certificateNo } }`;
const RENEW = `mutation($id: ID!, $no: String!, $on: String!, $d: [Disease!]!, $i: ID!) { renewCertificate(patientId: $id, certificateNo: $no, diseases: $d, on: $on, institutionId: $i) { certified certificateNo } }`;

describe('revokeCertificate and renewCertificate', () => {
  it('a revoked certificate stops payment from its date and leaves the certified and covered counts; a renewal restores them', async () => {
    expect(firstError(await h.gql(bureau, REVOKE, { id: 'P1', no: 'W-9999', on: '2025-05-01', reason: '到期' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'certificateNo',
    });
    expect(firstError(await h.gql(bureau, REVOKE, { id: 'P1', no: 'W-0001', on: '2019-01-01', reason: '到期' }))).toMatchObject({ field: 'on' });
    expect(firstError(await h.gql(bureau, REVOKE, { id: 'P1', no: 'W-0001', on: '2025-05-01', reason: '' }))).toMatchObject({ field: 'reason' });
    expect(firstError(await h.gql(operator, REVOKE, { id: 'P1', no: 'W-0001', on: '2025-05-01', reason: '到期' }))).toMatchObject({ code: 'FORBIDDEN' });

    const r = await h.gql<{ revokeCertificate: { certified: boolean; certificateNo: string | null } }>(bureau, REVOKE, {
      id: 'P1',
      no: 'W-0001',
      on: '2025-05-01',
      reason: '复评不符合',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.revokeCertificate).toEqual({ certified: false, certificateNo: null });
    expect(firstError(await h.gql(bureau, REVOKE, { id: 'P1', no: 'W-0001', on: '2025-05-02', reason: 'again' }))).toMatchObject({
      code: 'CONFLICT',
      detail: { code: 'CERTIFICATE_NOT_ACTIVE' },
    });

    // End of Q1: both certified and covered. End of Q2: P1 is not (revoked on May 1).
    expect(await stats(1)).toMatchObject({ certifiedPatients: 2, benefitCoverage: { numerator: 2, denominator: 2 } });
    expect(await stats(2)).toMatchObject({ certifiedPatients: 1, benefitCoverage: { numerator: 1, denominator: 2 } });
    await rollupsEqual();

    // The policy core reads revokedOn: a claim the day before is paid, one on the day is not (G-3 NOT_CERTIFIED).
    expect((await claim({ serviceDate: '2025-04-30' })).fundFen).toBeGreaterThan(0);
    const after = await claim({ serviceDate: '2025-05-10' });
    expect(after.fundFen).toBe(0);
    expect(after.hits.map((x) => x.code)).toContain('NOT_CERTIFIED');

    expect(firstError(await h.gql(bureau, RENEW, { id: 'P1', no: 'W-0001', on: '2025-06-01', d: ['HYPERTENSION'], i: 'I-LX-CHC' }))).toMatchObject({
      field: 'certificateNo',
    });
    expect(firstError(await h.gql(bureau, RENEW, { id: 'P1', no: 'W-0101', on: '2025-06-01', d: ['DIABETES'], i: 'I-LX-CHC' }))).toMatchObject({
      field: 'diseases',
    });
    expect(firstError(await h.gql(bureau, RENEW, { id: 'P1', no: 'W-0101', on: '2025-06-01', d: ['HYPERTENSION'], i: 'NOPE' }))).toMatchObject({
      field: 'institutionId',
    });
    const renewed = await h.gql<{ renewCertificate: { certified: boolean; certificateNo: string } }>(bureau, RENEW, {
      id: 'P1',
      no: 'W-0101',
      on: '2025-06-01',
      d: ['HYPERTENSION'],
      i: 'I-LX-CHC',
    });
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data!.renewCertificate).toEqual({ certified: true, certificateNo: 'W-0101' });
    expect(await stats(2)).toMatchObject({ certifiedPatients: 2, benefitCoverage: { numerator: 2, denominator: 2 } });
    expect((await claim({ serviceDate: '2025-06-02' })).fundFen).toBeGreaterThan(0);
    // May stays uncovered: between the revocation and the renewal.
    expect((await claim({ serviceDate: '2025-05-20' })).hits.map((x) => x.code)).toContain('NOT_CERTIFIED');
    await rollupsEqual();

    // Renewing P2's active certificate ends it on the new one's date.
    expect((await h.gql(bureau, RENEW, { id: 'P2', no: 'W-0202', on: '2025-06-15', d: ['HYPERTENSION', 'DIABETES'], i: 'I-LX-H2' })).errors).toBeUndefined();
    expect(
      await h.sql(`select certificate_no, to_char(revoked_on, 'YYYY-MM-DD') as revoked_on from certifications where patient_id = 'P2' order by certified_on`),
    ).toEqual([
      { certificate_no: 'W-0002', revoked_on: '2025-06-15' },
      { certificate_no: 'W-0202', revoked_on: null },
    ]);
    await rollupsEqual();

    expect((await patient('P1')).history.map((e) => [e.action, e.old, e.new, e.effectiveOn, e.reason])).toEqual([
      ['certificate_revoke', 'W-0001', null, '2025-05-01', '复评不符合'],
      ['certificate_renew', null, 'W-0101 (hypertension)', '2025-06-01', null],
    ]);
    const audits = await h.sql<{ action: string }>(`select action from audit_log where action like 'patient.certificate%' order by id`);
    expect(audits.map((a) => a.action)).toEqual(['patient.certificate_revoke', 'patient.certificate_renew', 'patient.certificate_renew']);
  });
});

const FOLLOW_UPS = `query($id: ID!) { patient(id: $id) { followUps { id date systolic diastolic fastingGlucoseMmol } } }`;
type FU = { id: string; date: string; systolic: number | null; diastolic: number | null; fastingGlucoseMmol: number | null };
async function followUps(id: string): Promise<FU[]> {
  const r = await h.gql<{ patient: { followUps: FU[] } }>(bureau, FOLLOW_UPS, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.patient.followUps;
}
const CORRECT = `mutation($id: ID!, $c: FollowUpChangesInput!, $reason: String!) { correctFollowUp(id: $id, changes: $c, reason: $reason) }`;
const DELETE = `mutation($id: ID!, $reason: String!) { deleteFollowUp(id: $id, reason: $reason) }`;

describe('correctFollowUp and deleteFollowUp', () => {
  it('validate by field and keep to the institution’s own follow-ups', async () => {
    const [latest] = await followUps('P1');
    expect(firstError(await h.gql(bureau, CORRECT, { id: 'not-a-uuid', c: { systolic: 150 }, reason: 'x' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(firstError(await h.gql(bureau, CORRECT, { id: latest!.id, c: {}, reason: 'x' }))).toMatchObject({ field: 'changes' });
    expect(firstError(await h.gql(bureau, CORRECT, { id: latest!.id, c: { systolic: null }, reason: 'x' }))).toMatchObject({ field: 'changes.diastolic' });
    expect(firstError(await h.gql(bureau, CORRECT, { id: latest!.id, c: { systolic: 400 }, reason: 'x' }))).toMatchObject({ field: 'changes.systolic' });
    expect(firstError(await h.gql(bureau, CORRECT, { id: latest!.id, c: { date: '2025-07-01' }, reason: 'x' }))).toMatchObject({ field: 'changes.date' });
    expect(firstError(await h.gql(bureau, CORRECT, { id: latest!.id, c: { systolic: 138 }, reason: 'same' }))).toMatchObject({ field: 'changes' });
    expect(firstError(await h.gql(hospitalOperator, DELETE, { id: latest!.id, reason: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(firstError(await h.gql(otherOperator, DELETE, { id: latest!.id, reason: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.sql(`select count(*)::int as n from follow_up_revisions`))[0]).toEqual({ n: 0 });
  });

  it('deleting the fourth face-to-face visit takes the patient out of standardised management; the row is kept as a revision', async () => {
    expect((await stats()).standardisedManagement).toEqual({ numerator: 1, denominator: 2 });
    const april = (await followUps('P1')).find((f) => f.date === '2025-04-10')!;
    // The designated institution's own operator may delete its follow-up.
    expect((await h.gql(operator, DELETE, { id: april.id, reason: '重复录入' })).errors).toBeUndefined();
    expect((await followUps('P1')).map((f) => f.date)).toEqual(['2025-03-10', '2025-02-10', '2025-01-10']);
    // Three face-to-face visits left: P1 is not standard-managed. Latest BP now 142/85, still < 150/90 at 75.
    const s = await stats();
    expect(s.standardisedManagement).toEqual({ numerator: 0, denominator: 2 });
    expect(s.bloodPressureControl).toEqual({ numerator: 2, denominator: 2 });
    await rollupsEqual();
    const [rev] = await h.sql<{ revision: number; action: string; follow_up_date: string; systolic: number; reason: string; user_id: string }>(
      `select revision, action, to_char(follow_up_date, 'YYYY-MM-DD') as follow_up_date, systolic, reason, user_id from follow_up_revisions where follow_up_id = ?`,
      [april.id],
    );
    expect(rev).toEqual({ revision: 1, action: 'delete', follow_up_date: '2025-04-10', systolic: 138, reason: '重复录入', user_id: 'u-institution_operator' });
    expect(await h.sql(`select entity_id, detail->>'reason' as reason from audit_log where action = 'follow_up.delete'`)).toEqual([
      { entity_id: april.id, reason: '重复录入' },
    ]);
  });

  it('correcting the latest pressure and glucose moves BP and glucose control; a second correction is revision 2', async () => {
    const march = (await followUps('P1')).find((f) => f.date === '2025-03-10')!;
    expect((await h.gql(bureau, CORRECT, { id: march.id, c: { systolic: 155 }, reason: '抄写错误' })).errors).toBeUndefined();
    // P1's latest is now 155/85: not controlled even at 75 (SBP ≥ 150).
    expect((await stats()).bloodPressureControl).toEqual({ numerator: 1, denominator: 2 });
    await rollupsEqual();
    expect((await h.gql(bureau, CORRECT, { id: march.id, c: { systolic: 148, diastolic: 86 }, reason: '再次核对' })).errors).toBeUndefined();
    expect((await stats()).bloodPressureControl).toEqual({ numerator: 2, denominator: 2 });
    const revisions = await h.sql<{ revision: number; systolic: number; diastolic: number }>(
      `select revision, systolic, diastolic from follow_up_revisions where follow_up_id = ? order by revision`,
      [march.id],
    );
    expect(revisions).toEqual([
      { revision: 1, systolic: 142, diastolic: 85 },
      { revision: 2, systolic: 155, diastolic: 85 },
    ]);

    const glucose = (await followUps('P2')).find((f) => f.fastingGlucoseMmol !== null)!;
    expect(glucose.fastingGlucoseMmol).toBe(7.5);
    expect((await h.gql(operator, CORRECT, { id: glucose.id, c: { fastingGlucoseMmol: 6.5 }, reason: '单位换算错误' })).errors).toBeUndefined();
    // P2's latest glucose 6.5 < 7.0: controlled.
    expect((await stats()).glucoseControl).toEqual({ numerator: 1, denominator: 1 });
    await rollupsEqual();

    const history = (await patient('P1')).history.filter((e) => e.action.startsWith('follow_up'));
    expect(history.map((e) => [e.action, e.field, e.old, e.new, e.effectiveOn])).toEqual([
      ['follow_up_delete', 'followUp', '2025-04-10 face-to-face 138/84', null, '2025-04-10'],
      ['follow_up_correct', 'followUp.systolic', '142', '155', '2025-03-10'],
      ['follow_up_correct', 'followUp.systolic', '155', '148', '2025-03-10'],
      ['follow_up_correct', 'followUp.diastolic', '85', '86', '2025-03-10'],
    ]);
  });

  it('moving a follow-up into the previous year moves both years’ figures', async () => {
    const before2024 = await stats(null, 2024);
    const jan = (await followUps('P1')).find((f) => f.date === '2025-01-10')!;
    expect((await h.gql(bureau, CORRECT, { id: jan.id, c: { date: '2024-12-10' }, reason: '日期录错' })).errors).toBeUndefined();
    await rollupsEqual();
    // In 2024, P1 now has one follow-up (150/95): not controlled, where before there was none (also not controlled), and still not standard-managed.
    expect((await stats(null, 2024)).standardisedManagement).toEqual(before2024.standardisedManagement);
    expect((await h.sql(`select count(*)::int as n from follow_ups where patient_id = 'P1' and follow_up_date < '2025-01-01'`))[0]).toEqual({ n: 1 });
  });

  it('closed quarters: a follow-up dated in one cannot be corrected or deleted, nor another moved into it', async () => {
    await closePeriod(em(), '320213', 2024, 1, 'test');
    await closePeriod(em(), '320213', 2024, 2, 'test');
    await closePeriod(em(), '320213', 2024, 3, 'test');
    await closePeriod(em(), '320213', 2024, 4, 'test');
    await closePeriod(em(), '320213', 2025, 1, 'test');
    const list = await followUps('P1');
    const feb = list.find((f) => f.date === '2025-02-10')!;
    expect(firstError(await h.gql(bureau, DELETE, { id: feb.id, reason: 'x' }))).toMatchObject({
      code: 'CONFLICT',
      detail: { code: 'PERIOD_CLOSED', quarter: 1 },
    });
    const p2 = (await followUps('P2')).find((f) => f.date === '2025-04-12')!;
    expect(firstError(await h.gql(bureau, CORRECT, { id: p2.id, c: { date: '2025-03-12' }, reason: 'x' }))).toMatchObject({
      detail: { code: 'PERIOD_CLOSED', quarter: 1 },
    });
    expect((await h.gql(bureau, CORRECT, { id: p2.id, c: { date: '2025-05-12' }, reason: '日期录错' })).errors).toBeUndefined();
    await rollupsEqual();
  });
});
