/**
 * A history import killed mid-file (SIGKILL of the CLI, as a crash or an operator would) and run
 * again: exactly the file's rows are stored, once each, and the ledger holds the old system's
 * amounts once. The file is small (3 000 claims) and the chunks small, so that the kill lands
 * between committed chunks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { makeResidentId } from '@liangbing/policy';
import { migrate, openOrm } from '../../db/orm';
import { exec } from '../../db/sql';
import { emptyDatabase } from '../../../test/common';
import { seedWuxi } from '../../../test/harness';

const API_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const PATIENTS = 100;
const CLAIMS_EACH = 30;

/** 100 patients of 梁溪区, each certified and designated, with 30 monthly-ish claims of 2024–2025 (3 000 claims). */
function historyFile(): { text: string; rows: number; claims: number; fundFen: number } {
  const lines: string[] = [];
  let fundFen = 0;
  for (let i = 0; i < PATIENTS; i++) {
    const id = `H-${String(i).padStart(4, '0')}`;
    const d = '320213';
    lines.push(
      JSON.stringify({
        kind: 'patient',
        districtCode: d,
        id,
        residentId: makeResidentId('320213', '1955-03-04', 2 * i + 1, 'male'),
        name: `病人${i}`,
        scheme: 'resident',
        streetCode: '320213001',
        diseases: [{ disease: 'hypertension', diagnosedOn: '2018-01-01' }],
      }),
    );
    lines.push(
      JSON.stringify({
        kind: 'certification',
        districtCode: d,
        patientId: id,
        certificateNo: `HC-${i}`,
        certifiedOn: '2019-01-01',
        institutionId: 'I-LX-CHC',
        diseases: ['hypertension'],
      }),
    );
    lines.push(
      JSON.stringify({
        kind: 'designation',
        districtCode: d,
        patientId: id,
        institutionId: 'I-LX-CHC',
        validFrom: '2024-01-01',
        requestedOn: '2023-12-15',
        atEnrolment: true,
      }),
    );
    for (let k = 0; k < CLAIMS_EACH; k++) {
      const date = new Date(Date.UTC(2024, 0, 3) + k * 18 * 86_400_000).toISOString().slice(0, 10);
      const paid = 600 + (k % 3) * 10;
      fundFen += paid;
      lines.push(
        JSON.stringify({
          kind: 'claim',
          districtCode: d,
          key: `OLD-${i}-${k}`,
          patientId: id,
          institutionId: 'I-LX-CHC',
          serviceDate: date,
          pathway: 'designated',
          lines: [{ drugCode: 'amlodipine', form: 'oral', quantity: 30, daysSupply: 30, amountFen: 1000 }],
          fundFen: paid,
        }),
      );
    }
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length, claims: PATIENTS * CLAIMS_EACH, fundFen };
}

function cli(file: string, url: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'src/modules/history/history-cli.ts', file, '--database-url', url, '--city', '320200', '--today', '2025-06-30', '--chunk', '50'],
    { cwd: API_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

let orm: MikroORM;
let drop: () => Promise<void>;
let url: string;
let dir: string;
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => exec<T>(orm.em.fork(), text, params);

beforeAll(async () => {
  const db = await emptyDatabase();
  url = db.url;
  drop = db.drop;
  orm = await openOrm(url, 4);
  await migrate(orm);
  await seedWuxi(sql);
  dir = await mkdtemp(path.join(os.tmpdir(), 'history-rerun-'));
});

afterAll(async () => {
  await orm.close();
  await drop();
  await rm(dir, { recursive: true, force: true });
});

describe('a history import killed and run again', () => {
  it('stores exactly the file’s rows, once, and continues after the last committed row', async () => {
    const f = historyFile();
    const file = path.join(dir, 'history.ndjson');
    await writeFile(file, f.text);

    // First run: killed once a few chunks are committed and well before the end.
    const first = cli(file, url);
    const firstExit = exited(first);
    let committed = 0;
    for (let i = 0; i < 2400 && first.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const [row] = await sql<{ n: string }>(`select coalesce(max(last_committed_row), 0) as n from history_imports`);
      committed = Number(row!.n);
      if (committed >= 300) break;
    }
    first.kill('SIGKILL');
    const killed = await firstExit;
    expect(killed.signal).toBe('SIGKILL');
    expect(committed, killed.stderr.slice(-3000)).toBeGreaterThan(0);
    expect(committed).toBeLessThan(f.rows);
    const [partial] = await sql<{ n: string }>(`select count(*) as n from claims where idempotency_key like 'history:%'`);
    expect(Number(partial!.n)).toBeLessThan(f.claims);

    // Second run: continues the unfinished import of the same file.
    const second = await exited(cli(file, url));
    expect(second.code, second.stderr.slice(-2000)).toBe(0);
    const summary = JSON.parse(second.stdout.trim().split('\n').at(-1)!) as {
      id: string;
      resumedFrom: number;
      rowsRead: number;
      rowsRejected: number;
      claimsStored: number;
      lastCommittedRow: number;
    };
    expect(summary.resumedFrom).toBeGreaterThan(0);
    expect(summary.lastCommittedRow).toBe(f.rows);
    const problems = await sql(`select field, code, min(message) as message, count(*) as n from history_import_problems group by 1, 2`);
    expect(problems).toEqual([]);
    expect(summary.rowsRejected).toBe(0);

    const [claims] = await sql<{ n: string; keys: string; lines: string }>(
      `select c.n, c.keys, l.lines
         from (select count(*) as n, count(distinct idempotency_key) as keys from claims where idempotency_key like 'history:%') c,
              (select count(*) as lines from claim_lines l join claims c on c.district_code = l.district_code and c.id = l.claim_id where c.idempotency_key like 'history:%') l`,
    );
    expect(Number(claims!.n)).toBe(f.claims);
    expect(Number(claims!.keys)).toBe(f.claims);
    expect(Number(claims!.lines)).toBe(f.claims);
    const [patients] = await sql<{ n: string; certs: string; designations: string }>(
      `select p.n, c.certs, d.designations
         from (select count(*) as n from patients where id like 'H-%') p,
              (select count(*) as certs from certifications where patient_id like 'H-%') c,
              (select count(*) as designations from designations where patient_id like 'H-%') d`,
    );
    expect([Number(patients!.n), Number(patients!.certs), Number(patients!.designations)]).toEqual([PATIENTS, PATIENTS, PATIENTS]);
    // The ledger holds the old system's amounts, once: the killed chunk's writes were rolled back whole.
    const [ledger] = await sql<{ fund: string; paid: string }>(
      `select l.fund, c.paid
         from (select sum(fund_paid_fen) as fund from benefit_ledger where patient_id like 'H-%') l,
              (select sum(fund_fen) as paid from claims where idempotency_key like 'history:%') c`,
    );
    expect(Number(ledger!.paid)).toBe(f.fundFen);
    expect(Number(ledger!.fund)).toBe(f.fundFen);
    const [imp] = await sql<{ status: string; n: string }>(`select status, (select count(*) from history_imports) as n from history_imports where id = ?`, [
      summary.id,
    ]);
    expect(imp).toEqual({ status: 'done', n: '1' });
  }, 240_000);
});
