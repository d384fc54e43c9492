/**
 * Monitoring watches the payment standard (W 四(一)) through the API against PostgreSQL: an institution
 * whose claim lines went over the standard in more than the bureau's share of its lines opens one case,
 * with its figures, its source and its plain-Chinese text; the thresholds are configuration the run
 * reports with their source; a second run opens nothing twice. Figures are worked by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let leader: string;
let bureau: string;

const LOAD = `mutation($i: LoadPaymentStandardInput!) { loadPaymentStandard(input: $i) { applied } }`;
const SET = `mutation($key: String!, $from: String!, $value: JSON!, $source: ConfigurationSourceInput!) {
  setConfigurationValue(key: $key, cityCode: "320200", validFrom: $from, value: $value, source: $source) { id } }`;
const RUN = `mutation($f: String!, $t: String!) { runMonitoring(regionCode: "320213", from: $f, to: $t) {
  raised { kind count } alreadyKnown thresholds { key value source { kind document section note } } } }`;
const LIST = `query { alerts(filter: { kind: "OVER_PAYMENT_STANDARD_SHARE" }, first: 10) { totalCount nodes { kind patientId claimIds evidence occurredOn institution { id } } } }`;

type Run = {
  runMonitoring: {
    raised: { kind: string; count: number }[];
    alreadyKnown: number;
    thresholds: { key: string; value: unknown; source: { kind: string; document: string | null; section: string | null; note: string | null } }[];
  };
};
type List = {
  alerts: {
    totalCount: number;
    nodes: { kind: string; patientId: string | null; claimIds: string[]; evidence: Record<string, unknown>; occurredOn: string; institution: { id: string } }[];
  };
};

async function submit(over: Record<string, unknown>, line: Record<string, unknown>): Promise<void> {
  const r = await h.gql(bureau, SUBMIT, { input: claimInput(over, line) });
  expect(r.errors).toBeUndefined();
}

beforeAll(async () => {
  h = await startHarness();
  leader = await h.token({ role: 'city_leadership', cityCode: '320200' });
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213', cityCode: '320200' });
  const rows = [
    { drugCode: 'amlodipine', form: 'ORAL', strength: '5mg', unitPriceFen: 20 },
    { drugCode: 'metformin', form: 'ORAL', strength: '0.5g', unitPriceFen: 10 },
  ];
  const load = await h.gql(leader, LOAD, {
    i: { cityCode: '320200', effectiveFrom: '2025-03-01', sourceDocument: '无锡市“两病”用药支付标准（测试）', sourceSection: '附表', rows },
  });
  expect(load.errors).toBeUndefined();
  // 社区卫生服务中心 I-LX-CHC: 3 lines, 1 over the standard (amlodipine 30 × 0.20 = 6.00 < 10.00).
  await submit({ serviceDate: '2025-04-01' }, { strength: '5mg' });
  await submit({ patientId: 'P2', serviceDate: '2025-04-01' }, { drugCode: 'metformin', strength: '0.5g', quantity: 60, amountFen: 500 });
  await submit({ serviceDate: '2025-04-02' }, { drugCode: 'nifedipine' });
  // I-LX-H2: 1 line, over the standard, too few lines to count.
  await submit({ patientId: 'P2', institutionId: 'I-LX-H2', serviceDate: '2025-04-03' }, { strength: '5mg' });
});
afterAll(async () => h.close());

describe('lines over the payment standard', () => {
  it('are not a case while an institution has fewer lines than the bureau’s minimum (code default 20)', async () => {
    const r = await h.gql<Run>(bureau, RUN, { f: '2025-04-01', t: '2025-04-30' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.runMonitoring.raised).toEqual([]);
    const share = r.data!.runMonitoring.thresholds.find((t) => t.key === 'monitoring.overStandardShare')!;
    expect(share.value).toBe(0.2);
    expect(share.source).toMatchObject({ kind: 'seed', section: '四(一)' });
    expect(share.source.note).toContain('set by the bureau');
  });

  it('open one case per institution when more than the share of its lines went over, citing 四(一) in plain Chinese', async () => {
    const set = await h.gql(leader, SET, {
      key: 'monitoring.overStandardMinLines',
      from: '2025-01-01',
      value: 3,
      source: { kind: 'BUREAU', note: '市医保局2025年1月监控规则：至少3条明细' },
    });
    expect(set.errors).toBeUndefined();
    const r = await h.gql<Run>(bureau, RUN, { f: '2025-04-01', t: '2025-04-30' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.runMonitoring.raised).toEqual([{ kind: 'OVER_PAYMENT_STANDARD_SHARE', count: 1 }]);
    expect(r.data!.runMonitoring.thresholds.find((t) => t.key === 'monitoring.overStandardMinLines')).toMatchObject({
      value: 3,
      source: { kind: 'bureau' },
    });

    const list = await h.gql<List>(bureau, LIST);
    expect(list.data!.alerts.totalCount).toBe(1);
    const a = list.data!.alerts.nodes[0]!;
    expect(a).toMatchObject({ kind: 'OVER_PAYMENT_STANDARD_SHARE', patientId: null, claimIds: [], occurredOn: '2025-04-30', institution: { id: 'I-LX-CHC' } });
    // 1 of 3 lines = 33.3 % > 20 %; the line submitted 10.00, the fund paid floor(600 × 60 %) = 3.60 on it.
    expect(a.evidence).toMatchObject({ lines: 3, overLines: 1, overClaims: 1, share: 0.3333, threshold: 0.2, minLines: 3, overAmountFen: 1000, fundFen: 360 });
    expect(a.evidence.citation).toMatch(/四\(一\)$/);
    expect(a.evidence.messageZh).toBe(
      '2025-04-01至2025-04-30，本机构3条结算明细中有1条（33.3%）的价格高于医保支付标准，超过预警比例20%（比例由医保部门设定）；这些明细申报10.00元，基金按支付标准支付，超出部分由患者负担',
    );
  });

  it('a second run opens nothing twice; a share the bureau raises above the institution’s opens nothing', async () => {
    const again = await h.gql<Run>(bureau, RUN, { f: '2025-04-01', t: '2025-04-30' });
    expect(again.data!.runMonitoring).toMatchObject({ raised: [], alreadyKnown: 1 });
    const set = await h.gql(leader, SET, {
      key: 'monitoring.overStandardShare',
      from: '2025-05-01',
      value: 0.5,
      source: { kind: 'BUREAU', note: '市医保局2025年5月调整：超标准明细占比50%以上预警' },
    });
    expect(set.errors).toBeUndefined();
    const r = await h.gql<Run>(bureau, RUN, { f: '2025-04-01', t: '2025-05-31' });
    expect(r.data!.runMonitoring.raised).toEqual([]);
    expect(r.data!.runMonitoring.alreadyKnown).toBe(0);
  });
});
