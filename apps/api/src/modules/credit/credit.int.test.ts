import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { seedProgramme, type Programme } from '../scorecard/institutions-fund.fixture';
import { CREDIT_RULES } from './credit.config';
import { creditFlag, creditFlags } from './credit.service';

let h: Harness;
let p: Programme;
let bureau: string;
let alertId: string;
// Events are dated when they happen (now), whatever the harness's business date: read the window up to today.
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startHarness();
  p = await seedProgramme(h);
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  const run = await h.gql(bureau, `mutation { runMonitoring(regionCode: "320213", from: "2025-01-01", to: "2025-06-30") { raised { kind count } } }`);
  expect(run.errors).toBeUndefined();
  const alerts = await h.gql<{ alerts: { nodes: { id: string; claimIds: string[]; institutionId: string; patientId: string }[] } }>(
    bureau,
    `{ alerts(filter: { kind: "LONG_PRESCRIPTION_EXCEEDED" }) { nodes { id claimIds institutionId patientId } } }`,
  );
  const a = alerts.data!.alerts.nodes[0]!;
  expect(a).toMatchObject({ claimIds: [p.c7.id], institutionId: 'I-LX-CHC', patientId: 'P2' });
  alertId = a.id;
});
afterAll(async () => h.close());

const RECORDS = `query($region: String!, $type: CreditSubjectType!, $first: Int, $after: String, $asOf: String) {
  creditRecords(regionCode: $region, subjectType: $type, first: $first, after: $after, asOf: $asOf) {
    totalCount hasNextPage endCursor rules { id windowDays institutionThreshold patientThreshold }
    nodes { subjectId districtCode institution { id } points totalPoints threshold flagged eventCount events { kind points alertId alertKind claimId note rulesId } } } }`;

interface Node {
  subjectId: string;
  districtCode: string;
  institution: { id: string } | null;
  points: number;
  totalPoints: number;
  threshold: number;
  flagged: boolean;
  eventCount: number;
  events: { kind: string; points: number; alertId: string | null; alertKind: string | null; claimId: string | null; note: string | null; rulesId: string }[];
}
interface Page {
  creditRecords: {
    totalCount: number;
    hasNextPage: boolean;
    endCursor: string | null;
    rules: { id: string; windowDays: number; institutionThreshold: number; patientThreshold: number };
    nodes: Node[];
  };
}

const records = async (type: 'INSTITUTION' | 'PATIENT', extra: Record<string, unknown> = {}) => {
  const r = await h.gql<Page>(bureau, RECORDS, { region: '320213', type, asOf: today, ...extra });
  expect(r.errors).toBeUndefined();
  return r.data!.creditRecords;
};
const update = (status: string, reverseClaims = false) =>
  h.gql(
    bureau,
    `mutation($id: ID!, $status: AlertStatus, $rev: Boolean!) { updateAlert(id: $id, status: $status, reverseClaims: $rev) { alert { status } } }`,
    { id: alertId, status, rev: reverseClaims },
  );

describe('credit records (W-10 五(四) 信用管理)', () => {
  it('holds nothing before a case is confirmed', async () => {
    const page = await records('INSTITUTION');
    expect(page.totalCount).toBe(0);
    expect(page.rules).toEqual({ id: 'credit-rules.v1', windowDays: 365, institutionThreshold: 10, patientThreshold: 5 });
    // The configured values behind the record, each with its source and date (the code's seeds until the leadership changes one).
    const used = await h.gql<{ creditRecords: { rules: { settings: { key: string; value: unknown; validFrom: string; source: { kind: string } }[] } } }>(
      bureau,
      `query($asOf: String) { creditRecords(regionCode: "320213", subjectType: INSTITUTION, asOf: $asOf) { rules { settings { key value validFrom source { kind } } } } }`,
      { asOf: today },
    );
    expect(used.errors).toBeUndefined();
    const settings = used.data!.creditRecords.rules.settings;
    expect(settings.find((u) => u.key === 'credit.windowDays')).toMatchObject({ value: 365, source: { kind: 'seed' } });
    expect(settings.find((u) => u.key === 'credit.reviewThreshold')).toMatchObject({ value: { institution: 10, patient: 5 }, source: { kind: 'seed' } });
    expect(settings.map((u) => u.key)).toContain('credit.points.claimReversed');
  });

  it('records a confirmed alert against the institution and the insured person, with the event behind it', async () => {
    expect((await update('CONFIRMED')).errors).toBeUndefined();
    const inst = await records('INSTITUTION');
    expect(inst.nodes).toHaveLength(1);
    expect(inst.nodes[0]).toMatchObject({
      subjectId: 'I-LX-CHC',
      districtCode: '320213',
      institution: { id: 'I-LX-CHC' },
      points: 2,
      totalPoints: 2,
      threshold: 10,
      flagged: false,
      eventCount: 1,
    });
    expect(inst.nodes[0]!.events).toEqual([
      {
        kind: 'ALERT_CONFIRMED',
        points: 2,
        alertId,
        alertKind: 'LONG_PRESCRIPTION_EXCEEDED',
        claimId: null,
        note: 'alert LONG_PRESCRIPTION_EXCEEDED confirmed',
        rulesId: 'credit-rules.v1',
      },
    ]);
    // a rule hit is the institution's error: the patient's record shows the event at 0 points
    const patients = await records('PATIENT');
    expect(patients.nodes.map((n) => [n.subjectId, n.points, n.eventCount])).toEqual([['P2', 0, 1]]);
    // reading again records nothing twice
    expect((await records('INSTITUTION')).nodes[0]!.eventCount).toBe(1);
  });

  it('takes the points back when the confirmation is withdrawn, and gives them again on a new confirmation with the claims reversed', async () => {
    expect((await update('UNDER_REVIEW')).errors).toBeUndefined();
    let node = (await records('INSTITUTION')).nodes[0]!;
    expect([node.points, node.eventCount, node.events[0]!.kind, node.events[0]!.points]).toEqual([0, 2, 'ALERT_WITHDRAWN', -2]);
    expect((await update('CONFIRMED', true)).errors).toBeUndefined();
    node = (await records('INSTITUTION')).nodes[0]!;
    expect([node.points, node.eventCount]).toEqual([2, 4]);
    // the reversal made by the confirmation is counted with the alert, not twice
    expect(node.events.find((e) => e.kind === 'CLAIM_REVERSED')).toMatchObject({ points: 0, claimId: p.c7.id, alertId });
  });

  it('counts a reversed claim against both, ranks the records by points and pages through them', async () => {
    const rev = await h.gql(bureau, `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "dispensed twice by mistake") { id } }`, { id: p.c8.id });
    expect(rev.errors).toBeUndefined();
    const inst = await records('INSTITUTION');
    expect(inst.nodes.map((n) => [n.subjectId, n.points])).toEqual([
      ['I-LX-CHC', 2],
      ['I-LX-CHC2', 1],
    ]);
    expect(inst.nodes[1]!.events[0]).toMatchObject({ kind: 'CLAIM_REVERSED', points: 1, claimId: p.c8.id, note: 'claim reversed: dispensed twice by mistake' });
    expect((await records('PATIENT')).nodes.map((n) => [n.subjectId, n.points])).toEqual([
      ['P4', 1],
      ['P2', 0],
    ]);
    const first = await records('INSTITUTION', { first: 1 });
    expect([first.totalCount, first.hasNextPage, first.nodes[0]!.subjectId]).toEqual([2, true, 'I-LX-CHC']);
    const second = await records('INSTITUTION', { first: 1, after: first.endCursor });
    expect([second.hasNextPage, second.nodes.map((n) => n.subjectId)]).toEqual([false, ['I-LX-CHC2']]);
    // a window that ended before the events holds none of their points
    expect((await records('INSTITUTION', { asOf: '2025-06-30' })).nodes.map((n) => n.points)).toEqual([0, 0]);
  });

  it('flags a subject for the monitoring at the review threshold', async () => {
    const em = h.orm.em.fork();
    const plain = await creditFlag(em, '320213', { type: 'institution', id: 'I-LX-CHC' }, { asOf: today });
    expect(plain).toMatchObject({ points: 2, threshold: 10, flagged: false, rulesId: 'credit-rules.v1' });
    const strict = await creditFlag(
      em,
      '320213',
      { type: 'institution', id: 'I-LX-CHC' },
      { asOf: today, rules: { ...CREDIT_RULES, reviewThreshold: { institution: 2, patient: 5 } } },
    );
    expect(strict.flagged).toBe(true);
    expect((await creditFlag(em, '320213', { type: 'patient', id: 'P1' }, { asOf: today })).points).toBe(0);
    const many = await creditFlags(
      em,
      [
        { districtCode: '320213', type: 'institution', id: 'I-LX-CHC' },
        { districtCode: '320213', type: 'patient', id: 'P1' },
      ],
      { asOf: today, rules: { ...CREDIT_RULES, reviewThreshold: { institution: 2, patient: 5 } } },
    );
    expect(many.map((f) => [f.subjectId, f.points, f.flagged])).toEqual([
      ['I-LX-CHC', 2, true],
      ['P1', 0, false],
    ]);
  });

  it('lets the district bureau record an event by hand, once per key, and no one else', async () => {
    const RECORD = `mutation($input: CreditEventInput!) { recordCreditEvent(input: $input) { kind points occurredOn note recordedBy } }`;
    const input = {
      subjectType: 'PATIENT',
      subjectId: 'P1',
      points: 3,
      occurredOn: '2025-06-01',
      note: 'on-site inspection: medicine resold',
      key: 'inspection-2025-06-01',
    };
    const ok = await h.gql(bureau, RECORD, { input });
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({
      recordCreditEvent: { kind: 'MANUAL', points: 3, occurredOn: '2025-06-01', note: 'on-site inspection: medicine resold', recordedBy: 'u-district_bureau' },
    });
    expect((await h.gql(bureau, RECORD, { input })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.key' });
    const jy = await h.token({ role: 'district_bureau', districtCode: '320281' });
    expect((await h.gql(jy, RECORD, { input: { ...input, key: 'other' } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    expect((await h.gql(operator, RECORD, { input: { ...input, key: 'op' } })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(operator, RECORDS, { region: '320213', type: 'PATIENT' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(bureau, RECORD, { input: { ...input, key: 'zero', points: 0 } })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.points',
    });
    expect((await records('PATIENT', { asOf: '2025-06-30' })).nodes.find((n) => n.subjectId === 'P1')!.points).toBe(3);
  });
});
