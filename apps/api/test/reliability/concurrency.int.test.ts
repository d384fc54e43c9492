/**
 * No fen past a cap: claims fired concurrently over HTTP, for one patient and for many, and
 * reversals racing new claims. The soak script runs the same scenarios at full size.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLEAN, invariants } from './support/claims';
import { capRace, manyPatients, registrationRace, reversalRace } from './support/concurrency';
import { startStack, type Stack } from './support/stack';

/** CI size; the soak runs 1 000 claims for one patient and 200 patients × 10. */
const SIZE = { onePatient: 300, patients: 30, perPatient: 8, reversalRounds: 15 };

let stack: Stack;
let liangxi: string;
let jiangyin: string;
beforeAll(async () => {
  stack = await startStack(inject('pgAdminUrl'), { perDistrict: SIZE.patients });
  liangxi = await stack.token({ role: 'district_bureau', districtCode: '320213' });
  jiangyin = await stack.token({ role: 'district_bureau', districtCode: '320281' });
});
afterAll(async () => stack.close());

const of = (district: string) => stack.extra.filter((p) => p.districtCode === district);

describe('no fen past a cap', () => {
  it(
    `${SIZE.onePatient} concurrent claims for one patient: the fund pays the cap to the fen, and the ledger is the sum of the stored decisions`,
    { timeout: 180_000 },
    async () => {
      const r = await capRace(stack, of('320213')[0]!, SIZE.onePatient, liangxi);
      console.log(`cap race: ${r.claims} claims in ${Math.round(r.ms)} ms; ${r.paidClaims} paid; ledger ${r.ledgerFen} fen, cap ${r.capFen} fen`);
      expect(r.failures).toEqual({});
      expect(r.capFen).toBe(80_000);
      expect(r.ledgerFen).toBe(80_000);
      expect(r.storedFundFen).toBe(r.ledgerFen);
      // 6 claims of 12 000 fen and one of the 8 000 left: a cap reached exactly, by at least one partial payment.
      expect(r.paidClaims).toBe(7);
    },
  );

  it('many patients in two districts at once: every one reaches the cap exactly', { timeout: 180_000 }, async () => {
    // The first patient of each district is kept for the cap race and the reversal race.
    const patients = [...of('320213').slice(1), ...of('320281').slice(1)];
    const r = await manyPatients(stack, patients, SIZE.perPatient, (p) => (p.districtCode === '320213' ? liangxi : jiangyin));
    console.log(`many patients: ${r.claims} claims for ${r.patients} patients in ${Math.round(r.ms)} ms`);
    expect(r.failures).toEqual({});
    expect(r.offCap).toEqual([]);
  });

  it('reversals racing new claims leave the ledger equal to the accepted decisions; a claim is reversed once', { timeout: 180_000 }, async () => {
    const r = await reversalRace(stack, of('320281')[0]!, SIZE.reversalRounds, jiangyin);
    expect(r.failures).toEqual({});
    expect(r.reversed).toBe(SIZE.reversalRounds);
    expect(r.newClaims).toBe(SIZE.reversalRounds);
    expect(r.doubleReversal).toEqual({ reversed: 1, conflicts: 2, other: 0 });
    expect(r.ledgerFen).toBe(r.storedFundFen);
    expect(r.ledgerFen).toBeLessThanOrEqual(80_000);
  });

  it('the same patient registered by several requests at once: one is stored, the others get CONFLICT', async () => {
    const r = await registrationRace(stack, liangxi, 8);
    expect(r).toEqual({ attempts: 8, registered: 1, conflicts: 7, other: {} });
  });

  it('after all of it, no claim is half stored and every ledger is the sum of its decisions', async () => {
    expect(await invariants(stack.sql)).toEqual(CLEAN);
  });
});
