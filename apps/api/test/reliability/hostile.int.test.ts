/**
 * Every bad input answered with a clear error while the service stays up: a generated corpus of
 * bad requests over every query and mutation, sent while valid traffic runs beside it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { httpRequest } from './support/client';
import { CLEAN, invariants } from './support/claims';
import { OPERATIONS } from './support/hostile-cases';
import { hostileCorpus, runHostile, type HostileRun } from './support/hostile';
import { rootFields } from './support/roots';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let roots: { query: string[]; mutation: string[] };
let run: HostileRun;
beforeAll(async () => {
  stack = await startStack(inject('pgAdminUrl'), { perDistrict: 20 });
  roots = await rootFields();
  const bureau = await stack.token({ role: 'district_bureau', districtCode: '320213' });
  const corpus = await hostileCorpus(bureau, roots);
  run = await runHostile(
    stack.url,
    corpus,
    bureau,
    stack.extra.filter((p) => p.districtCode === '320213'),
  );
  console.log(
    [
      `hostile corpus: ${run.cases} bad requests in ${Math.round(run.corpusMs)} ms (${Object.entries(run.byCategory)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
      `valid traffic alone: ${run.baseline.requests} requests, p50 ${run.baseline.p50.toFixed(1)} ms, p95 ${run.baseline.p95.toFixed(1)} ms`,
      `valid traffic beside the corpus: ${run.underAttack.requests} requests, p50 ${run.underAttack.p50.toFixed(1)} ms, p95 ${run.underAttack.p95.toFixed(1)} ms`,
    ].join('\n'),
  );
}, 240_000);
afterAll(async () => stack.close());

describe('hostile input', () => {
  it('the corpus covers every query and mutation of the schema, with at least 500 requests', () => {
    expect([...roots.query, ...roots.mutation].filter((op) => OPERATIONS[op] === undefined)).toEqual([]);
    expect(run.cases).toBeGreaterThanOrEqual(500);
  });

  it('every bad request gets its structured error (allowed code, no HTTP 500, no internal error)', () => {
    expect(run.refusedWrongly).toEqual([]);
  });

  it('valid requests sent beside the corpus all succeed', () => {
    expect(run.underAttack.requests).toBeGreaterThan(0);
    expect(run.underAttack.failures).toEqual([]);
  });

  it('the service is up afterwards, stored nothing from the corpus, and every ledger adds up', async () => {
    expect((await httpRequest(`${stack.url}/healthz`)).status).toBe(200);
    const [stored] = await stack.sql<{ n: string }>(`select count(*) as n from claims where idempotency_key like 'hostile-%'`);
    expect(Number(stored!.n)).toBe(0);
    expect(await stack.sql(`select id from patients where id = 'H-NEW'`)).toEqual([]);
    expect(await invariants(stack.sql)).toEqual(CLEAN);
  });
});
