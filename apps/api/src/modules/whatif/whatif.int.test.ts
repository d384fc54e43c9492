import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { seedProgramme, type Programme } from '../scorecard/institutions-fund.fixture';

let h: Harness;
let p: Programme;
let leader: string;
beforeAll(async () => {
  h = await startHarness();
  p = await seedProgramme(h);
  leader = await h.token({ role: 'city_leadership' });
});
afterAll(async () => h.close());

const WHAT_IF = `query($input: WhatIfInput!) { whatIf(input: $input) {
  name claimsReplayed claimsChanged claimsNotReproduced elapsedMs overrideNames
  parameters { ruleSetId name before after }
  total { paid { claims fundFen outOfPocketFen beneficiaries patientsReachingCap } asConfigured { fundFen patientsReachingCap }
          whatIf { claims fundFen outOfPocketFen beneficiaries patientsReachingCap } difference { fundFen outOfPocketFen beneficiaries patientsReachingCap } effect { fundFen } }
  districts { region { code } patients claimsChanged comparison { paid { fundFen } whatIf { fundFen } difference { fundFen outOfPocketFen } } }
  months { month paidFundFen whatIfFundFen } } }`;

interface Side { claims: number; fundFen: number; outOfPocketFen: number; beneficiaries: number; patientsReachingCap: number }
interface Result {
  whatIf: {
    claimsReplayed: number;
    claimsChanged: number;
    claimsNotReproduced: number;
    elapsedMs: number;
    overrideNames: string[];
    parameters: { ruleSetId: string; name: string; before: number | null; after: number }[];
    total: { paid: Side; asConfigured: Side; whatIf: Side; difference: Side; effect: Side };
    districts: { region: { code: string }; patients: number; claimsChanged: number; comparison: { paid: Side; whatIf: Side; difference: Side } }[];
    months: { month: string; paidFundFen: number; whatIfFundFen: number }[];
  };
}

const capForEveryone = (over: Record<string, unknown> = {}) => ({
  input: { regionCode: '320200', from: '2025-01-01', to: '2025-06-30', name: 'cap 1000 yuan for everyone', parameters: { capOneDiseaseFen: 100_000, capBothDiseasesFen: 100_000 }, ...over },
});

describe('whatIf: cap 1,000 yuan for everyone (W-3 二(三) caps 800 / 1,000 yuan)', () => {
  it('replays every stored claim and pays exactly the 200 yuan P1 had left under the higher cap', async () => {
    const ledgerBefore = await h.sql<{ f: string; c: string | null }>(`select fund_paid_fen as f, to_char(cap_reached_on, 'YYYY-MM-DD') as c from benefit_ledger where patient_id = 'P1' and year = 2025`);
    const r = await h.gql<Result>(leader, WHAT_IF, capForEveryone());
    expect(r.errors).toBeUndefined();
    const w = r.data!.whatIf;
    const all = Object.values(p);
    const paidFund = all.reduce((a, c) => a + c.fundFen, 0);
    expect(w.claimsReplayed).toBe(8);
    expect(w.claimsNotReproduced).toBe(0);
    expect(w.total.paid.fundFen).toBe(paidFund);
    expect(w.total.asConfigured.fundFen).toBe(paidFund);
    expect(w.total.whatIf.fundFen).toBe(paidFund + 20_000);
    expect(w.total.difference).toMatchObject({ fundFen: 20_000, outOfPocketFen: -20_000, beneficiaries: 0, patientsReachingCap: 0 });
    expect(w.total.effect.fundFen).toBe(20_000);
    // only c3 changes: the 200 yuan above the old cap; c5 (after the new cap is used up) still pays nothing
    expect(w.claimsChanged).toBe(1);
    // P1 used up the cap on 2025-03-05 as paid, and on 2025-04-05 under the what-if: one patient on each side
    expect(w.total.paid.patientsReachingCap).toBe(1);
    expect(w.total.whatIf.patientsReachingCap).toBe(1);
    // P1, P2, P3, P4 all had something paid on both sides
    expect(w.total.whatIf.beneficiaries).toBe(4);
    const lx = w.districts.find((d) => d.region.code === '320213')!;
    const jy = w.districts.find((d) => d.region.code === '320281')!;
    expect(lx.comparison.difference.fundFen).toBe(20_000);
    expect(lx.patients).toBe(3);
    expect(jy.comparison.difference.fundFen).toBe(0);
    expect(jy.comparison.paid.fundFen).toBe(p.c6.fundFen);
    expect(w.months.find((m) => m.month === '2025-04')).toMatchObject({ paidFundFen: p.c3.fundFen + p.c4.fundFen + p.c8.fundFen, whatIfFundFen: p.c3.fundFen + p.c4.fundFen + p.c8.fundFen + 20_000 });
    expect(w.parameters).toContainEqual({ ruleSetId: 'wuxi-2019', name: 'capOneDiseaseFen', before: 80_000, after: 100_000 });
    expect(w.overrideNames).toEqual(['what-if:cap 1000 yuan for everyone']);
    expect(w.elapsedMs).toBeGreaterThanOrEqual(0);
    // The replay writes nothing: the real ledger is as it was.
    expect(await h.sql(`select fund_paid_fen as f, to_char(cap_reached_on, 'YYYY-MM-DD') as c from benefit_ledger where patient_id = 'P1' and year = 2025`)).toEqual(ledgerBefore);
    expect(ledgerBefore[0]).toEqual({ f: '60000', c: '2025-03-05' });
  });

  it('opens a mid-year period at the position before it: from March, P1 has 300 yuan paid and the what-if still adds 200', async () => {
    const r = await h.gql<Result>(leader, WHAT_IF, capForEveryone({ from: '2025-03-01' }));
    expect(r.errors).toBeUndefined();
    const w = r.data!.whatIf;
    // c1 (February) and c6 (January) fall before the period
    expect(w.claimsReplayed).toBe(6);
    expect(w.claimsNotReproduced).toBe(0);
    expect(w.total.paid.fundFen).toBe(Object.values(p).reduce((a, c) => a + c.fundFen, 0) - p.c1.fundFen - p.c6.fundFen);
    expect(w.total.difference.fundFen).toBe(20_000);
  });

  it('leaves reversed claims out on every side', async () => {
    const jy = await h.token({ role: 'district_bureau', districtCode: '320281' });
    const rev = await h.gql(jy, `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "what-if test") { id status } }`, { id: p.c6.id });
    expect(rev.errors).toBeUndefined();
    const r = await h.gql<Result>(leader, WHAT_IF, capForEveryone());
    const w = r.data!.whatIf;
    expect(w.claimsReplayed).toBe(7);
    expect(w.districts.find((d) => d.region.code === '320281')!.comparison.paid.fundFen).toBe(0);
    expect(w.total.difference.fundFen).toBe(20_000);

    // A reversed claim is no dispensing either: P3's refill on 3 February, inside the 30 days the
    // reversed c6 (15 January) would have covered, was paid in full, and a period opening after c6
    // replays it so.
    const refill = { idempotencyKey: 'wi-c9', pathway: 'DESIGNATED', institutionId: 'I-JY-THC', patientId: 'P3', serviceDate: '2025-02-03', lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 10_000 }] };
    const c9 = await h.gql<{ submitClaim: { claim: { fundFen: number; hits: { code: string }[] } } }>(jy, `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { fundFen hits { code } } } }`, { i: refill });
    expect(c9.errors).toBeUndefined();
    expect(c9.data!.submitClaim.claim.hits).toEqual([]);
    const fromFebruary = (await h.gql<Result>(jy, WHAT_IF, capForEveryone({ regionCode: '320281', from: '2025-02-01' }))).data!.whatIf;
    expect(fromFebruary.claimsReplayed).toBe(1);
    expect(fromFebruary.claimsNotReproduced).toBe(0);
    expect(fromFebruary.total.asConfigured.fundFen).toBe(c9.data!.submitClaim.claim.fundFen);
    expect(fromFebruary.total.paid.fundFen).toBeGreaterThan(0);
  });

  it('lowering the ratio at the designated institution to 50 % pays a sixth less on the designated claims that were not capped', async () => {
    const bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
    const r = await h.gql<Result>(bureau, WHAT_IF, { input: { regionCode: '320213', from: '2025-04-01', to: '2025-06-30', name: 'ratio 50', parameters: { ratioDesignatedBp: 5000 } } });
    expect(r.errors).toBeUndefined();
    const w = r.data!.whatIf;
    // c4 (200 yuan) and c8 (50 yuan) are paid at 50 % instead of 60 %; c3 and c5 were capped (P1's cap is used up before April);
    // c7's compliant part (its fund share ÷ 60 %) is paid at 50 %, rounded down to the fen
    const c7Compliant = (p.c7.fundFen * 10_000) / 6000;
    expect(w.total.difference.fundFen).toBe(-(2_000 + 500) - (p.c7.fundFen - Math.floor(c7Compliant * 0.5)));
    expect(w.districts.map((d) => d.region.code)).toEqual(['320213']);
  });
});

describe('whatIf: input and access', () => {
  it('refuses an empty change, a bad value and a reversed period with the field named', async () => {
    const empty = await h.gql(leader, WHAT_IF, capForEveryone({ parameters: {} }));
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parameters' });
    const negative = await h.gql(leader, WHAT_IF, capForEveryone({ parameters: { capOneDiseaseFen: -1 } }));
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parameters.capOneDiseaseFen' });
    const ratio = await h.gql(leader, WHAT_IF, capForEveryone({ parameters: { ratioDesignatedBp: 12_000 } }));
    expect(ratio.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parameters.ratioDesignatedBp' });
    const backwards = await h.gql(leader, WHAT_IF, capForEveryone({ from: '2025-06-30', to: '2025-01-01' }));
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.to' });
  });

  it('is the bureau’s and the leadership’s: a district bureau may not ask for the city, an institution not at all', async () => {
    const bureau = await h.token({ role: 'district_bureau', districtCode: '320281' });
    expect((await h.gql(bureau, WHAT_IF, capForEveryone())).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    expect((await h.gql(operator, WHAT_IF, capForEveryone({ regionCode: '320213' }))).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(null, WHAT_IF, capForEveryone())).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
