/**
 * The query cost limit over HTTP: a query over the limit is refused whole before it runs (nothing
 * read, nothing written, the cost and the limit in the error); an accepted one says what it cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../test/harness';
import { COST_LIMIT } from './cost';

let h: Harness;
let bureau: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
});
afterAll(async () => h.close());

type Answer = { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[]; extensions?: Record<string, unknown> };

describe('query cost limit', () => {
  it('refuses a hundred patients with a hundred traced claims each, naming the cost and the limit', async () => {
    const before = await h.sql<{ n: string }>(`select count(*) as n from audit_log`);
    const a = (await h.gql(bureau, `{ patients(first: 100) { nodes { id claims(first: 100) { id explanation { step ruleId } } } } }`)) as Answer;
    expect(a.data).toBeUndefined();
    expect(a.errors).toHaveLength(1);
    const ext = a.errors![0]!.extensions;
    expect(ext.code).toBe('QUERY_TOO_COSTLY');
    expect(ext.limit).toBe(COST_LIMIT);
    expect(ext.cost).toBeGreaterThan(COST_LIMIT);
    expect(String(ext.messageZh)).toContain('查询代价过高');
    // refused before it ran: the patient list, which audits a read, was never read
    expect(await h.sql<{ n: string }>(`select count(*) as n from audit_log`)).toEqual(before);
  });

  it('counts a size given by a variable', async () => {
    const q = `query($n: Int!) { claims(first: $n) { nodes { id explanation { step } } } }`;
    const small = (await h.gql(bureau, q, { n: 2 })) as Answer;
    expect(small.errors).toBeUndefined();
    const large = (await h.gql(bureau, `query($n: Int!) { patients(first: $n) { nodes { claims(first: $n) { explanation { step } } } } }`, {
      n: 100,
    })) as Answer;
    expect(large.errors?.[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
    const fine = (await h.gql(bureau, `query($n: Int!) { patients(first: $n) { nodes { claims(first: $n) { explanation { step } } } } }`, { n: 5 })) as Answer;
    expect(fine.errors).toBeUndefined();
  });

  it('answers an accepted query with its cost in the extensions', async () => {
    expect((await h.gql(bureau, SUBMIT, { input: claimInput() })).errors).toBeUndefined();
    const a = (await h.gql(bureau, `{ claims(first: 3) { nodes { id institution { id } } } }`)) as Answer;
    expect(a.errors).toBeUndefined();
    expect(a.extensions).toEqual({ cost: 1 + 3 * 2, costLimit: COST_LIMIT });
  });

  it('still refuses a too-deep query by the depth limit, and a first past its bound as bad input', async () => {
    const deep = (await h.gql(
      bureau,
      `{ regions { children { children { children { children { children { children { children { children { children { children { code } } } } } } } } } } } }`,
    )) as Answer;
    expect(deep.errors?.[0]?.message).toContain('depth');
    const tooMany = (await h.gql(bureau, `{ claims(first: 1000000) { nodes { id } } }`)) as Answer;
    expect(tooMany.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
