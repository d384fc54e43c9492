/**
 * The hostile corpus of family-doctor signings (modules/signing) and of a claim's third-party
 * delivery (modules/claims/delivery.ts): their valid requests as the 320213 bureau sends them, and bad
 * requests each with the code it must be answered with. No bad claim may be stored (keys hostile-*).
 */
import type { Code, HostileCase } from './hostile-cases';

const BAD: readonly Code[] = ['BAD_USER_INPUT'];
const NF: readonly Code[] = ['NOT_FOUND'];

const signing = { patientId: 'P1', institutionId: 'I-LX-CHC', teamCode: 'T1', teamName: '家庭医生一组', validFrom: '2025-01-01', validTo: '2025-12-31' };

export const SIGNING_OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  recordSigning: { query: `mutation($i: RecordSigningInput!) { recordSigning(input: $i) { replayed } }`, variables: { i: signing } },
  endSigning: {
    query: `mutation($id: ID!, $on: String!, $r: String!) { endSigning(signingId: $id, endedOn: $on, reason: $r) { id } }`,
    variables: { id: '00000000-0000-4000-8000-000000000000', on: '2025-06-01', r: '解约' },
  },
};

type Patch = [string, unknown, readonly Code[]];

export function signingCases(bearer: string): HostileCase[] {
  const out: HostileCase[] = [];
  const show = (v: unknown) => (typeof v === 'string' && v.length > 24 ? `"${v.slice(0, 12)}…"(${v.length})` : (JSON.stringify(v) ?? 'missing'));
  const add = (op: string, patches: Patch[], into: 'i' | null) => {
    const base = SIGNING_OPERATIONS[op]!;
    for (const [f, v, expect] of patches) {
      const vars = { ...base.variables };
      if (into === null) vars[f] = v;
      else vars[into] = { ...(vars[into] as Record<string, unknown>), [f]: v };
      out.push({ kind: 'gql', category: 'family-doctor signing', name: `${op} ${f}=${show(v)}`, auth: bearer, query: base.query, variables: vars, expect });
    }
  };
  add(
    'recordSigning',
    [
      ['patientId', 'NOPE', NF],
      ['patientId', 'P3', NF],
      ['patientId', 'G1', NF],
      ['patientId', "P1' or 1=1 --", NF],
      ['institutionId', 'NOPE', BAD],
      ['institutionId', 'I-GY-CHC', BAD],
      ['institutionId', '../../etc', BAD],
      ['teamCode', '', BAD],
      ['teamCode', 'has space', BAD],
      ['teamCode', 't'.repeat(33), BAD],
      ['teamName', ' ', BAD],
      ['teamName', 'n'.repeat(101), BAD],
      ['validFrom', '2025-02-30', BAD],
      ['validFrom', '2999-01-01', BAD],
      ['validFrom', '1999-12-31', BAD],
      ['validTo', 'soon', BAD],
      ['validTo', '2024-12-31', BAD],
    ],
    'i',
  );
  add(
    'endSigning',
    [
      ['id', 'nope', BAD],
      ['id', '11111111-1111-4111-8111-111111111111', NF],
      ['on', '2025-02-30', BAD],
      ['on', '2999-01-01', BAD],
      ['r', '', BAD],
      ['r', 'r'.repeat(501), BAD],
    ],
    null,
  );
  const delivery = { providerCode: '91350100M000100Y43', providerName: '无锡医药物流有限公司' };
  const deliveryPatches: [string, unknown][] = [
    ['providerCode', '91350100M000100Y44'],
    ['providerCode', '91350100m000100y43'],
    ['providerCode', '91350100M000100Y4'],
    ['providerCode', '91350100M000100Y430'],
    ['providerCode', "1' or '1'='1"],
    ['providerCode', ''],
    ['providerName', ''],
    ['providerName', '   '],
    ['providerName', 'n'.repeat(101)],
  ];
  deliveryPatches.forEach(([f, v], i) =>
    out.push({
      kind: 'gql',
      category: 'third-party delivery',
      name: `submitClaim delivery.${f}=${show(v)}`,
      auth: bearer,
      query: `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id } } }`,
      variables: {
        i: {
          idempotencyKey: `hostile-delivery-${i}`,
          patientId: 'P1',
          institutionId: 'I-LX-CHC',
          serviceDate: '2025-06-01',
          pathway: 'DESIGNATED',
          lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1000 }],
          delivery: { ...delivery, [f]: v },
        },
      },
      expect: BAD,
    }),
  );
  return out;
}
