/**
 * The general-outpatient feed (W-3 二(三)) through GraphQL: entries and CSV, row problems,
 * all-or-nothing, re-sent feeds, older feeds, scope, one audit row a feed; claims decided on the
 * figures it sets, and a feed racing claims of the same patients never lets the cap (which includes
 * the general-outpatient fund's payment) be passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let bureau: string;

const BATCH = `mutation($i: GeneralOutpatientBatchInput!) { recordGeneralOutpatientBatch(input: $i) { feedId replayed counts { entries applied unchanged stale refused } problems { rowNo code field } } }`;
const CSV = `mutation($y: Int!, $a: String!, $csv: String!, $ok: Boolean) { recordGeneralOutpatientCsv(year: $y, asOf: $a, csv: $csv, acceptValidRows: $ok) { feedId replayed counts { entries applied unchanged stale refused } problems { rowNo code field } } }`;
type Feed = {
  feedId: string | null;
  replayed: boolean;
  counts: { entries: number; applied: number; unchanged: number; stale: number; refused: number };
  problems: { rowNo: number; code: string; field: string }[];
};
type Claim = { id: string; outcome: string; fundFen: number; hits: { code: string }[] };

const ledger = async (patient: string) =>
  (
    await h.sql<{ go: string; ex: boolean; fund: string; as_of: string | null }>(
      `select general_outpatient_fund_fen as go, general_outpatient_exhausted as ex, fund_paid_fen as fund, to_char(general_outpatient_as_of, 'YYYY-MM-DD') as as_of from benefit_ledger where patient_id = ? and year = 2025`,
      [patient],
    )
  )[0];
const feeds = async () => Number((await h.sql<{ n: string }>(`select count(*) as n from audit_log where action = 'ledger.general_outpatient_feed'`))[0]!.n);

async function batch(token: string, input: Record<string, unknown>): Promise<{ data?: Feed; errors?: { extensions: Record<string, unknown> }[] }> {
  const r = await h.gql<{ recordGeneralOutpatientBatch: Feed }>(token, BATCH, { i: input });
  return { data: r.data?.recordGeneralOutpatientBatch, errors: r.errors };
}

/** P4 … P9: hypertension patients of 梁溪区 designated at I-LX-CHC whose general-outpatient benefit is not used up. */
const rid = new Map<string, string>();
async function addPatients(ids: string[]): Promise<void> {
  for (const [n, id] of ids.entries()) {
    const body = `32021319800101${String(100 + n).padStart(3, '0')}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    rid.set(id, body + '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0) % 11]!);
    await h.sql(
      `insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, scheme, managed, managed_since, managing_institution_id) values ('320213', ?, ?, '测试', 'male', '1980-01-01', '320213001', 'resident', true, '2020-01-01', 'I-LX-CHC')`,
      [id, rid.get(id)],
    );
    await h.sql(`insert into patient_diseases values ('320213', ?, 'hypertension', null, '2015-03-01')`, [id]);
    await h.sql(`insert into certifications values ('320213', ?, ?, '2020-01-10', 'I-LX-CHC', '{hypertension}', null)`, [id, `W-${id}`]);
    await h.sql(`insert into designations values ('320213', ?, '2025-01-01', null, 'I-LX-CHC', 'C1', '2024-12-01', true)`, [id]);
  }
}

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  await addPatients(['P4', 'P5', 'P6', 'P7', 'P8']);
});
afterAll(async () => h.close());

describe('recordGeneralOutpatientBatch', () => {
  it('sets each patient’s figures, by patient id or resident ID, audited once with its counts; the same feed again changes nothing', async () => {
    const input = {
      year: 2025,
      asOf: '2025-06-01',
      entries: [
        { patientId: 'P1', fundPaidFen: 30_000, exhausted: true },
        { residentId: rid.get('P8'), fundPaidFen: 12_345, exhausted: false },
      ],
    };
    const r = await batch(bureau, input);
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchObject({ replayed: false, counts: { entries: 2, applied: 2, unchanged: 0, stale: 0, refused: 0 }, problems: [] });
    expect(await ledger('P1')).toMatchObject({ go: '30000', ex: true, as_of: '2025-06-01' });
    expect(await ledger('P8')).toMatchObject({ go: '12345', ex: false });
    const [row] = await h.sql<{ district_code: string; detail: { applied: number; entries: number } }>(
      `select district_code, detail from audit_log where action = 'ledger.general_outpatient_feed'`,
    );
    expect(row).toMatchObject({ district_code: '320213', detail: { applied: 2, entries: 2 } });

    const again = await batch(bureau, input);
    expect(again.data).toMatchObject({ replayed: true, feedId: r.data!.feedId });
    expect(await feeds()).toBe(1);
  });

  it('reports every bad row with its number and writes nothing, unless acceptValidRows', async () => {
    const entries = [
      { patientId: 'P1', fundPaidFen: 31_000, exhausted: true },
      { patientId: 'NOBODY', fundPaidFen: 0, exhausted: true },
      { residentId: `${rid.get('P8')!.slice(0, 17)}${rid.get('P8')!.endsWith('0') ? '1' : '0'}`, fundPaidFen: 0, exhausted: true },
      { patientId: 'P2', fundPaidFen: -5, exhausted: true },
      { fundPaidFen: 0, exhausted: true },
      { residentId: rid.get('P8'), fundPaidFen: 1, exhausted: true },
      { patientId: 'P8', fundPaidFen: 2, exhausted: true },
    ];
    const r = await batch(bureau, { year: 2025, asOf: '2025-06-02', entries });
    expect(r.data!.feedId).toBeNull();
    expect(r.data!.problems.map((p) => [p.rowNo, p.code])).toEqual([
      [2, 'PATIENT_NOT_FOUND'],
      [3, 'RESIDENT_ID_INVALID'],
      [4, 'AMOUNT_INVALID'],
      [5, 'PATIENT_MISSING'],
      [7, 'PATIENT_DUPLICATE'],
    ]);
    expect(r.data!.problems[2]!.field).toBe('input.entries[3].fundPaidFen');
    expect(await ledger('P1')).toMatchObject({ go: '30000' });
    expect(await feeds()).toBe(1);

    const accepted = await batch(bureau, { year: 2025, asOf: '2025-06-02', entries, acceptValidRows: true });
    expect(accepted.data!.counts).toEqual({ entries: 7, applied: 2, unchanged: 0, stale: 0, refused: 5 });
    expect(await ledger('P1')).toMatchObject({ go: '31000', as_of: '2025-06-02' });
    expect(await feeds()).toBe(2);
  });

  it('takes the feed as CSV with Chinese headers; row numbers are the file’s lines', async () => {
    const csv = `身份证号,普通门诊基金已支付(分),是否用完\n${rid.get('P7')},32000,是\n\n${rid.get('P8')},15000,否\n${rid.get('P8')},1,也许\n`;
    const r = await h.gql<{ recordGeneralOutpatientCsv: Feed }>(bureau, CSV, { y: 2025, a: '2025-06-03', csv });
    expect(r.data!.recordGeneralOutpatientCsv.problems).toEqual([
      { rowNo: 5, code: 'EXHAUSTED_INVALID', field: '是否用完' },
      { rowNo: 5, code: 'PATIENT_DUPLICATE', field: '身份证号' },
    ]);
    const ok = await h.gql<{ recordGeneralOutpatientCsv: Feed }>(bureau, CSV, { y: 2025, a: '2025-06-03', csv, ok: true });
    expect(ok.data!.recordGeneralOutpatientCsv.counts).toEqual({ entries: 3, applied: 2, unchanged: 0, stale: 0, refused: 1 });
    expect(await ledger('P7')).toMatchObject({ go: '32000', ex: true });
    expect(await ledger('P8')).toMatchObject({ go: '15000', ex: false });
    const noHeader = await h.gql(bureau, CSV, { y: 2025, a: '2025-06-03', csv: '姓名,金额\n甲,1\n' });
    expect(noHeader.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
  });

  it('leaves a row an older day’s feed would overwrite (stale), and counts unchanged rows', async () => {
    const older = await batch(bureau, { year: 2025, asOf: '2025-05-20', entries: [{ patientId: 'P7', fundPaidFen: 1, exhausted: false }] });
    expect(older.data!.counts).toMatchObject({ applied: 0, stale: 1 });
    expect(await ledger('P7')).toMatchObject({ go: '32000', ex: true, as_of: '2025-06-03' });
    const same = await batch(bureau, { year: 2025, asOf: '2025-06-04', entries: [{ patientId: 'P7', fundPaidFen: 32_000, exhausted: true }] });
    expect(same.data!.counts).toMatchObject({ applied: 0, unchanged: 1 });
    expect(await ledger('P7')).toMatchObject({ as_of: '2025-06-04' });
  });

  it('is its district bureau’s: another district’s patient is not found, another district or role is refused', async () => {
    const jiangyin = await h.token({ role: 'district_bureau', districtCode: '320281' });
    const r = await batch(jiangyin, { year: 2025, asOf: '2025-06-05', entries: [{ patientId: 'P1', fundPaidFen: 0, exhausted: true }] });
    expect(r.data!.problems.map((p) => p.code)).toEqual(['PATIENT_NOT_FOUND']);
    const entries = [{ patientId: 'P3', fundPaidFen: 0, exhausted: true }];
    expect((await batch(bureau, { districtCode: '320281', year: 2025, asOf: '2025-06-05', entries })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    for (const role of ['institution_operator', 'city_leadership', 'auditor'] as const) {
      const t = await h.token({
        role,
        districtCode: role === 'institution_operator' ? '320213' : null,
        institutionId: role === 'institution_operator' ? 'I-LX-CHC' : null,
      });
      expect((await batch(t, { districtCode: '320213', year: 2025, asOf: '2025-06-05', entries })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    const bad = await batch(bureau, { year: 2025, asOf: '2025-07-01', entries });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});

describe('a district’s day at full size', () => {
  it('takes 10 000 entries in one request and sets every row', async () => {
    await h.sql(
      `insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, scheme) select '320213', 'B' || n, 'R' || n, '批量', 'male', '1960-01-01', '320213001', 'resident' from generate_series(1, 10000) n`,
    );
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ patientId: `B${i + 1}`, fundPaidFen: i, exhausted: i % 2 === 0 }));
    const r = await batch(bureau, { year: 2025, asOf: '2025-06-15', entries });
    expect(r.errors).toBeUndefined();
    expect(r.data!.counts).toEqual({ entries: 10_000, applied: 10_000, unchanged: 0, stale: 0, refused: 0 });
    const [sum] = await h.sql<{ n: string; s: string; e: string }>(
      `select count(*) as n, sum(general_outpatient_fund_fen) as s, count(*) filter (where general_outpatient_exhausted) as e from benefit_ledger where patient_id like 'B%' and year = 2025 and general_outpatient_as_of = '2025-06-15'`,
    );
    expect(sum).toEqual({ n: '10000', s: String((9_999 * 10_000) / 2), e: '5000' });
  });
});

describe('claims decided on the feed (W-3: general outpatient first, the cap includes its payment)', () => {
  it('pays nothing until the feed says the benefit is used up, then within the cap less what the general-outpatient fund paid', async () => {
    const submit = async (date: string, drug: string) =>
      (
        await h.gql<{ submitClaim: { claim: Claim } }>(bureau, SUBMIT, {
          input: claimInput({ patientId: 'P6', serviceDate: date }, { drugCode: drug, amountFen: 100_000, quantity: 1, daysSupply: 1 }),
        })
      ).data!.submitClaim.claim;
    const before = await submit('2025-06-10', 'amlodipine');
    expect(before.hits.map((x) => x.code)).toContain('GENERAL_OUTPATIENT_NOT_EXHAUSTED');
    expect(before.fundFen).toBe(0);
    await batch(bureau, { year: 2025, asOf: '2025-06-10', entries: [{ patientId: 'P6', fundPaidFen: 50_000, exhausted: true }] });
    // 60 % of 1 000 yuan is 600 yuan; the cap of 800 yuan less 500 paid by the general-outpatient fund leaves 300.
    const after = await submit('2025-06-11', 'nifedipine');
    expect(after.fundFen).toBe(30_000);
    expect(after.hits.map((x) => x.code)).toEqual(['CAP_REACHED']);
  });

  it('a feed racing claims of the same patients: each claim sees the feed whole or not at all, and the cap is never passed', async () => {
    const drugs = [
      'amlodipine',
      'nifedipine',
      'felodipine',
      'nitrendipine',
      'lacidipine',
      'valsartan',
      'metoprolol',
      'bisoprolol',
      'atenolol',
      'hydrochlorothiazide',
      'indapamide',
      'spironolactone',
    ];
    const claim = (patientId: string, i: number) =>
      claimInput(
        { patientId, serviceDate: '2025-06-20', idempotencyKey: `race-${patientId}-${i}` },
        { drugCode: drugs[i]!, amountFen: 20_000, quantity: 1, daysSupply: 1 },
      );
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < drugs.length; i++) {
      // one patient's claims one by one, the other's in batches of three (the set-based path), feed in the middle
      requests.push(h.gql(bureau, SUBMIT, { input: claim('P4', i) }));
      if (i % 3 === 0)
        requests.push(
          h.gql(bureau, `mutation($i: [SubmitClaimInput!]!) { submitClaims(inputs: $i) { error { code } } }`, {
            i: [claim('P5', i), claim('P5', i + 1), claim('P5', i + 2)],
          }),
        );
      if (i === 4)
        requests.push(
          batch(bureau, {
            year: 2025,
            asOf: '2025-06-20',
            entries: [
              { patientId: 'P5', fundPaidFen: 50_000, exhausted: true },
              { patientId: 'P4', fundPaidFen: 50_000, exhausted: true },
            ],
          }),
        );
    }
    const answers = (await Promise.all(requests)) as {
      errors?: unknown;
      data?: { recordGeneralOutpatientBatch?: Feed; submitClaims?: { error: unknown }[] };
    }[];
    expect(answers.filter((a) => a.errors !== undefined)).toEqual([]);
    expect(answers.flatMap((a) => a.data?.submitClaims ?? []).filter((c) => c.error !== null)).toEqual([]);

    for (const patient of ['P4', 'P5']) {
      const l = (await ledger(patient))!;
      expect(l).toMatchObject({ go: '50000', ex: true });
      const rows = await h.sql<{ fund: string; used: string; exhausted_hit: boolean }>(
        `select c.fund_fen as fund, d.decision->>'capUsedBeforeFen' as used, 'GENERAL_OUTPATIENT_NOT_EXHAUSTED' = any(c.hit_codes) as exhausted_hit
           from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id where c.patient_id = ?`,
        [patient],
      );
      expect(rows).toHaveLength(drugs.length);
      // Decided before the feed: not used up, nothing paid. After it: the cap's use includes the 500 yuan.
      for (const r of rows) expect(r.exhausted_hit ? Number(r.fund) === 0 : Number(r.used) >= 50_000).toBe(true);
      const paid = rows.reduce((s, r) => s + Number(r.fund), 0);
      expect(Number(l.fund)).toBe(paid);
      expect(paid + 50_000).toBeLessThanOrEqual(80_000);
    }
  });

  it('leaves the rollups equal to the raw tables', async () => {
    expect((await checkRollups(h.orm.em.fork())).mismatches).toEqual([]);
  });
});
