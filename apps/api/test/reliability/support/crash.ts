/**
 * Crash scenarios. (1) The API process is killed with SIGKILL in the middle of a claim load and
 * started again: every acknowledged claim must be stored whole, nothing unacknowledged half, and
 * a retry of everything unacknowledged with its key must pay each claim once. (2) PostgreSQL is
 * stopped and started under load: the API must answer RETRYABLE meanwhile and recover by itself.
 */
import { NoAnswer, errorCode, inParallel, postGraphql, type HttpAnswer } from './client';
import { invariants, nthClaim, storedByKey, SUBMIT_ONE, type ClaimInputValue, type Invariants } from './claims';
import type { ChildApi } from './child';
import { failures } from './concurrency';
import type { ExtraPatient, Sql } from './stack';

type One = { submitClaim: { replayed: boolean; claim: { id: string; fundFen: number; lines: { fundFen: number }[] } } };

export interface CrashJob {
  p: ExtraPatient;
  input: ClaimInputValue;
}

/** Three-line claims (so that "half stored" could show), spread over the patients; `firstDay` keeps loads on days of their own. */
export function crashJobs(patients: readonly ExtraPatient[], n: number, tag: string, firstDay = 0): CrashJob[] {
  return Array.from({ length: n }, (_, i) => {
    const p = patients[i % patients.length]!;
    return { p, input: nthClaim(`${tag}-${i}`, p.id, p.institutionId, firstDay + 3 * Math.floor(i / patients.length), 3, 4_000) };
  });
}

export interface KillRun {
  sent: number;
  acknowledged: number;
  /** sent but never answered: in flight when the process died */
  inFlight: number;
  notSent: number;
  /** acknowledged claims missing after the restart, or stored with other amounts or not all their lines */
  lostOrPartial: string[];
  /** in-flight claims found stored (committed before the kill, never acknowledged) */
  inFlightStored: number;
  invariantsAfterRestart: Invariants;
  retried: number;
  retryReplayed: number;
  retryFailures: Record<string, number>;
  storedAfterRetry: number;
  invariantsAfterRetry: Invariants;
  restartMs: number;
}

/**
 * Sends the jobs `width` at a time to the running API; once `killAfter` claims are acknowledged,
 * kills it with SIGKILL, starts a new one with `restart`, and checks and retries against it.
 */
export async function killUnderLoad(
  api: ChildApi,
  restart: () => Promise<ChildApi>,
  sql: Sql,
  jobs: readonly CrashJob[],
  tokenOf: (p: ExtraPatient) => string,
  killAfter: number,
  width = 24,
): Promise<{ run: KillRun; api: ChildApi }> {
  const acked = new Map<string, { id: string; fundFen: number; lines: number }>();
  const unanswered: CrashJob[] = [];
  const notSent: CrashJob[] = [];
  let killed: Promise<void> | null = null;
  await inParallel(jobs, width, async (job) => {
    if (killed !== null) {
      notSent.push(job);
      return;
    }
    try {
      const a = await postGraphql(api.url, tokenOf(job.p), SUBMIT_ONE, { input: job.input });
      const r = (a.body?.data as One | undefined)?.submitClaim;
      if (a.status >= 200 && a.status < 300 && r !== undefined)
        acked.set(job.input.idempotencyKey, { id: r.claim.id, fundFen: r.claim.fundFen, lines: r.claim.lines.length });
      else unanswered.push(job);
    } catch (e) {
      if (!(e instanceof NoAnswer)) throw e;
      unanswered.push(job);
    }
    if (acked.size >= killAfter && killed === null) killed = api.kill();
  });
  await (killed ?? api.kill());
  const started = performance.now();
  const next = await restart();
  const restartMs = performance.now() - started;

  const stored = await storedByKey(
    sql,
    jobs.map((j) => j.input.idempotencyKey),
  );
  const lostOrPartial: string[] = [];
  for (const [key, a] of acked) {
    const s = stored.get(key);
    if (s === undefined || s.id !== a.id || s.fundFen !== a.fundFen || s.lineCount !== 3 || a.lines !== 3 || s.lineFundFen !== s.fundFen)
      lostOrPartial.push(`${key}: acknowledged ${JSON.stringify(a)}, stored ${JSON.stringify(s)}`);
  }
  const inFlightStored = unanswered.filter((j) => stored.has(j.input.idempotencyKey)).length;
  const invariantsAfterRestart = await invariants(sql);

  const retry = [...unanswered, ...notSent];
  const answers: HttpAnswer[] = await inParallel(retry, width, (j) => postGraphql(next.url, tokenOf(j.p), SUBMIT_ONE, { input: j.input }));
  const retryReplayed = answers.filter((a) => (a.body?.data as One | undefined)?.submitClaim.replayed === true).length;
  const after = await storedByKey(
    sql,
    jobs.map((j) => j.input.idempotencyKey),
  );
  return {
    api: next,
    run: {
      sent: jobs.length - notSent.length,
      acknowledged: acked.size,
      inFlight: unanswered.length,
      notSent: notSent.length,
      lostOrPartial,
      inFlightStored,
      invariantsAfterRestart,
      retried: retry.length,
      retryReplayed,
      retryFailures: failures(answers),
      storedAfterRetry: after.size,
      invariantsAfterRetry: await invariants(sql),
      restartMs,
    },
  };
}

export interface PgRestart {
  requests: number;
  /** answers while PostgreSQL was down or coming back, by status and code */
  outageAnswers: Record<string, number>;
  /** outage answers that were not RETRYABLE with retryable: true */
  notRetryable: Record<string, number>;
  /** the first few messages of those, to say what went wrong */
  notRetryableSamples: string[];
  /** from PostgreSQL accepting connections again to the API's first success */
  recoveryMs: number;
  /** successes in a row after recovery */
  afterRecoveryOk: number;
  retriedClaims: number;
  retryFailures: Record<string, number>;
  invariants: Invariants;
}

const READ = `{ patients(first: 5) { totalCount nodes { id } } }`;

/**
 * A steady load of claims and reads; `stopPg` and `startPg` are called in the middle of it.
 * Claims that failed are retried with their keys once PostgreSQL is back.
 */
export async function pgRestartUnderLoad(
  api: ChildApi,
  sql: Sql,
  jobs: readonly CrashJob[],
  tokenOf: (p: ExtraPatient) => string,
  stopPg: () => Promise<void>,
  startPg: () => Promise<void>,
  downMs = 2_000,
): Promise<PgRestart> {
  type Seen = { at: number; ok: boolean; key: string; retryable: boolean; message: string };
  const seen: Seen[] = [];
  const failedClaims: CrashJob[] = [];
  let phase: 'before' | 'outage' | 'after' = 'before';
  let pgBackAt = 0;
  let recoveredAt = 0;
  let stop = false;
  let next = 0;
  const worker = async (w: number) => {
    while (!stop) {
      const read = w % 3 === 0;
      const job = read ? null : jobs[next++ % jobs.length]!;
      let a: HttpAnswer | null = null;
      try {
        a = read ? await postGraphql(api.url, tokenOf(jobs[0]!.p), READ) : await postGraphql(api.url, tokenOf(job!.p), SUBMIT_ONE, { input: job!.input });
      } catch (e) {
        if (!(e instanceof NoAnswer)) throw e;
      }
      const ok = a !== null && a.status === 200 && a.body?.errors === undefined && a.body?.data != null;
      const ext = a?.body?.errors?.[0]?.extensions;
      if (!ok && job !== null) failedClaims.push(job);
      if (phase !== 'before')
        seen.push({
          at: performance.now(),
          ok,
          key: a === null ? 'no answer' : `${a.status}:${errorCode(a) ?? 'ok'}`,
          retryable: ext?.code === 'RETRYABLE' && ext.retryable === true,
          message: a?.body?.errors?.[0]?.message ?? a?.text.slice(0, 200) ?? '',
        });
      if (ok && phase === 'after' && recoveredAt === 0) recoveredAt = performance.now();
      if (!ok) await new Promise((r) => setTimeout(r, 50));
    }
  };
  const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
  await new Promise((r) => setTimeout(r, 1_000));
  phase = 'outage';
  await stopPg();
  await new Promise((r) => setTimeout(r, downMs));
  await startPg();
  pgBackAt = performance.now();
  phase = 'after';
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (recoveredAt === 0 || seen.filter((s) => s.at > recoveredAt).length < 30)) await new Promise((r) => setTimeout(r, 100));
  stop = true;
  await load;

  const outage = seen.filter((s) => recoveredAt === 0 || s.at < recoveredAt);
  const count = (list: Seen[]) => list.reduce<Record<string, number>>((m, s) => ({ ...m, [s.key]: (m[s.key] ?? 0) + 1 }), {});
  const afterRecovery = recoveredAt === 0 ? [] : seen.filter((s) => s.at >= recoveredAt);
  const firstFailAfter = afterRecovery.findIndex((s) => !s.ok);
  const retryAnswers = await inParallel([...new Map(failedClaims.map((j) => [j.input.idempotencyKey, j])).values()], 8, (j) =>
    postGraphql(api.url, tokenOf(j.p), SUBMIT_ONE, { input: j.input }),
  );
  return {
    requests: seen.length,
    outageAnswers: count(outage.filter((s) => !s.ok)),
    notRetryable: count(outage.filter((s) => !s.ok && !s.retryable)),
    notRetryableSamples: [...new Set(outage.filter((s) => !s.ok && !s.retryable).map((s) => s.message))].slice(0, 5),
    recoveryMs: recoveredAt === 0 ? Number.POSITIVE_INFINITY : recoveredAt - pgBackAt,
    afterRecoveryOk: firstFailAfter === -1 ? afterRecovery.length : firstFailAfter,
    retriedClaims: retryAnswers.length,
    retryFailures: failures(retryAnswers),
    invariants: await invariants(sql),
  };
}
