/**
 * Idempotency scenarios: a load of claims, then every one of them again with the same key (one
 * by one and in batches, in another order), then the same keys with other content, then one key
 * sent for several patients at the same moment.
 */
import { errorCode, inParallel, type HttpAnswer } from './client';
import { nthClaim, SUBMIT_MANY, SUBMIT_ONE, type ClaimInputValue } from './claims';
import { failures } from './concurrency';
import type { ExtraPatient, Stack } from './stack';

interface Answer {
  id: string;
  replayed: boolean;
  fundFen: number;
  patientFen: number;
  amountFen: number;
}

type One = { submitClaim: { replayed: boolean; claim: { id: string; fundFen: number; patientFen: number; amountFen: number } } };
type Many = { submitClaims: { index: number; idempotencyKey: string; error: { code: string } | null; result: One['submitClaim'] | null }[] };

const answerOf = (r: One['submitClaim']): Answer => ({
  id: r.claim.id,
  replayed: r.replayed,
  fundFen: r.claim.fundFen,
  patientFen: r.claim.patientFen,
  amountFen: r.claim.amountFen,
});

export interface IdempotencyReplay {
  claims: number;
  firstPassFailures: Record<string, number>;
  firstPassMs: number;
  replayFailures: Record<string, number>;
  replayMs: number;
  /** replays not flagged `replayed`, or answered with another claim or other amounts */
  differentAnswers: string[];
  ledgerBeforeFen: number;
  ledgerAfterFen: number;
  storedClaims: number;
  conflictsAsked: number;
  conflictsAnswered: number;
  ledgerAfterConflictsFen: number;
}

async function totalLedger(stack: Stack, patients: readonly ExtraPatient[]): Promise<number> {
  const [r] = await stack.sql<{ s: string }>(`select coalesce(sum(fund_paid_fen), 0) as s from benefit_ledger where patient_id = any(?)`, [
    patients.map((p) => p.id),
  ]);
  return Number(r!.s);
}

/** `n` claims spread over the patients (in key order a patient's claims run through the year). */
export async function idempotencyReplay(
  stack: Stack,
  patients: readonly ExtraPatient[],
  n: number,
  tokenOf: (p: ExtraPatient) => string,
  width = 24,
): Promise<IdempotencyReplay> {
  const jobs = Array.from({ length: n }, (_, i) => {
    const p = patients[i % patients.length]!;
    return { p, input: nthClaim(`idem-${i}`, p.id, p.institutionId, Math.floor(i / patients.length), 1, 5_000) };
  });
  let started = performance.now();
  const first = await inParallel(jobs, width, (j) => stack.gql(tokenOf(j.p), SUBMIT_ONE, { input: j.input }));
  const firstPassMs = performance.now() - started;
  const original = new Map<string, Answer>();
  first.forEach((a, i) => {
    const r = (a.body?.data as One | undefined)?.submitClaim;
    if (r !== undefined) original.set(jobs[i]!.input.idempotencyKey, answerOf(r));
  });
  const ledgerBeforeFen = await totalLedger(stack, patients);

  // Replays in reverse order: half one by one, half in batches of 100 (one district's claims per batch).
  const reversed = [...jobs].reverse();
  const singles = reversed.filter((_, i) => i % 2 === 0);
  const batched = reversed.filter((_, i) => i % 2 === 1);
  const batches: { token: string; inputs: ClaimInputValue[] }[] = [];
  for (const district of new Set(batched.map((j) => j.p.districtCode))) {
    const mine = batched.filter((j) => j.p.districtCode === district);
    for (let i = 0; i < mine.length; i += 100) batches.push({ token: tokenOf(mine[i]!.p), inputs: mine.slice(i, i + 100).map((j) => j.input) });
  }
  const replayed = new Map<string, Answer>();
  const replayAnswers: HttpAnswer[] = [];
  started = performance.now();
  await Promise.all([
    inParallel(singles, Math.max(1, width - 4), async (j) => {
      const a = await stack.gql(tokenOf(j.p), SUBMIT_ONE, { input: j.input });
      replayAnswers.push(a);
      const r = (a.body?.data as One | undefined)?.submitClaim;
      if (r !== undefined) replayed.set(j.input.idempotencyKey, answerOf(r));
    }),
    inParallel(batches, 4, async (b) => {
      const a = await stack.gql(b.token, SUBMIT_MANY, { inputs: b.inputs });
      replayAnswers.push(a);
      for (const item of (a.body?.data as Many | undefined)?.submitClaims ?? []) {
        if (item.result !== null) replayed.set(item.idempotencyKey, answerOf(item.result));
        else
          replayAnswers.push({
            status: 200,
            body: { errors: [{ message: 'batch item', extensions: { code: item.error?.code } }] },
            text: '',
            headers: {},
            ms: 0,
          });
      }
    }),
  ]);
  const replayMs = performance.now() - started;
  const differentAnswers: string[] = [];
  for (const [key, o] of original) {
    const r = replayed.get(key);
    if (r === undefined || !r.replayed || r.id !== o.id || r.fundFen !== o.fundFen || r.patientFen !== o.patientFen || r.amountFen !== o.amountFen)
      differentAnswers.push(`${key}: ${JSON.stringify(o)} then ${JSON.stringify(r)}`);
  }
  const ledgerAfterFen = await totalLedger(stack, patients);
  const [count] = await stack.sql<{ n: string }>(`select count(*) as n from claims where idempotency_key like 'idem-%'`);

  // The same keys with other content: one line's amount changed by a fen.
  const sample = jobs.filter((_, i) => i % 20 === 0);
  const conflicts = await inParallel(sample, width, (j) =>
    stack.gql(tokenOf(j.p), SUBMIT_ONE, { input: { ...j.input, lines: j.input.lines.map((l) => ({ ...l, amountFen: l.amountFen + 1 })) } }),
  );
  const conflictsAnswered = conflicts.filter(
    (a, i) =>
      errorCode(a) === 'CONFLICT' &&
      (a.body?.errors?.[0]?.extensions?.detail as { claimId?: string } | undefined)?.claimId === original.get(sample[i]!.input.idempotencyKey)?.id,
  ).length;

  return {
    claims: n,
    firstPassFailures: failures(first),
    firstPassMs,
    replayFailures: failures(replayAnswers),
    replayMs,
    differentAnswers,
    ledgerBeforeFen,
    ledgerAfterFen,
    storedClaims: Number(count!.n),
    conflictsAsked: sample.length,
    conflictsAnswered,
    ledgerAfterConflictsFen: await totalLedger(stack, patients),
  };
}

export interface KeyRace {
  sameContent: { sent: number; stored: number; replayed: number; distinctIds: number; other: Record<string, number> };
  otherPatients: { sent: number; stored: number; conflicts: number; other: Record<string, number> };
}

/** One key sent at the same moment: k times with the same content, and for k different patients. */
export async function keyRace(stack: Stack, patients: readonly ExtraPatient[], token: string, k: number): Promise<KeyRace> {
  const p0 = patients[0]!;
  const same = await Promise.all(
    Array.from({ length: k }, () => stack.gql(token, SUBMIT_ONE, { input: nthClaim('race-same', p0.id, p0.institutionId, 300, 1, 5_000) })),
  );
  const sameClaims = same.map((a) => (a.body?.data as One | undefined)?.submitClaim).filter((r) => r !== undefined);
  const others = await Promise.all(
    patients.slice(0, k).map((p, i) => stack.gql(token, SUBMIT_ONE, { input: nthClaim('race-other', p.id, p.institutionId, 301 + i, 1, 5_000) })),
  );
  const stored = async (key: string) => Number((await stack.sql<{ n: string }>(`select count(*) as n from claims where idempotency_key = ?`, [key]))[0]!.n);
  return {
    sameContent: {
      sent: k,
      stored: await stored('race-same'),
      replayed: sameClaims.filter((r) => r.replayed).length,
      distinctIds: new Set(sameClaims.map((r) => r.claim.id)).size,
      other: failures(same),
    },
    otherPatients: {
      sent: k,
      stored: await stored('race-other'),
      conflicts: others.filter((a) => errorCode(a) === 'CONFLICT').length,
      other: failures(others.filter((a) => errorCode(a) !== 'CONFLICT')),
    },
  };
}
