/**
 * Chunks written alongside (history.import: chunk n+1 parsed, read and decided on the second
 * connection while chunk n is written on the first): the same claims, decisions and ledgers as one
 * chunk gives, whether neighbouring chunks share no patient (cut at a patient's first line) or share
 * one (the later waits for the earlier's commit before it reads).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '@liangbing/policy';
import { startHarness, TODAY, type Harness } from '../../../test/harness';
import { exec } from '../../db/sql';
import type { Viewer } from '../../auth/tokens';
import { runHistoryImport } from './history.import';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => h?.close());

const importer: Viewer = { userId: 'importer-pipe', role: 'history_importer', cityCode: '320200', districtCode: null, institutionId: null };
const line = (o: Record<string, unknown>) => JSON.stringify(o);
const D = '320213';

/** A patient's eleven lines: record, general-outpatient position, certificate, designation, a follow-up and six claims. */
function patientLines(id: string, seq: number): string[] {
  const claim = (n: number, serviceDate: string, amountFen: number, fundFen: number) =>
    line({
      kind: 'claim',
      districtCode: D,
      key: `${id}-C${n}`,
      patientId: id,
      institutionId: 'I-LX-CHC',
      serviceDate,
      pathway: 'designated',
      lines: [{ drugCode: 'amlodipine', form: 'oral', quantity: 30, daysSupply: 30, amountFen }],
      fundFen,
    });
  return [
    line({
      kind: 'patient',
      districtCode: D,
      id,
      residentId: makeResidentId(D, '1933-11-17', seq * 2 + 1, 'male'),
      name: '孙流水',
      streetCode: '320213001',
      scheme: 'resident',
      managed: true,
      managedSince: '2019-01-01',
      managingInstitutionId: 'I-LX-CHC',
      diseases: [{ disease: 'hypertension', diagnosedOn: '2012-04-01' }],
    }),
    line({ kind: 'generalOutpatient', districtCode: D, patientId: id, year: 2024, fundPaidFen: 50_000, exhausted: true }),
    line({
      kind: 'certification',
      districtCode: D,
      patientId: id,
      certificateNo: `${id}-A`,
      certifiedOn: '2023-02-01',
      institutionId: 'I-LX-CHC',
      diseases: ['hypertension'],
    }),
    line({
      kind: 'designation',
      districtCode: D,
      patientId: id,
      institutionId: 'I-LX-CHC',
      validFrom: '2023-03-01',
      requestedOn: '2023-02-20',
      atEnrolment: true,
    }),
    line({
      kind: 'followUp',
      districtCode: D,
      key: `${id}-F1`,
      patientId: id,
      institutionId: 'I-LX-CHC',
      date: '2024-01-05',
      faceToFace: true,
      systolic: 138,
      diastolic: 86,
    }),
    claim(1, '2024-01-15', 3000, 1800),
    claim(2, '2024-02-14', 3000, 1800),
    claim(3, '2024-03-15', 3000, 1700),
    claim(4, '2024-04-14', 3000, 1800),
    claim(5, '2024-05-14', 3000, 1800),
    claim(6, '2024-06-13', 3000, 1800),
  ];
}

const importOf = (rows: string[], source: string, chunkRows: number, resume = false) =>
  runHistoryImport(
    h.orm.em.fork(),
    (async function* () {
      yield* rows;
    })(),
    { viewer: importer, source, today: TODAY, overrides: [], chunkRows, resume },
  );

/** A group's claims, ledgers and follow-ups, the patient's own suffix standing for its id. */
async function stored(prefix: string) {
  const em = h.orm.em.fork();
  const claims = await exec<Record<string, unknown>>(
    em,
    `select substr(c.patient_id, length(?) + 1) as p, c.service_date::text, c.outcome, c.category, c.compliant_fen::int, c.fund_fen::int, c.hit_codes,
            d.decision - 'lines' as decision
       from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id
      where c.district_code = ? and c.patient_id like ? order by 1, 2`,
    [prefix, D, `${prefix}%`],
  );
  const ledgers = await exec<Record<string, unknown>>(
    em,
    `select substr(patient_id, length(?) + 1) as p, year, fund_paid_fen::int, compliant_fen::int, claims_paid from benefit_ledger where district_code = ? and patient_id like ? order by 1, 2`,
    [prefix, D, `${prefix}%`],
  );
  const [f] = await exec<{ n: number }>(em, `select count(*)::int as n from follow_ups where district_code = ? and patient_id like ?`, [D, `${prefix}%`]);
  return { claims, ledgers, followUps: f!.n };
}

const group = (prefix: string, seq: number) => Array.from({ length: 5 }, (_, i) => patientLines(`${prefix}${i}`, seq + i)).flat();

describe('history import: chunks written alongside', () => {
  it('stores what one chunk stores, with neighbours disjoint or sharing a patient', async () => {
    const one = await importOf(group('PIPE-A', 200), 'pipe-one.ndjson', 1000);
    // eleven rows a chunk: each chunk one patient, the next cut at the next patient's first line (no shared patient)
    const disjoint = await importOf(group('PIPE-B', 220), 'pipe-disjoint.ndjson', 11);
    // seven rows a chunk (slack 0): every chunk shares a patient with the one before
    const shared = await importOf(group('PIPE-C', 240), 'pipe-shared.ndjson', 7);
    const problems = await exec(
      h.orm.em.fork(),
      `select row_no, field, code, message from history_import_problems where import_id = ? order by row_no limit 3`,
      [one.id],
    );
    expect(problems).toEqual([]);
    for (const s of [one, disjoint, shared]) {
      expect(s).toMatchObject({ rowsRead: 55, rowsAccepted: 55, rowsRejected: 0, claimsStored: 30, lastCommittedRow: 55 });
    }
    const a = await stored('PIPE-A');
    expect(a.claims).toHaveLength(30);
    expect(a.followUps).toBe(5);
    expect(a.ledgers).toHaveLength(5);
    expect(
      a.claims.map((c) => c.outcome),
      JSON.stringify(a.claims[0]),
    ).toContain('paid');
    expect(await stored('PIPE-B')).toEqual(a);
    expect(await stored('PIPE-C')).toEqual(a);
    const [imp] = await exec<{ status: string; n: number }>(
      h.orm.em.fork(),
      `select min(status) as status, count(*)::int as n from history_imports where source like 'pipe-%' and status = 'done'`,
    );
    expect(imp).toEqual({ status: 'done', n: 3 });
  });

  it('after a failure in the second of two chunks in flight, keeps the first, rolls back the second and the one read after it, and a rerun stores every row once', async () => {
    const reference = await stored('PIPE-A');
    const rows = group('PIPE-D', 260);
    const sql = (text: string) => exec(h.orm.em.fork(), text);
    // Chunks of eleven rows, one patient each: chunk 3 (rows 23–33, patient PIPE-D2) fails at its
    // claims' COPY while chunk 2 is being committed alongside, and chunk 4 (disjoint) is read and
    // written alongside chunk 3 — it must not commit, or a rerun would continue after row 44.
    await sql(`create function pipe_fail() returns trigger language plpgsql as $$
      begin
        if new.idempotency_key = 'history:PIPE-D2-C3' then raise exception 'pipeline test: claim refused by the database'; end if;
        return new;
      end $$`);
    await sql(`create trigger pipe_fail before insert on claims for each row execute function pipe_fail()`);
    try {
      await expect(importOf(rows, 'pipe-fail.ndjson', 11)).rejects.toThrow(/claim refused by the database/);
    } finally {
      await sql(`drop trigger pipe_fail on claims`);
      await sql(`drop function pipe_fail()`);
    }
    const [failed] = await exec<Record<string, unknown>>(
      h.orm.em.fork(),
      `select status, last_committed_row::int, rows_read::int, claims_stored::int from history_imports where source = 'pipe-fail.ndjson'`,
    );
    expect(failed).toEqual({ status: 'failed', last_committed_row: 22, rows_read: 22, claims_stored: 12 });
    const partial = await stored('PIPE-D');
    expect(partial.claims.map((c) => c.p)).toEqual([...Array(6).fill('0'), ...Array(6).fill('1')]);
    expect(partial.followUps).toBe(2);
    expect(partial.ledgers.map((l) => l.p)).toEqual(['0', '1']);

    const rerun = await importOf(rows, 'pipe-fail.ndjson', 11, true);
    expect(rerun).toMatchObject({
      resumedFrom: 22,
      rowsRead: 55,
      rowsAccepted: 55,
      rowsAlreadyStored: 0,
      rowsRejected: 0,
      claimsStored: 30,
      lastCommittedRow: 55,
    });
    expect(await stored('PIPE-D')).toEqual(reference);
  });
});
