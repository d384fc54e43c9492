/**
 * No second payment: a load of claims replayed with the same keys gets the same answers and
 * pays nothing more; the same key with other content is refused; one key sent several times at
 * once is stored once. The soak script replays 10 000 claims.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLEAN, invariants } from './support/claims';
import { idempotencyReplay, keyRace } from './support/idempotency';
import { startStack, type Stack } from './support/stack';

const SIZE = { claims: 1_000, perDistrict: 50 };

let stack: Stack;
const tokens = new Map<string, string>();
beforeAll(async () => {
  stack = await startStack(inject('pgAdminUrl'), { perDistrict: SIZE.perDistrict });
  for (const d of ['320213', '320281']) tokens.set(d, await stack.token({ role: 'district_bureau', districtCode: d }));
});
afterAll(async () => stack.close());

describe('idempotency', () => {
  it(
    `${SIZE.claims} claims replayed with their keys: the same claim and amounts, nothing paid twice; other content under a used key is CONFLICT`,
    { timeout: 240_000 },
    async () => {
      const r = await idempotencyReplay(stack, stack.extra, SIZE.claims, (p) => tokens.get(p.districtCode)!);
      console.log(`idempotency: ${r.claims} claims in ${Math.round(r.firstPassMs)} ms, replayed in ${Math.round(r.replayMs)} ms`);
      expect(r.firstPassFailures).toEqual({});
      expect(r.replayFailures).toEqual({});
      expect(r.differentAnswers).toEqual([]);
      expect(r.storedClaims).toBe(SIZE.claims);
      // every claim paid 3 000 fen (60 % of 5 000) and none of them twice
      expect(r.ledgerBeforeFen).toBe(SIZE.claims * 3_000);
      expect(r.ledgerAfterFen).toBe(r.ledgerBeforeFen);
      expect(r.conflictsAnswered).toBe(r.conflictsAsked);
      expect(r.ledgerAfterConflictsFen).toBe(r.ledgerBeforeFen);
    },
  );

  it('one key sent at the same moment: stored once; for several patients, one is stored and the rest are CONFLICT', async () => {
    const lx = stack.extra.filter((p) => p.districtCode === '320213');
    const r = await keyRace(stack, lx, tokens.get('320213')!, 10);
    expect(r.sameContent).toEqual({ sent: 10, stored: 1, replayed: 9, distinctIds: 1, other: {} });
    expect(r.otherPatients).toEqual({ sent: 10, stored: 1, conflicts: 9, other: {} });
  });

  it('the ledgers are the sums of the stored decisions', async () => {
    expect(await invariants(stack.sql)).toEqual(CLEAN);
  });
});
