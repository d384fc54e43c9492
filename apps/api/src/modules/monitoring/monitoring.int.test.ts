/** Smart monitoring against PostgreSQL: cases from rule hits and patterns, idempotent runs, review, confirm with reversal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
const ids: Record<string, string> = {};

async function submit(name: string, over: Record<string, unknown>, line: Record<string, unknown>): Promise<void> {
  const r = await h.gql<{ submitClaim: { claim: { id: string } } }>(bureau, SUBMIT, { input: claimInput(over, line) });
  expect(r.errors).toBeUndefined();
  ids[name] = r.data!.submitClaim.claim.id;
}

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  await submit('A', { serviceDate: '2025-04-01' }, {});
  // 21 days of amlodipine still on hand, same institution: an early refill
  await submit('B', { serviceDate: '2025-04-10' }, {});
  await submit('C', { patientId: 'P2', serviceDate: '2025-04-01' }, { drugCode: 'metformin', quantity: 60 });
  // 26 days of metformin on hand, at another institution: duplicate dispensing across institutions
  await submit('D', { patientId: 'P2', institutionId: 'I-LX-H2', serviceDate: '2025-04-05' }, { drugCode: 'metformin', quantity: 60 });
  await submit('E', { serviceDate: '2025-05-01' }, { drugCode: 'nifedipine', quantity: 500, amountFen: 5000 });
  // one day of B's amlodipine still on hand (to 9 May), at another institution: within the duplicate-dispensing
  // rule's tolerance (Wuxi's earlyRefillToleranceDays, 7), so no case
  await submit('H', { serviceDate: '2025-05-09', institutionId: 'I-LX-H2' }, {});
  // two long prescriptions of 70 days, 63 days apart: 140 days drawn within 90 (factor 1.56 > 1.5)
  await submit('F', { patientId: 'P2', serviceDate: '2025-04-20' }, { quantity: 70, daysSupply: 70 });
  await submit('G', { patientId: 'P2', serviceDate: '2025-06-22' }, { quantity: 70, daysSupply: 70 });
});
afterAll(async () => h.close());

const RUN = `mutation($r: String!, $f: String!, $t: String!) { runMonitoring(regionCode: $r, from: $f, to: $t) { raised { kind count } alreadyKnown } }`;
const LIST = `query($f: AlertFilter, $n: Int!, $a: String) { alerts(filter: $f, first: $n, after: $a) { totalCount hasNextPage endCursor
  nodes { id kind status assignee patientId claimIds evidence occurredOn institution { id } claims { id status } } } }`;
type Alert = {
  id: string;
  kind: string;
  status: string;
  assignee: string | null;
  patientId: string | null;
  claimIds: string[];
  evidence: Record<string, unknown>;
  claims: { id: string; status: string }[];
};
type List = { alerts: { totalCount: number; hasNextPage: boolean; endCursor: string; nodes: Alert[] } };

async function alertOf(kind: string): Promise<Alert> {
  const r = await h.gql<List>(bureau, LIST, { f: { kind }, n: 10 });
  expect(r.data!.alerts.nodes).toHaveLength(1);
  return r.data!.alerts.nodes[0]!;
}

describe('runMonitoring', () => {
  it('raises cases from rule hits and from patterns over time', async () => {
    const r = await h.gql<{ runMonitoring: { raised: { kind: string; count: number }[]; alreadyKnown: number } }>(bureau, RUN, {
      r: '320213',
      f: '2025-01-01',
      t: '2025-06-30',
    });
    expect(r.errors).toBeUndefined();
    expect(Object.fromEntries(r.data!.runMonitoring.raised.map((x) => [x.kind, x.count]))).toEqual({
      CROSS_INSTITUTION_DUPLICATE: 1,
      EARLY_REFILL: 1,
      LONG_PRESCRIPTION_EXCEEDED: 2,
      OVERSUPPLY_90D: 1,
      OVER_QUANTITY: 1,
    });
    expect((await alertOf('EARLY_REFILL')).claimIds).toEqual([ids.B]);
    const cross = await alertOf('CROSS_INSTITUTION_DUPLICATE');
    expect(cross).toMatchObject({ claimIds: [ids.D], patientId: 'P2', institution: { id: 'I-LX-H2' } });
    expect(cross.evidence.drugs).toEqual([
      expect.objectContaining({ drugCode: 'metformin', daysLeft: 26, previousClaimId: ids.C, previousInstitutionId: 'I-LX-CHC' }),
    ]);
    const supply = await alertOf('OVERSUPPLY_90D');
    expect(supply.evidence).toMatchObject({ drugCode: 'amlodipine', daysSupplied: 140, windowStart: '2025-04-20' });
    expect([...supply.claimIds].sort()).toEqual([ids.F, ids.G].sort());
  });

  it('re-running opens nothing twice', async () => {
    const r = await h.gql<{ runMonitoring: { raised: unknown[]; alreadyKnown: number } }>(bureau, RUN, { r: '320213', f: '2025-01-01', t: '2025-06-30' });
    expect(r.data!.runMonitoring).toEqual({ raised: [], alreadyKnown: 6 });
    const [n] = await h.sql<{ n: string }>(`select count(*) as n from alerts`);
    expect(Number(n!.n)).toBe(6);
  });

  it('is scoped: another district’s bureau can neither run it here nor see the cases; institutions see none', async () => {
    const other = await h.token({ role: 'district_bureau', districtCode: '320281' });
    expect((await h.gql(other, RUN, { r: '320213', f: '2025-01-01', t: '2025-06-30' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await h.gql<List>(other, LIST, { n: 10 })).data!.alerts.totalCount).toBe(0);
    const inst = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    expect((await h.gql(inst, LIST, { n: 10 })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const leader = await h.token({ role: 'city_leadership' });
    expect((await h.gql<List>(leader, LIST, { f: { regionCode: '320200' }, n: 10 })).data!.alerts.totalCount).toBe(6);
  });
});

describe('alerts and updateAlert', () => {
  const UPDATE = `mutation($id: ID!, $s: AlertStatus, $a: String, $n: String, $rev: Boolean!, $rf: Fen) { updateAlert(id: $id, status: $s, assignee: $a, note: $n, reverseClaims: $rev, recoveredFen: $rf) {
    reversedClaimIds alert { status assignee recoveredFen history { seq fromStatus toStatus byUser note reversedClaimIds recoveredFen } } } }`;
  type Updated = {
    updateAlert: {
      reversedClaimIds: string[];
      alert: {
        status: string;
        assignee: string | null;
        recoveredFen: number | null;
        history: { seq: number; fromStatus: string | null; toStatus: string; note: string | null; reversedClaimIds: string[]; recoveredFen: number | null }[];
      };
    };
  };

  it('pages through the cases, newest finding first', async () => {
    const p1 = await h.gql<List>(bureau, LIST, { n: 4 });
    expect(p1.data!.alerts).toMatchObject({ totalCount: 6, hasNextPage: true });
    const p2 = await h.gql<List>(bureau, LIST, { n: 4, a: p1.data!.alerts.endCursor });
    expect(p2.data!.alerts.nodes).toHaveLength(2);
    const all = [...p1.data!.alerts.nodes, ...p2.data!.alerts.nodes].map((a) => a.id);
    expect(new Set(all).size).toBe(6);
  });

  it('moves a case through review with a history, refuses a jump, and reverses the claims behind it on confirmation', async () => {
    const a = await alertOf('OVER_QUANTITY');
    expect(a.claimIds).toEqual([ids.E]);
    const review = await h.gql<Updated>(bureau, UPDATE, { id: a.id, s: 'UNDER_REVIEW', a: 'inspector-1', n: '调取处方', rev: false });
    expect(review.data!.updateAlert.alert).toMatchObject({ status: 'UNDER_REVIEW', assignee: 'inspector-1' });
    expect(review.data!.updateAlert.alert.history.map((x) => [x.fromStatus, x.toStatus])).toEqual([
      [null, 'OPEN'],
      ['OPEN', 'UNDER_REVIEW'],
    ]);
    expect((await h.gql(bureau, UPDATE, { id: a.id, s: 'RECOVERED', rev: false })).errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect((await h.gql(bureau, UPDATE, { id: a.id, rev: true })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const [before] = await h.sql<{ fund_paid_fen: string }>(`select fund_paid_fen from benefit_ledger where patient_id = 'P1' and year = 2025`);
    const [claim] = await h.sql<{ fund_fen: string }>(`select fund_fen from claims where id = ?::uuid`, [ids.E]);
    const confirm = await h.gql<Updated>(bureau, UPDATE, { id: a.id, s: 'CONFIRMED', n: '超量配药属实', rev: true });
    expect(confirm.errors).toBeUndefined();
    expect(confirm.data!.updateAlert.reversedClaimIds).toEqual([ids.E]);
    expect(confirm.data!.updateAlert.alert.history.at(-1)).toMatchObject({ fromStatus: 'UNDER_REVIEW', toStatus: 'CONFIRMED', reversedClaimIds: [ids.E] });
    expect(await h.sql(`select status from claims where id = ?::uuid`, [ids.E])).toEqual([{ status: 'reversed' }]);
    const [after] = await h.sql<{ fund_paid_fen: string }>(`select fund_paid_fen from benefit_ledger where patient_id = 'P1' and year = 2025`);
    expect(Number(claim!.fund_fen)).toBeGreaterThan(0);
    expect(Number(after!.fund_paid_fen)).toBe(Number(before!.fund_paid_fen) - Number(claim!.fund_fen));

    // Recovered records the amount recovered: required, whole fen, at most what the fund paid on the claims behind the case.
    const fund = Number(claim!.fund_fen);
    const field = async (v: Record<string, unknown>) => (await h.gql(bureau, UPDATE, { id: a.id, rev: false, ...v })).errors?.[0]?.extensions;
    expect(await field({ s: 'RECOVERED' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recoveredFen' });
    expect(await field({ s: 'RECOVERED', rf: fund + 1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recoveredFen' });
    expect(await field({ s: 'RECOVERED', rf: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recoveredFen' });
    expect(await field({ s: 'UNDER_REVIEW', rf: 100 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recoveredFen' });
    expect((await alertOf('OVER_QUANTITY')).status).toBe('CONFIRMED');
    const recovered = await h.gql<Updated>(bureau, UPDATE, { id: a.id, s: 'RECOVERED', rev: false, rf: fund, n: '已全额追回' });
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data!.updateAlert.alert).toMatchObject({ status: 'RECOVERED', assignee: 'inspector-1', recoveredFen: fund });
    expect(recovered.data!.updateAlert.alert.history.at(-1)).toMatchObject({ fromStatus: 'CONFIRMED', toStatus: 'RECOVERED', recoveredFen: fund });
    expect(recovered.data!.updateAlert.alert.history.slice(0, -1).every((x) => x.recoveredFen === null)).toBe(true);
  });

  it('a case whose claim was reversed meanwhile is confirmed without a second reversal; another district cannot touch it', async () => {
    const a = await alertOf('EARLY_REFILL');
    await h.sql(`update claims set status = 'reversed' where id = ?::uuid`, [ids.B]);
    // the claim is no longer accepted: nothing to reverse, the case is confirmed without a reversal
    const r = await h.gql<Updated>(bureau, UPDATE, { id: a.id, s: 'CONFIRMED', rev: true });
    expect(r.data!.updateAlert.reversedClaimIds).toEqual([]);
    const other = await h.token({ role: 'district_bureau', districtCode: '320281' });
    const cross = await alertOf('CROSS_INSTITUTION_DUPLICATE');
    expect((await h.gql(other, UPDATE, { id: cross.id, s: 'DISMISSED', rev: false })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await alertOf('CROSS_INSTITUTION_DUPLICATE')).status).toBe('OPEN');
  });
});
