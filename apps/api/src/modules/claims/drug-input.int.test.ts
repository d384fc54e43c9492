/**
 * A claim line naming no drug of the core's reference is a typo, not a drug "not in the
 * catalogue": the API refuses it as input, naming the line, in the single and the batch path,
 * before anything is decided or stored (the policy core alone would judge it DRUG_NOT_IN_CATALOGUE
 * and part-pay the claim).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
});
afterAll(async () => h.close());

const MANY = `mutation($inputs: [SubmitClaimInput!]!) { submitClaims(inputs: $inputs) { index error { code field } result { claim { id } } } }`;
const threeLines = (third: string) => [
  { drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1000 },
  { drugCode: 'indapamide', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 800 },
  { drugCode: third, form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 900 },
];
const stored = async () => Number((await h.sql<{ n: string }>(`select count(*) as n from claims`))[0]!.n);

describe('an unknown drug code is a coded input error naming the line', () => {
  it('submitClaim: BAD_USER_INPUT on input.lines[2].drugCode, nothing stored', async () => {
    const before = await stored();
    const r = await h.gql(bureau, SUBMIT, { input: { ...claimInput(), lines: threeLines('amlodipin') } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[2].drugCode' });
    expect(String(r.errors?.[0]?.extensions.messageZh)).toContain('未知药品');
    expect(await stored()).toBe(before);
  });

  it('submitClaims: the bad claim refused on inputs[1].lines[2].drugCode, the good one decided', async () => {
    const before = await stored();
    const r = await h.gql<{ submitClaims: { index: number; error: { code: string; field: string } | null; result: { claim: { id: string } } | null }[] }>(
      bureau,
      MANY,
      {
        inputs: [claimInput({ serviceDate: '2025-05-02' }), { ...claimInput({ serviceDate: '2025-05-03' }), lines: threeLines('xx-unknown') }],
      },
    );
    expect(r.errors).toBeUndefined();
    const [good, bad] = r.data!.submitClaims;
    expect(good!.result?.claim.id).toBeTruthy();
    expect(bad).toMatchObject({ index: 1, error: { code: 'BAD_USER_INPUT', field: 'inputs[1].lines[2].drugCode' }, result: null });
    expect(await stored()).toBe(before + 1);
  });

  it('a drug of the reference outside the city’s scope is still decided: not in the catalogue, not an input error', async () => {
    // terazosin (G04CA03) is in the reference but outside Wuxi's ATC groups (W-2 二(二)).
    const r = await h.gql<{ submitClaim: { claim: { hits: { code: string }[] } } }>(bureau, SUBMIT, {
      input: { ...claimInput({ serviceDate: '2025-05-04' }), lines: threeLines('terazosin') },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.submitClaim.claim.hits.map((x) => x.code)).toContain('DRUG_NOT_IN_CATALOGUE');
  });
});
