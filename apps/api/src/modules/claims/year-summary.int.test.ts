/**
 * The patient's year summary tells the cap left from the ledger as the claim path pays against it
 * (W-3 二(三): 800 yuan for one disease, 1000 for both, 含居民医保普通门诊基金支付部分), not the
 * figure stored on the last claim: after a reversal the ledger is restored, and a patient without
 * claims has the whole cap (less what the general-outpatient fund paid) left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
let leader: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  leader = await h.token({ role: 'city_leadership' });
});
afterAll(async () => h.close());

const SUMMARY = `query($id: ID!) { patient(id: $id) { yearSummary(year: 2025) { fundPaidFen generalOutpatientFundFen capFen capRemainingFen } } }`;
type Summary = { fundPaidFen: number; generalOutpatientFundFen: number; capFen: number | null; capRemainingFen: number | null };
const summary = async (id: string): Promise<Summary> => {
  const r = await h.gql<{ patient: { yearSummary: Summary } }>(leader, SUMMARY, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.patient.yearSummary;
};
const submit = async (serviceDate: string, amountFen: number) => {
  const r = await h.gql<{ submitClaim: { claim: { id: string; fundFen: number } } }>(bureau, SUBMIT, { input: claimInput({ serviceDate }, { amountFen }) });
  expect(r.errors).toBeUndefined();
  return r.data!.submitClaim.claim;
};

describe('the year summary’s cap left comes from the ledger', () => {
  it('without any claim: the whole cap, less the general-outpatient fund’s payments', async () => {
    // P1, hypertension only: 800 yuan, of which the general-outpatient fund paid 200 yuan (the harness's ledger).
    expect(await summary('P1')).toEqual({ fundPaidFen: 0, generalOutpatientFundFen: 20_000, capFen: 80_000, capRemainingFen: 60_000 });
    // P2, certified for both diseases: 1000 yuan, nothing paid.
    expect(await summary('P2')).toMatchObject({ capFen: 100_000, capRemainingFen: 100_000 });
    // P3 (江阴) has no ledger row at all.
    expect(await summary('P3')).toEqual({ fundPaidFen: 0, generalOutpatientFundFen: 0, capFen: 80_000, capRemainingFen: 80_000 });
  });

  it('after claims and the reversal of an earlier one: what the ledger says is left', async () => {
    const first = await submit('2025-05-02', 1000); // 60 % → 600 fen
    const second = await submit('2025-06-02', 2000); // → 1200 fen, after the first fill's 30 days
    expect([first.fundFen, second.fundFen]).toEqual([600, 1200]);
    expect((await summary('P1')).capRemainingFen).toBe(60_000 - 1800);
    const r = await h.gql(bureau, `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "entered twice") { status } }`, { id: first.id });
    expect(r.errors).toBeUndefined();
    // The last stored claim still says 58 200 left; the ledger has the 600 back.
    expect(await summary('P1')).toMatchObject({ fundPaidFen: 1200, capRemainingFen: 60_000 - 1200 });
  });
});
