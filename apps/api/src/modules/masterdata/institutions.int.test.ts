import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, seedWuxi, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let lxBureau: string;
let jyBureau: string;
let wuxiLeader: string;
let gyBureau: string;

/** seedWuxi plus 南明区 of Guiyang, whose rule set asks whether the institution may treat 两病 (G-5 五(二)4). */
async function seed(sql: Harness['sql']): Promise<void> {
  await seedWuxi(sql);
  await sql(
    `insert into regions (code, name, level, parent_code, city_code) values ('520100','贵阳市','city',null,'520100'), ('520102','南明区','district','520100','520100'), ('520102001','花果园街道','street','520102','520100')`,
  );
  await sql(
    `insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, scheme, managed) values ('520102','PG1','520102196001010011','陈明','male','1960-01-01','520102001','resident',true)`,
  );
  await sql(`insert into patient_diseases values ('520102','PG1','hypertension',null,'2019-03-01')`);
}

const CREATE = `mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id name level districtCode cityCode streetCode consortiumId canTreatTwoDiseases insuranceDesignated networkedOutOfArea closedOn } }`;
const GRANT = `mutation($id: ID!, $from: String!, $source: String!) { grantTwoDiseaseTreatment(institutionId: $id, from: $from, source: $source) { id canTreatTwoDiseases twoDiseaseTreatment { grantedFrom grantSource withdrawnOn withdrawalReason } } }`;
const WITHDRAW = `mutation($id: ID!, $on: String!, $reason: String!) { withdrawTwoDiseaseTreatment(institutionId: $id, on: $on, reason: $reason) { id canTreatTwoDiseases twoDiseaseTreatment { grantedFrom withdrawnOn withdrawalReason } } }`;
const CLOSE = `mutation($id: ID!, $on: String!) { closeInstitution(id: $id, closedOn: $on, reason: "merged into another centre") { id closedOn } }`;
type Err = { errors?: { extensions: Record<string, unknown> }[] };

const audits = (action: string, entityId: string) =>
  h.sql<{ district_code: string; user_id: string; detail: Record<string, unknown> }>(
    `select district_code, user_id, detail from audit_log where action = ? and entity_id = ? order by id`,
    [action, entityId],
  );

beforeAll(async () => {
  h = await startHarness(seed);
  lxBureau = await h.token({ role: 'district_bureau', districtCode: '320213', userId: 'lx' });
  jyBureau = await h.token({ role: 'district_bureau', districtCode: '320281' });
  wuxiLeader = await h.token({ role: 'city_leadership', userId: 'leader' });
  gyBureau = await h.token({ role: 'district_bureau', districtCode: '520102', cityCode: '520100' });
});
afterAll(async () => h.close());

describe('createInstitution / updateInstitution', () => {
  it('creates an institution of the bureau’s district, the city taken from the district, and audits it', async () => {
    const r = await h.gql<{ createInstitution: Record<string, unknown> }>(lxBureau, CREATE, {
      i: {
        id: 'I-LX-NEW',
        name: '新建社区卫生服务中心',
        level: 'COMMUNITY_HEALTH_CENTRE',
        districtCode: '320213',
        streetCode: '320213001',
        consortiumId: 'C1',
        insuranceDesignated: true,
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createInstitution).toEqual({
      id: 'I-LX-NEW',
      name: '新建社区卫生服务中心',
      level: 'COMMUNITY_HEALTH_CENTRE',
      districtCode: '320213',
      cityCode: '320200',
      streetCode: '320213001',
      consortiumId: 'C1',
      canTreatTwoDiseases: false,
      insuranceDesignated: true,
      networkedOutOfArea: false,
      closedOn: null,
    });
    const a = await audits('institution.create', 'I-LX-NEW');
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ district_code: '320213', user_id: 'lx' });
  });

  it('refuses another district’s bureau with FORBIDDEN and stores nothing', async () => {
    const r = await h.gql<Err>(jyBureau, CREATE, {
      i: { id: 'I-LX-X', name: '越权机构', level: 'VILLAGE_CLINIC', districtCode: '320213', insuranceDesignated: true },
    });
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await h.sql(`select 1 from institutions where id = 'I-LX-X'`)).toHaveLength(0);
    const upd = await h.gql<Err>(jyBureau, `mutation { updateInstitution(id: "I-LX-NEW", input: { name: "改名" }) { id } }`);
    expect(upd.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('names every bad field: the id, a street of another district, an unknown district', async () => {
    const r = await h.gql<Err>(wuxiLeader, CREATE, {
      i: { id: 'bad id!', name: ' ', level: 'VILLAGE_CLINIC', districtCode: '320213', streetCode: '320281001', insuranceDesignated: true },
    });
    const e = r.errors![0]!.extensions as { code: string; detail: { field: string }[] };
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.detail.map((d) => d.field).sort()).toEqual(['input.id', 'input.name', 'input.streetCode']);
    const unknown = await h.gql<Err>(wuxiLeader, CREATE, {
      i: { id: 'I-X', name: '某机构', level: 'VILLAGE_CLINIC', districtCode: '999999', insuranceDesignated: true },
    });
    expect(unknown.errors?.[0]?.extensions.field).toBe('input.districtCode');
  });

  it('lets the city’s leadership update any institution of its city, and audits what changed', async () => {
    const r = await h.gql<{ updateInstitution: Record<string, unknown> }>(
      wuxiLeader,
      `mutation { updateInstitution(id: "I-LX-NEW", input: { name: "崇安新城社区卫生服务中心", consortiumId: null, networkedOutOfArea: true }) { name consortiumId networkedOutOfArea streetCode } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateInstitution).toEqual({ name: '崇安新城社区卫生服务中心', consortiumId: null, networkedOutOfArea: true, streetCode: '320213001' });
    const [a] = await audits('institution.update', 'I-LX-NEW');
    expect(a!.detail.changed).toEqual({
      name: { from: '新建社区卫生服务中心', to: '崇安新城社区卫生服务中心' },
      consortiumId: { from: 'C1', to: null },
      networkedOutOfArea: { from: false, to: true },
    });
    const gyLeader = await h.token({ role: 'city_leadership', cityCode: '520100' });
    const other = await h.gql<Err>(gyLeader, `mutation { updateInstitution(id: "I-LX-NEW", input: { name: "x" }) { id } }`);
    expect(other.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('closeInstitution', () => {
  it('refuses claims dated on or after the closing date, in one claim and in a batch, with INSTITUTION_CLOSED', async () => {
    const before = await h.gql<{ submitClaim: { claim: { outcome: string } } }>(lxBureau, SUBMIT, { input: claimInput({ serviceDate: '2025-04-01' }) });
    expect(before.errors).toBeUndefined();
    const refusedClose = await h.gql<Err>(lxBureau, CLOSE, { id: 'I-LX-CHC', on: '2025-03-01' });
    expect(refusedClose.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', detail: { code: 'CLAIMS_AFTER_CLOSING', claims: 1 } });

    const closed = await h.gql<{ closeInstitution: { closedOn: string } }>(lxBureau, CLOSE, { id: 'I-LX-CHC', on: '2025-06-01' });
    expect(closed.data!.closeInstitution.closedOn).toBe('2025-06-01');
    expect(await audits('institution.close', 'I-LX-CHC')).toHaveLength(1);

    const one = await h.gql<Err>(lxBureau, SUBMIT, { input: claimInput({ serviceDate: '2025-06-01' }) });
    expect(one.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.institutionId',
      detail: { code: 'INSTITUTION_CLOSED', closedOn: '2025-06-01' },
    });
    const batch = await h.gql<{ submitClaims: { result: { claim: { outcome: string } } | null; error: { code: string; field: string } | null }[] }>(
      lxBureau,
      `mutation($inputs: [SubmitClaimInput!]!) { submitClaims(inputs: $inputs) { result { claim { outcome } } error { code field } } }`,
      { inputs: [claimInput({ serviceDate: '2025-05-31' }, { drugCode: 'valsartan' }), claimInput({ serviceDate: '2025-06-02' }, { drugCode: 'losartan' })] },
    );
    expect(batch.errors).toBeUndefined();
    expect(batch.data!.submitClaims[0]!.result).not.toBeNull();
    expect(batch.data!.submitClaims[1]!.error).toEqual({ code: 'BAD_USER_INPUT', field: 'inputs[1].institutionId' });
    expect(await h.sql(`select 1 from claims where institution_id = 'I-LX-CHC' and service_date >= '2025-06-01'`)).toHaveLength(0);
  });

  it('refuses a designation at a closed institution from its closing date', async () => {
    const r = await h.gql<Err>(
      lxBureau,
      `mutation { designateInstitution(patientId: "P1", institutionId: "I-LX-CHC", effectiveFrom: "2025-07-01", atEnrolment: true) { id } }`,
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', detail: { code: 'INSTITUTION_CLOSED' } });
  });

  it('leaves closed institutions out of institutions(regionCode) unless includeClosed, and refuses further changes', async () => {
    const list = async (includeClosed: boolean) =>
      (
        await h.gql<{ institutions: { id: string }[] }>(lxBureau, `query($c: Boolean!) { institutions(regionCode: "320213", includeClosed: $c) { id } }`, {
          c: includeClosed,
        })
      ).data!.institutions.map((i) => i.id);
    expect(await list(false)).not.toContain('I-LX-CHC');
    expect(await list(true)).toContain('I-LX-CHC');
    const upd = await h.gql<Err>(lxBureau, `mutation { updateInstitution(id: "I-LX-CHC", input: { name: "x" }) { id } }`);
    expect(upd.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', detail: { code: 'INSTITUTION_CLOSED' } });
  });

  it('keeps the rollups equal to the raw tables', async () => {
    expect((await checkRollups(h.orm.em.fork())).mismatches).toEqual([]);
  });
});

describe('the 两病 qualification as dated history (G-5 五(二)4, 附件2 item 4)', () => {
  const gyClaim = (serviceDate: string, drugCode: string) =>
    h.gql<{ submitClaim: { claim: { outcome: string; hits: { code: string; ruleId: string }[] } } }>(gyBureau, SUBMIT, {
      input: claimInput({ patientId: 'PG1', institutionId: 'I-GY-THC', serviceDate }, { drugCode, amountFen: 1000 }),
    });

  it('grants from a date with its source, withdraws on a date, and audits both', async () => {
    const created = await h.gql(gyBureau, CREATE, {
      i: {
        id: 'I-GY-THC',
        name: '花果园社区卫生服务中心',
        level: 'COMMUNITY_HEALTH_CENTRE',
        districtCode: '520102',
        streetCode: '520102001',
        insuranceDesignated: true,
      },
    });
    expect(created.errors).toBeUndefined();
    await h.sql(`insert into certifications values ('520102','PG1','G-0001','2024-01-10','I-GY-THC','{hypertension}',null)`);
    const g = await h.gql<{ grantTwoDiseaseTreatment: { canTreatTwoDiseases: boolean; twoDiseaseTreatment: unknown[] } }>(gyBureau, GRANT, {
      id: 'I-GY-THC',
      from: '2025-01-01',
      source: '筑医保发〔2025〕1号 (test)',
    });
    expect(g.errors).toBeUndefined();
    expect(g.data!.grantTwoDiseaseTreatment).toEqual({
      id: 'I-GY-THC',
      canTreatTwoDiseases: true,
      twoDiseaseTreatment: [{ grantedFrom: '2025-01-01', grantSource: '筑医保发〔2025〕1号 (test)', withdrawnOn: null, withdrawalReason: null }],
    });
    const again = await h.gql<Err>(gyBureau, GRANT, { id: 'I-GY-THC', from: '2025-02-01', source: 'twice' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', detail: { code: 'ALREADY_GRANTED' } });

    const early = await h.gql<Err>(gyBureau, WITHDRAW, { id: 'I-GY-THC', on: '2025-01-01', reason: 'x' });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', detail: { code: 'WITHDRAWAL_BEFORE_GRANT' } });
    const w = await h.gql<{ withdrawTwoDiseaseTreatment: { canTreatTwoDiseases: boolean; twoDiseaseTreatment: unknown[] } }>(gyBureau, WITHDRAW, {
      id: 'I-GY-THC',
      on: '2025-05-01',
      reason: '未通过年度考核',
    });
    expect(w.errors).toBeUndefined();
    // Today (2025-06-30) is after the withdrawal: the current value follows the history.
    expect(w.data!.withdrawTwoDiseaseTreatment).toEqual({
      id: 'I-GY-THC',
      canTreatTwoDiseases: false,
      twoDiseaseTreatment: [{ grantedFrom: '2025-01-01', withdrawnOn: '2025-05-01', withdrawalReason: '未通过年度考核' }],
    });
    expect(await audits('institution.grant_two_disease_treatment', 'I-GY-THC')).toHaveLength(1);
    expect((await audits('institution.withdraw_two_disease_treatment', 'I-GY-THC'))[0]).toMatchObject({
      district_code: '520102',
      detail: { on: '2025-05-01', rule: 'G-5 五(二)4' },
    });
  });

  it('judges a claim by the qualification on its service date, not by today’s value', async () => {
    const before = await gyClaim('2025-04-30', 'amlodipine');
    expect(before.errors).toBeUndefined();
    expect(before.data!.submitClaim.claim.hits.map((x) => x.code)).not.toContain('INSTITUTION_NOT_AUTHORISED');
    const after = await gyClaim('2025-05-01', 'nifedipine');
    expect(after.data!.submitClaim.claim.hits).toContainEqual({ code: 'INSTITUTION_NOT_AUTHORISED', ruleId: 'G-5' });
    expect(after.data!.submitClaim.claim.outcome).toBe('not_paid');
    const beforeGrant = await gyClaim('2024-12-31', 'felodipine');
    expect(beforeGrant.data!.submitClaim.claim.hits.map((x) => x.code)).toContain('INSTITUTION_NOT_AUTHORISED');
  });

  it('withdraws a qualification recorded before dated history (the column) and shows it with an unknown start', async () => {
    const r = await h.gql<{ withdrawTwoDiseaseTreatment: { twoDiseaseTreatment: { grantedFrom: string | null; withdrawnOn: string }[] } }>(lxBureau, WITHDRAW, {
      id: 'I-LX-H2',
      on: '2025-03-01',
      reason: '机构转型',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.withdrawTwoDiseaseTreatment.twoDiseaseTreatment).toEqual([{ grantedFrom: null, withdrawnOn: '2025-03-01', withdrawalReason: '机构转型' }]);
    const q = await h.gql<{ institution: { canTreatTwoDiseases: boolean; twoDiseaseTreatment: unknown[] } }>(
      lxBureau,
      `{ institution(id: "I-LX-H2") { canTreatTwoDiseases twoDiseaseTreatment { grantedFrom } } }`,
    );
    expect(q.data!.institution).toEqual({ canTreatTwoDiseases: false, twoDiseaseTreatment: [{ grantedFrom: null }] });
  });

  it('refuses a grant by another district’s bureau, and an institution(id) of another district reads as not found', async () => {
    const r = await h.gql<Err>(lxBureau, GRANT, { id: 'I-GY-THC', from: '2025-06-01', source: 'x' });
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const q = await h.gql<Err>(lxBureau, `{ institution(id: "I-GY-THC") { id } }`);
    expect(q.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('names the bad date and the missing source', async () => {
    const r = await h.gql<Err>(gyBureau, GRANT, { id: 'I-GY-THC', from: '2025-02-30', source: '' });
    const e = r.errors![0]!.extensions as { detail: { field: string }[] };
    expect(e.detail.map((d) => d.field)).toEqual(['from', 'source']);
  });
});
