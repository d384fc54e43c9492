import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
});
afterAll(async () => h.close());

type Submit = {
  submitClaim: {
    replayed: boolean;
    claim: {
      id: string;
      status: string;
      outcome: string;
      amountFen: number;
      fundFen: number;
      patientFen: number;
      capFen: number;
      capRemainingFen: number;
      ratioBp: number;
      hits: { code: string; ruleId: string }[];
      lines: { fundFen: number; patientFen: number }[];
      explanation: { ruleId: string }[];
    };
  };
};

const ledger = async (patient: string) =>
  Number((await h.sql<{ f: string }>(`select fund_paid_fen as f from benefit_ledger where patient_id = ? and year = 2025`, [patient]))[0]!.f);

describe('submitClaim (W-3 二(三))', () => {
  it('pays 60 % at the designated primary institution, stores the claim whole and updates the ledger', async () => {
    const r = await h.gql<Submit>(bureau, SUBMIT, { input: claimInput({}, { amountFen: 1001 }) });
    expect(r.errors).toBeUndefined();
    const c = r.data!.submitClaim.claim;
    expect(c.outcome).toBe('paid');
    expect(c.ratioBp).toBe(6000);
    expect(c.fundFen).toBe(600);
    expect(c.patientFen).toBe(401);
    expect(c.capFen).toBe(80_000);
    expect(c.explanation.some((s) => s.ruleId === 'W-3')).toBe(true);
    const lines = await h.sql<{ n: string }>(`select count(*) as n from claim_lines where claim_id = ?::uuid`, [c.id]);
    expect(Number(lines[0]!.n)).toBe(1);
    expect(await ledger('P1')).toBe(600);
  });

  it('takes a resend whose optional fields are sent as their defaults (false, null, left out) as the same request', async () => {
    const input = claimInput({ serviceDate: '2025-05-03' }, { drugCode: 'losartan', amountFen: 1500 });
    const first = await h.gql<Submit>(bureau, SUBMIT, { input });
    expect(first.errors).toBeUndefined();
    for (const same of [
      { conditionStable: false },
      { conditionStable: null },
      { referralFromInstitutionId: null, referralIssuedOn: null, sourcePrescriptionId: null },
    ]) {
      const again = await h.gql<Submit>(bureau, SUBMIT, { input: { ...input, ...same } });
      expect(again.errors, JSON.stringify(same)).toBeUndefined();
      expect(again.data!.submitClaim.replayed).toBe(true);
      expect(again.data!.submitClaim.claim.id).toBe(first.data!.submitClaim.claim.id);
    }
    // a value that changes the decision's input is still another request
    const other = await h.gql<Submit>(bureau, SUBMIT, { input: { ...input, conditionStable: true } });
    expect(other.errors?.[0]?.extensions.code).toBe('CONFLICT');

    // a claim stored before the normalisation with an explicit false (its hash then had false in it) still replays
    const stable = claimInput({ serviceDate: '2025-05-04' }, { drugCode: 'losartan', amountFen: 1500 });
    const stored = await h.gql<Submit>(bureau, SUBMIT, { input: { ...stable, conditionStable: false } });
    const l = stable.lines[0]!;
    const legacy = createHash('sha256')
      .update(
        JSON.stringify({
          k: stable.idempotencyKey,
          p: stable.patientId,
          i: stable.institutionId,
          d: stable.serviceDate,
          w: 'designated',
          rf: null,
          ro: null,
          sp: null,
          cs: false,
          l: [[l.drugCode, 'oral', l.quantity, l.daysSupply, l.amountFen]],
        }),
      )
      .digest('hex');
    await h.sql(`update claims set request_hash = ? where id = ?::uuid`, [legacy, stored.data!.submitClaim.claim.id]);
    const resent = await h.gql<Submit>(bureau, SUBMIT, { input: { ...stable, conditionStable: false } });
    expect(resent.errors).toBeUndefined();
    expect(resent.data!.submitClaim.replayed).toBe(true);
  });

  it('returns the stored decision on a retry with the same key and pays nothing twice', async () => {
    const input = claimInput({ serviceDate: '2025-05-02' }, { drugCode: 'metoprolol', amountFen: 2000 });
    const before = await ledger('P1');
    const first = await h.gql<Submit>(bureau, SUBMIT, { input });
    const again = await h.gql<Submit>(bureau, SUBMIT, { input });
    expect(again.data!.submitClaim.replayed).toBe(true);
    expect(again.data!.submitClaim.claim.id).toBe(first.data!.submitClaim.claim.id);
    expect(await ledger('P1')).toBe(before + first.data!.submitClaim.claim.fundFen);
  });

  it('refuses the same key with different content as CONFLICT', async () => {
    const input = claimInput({ serviceDate: '2025-05-03' }, { drugCode: 'hydrochlorothiazide' });
    await h.gql(bureau, SUBMIT, { input });
    const r = await h.gql(bureau, SUBMIT, { input: { ...input, lines: [{ ...input.lines[0], amountFen: 999 }] } });
    expect(r.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('holds the cap to the fen under 50 concurrent claims for one patient (P2, both diseases: 1 000 yuan)', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) =>
      claimInput(
        { patientId: 'P2', serviceDate: '2025-06-01', idempotencyKey: `cap-${i}` },
        { drugCode: i % 2 ? 'metformin' : 'valsartan', amountFen: 5000, daysSupply: 1, quantity: 1 },
      ),
    );
    // Distinct drugs would be duplicates of each other; give each claim its own drug so only the cap binds.
    const drugs = ['amlodipine', 'valsartan', 'metformin', 'acarbose', 'glimepiride'];
    inputs.forEach((inp, i) => (inp.lines[0]!.drugCode = drugs[i % drugs.length]!));
    const results = await Promise.all(inputs.map((input) => h.gql<Submit>(bureau, SUBMIT, { input })));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const stored = await h.sql<{ s: string }>(`select coalesce(sum(fund_fen),0) as s from claims where patient_id = 'P2' and status = 'accepted'`);
    expect(await ledger('P2')).toBe(Number(stored[0]!.s));
    expect(await ledger('P2')).toBeLessThanOrEqual(100_000);
  });

  it('reverses a claim (冲正) and restores the ledger', async () => {
    const r = await h.gql<Submit>(bureau, SUBMIT, { input: claimInput({ serviceDate: '2025-05-20' }, { drugCode: 'indapamide', amountFen: 3000 }) });
    const c = r.data!.submitClaim.claim;
    const before = await ledger('P1');
    const rev = await h.gql<{ reverseClaim: { status: string } }>(
      bureau,
      `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "wrong patient") { status } }`,
      { id: c.id },
    );
    expect(rev.data!.reverseClaim.status).toBe('REVERSED');
    expect(await ledger('P1')).toBe(before - c.fundFen);
    const twice = await h.gql(bureau, `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "again") { status } }`, { id: c.id });
    expect(twice.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('answers bad input with BAD_USER_INPUT naming each field', async () => {
    const r = await h.gql(bureau, SUBMIT, { input: claimInput({ serviceDate: '2025-02-30' }, { amountFen: -5, quantity: 0 }) });
    const e = r.errors?.[0]?.extensions as { code: string; detail: { field: string }[] };
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.detail.map((d) => d.field)).toEqual(expect.arrayContaining(['input.serviceDate', 'input.lines[0].quantity', 'input.lines[0].amountFen']));
    const stored = await h.sql<{ n: string }>(`select count(*) as n from claims where service_date = '2025-02-28'`);
    expect(Number(stored[0]!.n)).toBe(0);
  });

  it('rejects a claim outside the designated institution (W-4) but stores the decision', async () => {
    const r = await h.gql<Submit>(bureau, SUBMIT, { input: claimInput({ institutionId: 'I-LX-H3', serviceDate: '2025-05-05' }, { drugCode: 'losartan' }) });
    expect(r.data!.submitClaim.claim.fundFen).toBe(0);
    expect(r.data!.submitClaim.claim.hits.map((x) => x.code)).toContain('NOT_DESIGNATED_INSTITUTION');
  });

  it('judges an out-of-area claim by the insured city’s rules (W-7 三(四))', async () => {
    await h.sql(
      `insert into regions (code, name, level, parent_code, city_code) values ('520100','贵阳市','city',null,'520100'), ('520102','南明区','district','520100','520100')`,
    );
    await h.sql(`insert into institutions values ('I-GY-H2','南明区某二级医院','level2_hospital','520100','520102',null,null,true,true,true)`);
    await h.sql(`update patients set long_term_residence_elsewhere = true where id = 'P1'`);
    const r = await h.gql<{ submitClaim: { claim: { ruleSetId: string; ratioBp: number; fundFen: number } } }>(
      bureau,
      `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { claim { ruleSetId ratioBp fundFen } } }`,
      { input: claimInput({ institutionId: 'I-GY-H2', pathway: 'OUT_OF_AREA', serviceDate: '2025-05-10' }, { drugCode: 'candesartan', amountFen: 1000 }) },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.submitClaim.claim).toEqual({ ruleSetId: 'wuxi-2019', ratioBp: 6000, fundFen: 600 });
  });

  it('refuses a claim without a token, and a forged token', async () => {
    const none = await h.gql(null, SUBMIT, { input: claimInput() });
    expect(none.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const forged = await h.gql(`${bureau.slice(0, -4)}AAAA`, SUBMIT, { input: claimInput() });
    expect(forged.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
