import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { execOn } from '../../db/sql';
import { GUIYANG_DEMO_OVERRIDE } from '../../policy-config';
import { districtJobs } from './whatif.engine';
import { ReplayPool } from './whatif.pool';
import { institutionsKey, MAX_UNSEEN_ROWS } from './whatif.snapshot';
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

interface Side {
  claims: number;
  fundFen: number;
  outOfPocketFen: number;
  beneficiaries: number;
  patientsReachingCap: number;
}
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
  input: {
    regionCode: '320200',
    from: '2025-01-01',
    to: '2025-06-30',
    name: 'cap 1000 yuan for everyone',
    parameters: { capOneDiseaseFen: 100_000, capBothDiseasesFen: 100_000 },
    ...over,
  },
});

describe('whatIf: cap 1,000 yuan for everyone (W-3 二(三) caps 800 / 1,000 yuan)', () => {
  it('replays every stored claim and pays exactly the 200 yuan P1 had left under the higher cap', async () => {
    const ledgerBefore = await h.sql<{ f: string; c: string | null }>(
      `select fund_paid_fen as f, to_char(cap_reached_on, 'YYYY-MM-DD') as c from benefit_ledger where patient_id = 'P1' and year = 2025`,
    );
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
    expect(w.months.find((m) => m.month === '2025-04')).toMatchObject({
      paidFundFen: p.c3.fundFen + p.c4.fundFen + p.c8.fundFen,
      whatIfFundFen: p.c3.fundFen + p.c4.fundFen + p.c8.fundFen + 20_000,
    });
    expect(w.parameters).toContainEqual({ ruleSetId: 'wuxi-2019', name: 'capOneDiseaseFen', before: 80_000, after: 100_000 });
    expect(w.overrideNames).toEqual(['what-if:cap 1000 yuan for everyone']);
    expect(w.elapsedMs).toBeGreaterThanOrEqual(0);
    // The replay writes nothing: the real ledger is as it was.
    expect(
      await h.sql(`select fund_paid_fen as f, to_char(cap_reached_on, 'YYYY-MM-DD') as c from benefit_ledger where patient_id = 'P1' and year = 2025`),
    ).toEqual(ledgerBefore);
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
    const refill = {
      idempotencyKey: 'wi-c9',
      pathway: 'DESIGNATED',
      institutionId: 'I-JY-THC',
      patientId: 'P3',
      serviceDate: '2025-02-03',
      lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 10_000 }],
    };
    const c9 = await h.gql<{ submitClaim: { claim: { fundFen: number; hits: { code: string }[] } } }>(
      jy,
      `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { fundFen hits { code } } } }`,
      { i: refill },
    );
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
    const r = await h.gql<Result>(bureau, WHAT_IF, {
      input: { regionCode: '320213', from: '2025-04-01', to: '2025-06-30', name: 'ratio 50', parameters: { ratioDesignatedBp: 5000 } },
    });
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

describe('whatIf: each district read once, kept in memory and exactly as fresh as the database', () => {
  const KEPT = `query($input: WhatIfInput!) { whatIf(input: $input) {
    claimsReplayed districtsFromMemory readMs replayMs dataAsOf
    total { paid { claims fundFen } whatIf { fundFen } }
    districts { region { code } comparison { paid { claims fundFen } asConfigured { fundFen } whatIf { fundFen } } } } }`;
  interface Kept {
    whatIf: {
      claimsReplayed: number;
      districtsFromMemory: number;
      readMs: number;
      replayMs: number;
      dataAsOf: string;
      total: { paid: { claims: number; fundFen: number }; whatIf: { fundFen: number } };
      districts: {
        region: { code: string };
        comparison: { paid: { claims: number; fundFen: number }; asConfigured: { fundFen: number }; whatIf: { fundFen: number } };
      }[];
    };
  }
  const district = (k: Kept['whatIf'], code: string) => k.districts.find((d) => d.region.code === code)!.comparison;
  const run = async (from: string, cap = 100_000) => {
    const r = await h.gql<Kept>(leader, KEPT, {
      input: { regionCode: '320200', from, to: '2025-12-31', name: `cap ${cap}`, parameters: { capOneDiseaseFen: cap, capBothDiseasesFen: cap } },
    });
    expect(r.errors).toBeUndefined();
    return r.data!.whatIf;
  };

  it('replays a second what-if over the same period from memory, and reads again only the district a claim was submitted in', async () => {
    const first = await run('2025-01-02');
    expect(first.districtsFromMemory).toBe(0);
    expect(first.readMs).toBeGreaterThan(0);
    const second = await run('2025-01-02', 120_000);
    expect(second.districtsFromMemory).toBe(2);
    expect(second.readMs).toBe(0);
    expect(second.dataAsOf).toBe(first.dataAsOf);
    expect(second.total.paid).toEqual(first.total.paid);
    // P1 had 800 yuan of a 1,200-yuan cap left: more is paid than under a 1,000-yuan one
    expect(second.total.whatIf.fundFen).toBeGreaterThan(first.total.whatIf.fundFen);

    const jy = await h.token({ role: 'district_bureau', districtCode: '320281' });
    const claim = {
      idempotencyKey: 'wi-kept-1',
      pathway: 'DESIGNATED',
      institutionId: 'I-JY-THC',
      patientId: 'P3',
      serviceDate: '2025-06-01',
      lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 7_000 }],
    };
    const submitted = await h.gql<{ submitClaim: { claim: { fundFen: number } } }>(
      jy,
      `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { fundFen } } }`,
      { i: claim },
    );
    expect(submitted.errors).toBeUndefined();
    const third = await run('2025-01-02', 120_000);
    // 江阴市 is read again (its audit log moved); 梁溪区 is not, and comes out the same
    expect(third.districtsFromMemory).toBe(1);
    expect(third.claimsReplayed).toBe(second.claimsReplayed + 1);
    expect(district(third, '320281').paid.claims).toBe(district(second, '320281').paid.claims + 1);
    expect(district(third, '320281').paid.fundFen).toBe(district(second, '320281').paid.fundFen + submitted.data!.submitClaim.claim.fundFen);
    expect(district(third, '320213')).toEqual(district(second, '320213'));
    expect(third.dataAsOf >= second.dataAsOf).toBe(true);
  });

  it('sees a write whose transaction took its audit id before the snapshot was read and committed after it', async () => {
    const client = new pg.Client({ connectionString: String(h.orm.config.get('clientUrl')) });
    await client.connect();
    try {
      // T1 takes its audit id first and stays open; T2 takes a later one and commits: the snapshot's
      // watermark is T2's id, and T1's reversal is not yet visible.
      await client.query('begin');
      await client.query(
        `insert into audit_log (district_code, user_id, role, action, entity, entity_id) values ('320213', 'test', 'district_bureau', 'claim.reverse', 'claim', $1)`,
        [p.c4.id],
      );
      await client.query(`update claims set status = 'reversed', reversed_at = now(), reversal_reason = 'test' where district_code = '320213' and id = $1`, [
        p.c4.id,
      ]);
      await h.sql(`insert into audit_log (district_code, user_id, role, action, entity) values ('320213', 'test', 'district_bureau', 'test.later', 'claim')`);
      // a period no earlier test kept, nor one containing it
      const before = await run('2024-12-01');
      expect(before.districtsFromMemory).toBe(0);
      expect((await run('2024-12-01')).districtsFromMemory).toBe(2);
      await client.query('commit');

      const after = await run('2024-12-01');
      // The district's highest audit id did not move, but T1 was open when the snapshot was read
      expect(after.districtsFromMemory).toBe(1);
      expect(district(after, '320213').paid.claims).toBe(district(before, '320213').paid.claims - 1);
      expect(district(after, '320213').paid.fundFen).toBe(district(before, '320213').paid.fundFen - p.c4.fundFen);
      // Checked once: with nothing else written, the next one is from memory again
      expect((await run('2024-12-01')).districtsFromMemory).toBe(2);
    } finally {
      await client.end();
    }
  });

  it('stays in memory while claims after the period, follow-ups, configuration values, budgets and notice reads arrive, and not past MAX_UNSEEN_ROWS', async () => {
    // a period that no snapshot kept by the tests before holds (they would answer it from memory)
    const closed = (cap = 100_000) =>
      h.gql<Kept>(leader, KEPT, {
        input: {
          regionCode: '320200',
          from: '2024-11-01',
          to: '2025-03-31',
          name: `to March cap ${cap}`,
          parameters: { capOneDiseaseFen: cap, capBothDiseasesFen: cap },
        },
      });
    const first = (await closed()).data!.whatIf;
    expect(first.districtsFromMemory).toBe(0);

    // Today's work in both districts: a claim dated after the period, a follow-up. Neither moves the period's replay.
    const lx = await h.token({ role: 'district_bureau', districtCode: '320213' });
    const jy = await h.token({ role: 'district_bureau', districtCode: '320281' });
    const later = {
      idempotencyKey: 'wi-later-1',
      pathway: 'DESIGNATED',
      institutionId: 'I-JY-THC',
      patientId: 'P3',
      serviceDate: '2025-06-20',
      lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 6_000 }],
    };
    expect((await h.gql(jy, `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id } } }`, { i: later })).errors).toBeUndefined();
    const followUp = await h.gql(lx, `mutation($i: FollowUpInput!) { recordFollowUp(input: $i) }`, {
      i: { patientId: 'P1', institutionId: 'I-LX-CHC', date: '2025-06-25', faceToFace: true, systolic: 132, diastolic: 84 },
    });
    expect(followUp.errors).toBeUndefined();
    // The leadership's configuration of a district (a dashboard target) and its budget: the replay reads neither.
    const target = await h.gql(
      leader,
      `mutation { setConfigurationValue(key: "dashboard.target.awareness", cityCode: "320200", districtCode: "320213", validFrom: "2025-01-01", value: 0.55, source: { kind: BUREAU, note: "区县目标" }) { id } }`,
    );
    expect(target.errors).toBeUndefined();
    const budget = await h.gql(
      leader,
      `mutation { setFundBudget(input: { districtCode: "320281", year: 2025, budgetFen: 1000000, source: "2025年预算" }) { budgetFen } }`,
    );
    expect(budget.errors).toBeUndefined();
    // An auditor reads a claim's notice of the period: the unmasked person is audited as claim.notice, which the replay does not read.
    const auditor = await h.token({ role: 'auditor' });
    const notice = await h.gql(auditor, `query($id: ID!) { claim(id: $id) { notice { textZh } } }`, { id: p.c1.id });
    expect(notice.errors).toBeUndefined();
    expect(await h.sql(`select 1 from audit_log where district_code = '320213' and action = 'claim.notice'`)).not.toHaveLength(0);
    const second = (await closed(110_000)).data!.whatIf;
    expect(second.districtsFromMemory).toBe(2);
    expect(second.total.paid).toEqual(first.total.paid);

    // A claim dated inside the period (a late submission) does move it: that district is read again.
    const late = {
      idempotencyKey: 'wi-late-1',
      pathway: 'DESIGNATED',
      institutionId: 'I-LX-CHC2',
      patientId: 'P4',
      serviceDate: '2025-03-20',
      lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 5_000 }],
    };
    expect((await h.gql(lx, `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id } } }`, { i: late })).errors).toBeUndefined();
    const third = (await closed()).data!.whatIf;
    expect(third.districtsFromMemory).toBe(1);
    expect(third.total.paid.claims).toBe(first.total.paid.claims + 1);

    // Too many rows to look through since the read (even unrelated ones): read again rather than scan them on every question.
    await h.sql(
      `insert into audit_log (district_code, user_id, role, action, entity) select '320281', 'test', 'auditor', 'patient.read', 'patient' from generate_series(1, ${MAX_UNSEEN_ROWS + 1})`,
    );
    const fourth = (await closed()).data!.whatIf;
    expect(fourth.districtsFromMemory).toBe(1);
    expect(fourth.districts.map((d) => d.comparison.paid)).toEqual(third.districts.map((d) => d.comparison.paid));
  });

  it('answers the first what-if over a preloaded period, and over a quarter within it, from memory', async () => {
    const loaded = await h.services.whatIf.preload(h.orm.em.fork(), { from: '2025-02-01', to: '2025-12-31' });
    expect(loaded.districts).toBe(2);
    const first = await run('2025-02-01');
    expect(first.districtsFromMemory).toBe(2);
    expect(first.claimsReplayed).toBe(loaded.claims);
    // a quarter within it is cut out of the kept period, not read
    const quarter = await h.gql<Kept>(leader, KEPT, {
      input: { regionCode: '320200', from: '2025-04-01', to: '2025-06-30', name: 'q2', parameters: { capOneDiseaseFen: 100_000, capBothDiseasesFen: 100_000 } },
    });
    expect(quarter.errors).toBeUndefined();
    expect(quarter.data!.whatIf.districtsFromMemory).toBe(2);
    expect(quarter.data!.whatIf.readMs).toBe(0);
    expect(quarter.data!.whatIf.claimsReplayed).toBeGreaterThan(0);
    expect(quarter.data!.whatIf.claimsReplayed).toBeLessThan(first.claimsReplayed);
  });

  it('keeps nothing past its budget, and gives the same figures in the API’s thread as in workers', async () => {
    const em = h.orm.em.fork();
    const q = execOn(em);
    const url = String(h.orm.config.get('clientUrl'));
    const period = { from: '2025-01-01', to: '2025-12-31' };
    const jobs = districtJobs(['320213', '320281'], period, [GUIYANG_DEMO_OVERRIDE], [GUIYANG_DEMO_OVERRIDE], await institutionsKey(q));
    const none = new ReplayPool(url, { workers: 1, budgetClaims: 0, heapMb: 512, connections: 2 });
    const local = new ReplayPool(url, { workers: 0, budgetClaims: 1_000, heapMb: 512, connections: 2 });
    try {
      const a = await none.run(jobs);
      const b = await none.run(jobs);
      expect([...a, ...b].map((r) => r.source)).toEqual(['database', 'database', 'database', 'database']);
      const c = await local.run(jobs);
      const d = await local.run(jobs);
      expect(d.map((r) => r.source)).toEqual(['memory', 'memory']);
      expect(c.map((r) => r.tally)).toEqual(a.map((r) => r.tally));
      expect(d.map((r) => r.tally)).toEqual(a.map((r) => r.tally));
      expect(a.flatMap((r) => r.months)).toEqual(d.flatMap((r) => r.months));
      // no what-if on top: every claim comes out as it was paid
      expect(a.map((r) => r.tally.claimsNotReproduced + r.tally.claimsChanged)).toEqual([0, 0]);
    } finally {
      await none.close();
      await local.close();
    }
  });
});

describe('whatIf: each claim replayed on the insurance scheme in force on its date', () => {
  it('reproduces the claims of a patient whose scheme changed mid-year, before the change and after it', async () => {
    const lx = await h.token({ role: 'district_bureau', districtCode: '320213' });
    // P4 (resident, c8 of 2025-04-20 paid 30 yuan) moves to the employees' scheme from June (W-1: residents only).
    const changed = await h.gql(
      lx,
      `mutation { changeInsuranceScheme(patientId: "P4", scheme: EMPLOYEE, effectiveFrom: "2025-06-01", reason: "就业转职工医保") { scheme } }`,
    );
    expect(changed.errors).toBeUndefined();
    const june = await h.gql<{ submitClaim: { claim: { fundFen: number; hits: { code: string }[] } } }>(
      lx,
      `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { fundFen hits { code } } } }`,
      {
        i: {
          idempotencyKey: 'wi-scheme-1',
          pathway: 'DESIGNATED',
          institutionId: 'I-LX-CHC2',
          patientId: 'P4',
          serviceDate: '2025-06-10',
          lines: [{ drugCode: 'valsartan', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 5_000 }],
        },
      },
    );
    expect(june.errors).toBeUndefined();
    expect(june.data!.submitClaim.claim.fundFen).toBe(0);
    expect(june.data!.submitClaim.claim.hits.map((x) => x.code)).toContain('SCHEME_NOT_RESIDENT');

    const r = await h.gql<Result>(leader, WHAT_IF, capForEveryone({ regionCode: '320213', from: '2025-04-01', name: 'scheme mid-year' }));
    expect(r.errors).toBeUndefined();
    const w = r.data!.whatIf;
    // c8 (April, residents' scheme) is paid again as it was, the June claim (employees' scheme) again not at all
    expect(w.claimsNotReproduced).toBe(0);
    expect(w.total.asConfigured.fundFen).toBe(w.total.paid.fundFen);
    expect(w.claimsReplayed).toBeGreaterThan(1);
  });
});
