/**
 * The auditors' audit log: who read or wrote which patient's data, filtered by patient, user,
 * action, period and district, newest first and paged; scoped to the auditor's city; itself audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let auditor: string;
let bureau: string;
let claimP1: string;
let claimP2: string;

const LOG = `query($f: AuditLogFilter, $first: Int!, $after: String) { auditLog(filter: $f, first: $first, after: $after) { hasNextPage endCursor nodes { id districtCode at userId role action entity entityId patientIds detail } } }`;
type Entry = {
  id: string;
  districtCode: string;
  at: string;
  userId: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  patientIds: string[];
  detail: Record<string, unknown>;
};
type Page = { auditLog: { hasNextPage: boolean; endCursor: string | null; nodes: Entry[] } };
const log = async (token: string, f: Record<string, unknown> | null, first = 100, after: string | null = null) => h.gql<Page>(token, LOG, { f, first, after });

beforeAll(async () => {
  h = await startHarness();
  auditor = await h.token({ role: 'auditor', userId: 'aud-1' });
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213', userId: 'bureau-lx' });
  const jiangyin = await h.token({ role: 'district_bureau', districtCode: '320281', userId: 'bureau-jy' });
  const submit = async (token: string, over: Record<string, unknown>) => {
    const r = await h.gql<{ submitClaim: { claim: { id: string } } }>(token, SUBMIT, { input: claimInput(over) });
    expect(r.errors).toBeUndefined();
    return r.data!.submitClaim.claim.id;
  };
  claimP1 = await submit(bureau, { patientId: 'P1' });
  claimP2 = await submit(bureau, { patientId: 'P2' });
  await submit(jiangyin, { patientId: 'P3', institutionId: 'I-JY-THC' });
  // The auditor reads P1 alone (patient.read) and the district's list (patient.list: P1 and P2).
  expect((await h.gql(auditor, `{ patient(id: "P1") { residentId } }`)).errors).toBeUndefined();
  expect((await h.gql(auditor, `{ patients(filter: { regionCode: "320213" }) { nodes { residentId } } }`)).errors).toBeUndefined();
  // A row of a known moment, 00:30 on 1 July in China (16:30 UTC on 30 June).
  await h.sql(
    `insert into audit_log (district_code, at, user_id, role, action, entity, entity_id, detail) values ('320213', '2025-06-30T16:30:00Z', 'night-owl', 'auditor', 'patient.read', 'patient', 'P2', '{"patientIds":["P2"],"unmasked":true}')`,
  );
});
afterAll(async () => h.close());

describe('audit log', () => {
  it('lists, newest first, who read or wrote which patient, across the auditor’s city', async () => {
    const a = await log(auditor, null);
    expect(a.errors).toBeUndefined();
    const nodes = a.data!.auditLog.nodes;
    const ids = nodes.map((n) => BigInt(n.id));
    expect([...ids].sort((x, y) => (y > x ? 1 : y < x ? -1 : 0))).toEqual(ids);
    const stored = await h.sql<{ n: string }>(`select count(*) as n from audit_log where action <> 'audit_log.read'`);
    expect(nodes.filter((n) => n.action !== 'audit_log.read')).toHaveLength(Number(stored[0]!.n));
    expect(new Set(nodes.map((n) => n.districtCode))).toEqual(new Set(['320213', '320281']));
    const submitted = nodes.find((n) => n.action === 'claim.submit' && n.entityId === claimP2)!;
    expect(submitted).toMatchObject({ userId: 'bureau-lx', role: 'DISTRICT_BUREAU', entity: 'claim', patientIds: ['P2'], districtCode: '320213' });
    expect(nodes.find((n) => n.action === 'patient.list')).toMatchObject({ userId: 'aud-1', patientIds: ['P1', 'P2'] });
  });

  it('by patient: its reads (alone and in lists) and its claims, not another patient’s', async () => {
    const nodes = (await log(auditor, { patientId: 'P1' })).data!.auditLog.nodes;
    expect(nodes.map((n) => n.action).sort()).toEqual(['claim.submit', 'patient.list', 'patient.read']);
    expect(nodes.every((n) => n.patientIds.includes('P1'))).toBe(true);
    expect(nodes.find((n) => n.action === 'claim.submit')!.entityId).toBe(claimP1);
    const p2 = (await log(auditor, { patientId: 'P2' })).data!.auditLog.nodes;
    expect(p2.map((n) => n.action).sort()).toEqual(['claim.submit', 'patient.list', 'patient.read']);
    expect(p2.some((n) => n.entityId === claimP1)).toBe(false);
  });

  it('by user, action, district and period (calendar days in China time)', async () => {
    const byUser = (await log(auditor, { userId: 'bureau-jy' })).data!.auditLog.nodes;
    expect(byUser.map((n) => [n.action, n.districtCode])).toEqual([['claim.submit', '320281']]);
    const reads = (await log(auditor, { action: 'patient.read', districtCode: '320213' })).data!.auditLog.nodes;
    expect(reads.map((n) => n.userId).sort()).toEqual(['aud-1', 'night-owl']);
    const july = (await log(auditor, { from: '2025-07-01', to: '2025-07-01', userId: 'night-owl' })).data!.auditLog.nodes;
    expect(july.map((n) => n.at)).toEqual(['2025-07-01T00:30:00.000+08:00']);
    expect((await log(auditor, { to: '2025-06-30', userId: 'night-owl' })).data!.auditLog.nodes).toEqual([]);
  });

  it('pages with a cursor: every row once, in order', async () => {
    const all = (await log(auditor, { districtCode: '320213', action: 'claim.submit' })).data!.auditLog.nodes.map((n) => n.id);
    const everything = (await log(auditor, { districtCode: '320213' })).data!.auditLog.nodes.filter((n) => n.action !== 'audit_log.read').map((n) => n.id);
    expect(all).toHaveLength(2);
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Page['auditLog'] = (await log(auditor, { districtCode: '320213' }, 2, after)).data!.auditLog;
      paged.push(...page.nodes.map((n) => n.id));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    // the reads of the pages themselves come after the first page was read: newer, never on a later page
    expect(paged.filter((id) => everything.includes(id))).toEqual(everything);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('is itself audited: the filter used, in each district looked at', async () => {
    const before = await h.sql<{ m: string }>(`select coalesce(max(id), 0)::text as m from audit_log`);
    await log(auditor, { patientId: 'P3' });
    const rows = await h.sql<{ district_code: string; user_id: string; detail: { filter: Record<string, unknown>; rows: number } }>(
      `select district_code, user_id, detail from audit_log where id > ?::bigint and action = 'audit_log.read'`,
      [before[0]!.m],
    );
    expect(rows).toEqual([{ district_code: '320281', user_id: 'aud-1', detail: expect.objectContaining({ filter: { patientId: 'P3' }, rows: 1 }) }]);
  });

  it('refuses every other role, another city’s district and a patient out of reach; names bad input', async () => {
    for (const role of ['city_leadership', 'district_bureau', 'institution_operator'] as const) {
      const t = await h.token({
        role,
        districtCode: role === 'city_leadership' ? null : '320213',
        institutionId: role === 'institution_operator' ? 'I-LX-CHC' : null,
      });
      const a = await log(t, null);
      expect([role, a.errors?.[0]?.extensions.code]).toEqual([role, 'FORBIDDEN']);
    }
    expect((await log(auditor, { districtCode: '520102' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const guiyangAuditor = await h.token({ role: 'auditor', cityCode: '520100' });
    expect((await log(guiyangAuditor, { patientId: 'P1' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await log(guiyangAuditor, null)).data!.auditLog.nodes.filter((n) => n.action !== 'audit_log.read')).toEqual([]);
    const bad = await log(auditor, { from: '2025-02-30' }, 0);
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('first');
    expect(bad.errors?.[0]?.message).toContain('filter.from');
    expect((await log(auditor, null, 10, 'garbage')).errors?.[0]?.extensions.field).toBe('after');
  });
});
