/**
 * The hostile corpus of the payment standards (W 四(一)), as the 320213 bureau sends them: each case
 * patches one argument and says the code it must be answered with. The bureau may not load a standard
 * (the city bureau does): a well-typed load is FORBIDDEN whatever its content, an ill-typed one is
 * refused before it runs. Nothing is stored.
 */
import type { Code, HostileCase } from './hostile-cases';

const BAD: readonly Code[] = ['BAD_USER_INPUT'];
const NF: readonly Code[] = ['NOT_FOUND'];
const FB: readonly Code[] = ['FORBIDDEN'];

const LOAD = {
  cityCode: '320200',
  effectiveFrom: '2025-09-01',
  sourceDocument: 'test',
  sourceSection: '—',
  csv: '通用名,剂型,规格,支付标准（元）\n氨氯地平,口服,5mg,0.20\n',
};

export const PAYSTD_OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  paymentStandardVersions: { query: `query($c: String!) { paymentStandardVersions(cityCode: $c) { id } }`, variables: { c: '320200' } },
  paymentStandardDiff: {
    query: `query($c: String!, $a: String!, $b: String!) { paymentStandardDiff(cityCode: $c, fromVersion: $a, toVersion: $b) { added { drugCode } } }`,
    variables: { c: '320200', a: 'v1', b: 'v2' },
  },
  loadPaymentStandard: { query: `mutation($i: LoadPaymentStandardInput!) { loadPaymentStandard(input: $i) { applied } }`, variables: { i: LOAD } },
};

type Patch = [string, unknown, readonly Code[]];
const show = (v: unknown) => (typeof v === 'string' && v.length > 24 ? `"${v.slice(0, 12)}…"(${v.length})` : (JSON.stringify(v) ?? 'missing'));

export function paystdCases(bearer: string): HostileCase[] {
  const out: HostileCase[] = [];
  const add = (op: string, patches: Patch[], into?: string) => {
    const base = PAYSTD_OPERATIONS[op]!;
    for (const [f, v, expect] of patches) {
      const variables =
        into === undefined ? { ...base.variables, [f]: v } : { ...base.variables, [into]: { ...(base.variables![into] as Record<string, unknown>), [f]: v } };
      out.push({ kind: 'gql', category: 'payment standards', name: `${op} ${f}=${show(v)}`, auth: bearer, query: base.query, variables, expect });
    }
  };
  add('paymentStandardVersions', [
    ['c', 'NOPE', NF],
    ['c', '520100', NF],
    ['c', 'x'.repeat(10_000), NF],
    ['c', 42, BAD],
  ]);
  add('paymentStandardDiff', [
    ['a', 'nope', NF],
    ['c', '520100', NF],
    ['b', "'; drop table payment_standard_versions; --", NF],
    ['a', null, BAD],
  ]);
  add(
    'loadPaymentStandard',
    [
      ['cityCode', '320200', FB],
      ['cityCode', '520100', FB],
      ['effectiveFrom', '2025-02-30', FB],
      ['csv', 'x'.repeat(50_000), FB],
      ['rows', [{ drugCode: 'amlodipine', form: 'PILL', strength: '5mg', unitPriceFen: 10 }], BAD],
      ['rows', [{ drugCode: 'amlodipine', form: 'ORAL', strength: '5mg', unitPriceFen: -1 }], FB],
      ['rows', [{ drugCode: 'amlodipine', form: 'ORAL', strength: '5mg', unitPriceFen: 1.5 }], BAD],
      ['sourceDocument', null, BAD],
      ['cityCode', null, BAD],
    ],
    'i',
  );
  return out;
}
