/**
 * Who certifies (办证, 认定) a patient. Guiyang G-3, 五(一)2: “将‘两病’办证审核认定工作下沉到各乡（镇）
 * 卫生院及社区卫生服务中心，实行‘一站式’办理” — a township or community health centre certifies, so its
 * operator may certify patients of its own district at its own institution, and nowhere else.
 * Wuxi's opinion names no certifying institution (二(二): 市区 by 锡政发〔2010〕156号, 江阴、宜兴 首次鉴定),
 * so a Wuxi operator may not, as the access matrix's certifyPatient spec (support/access.ts) says.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
const CERTIFY = `mutation($p: ID!, $no: String!, $i: ID!) { certifyPatient(patientId: $p, certificateNo: $no, certifiedOn: "2025-06-01", institutionId: $i, diseases: [HYPERTENSION]) { id certificateNo } }`;
type Answer = Awaited<ReturnType<Stack['gql']>>;
const codeOf = (a: Answer) => (a.body?.errors as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code ?? null;

beforeAll(async () => {
  stack = await startStack(inject('pgAdminUrl'));
  // a second Guiyang district with its own community health centre, and a level-2 hospital in 南明区
  await stack.sql(
    `insert into regions (code, name, level, parent_code, city_code) values ('520103','云岩区','district','520100','520100'), ('520103001','中华北路街道','street','520103','520100')`,
  );
  await stack.sql(
    `insert into institutions values ('I-GY-YY-CHC','中华北路社区卫生服务中心','community_health_centre','520100','520103','520103001',null,true,true,true), ('I-GY-H2','南明区人民医院','level2_hospital','520100','520102','520102001',null,true,true,true)`,
  );
});
afterAll(async () => stack?.close());

const operatorOf = (institutionId: string, districtCode: string, cityCode = '520100') =>
  stack.token({ role: 'institution_operator', userId: `op-${institutionId}`, cityCode, districtCode, institutionId });

describe('certifyPatient by an institution operator (G-3 五(一)2)', () => {
  it('a Guiyang community health centre certifies its district’s patient at itself, audited', async () => {
    const a = await stack.gql(await operatorOf('I-GY-CHC', '520102'), CERTIFY, { p: 'G1', no: 'GY-OP-0001', i: 'I-GY-CHC' });
    expect(a.body?.errors).toBeUndefined();
    expect((a.body?.data as { certifyPatient: { certificateNo: string } }).certifyPatient.certificateNo).toBe('GY-OP-0001');
    const rows = await stack.sql<{ user_id: string }>(`select user_id from audit_log where action = 'patient.certify' and entity_id = 'G1'`);
    expect(rows.map((r) => r.user_id)).toContain('op-I-GY-CHC');
  });

  it('not at another institution than its own', async () => {
    const a = await stack.gql(await operatorOf('I-GY-CHC', '520102'), CERTIFY, { p: 'G1', no: 'GY-OP-0002', i: 'I-GY-H2' });
    expect(codeOf(a)).toBe('FORBIDDEN');
  });

  it('not as a hospital: G-3 names township and community health centres', async () => {
    const a = await stack.gql(await operatorOf('I-GY-H2', '520102'), CERTIFY, { p: 'G1', no: 'GY-OP-0003', i: 'I-GY-H2' });
    expect(codeOf(a)).toBe('BAD_USER_INPUT');
  });

  it('not another district’s patient (invisible: NOT_FOUND)', async () => {
    const a = await stack.gql(await operatorOf('I-GY-YY-CHC', '520103'), CERTIFY, { p: 'G1', no: 'GY-OP-0004', i: 'I-GY-YY-CHC' });
    expect(codeOf(a)).toBe('NOT_FOUND');
  });

  it('a Wuxi operator may not: the Wuxi opinion devolves no certification', async () => {
    const a = await stack.gql(await operatorOf('I-LX-CHC', '320213', '320200'), CERTIFY, { p: 'P1', no: 'WX-OP-0001', i: 'I-LX-CHC' });
    expect(codeOf(a)).toBe('FORBIDDEN');
  });

  it('nothing was written by a refused certification', async () => {
    const rows = await stack.sql<{ certificate_no: string }>(
      `select certificate_no from certifications where certificate_no like '%-OP-%' order by certificate_no`,
    );
    expect(rows.map((r) => r.certificate_no)).toEqual(['GY-OP-0001']);
  });
});
