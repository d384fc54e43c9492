/**
 * Patients' lives through GraphQL: demographics, dated scheme changes, residence elsewhere (W-7),
 * death and moving away with undo. After every change the rollups equal the raw tables
 * (checkRollups) and the affected indicator equals the figure worked out by hand from
 * INDICATORS.md on the fixed data set of test/harness.ts:
 *   梁溪区 2025: P1 (born 1950, hypertension, 4 face-to-face follow-ups, latest 138/84, certified,
 *   resident scheme), P2 (born 1970, both diseases, one glucose 7.5, certified, resident). Awareness
 *   numerator = known patient-diseases aged ≥ 35 = 1 + 2 = 3; 10 000 × 42 % = 4 200 estimated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, seedWuxi, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { ensureMaterialised } from '../statistics/rollup.build';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let bureau: string;
let otherBureau: string;
let operator: string;
let auditor: string;
let leader: string;
const em = () => h.orm.em.fork();

beforeAll(async () => {
  h = await startHarness(async (sql) => {
    await seedWuxi(sql);
    await sql(`insert into regions (code, name, level, parent_code, city_code) values ('320213002','江海街道','street','320213','320200')`);
  });
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  otherBureau = await h.token({ role: 'district_bureau', districtCode: '320281' });
  operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
  auditor = await h.token({ role: 'auditor' });
  leader = await h.token({ role: 'city_leadership' });
  await ensureMaterialised(em(), ['320213', '320281'], 2024);
  await ensureMaterialised(em(), ['320213', '320281'], 2025);
});
afterAll(async () => h.close());

type Rate = { numerator: number; denominator: number };
interface Ind {
  awareness: Rate;
  standardisedManagement: Rate;
  bloodPressureControl: Rate;
  glucoseControl: Rate;
  benefitCoverage: Rate;
  managedPatients: number;
  certifiedPatients: number;
  knownPatients: number;
}
const STATS = `query($r: String!, $y: Int!, $q: Int) { statistics(regionCode: $r, year: $y, quarter: $q) { indicators {
  awareness { numerator denominator } standardisedManagement { numerator denominator } bloodPressureControl { numerator denominator }
  glucoseControl { numerator denominator } benefitCoverage { numerator denominator } managedPatients certifiedPatients knownPatients } } }`;

async function stats(region: string, quarter: number | null = null, year = 2025): Promise<Ind> {
  const r = await h.gql<{ statistics: { indicators: Ind } }>(leader, STATS, { r: region, y: year, q: quarter });
  expect(r.errors).toBeUndefined();
  return r.data!.statistics.indicators;
}

async function rollupsEqual(): Promise<void> {
  const check = await checkRollups(em());
  expect(check.values).toBeGreaterThan(1000);
  expect(check.mismatches).toEqual([]);
}

type Err = { message: string; extensions: Record<string, unknown> };
const firstError = (r: { errors?: Err[] }) => r.errors?.[0]?.extensions;

async function claim(over: Record<string, unknown>, line: Record<string, unknown> = {}) {
  const r = await h.gql<{ submitClaim: { claim: { id: string; fundFen: number; hits: { code: string }[] } } }>(bureau, SUBMIT, {
    input: claimInput(over, { daysSupply: 7, quantity: 7, ...line }),
  });
  return r;
}

const BATCH = `mutation($inputs: [SubmitClaimInput!]!) { submitClaims(inputs: $inputs) { index error { code field } result { claim { id fundFen hits { code } } } } }`;
async function batch(inputs: Record<string, unknown>[]) {
  const r = await h.gql<{
    submitClaims: {
      index: number;
      error: { code: string; field: string | null } | null;
      result: { claim: { id: string; fundFen: number; hits: { code: string }[] } } | null;
    }[];
  }>(bureau, BATCH, {
    inputs: inputs.map((o) => claimInput(o, { daysSupply: 7, quantity: 7 })),
  });
  expect(r.errors).toBeUndefined();
  return r.data!.submitClaims;
}

const HISTORY = `query($id: ID!) { patient(id: $id) { name phone history { at by role action field old new effectiveOn reason } } }`;
type History = {
  patient: {
    name: string;
    phone: string | null;
    history: {
      by: string;
      role: string;
      action: string;
      field: string | null;
      old: string | null;
      new: string | null;
      effectiveOn: string | null;
      reason: string | null;
    }[];
  };
};

async function historyOf(token: string, id: string): Promise<History['patient']> {
  const r = await h.gql<History>(token, HISTORY, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.patient;
}

const UPDATE = `mutation($id: ID!, $c: PatientChangesInput!, $reason: String!) { updatePatient(patientId: $id, changes: $c, reason: $reason) { id streetCode birthDate } }`;

describe('updatePatient', () => {
  it('refuses bad fields by name, another district’s street, and writers outside the patient’s district bureau', async () => {
    const bad = await h.gql(bureau, UPDATE, { id: 'P1', c: { phone: '12345', birthDate: '2030-01-01' }, reason: 'x' });
    expect(firstError(bad)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((firstError(bad)!.detail as { field: string }[]).map((d) => d.field)).toEqual(['changes.birthDate', 'changes.phone']);
    expect(firstError(await h.gql(bureau, UPDATE, { id: 'P1', c: { phone: '13900000009' }, reason: '' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(firstError(await h.gql(bureau, UPDATE, { id: 'P1', c: {}, reason: 'nothing' }))).toMatchObject({ field: 'changes' });
    expect(firstError(await h.gql(bureau, UPDATE, { id: 'P1', c: { streetCode: '320281001' }, reason: 'moved' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'changes.streetCode',
    });
    expect(firstError(await h.gql(bureau, UPDATE, { id: 'P1', c: { phone: '13800000001' }, reason: 'same' }))).toMatchObject({ field: 'changes' });
    // An institution operator may not change demographics; another district's bureau does not even see the patient.
    expect(firstError(await h.gql(operator, UPDATE, { id: 'P1', c: { phone: '13900000009' }, reason: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(firstError(await h.gql(otherBureau, UPDATE, { id: 'P1', c: { phone: '13900000009' }, reason: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.sql(`select * from patient_history`)).length).toBe(0);
  });

  it('moves the patient’s figures to the new street and keeps a masked history of each field', async () => {
    const r = await h.gql(bureau, UPDATE, { id: 'P1', c: { streetCode: '320213002', name: '王建华', phone: '13900000009' }, reason: '户籍信息更正' });
    expect(r.errors).toBeUndefined();
    // P1 is now the one managed patient of the new street, P2 the one of the old.
    expect((await stats('320213002')).managedPatients).toBe(1);
    expect((await stats('320213001')).managedPatients).toBe(1);
    expect((await stats('320213')).managedPatients).toBe(2);
    await rollupsEqual();

    const seen = await historyOf(bureau, 'P1');
    expect(seen.name).toBe('王**');
    expect(seen.history.map((e) => [e.action, e.field, e.old, e.new, e.reason, e.by])).toEqual([
      ['update', 'name', '王**', '王**', '户籍信息更正', 'u-district_bureau'],
      ['update', 'phone', '138****0001', '139****0009', '户籍信息更正', 'u-district_bureau'],
      ['update', 'streetCode', '320213001', '320213002', '户籍信息更正', 'u-district_bureau'],
    ]);
    const unmasked = (await historyOf(auditor, 'P1')).history;
    expect(unmasked.slice(0, 2).map((e) => [e.old, e.new])).toEqual([
      ['王建国', '王建华'],
      ['13800000001', '13900000009'],
    ]);
    const audits = await h.sql<{ action: string; user_id: string; detail: { fields?: string[] } }>(
      `select action, user_id, detail from audit_log where entity_id = 'P1' and action like 'patient.%' order by id`,
    );
    expect(audits.find((a) => a.action === 'patient.update')).toMatchObject({
      user_id: 'u-district_bureau',
      detail: { fields: ['name', 'phone', 'streetCode'] },
    });
    expect(audits.some((a) => a.action === 'patient.history.read' && a.user_id === 'u-auditor')).toBe(true);
  });

  it('a birth date that makes the patient younger than 35 takes both their patient-diseases out of the awareness numerator', async () => {
    expect((await stats('320213')).awareness).toEqual({ numerator: 3, denominator: 4200 });
    expect((await h.gql(bureau, UPDATE, { id: 'P2', c: { birthDate: '1995-01-01' }, reason: '录入错误' })).errors).toBeUndefined();
    // P2 is 30 at the end of 2025: only P1's hypertension is known among residents aged ≥ 35.
    expect((await stats('320213')).awareness).toEqual({ numerator: 1, denominator: 4200 });
    await rollupsEqual();
    // A birth date after the patient's own diagnosis is refused.
    expect(firstError(await h.gql(bureau, UPDATE, { id: 'P2', c: { birthDate: '2019-01-01' }, reason: 'x' }))).toMatchObject({ field: 'changes.birthDate' });
    expect((await h.gql(bureau, UPDATE, { id: 'P2', c: { birthDate: '1970-01-01' }, reason: '恢复' })).errors).toBeUndefined();
    expect((await stats('320213')).awareness).toEqual({ numerator: 3, denominator: 4200 });
    await rollupsEqual();
    // The history withholds birth dates from a bureau, as the patient does (age band only); an auditor sees them.
    const birth = (t: string) => historyOf(t, 'P2').then((x) => x.history.filter((e) => e.field === 'birthDate').map((e) => [e.old, e.new]));
    expect(await birth(bureau)).toEqual([
      [null, null],
      [null, null],
    ]);
    expect((await birth(auditor)).map(([, n]) => n)).toEqual(['1995-01-01', '1970-01-01']);
  });
});

const SCHEME = `mutation($id: ID!, $s: InsuranceScheme!, $from: String!, $reason: String!, $u: String) { changeInsuranceScheme(patientId: $id, scheme: $s, effectiveFrom: $from, reason: $reason, uninsuredReason: $u) { scheme schemeChanges { effectiveFrom scheme previousScheme reason } } }`;

describe('changeInsuranceScheme', () => {
  it('validates, orders the changes, and judges claims and coverage on the scheme in force on each date', async () => {
    expect(firstError(await h.gql(bureau, SCHEME, { id: 'P1', s: 'EMPLOYEE', from: '2025-07-01', reason: 'x' }))).toMatchObject({ field: 'effectiveFrom' });
    expect(firstError(await h.gql(bureau, SCHEME, { id: 'P1', s: 'RESIDENT', from: '2025-05-01', reason: 'x', u: '外地参保' }))).toMatchObject({
      field: 'uninsuredReason',
    });
    expect(firstError(await h.gql(bureau, SCHEME, { id: 'P1', s: 'RESIDENT', from: '2025-05-01', reason: 'x' }))).toMatchObject({ field: 'scheme' });
    expect(firstError(await h.gql(operator, SCHEME, { id: 'P1', s: 'EMPLOYEE', from: '2025-05-01', reason: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });

    const r = await h.gql<{ changeInsuranceScheme: { scheme: string; schemeChanges: unknown[] } }>(bureau, SCHEME, {
      id: 'P1',
      s: 'EMPLOYEE',
      from: '2025-05-01',
      reason: '就业转职工医保',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.changeInsuranceScheme).toEqual({
      scheme: 'EMPLOYEE',
      schemeChanges: [{ effectiveFrom: '2025-05-01', scheme: 'EMPLOYEE', previousScheme: 'RESIDENT', reason: '就业转职工医保' }],
    });
    expect(firstError(await h.gql(bureau, SCHEME, { id: 'P1', s: 'RESIDENT', from: '2025-05-01', reason: 'x' }))).toMatchObject({
      code: 'CONFLICT',
      detail: { code: 'SCHEME_CHANGE_ORDER' },
    });

    // 保障覆盖率 as of period end: both insured and certified at the end of Q1; at the end of Q2 P1 is in the employees' scheme.
    expect((await stats('320213', 1)).benefitCoverage).toEqual({ numerator: 2, denominator: 2 });
    expect((await stats('320213', 2)).benefitCoverage).toEqual({ numerator: 1, denominator: 2 });
    await rollupsEqual();

    // W-1: a claim before the change is paid; after it, not (both the one-claim and the batch path).
    const before = await claim({ serviceDate: '2025-04-20' });
    expect(before.data!.submitClaim.claim.fundFen).toBeGreaterThan(0);
    const after = await claim({ serviceDate: '2025-05-10' });
    expect(after.data!.submitClaim.claim.fundFen).toBe(0);
    expect(after.data!.submitClaim.claim.hits.map((x) => x.code)).toContain('SCHEME_NOT_RESIDENT');
    const [b1, b2] = await batch([
      { serviceDate: '2025-04-28', idempotencyKey: 'sch-b1' },
      { serviceDate: '2025-05-12', idempotencyKey: 'sch-b2' },
    ]);
    expect(b1!.result!.claim.fundFen).toBeGreaterThan(0);
    expect(b1!.result!.claim.hits.map((x) => x.code)).not.toContain('SCHEME_NOT_RESIDENT');
    expect(b2!.result!.claim.fundFen).toBe(0);
    expect(b2!.result!.claim.hits.map((x) => x.code)).toContain('SCHEME_NOT_RESIDENT');

    // Back to the residents' scheme from June: covered again at the end of Q2, a June claim paid.
    expect((await h.gql(bureau, SCHEME, { id: 'P1', s: 'RESIDENT', from: '2025-06-01', reason: '离职回归居民医保' })).errors).toBeUndefined();
    expect((await stats('320213', 2)).benefitCoverage).toEqual({ numerator: 2, denominator: 2 });
    expect((await claim({ serviceDate: '2025-06-05' })).data!.submitClaim.claim.fundFen).toBeGreaterThan(0);
    // May is still judged on the employees' scheme.
    expect((await claim({ serviceDate: '2025-05-20' })).data!.submitClaim.claim.hits.map((x) => x.code)).toContain('SCHEME_NOT_RESIDENT');
    await rollupsEqual();

    const history = (await historyOf(bureau, 'P1')).history.filter((e) => e.action === 'scheme_change');
    expect(history.map((e) => [e.old, e.new, e.effectiveOn])).toEqual([
      ['resident', 'employee', '2025-05-01'],
      ['employee', 'resident', '2025-06-01'],
    ]);
    expect((await h.sql(`select count(*)::int as n from audit_log where action = 'patient.scheme_change'`))[0]).toEqual({ n: 2 });
  });
});

const RESIDENCE = `mutation($id: ID!, $from: String!, $to: String, $place: String!, $note: String!) { recordResidenceElsewhere(patientId: $id, from: $from, to: $to, place: $place, note: $note) { residencesElsewhere { id from to place } } }`;

describe('recordResidenceElsewhere (W-7)', () => {
  const outOfArea = (serviceDate: string, key: string) => ({
    patientId: 'P2',
    institutionId: 'I-LX-H2',
    pathway: 'OUT_OF_AREA',
    serviceDate,
    idempotencyKey: key,
  });

  it('an out-of-area claim is judged on the residence registered for its service date', async () => {
    expect(firstError(await h.gql(bureau, RESIDENCE, { id: 'P2', from: '2025-04-01', to: '2025-03-01', place: '上海市', note: '随子女' }))).toMatchObject({
      field: 'to',
    });
    expect(firstError(await h.gql(bureau, RESIDENCE, { id: 'P2', from: '2025-04-01', place: '', note: '' }))).toMatchObject({ field: 'place' });
    const r = await h.gql<{ recordResidenceElsewhere: { residencesElsewhere: { id: string; from: string; to: string | null; place: string }[] } }>(
      bureau,
      RESIDENCE,
      { id: 'P2', from: '2025-04-01', to: '2025-05-31', place: '上海市', note: '随子女居住' },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordResidenceElsewhere.residencesElsewhere).toMatchObject([{ from: '2025-04-01', to: '2025-05-31', place: '上海市' }]);
    expect(firstError(await h.gql(bureau, RESIDENCE, { id: 'P2', from: '2025-05-01', place: '苏州市', note: '另一处' }))).toMatchObject({
      code: 'CONFLICT',
      detail: { code: 'RESIDENCE_OVERLAP' },
    });

    const codes = (c: { data?: { submitClaim: { claim: { hits: { code: string }[] } } } }) => c.data!.submitClaim.claim.hits.map((x) => x.code);
    expect(codes(await claim(outOfArea('2025-03-20', 'ooa-1'), { drugCode: 'metformin' }))).toContain('OUT_OF_AREA_NOT_REGISTERED');
    expect(codes(await claim(outOfArea('2025-04-15', 'ooa-2'), { drugCode: 'metformin' }))).not.toContain('OUT_OF_AREA_NOT_REGISTERED');
    expect(codes(await claim(outOfArea('2025-06-10', 'ooa-3'), { drugCode: 'metformin' }))).toContain('OUT_OF_AREA_NOT_REGISTERED');
    const [in2, out2] = await batch([{ ...outOfArea('2025-05-20', 'ooa-b1') }, { ...outOfArea('2025-06-20', 'ooa-b2') }]);
    expect(in2!.result!.claim.hits.map((x) => x.code)).not.toContain('OUT_OF_AREA_NOT_REGISTERED');
    expect(out2!.result!.claim.hits.map((x) => x.code)).toContain('OUT_OF_AREA_NOT_REGISTERED');

    // An open period from June 15, ended on June 25.
    const open = await h.gql<{ recordResidenceElsewhere: { residencesElsewhere: { id: string; to: string | null }[] } }>(bureau, RESIDENCE, {
      id: 'P2',
      from: '2025-06-15',
      place: '杭州市',
      note: '长期居住',
    });
    const openId = open.data!.recordResidenceElsewhere.residencesElsewhere.find((x) => x.to === null)!.id;
    const end = `mutation($id: ID!, $rid: ID!, $to: String!) { endResidenceElsewhere(patientId: $id, residenceId: $rid, to: $to, reason: "返回本地") { residencesElsewhere { to } } }`;
    expect(firstError(await h.gql(bureau, end, { id: 'P2', rid: openId, to: '2025-06-01' }))).toMatchObject({ field: 'to' });
    expect((await h.gql(bureau, end, { id: 'P2', rid: openId, to: '2025-06-25' })).errors).toBeUndefined();
    expect(codes(await claim(outOfArea('2025-06-22', 'ooa-4'), { drugCode: 'metformin' }))).not.toContain('OUT_OF_AREA_NOT_REGISTERED');
    expect(codes(await claim(outOfArea('2025-06-28', 'ooa-5'), { drugCode: 'metformin' }))).toContain('OUT_OF_AREA_NOT_REGISTERED');
    const history = (await historyOf(bureau, 'P2')).history.filter((e) => e.field === 'residenceElsewhere');
    expect(history.map((e) => e.action)).toEqual(['residence_elsewhere', 'residence_elsewhere', 'residence_elsewhere_end']);
    await rollupsEqual();
  });
});

const DEATH = `mutation($id: ID!, $on: String!) { recordDeath(patientId: $id, on: $on, note: "家属告知") { paidClaimsAfter patient { departure { on reason paidClaimsAfter } } } }`;
const UNDO = `mutation($id: ID!, $reason: String!) { undoDeparture(patientId: $id, reason: $reason) { departure { on } } }`;

describe('recordDeath, recordMoveAway and undoing them', () => {
  it('a death takes the patient out of every period ending on or after it and refuses later claims; undo restores both', async () => {
    const q1 = await stats('320213', 1);
    const year = await stats('320213');
    expect(year.awareness.numerator).toBe(3);
    expect(year.standardisedManagement).toEqual({ numerator: 1, denominator: 2 });
    expect(firstError(await h.gql(bureau, DEATH, { id: 'P1', on: '2026-01-01' }))).toMatchObject({ field: 'on' });

    const r = await h.gql<{ recordDeath: { paidClaimsAfter: string[]; patient: { departure: { on: string; reason: string; paidClaimsAfter: string[] } } } }>(
      bureau,
      DEATH,
      { id: 'P1', on: '2025-05-15' },
    );
    expect(r.errors).toBeUndefined();
    // P1's June claim was paid before the death was known: listed for review.
    expect(r.data!.recordDeath.paidClaimsAfter).toHaveLength(1);
    expect(r.data!.recordDeath.patient.departure).toMatchObject({ on: '2025-05-15', reason: 'death', paidClaimsAfter: r.data!.recordDeath.paidClaimsAfter });

    // Q1 ends before the death: unchanged. Q2 and the year: P1 is neither known nor managed.
    expect(await stats('320213', 1)).toEqual(q1);
    const after = await stats('320213');
    expect(after.awareness).toEqual({ numerator: 2, denominator: 4200 });
    expect(after.standardisedManagement).toEqual({ numerator: 0, denominator: 1 });
    expect(after.bloodPressureControl).toEqual({ numerator: 1, denominator: 1 });
    expect(after.managedPatients).toBe(1);
    expect((await stats('320213', 2)).awareness.numerator).toBe(2);
    await rollupsEqual();

    // A claim on the day of death is decided; one after it is refused with a coded error naming the field, on both paths.
    expect((await claim({ serviceDate: '2025-05-15', idempotencyKey: 'd-0' })).errors).toBeUndefined();
    const late = await claim({ serviceDate: '2025-05-16', idempotencyKey: 'd-1' });
    expect(firstError(late)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceDate', detail: { code: 'PATIENT_DECEASED', leftOn: '2025-05-15' } });
    const [lateB] = await batch([{ serviceDate: '2025-06-01', idempotencyKey: 'd-2' }]);
    expect(lateB!.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inputs[0].serviceDate' });
    expect((await h.sql(`select count(*)::int as n from claims where idempotency_key in ('d-1', 'd-2')`))[0]).toEqual({ n: 0 });

    expect(firstError(await h.gql(bureau, DEATH, { id: 'P1', on: '2025-05-20' }))).toMatchObject({ code: 'CONFLICT', detail: { code: 'ALREADY_LEFT' } });
    expect(firstError(await h.gql(operator, UNDO, { id: 'P1', reason: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(firstError(await h.gql(bureau, UNDO, { id: 'P1', reason: '' }))).toMatchObject({ field: 'reason' });
    expect((await h.gql(bureau, UNDO, { id: 'P1', reason: '误报：系同名患者' })).errors).toBeUndefined();
    expect(await stats('320213')).toEqual(year);
    expect((await claim({ serviceDate: '2025-05-16', idempotencyKey: 'd-3' })).errors).toBeUndefined();
    await rollupsEqual();
    expect(firstError(await h.gql(bureau, UNDO, { id: 'P1', reason: 'again' }))).toMatchObject({ detail: { code: 'NOT_LEFT' } });

    const history = (await historyOf(bureau, 'P1')).history.filter((e) => e.field === 'diedOn');
    expect(history.map((e) => [e.action, e.old, e.new, e.effectiveOn, e.reason])).toEqual([
      ['death', null, '2025-05-15', '2025-05-15', '家属告知'],
      ['undo_death', '2025-05-15', null, '2025-05-15', '误报：系同名患者'],
    ]);
    const audits = await h.sql<{ action: string }>(`select action from audit_log where action in ('patient.death', 'patient.undo_death') order by id`);
    expect(audits.map((a) => a.action)).toEqual(['patient.death', 'patient.undo_death']);
  });

  it('moving away in the next year leaves this year’s figures and takes the patient out of next year’s', async () => {
    const move = `mutation($id: ID!, $on: String!, $to: String) { recordMoveAway(patientId: $id, on: $on, toRegion: $to) { patient { departure { on reason movedTo } } } }`;
    const before2024 = await stats('320213', null, 2024);
    // Moved away on 2025-01-01: every 2025 period ends after it; 2024 is untouched.
    const r = await h.gql<{ recordMoveAway: { patient: { departure: unknown } } }>(bureau, move, { id: 'P2', on: '2025-01-01', to: '贵阳市' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordMoveAway.patient.departure).toEqual({ on: '2025-01-01', reason: 'moved_away', movedTo: '贵阳市' });
    expect(await stats('320213', null, 2024)).toEqual(before2024);
    // P1 alone: one known patient-disease, one managed, standard managed (4 face-to-face), no diabetic.
    const y = await stats('320213');
    expect(y.awareness).toEqual({ numerator: 1, denominator: 4200 });
    expect(y.standardisedManagement).toEqual({ numerator: 1, denominator: 1 });
    expect(y.glucoseControl).toEqual({ numerator: 0, denominator: 0 });
    expect((await stats('320213', 1)).certifiedPatients).toBe(1);
    const late = await claim({ patientId: 'P2', serviceDate: '2025-02-01', idempotencyKey: 'm-1' }, { drugCode: 'metformin' });
    expect(firstError(late)).toMatchObject({ field: 'input.serviceDate', detail: { code: 'PATIENT_MOVED_AWAY' } });
    await rollupsEqual();
    expect((await h.gql(bureau, UNDO, { id: 'P2', reason: '未迁出' })).errors).toBeUndefined();
    expect((await stats('320213')).awareness.numerator).toBe(3);
    await rollupsEqual();
  });
});
