import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '@liangbing/policy';
import { startHarness, SUBMIT, claimInput, TODAY, type Harness } from '../../../test/harness';
import type { Viewer } from '../../auth/tokens';
import { checkRollups } from '../statistics/rollup.check';
import { materialise } from '../statistics/rollup.build';
import { runHistoryImport } from './history.import';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => h?.close());

const importer: Viewer = { userId: 'importer-1', role: 'history_importer', cityCode: '320200', districtCode: null, institutionId: null };
const P10 = makeResidentId('320213', '1960-02-02', 17, 'male');
const line = (o: Record<string, unknown>) => JSON.stringify(o);
const claim = (key: string, patientId: string, serviceDate: string, amountFen: number, fundFen: number) =>
  line({
    kind: 'claim',
    districtCode: '320213',
    key,
    patientId,
    institutionId: 'I-LX-CHC',
    serviceDate,
    pathway: 'designated',
    lines: [{ drugCode: 'amlodipine', form: 'oral', quantity: 30, daysSupply: 30, amountFen }],
    fundFen,
  });

const FILE = [
  line({
    kind: 'patient',
    districtCode: '320213',
    id: 'P10',
    residentId: P10,
    name: '赵历史',
    streetCode: '320213001',
    scheme: 'resident',
    managed: true,
    managedSince: '2019-05-01',
    managingInstitutionId: 'I-LX-CHC',
    diseases: [{ disease: 'hypertension', diagnosedOn: '1998-04-01' }],
  }),
  line({
    kind: 'certification',
    districtCode: '320213',
    patientId: 'P10',
    certificateNo: 'H-0010',
    certifiedOn: '2019-06-01',
    institutionId: 'I-LX-CHC',
    diseases: ['hypertension'],
  }),
  // back-dated: requested and in force long before today (a user's designateInstitution refuses this)
  line({
    kind: 'designation',
    districtCode: '320213',
    patientId: 'P10',
    institutionId: 'I-LX-CHC',
    validFrom: '2024-01-01',
    requestedOn: '2023-12-01',
    atEnrolment: true,
  }),
  line({ kind: 'generalOutpatient', districtCode: '320213', patientId: 'P10', year: 2025, fundPaidFen: 0, exhausted: true }),
  line({
    kind: 'followUp',
    districtCode: '320213',
    key: 'FU-10-1',
    patientId: 'P10',
    institutionId: 'I-LX-CHC',
    date: '2025-02-01',
    faceToFace: true,
    systolic: 150,
    diastolic: 92,
  }),
  // the old system paid nothing where the core pays: a disagreement, stored with the old amounts
  claim('OLD-1', 'P10', '2025-02-01', 1000, 0),
  // P1 (seeded; 200 yuan of general outpatient used, cap 800 yuan): the old system paid the cap's remaining 600 yuan
  claim('OLD-2', 'P1', '2025-02-10', 100_000, 60_000),
  // bad rows, each refused with its code and nothing of it written
  '{not json',
  line({
    kind: 'claim',
    districtCode: '320213',
    key: 'OLD-3',
    patientId: 'P1',
    institutionId: 'I-LX-CHC',
    serviceDate: '2025-02-11',
    pathway: 'designated',
    lines: [{ drugCode: 'nope', form: 'oral', quantity: 1, daysSupply: 30, amountFen: 10 }],
    fundFen: 0,
  }),
  claim('OLD-4', 'NOBODY', '2025-02-12', 1000, 0),
  line({
    kind: 'claim',
    districtCode: '520102',
    key: 'OLD-5',
    patientId: 'G1',
    institutionId: 'I-LX-CHC',
    serviceDate: '2025-02-12',
    pathway: 'designated',
    lines: [{ drugCode: 'amlodipine', form: 'oral', quantity: 30, daysSupply: 30, amountFen: 1000 }],
    fundFen: 0,
  }),
  claim('OLD-6', 'P1', '2027-01-01', 1000, 0),
];

async function* linesOf(rows: readonly string[]) {
  for (const r of rows) yield r;
}

const run = (rows: readonly string[], viewer: Viewer = importer, resume = true) =>
  runHistoryImport(h.orm.em.fork(), linesOf(rows), { viewer, source: 'test.ndjson', today: TODAY, overrides: [], chunkRows: 4, resume });

describe('history import', () => {
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    await materialise(h.orm.em.fork(), '320213', 2025);
    first = await run(FILE);
  });

  it('stores the good rows whole, refuses the bad ones each with its row, field and code, and counts every row', async () => {
    expect(first).toMatchObject({ rowsRead: 12, rowsAccepted: 7, rowsRejected: 5, rowsAlreadyStored: 0, claimsStored: 2 });
    const problems = await h.sql<{ row_no: string; field: string; code: string }>(
      `select row_no, field, code from history_import_problems where import_id = ? order by row_no`,
      [first.id],
    );
    expect(problems.map((p) => [Number(p.row_no), p.field, p.code])).toEqual([
      [8, '', 'not_json'],
      [9, 'lines[0].drugCode', 'unknown_drug'],
      [10, 'patientId', 'unknown_patient'],
      [11, 'districtCode', 'unknown_district'],
      [12, 'serviceDate', 'future_date'],
    ]);
    const stored = await h.sql<{ idempotency_key: string; fund_fen: string; patient_fen: string }>(
      `select idempotency_key, fund_fen, patient_fen from claims where submitted_by like 'history-import:%' order by 1`,
    );
    expect(stored.map((c) => [c.idempotency_key, Number(c.fund_fen), Number(c.patient_fen)])).toEqual([
      ['history:OLD-1', 0, 1000],
      ['history:OLD-2', 60_000, 40_000],
    ]);
    const [p] = await h.sql<{ n: string }>(
      `select count(*) as n from claims where idempotency_key in ('history:OLD-3', 'history:OLD-4', 'history:OLD-5', 'history:OLD-6')`,
    );
    expect(Number(p!.n)).toBe(0);
    const [d] = await h.sql<{ valid_from: string; requested_on: string }>(
      `select to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(requested_on, 'YYYY-MM-DD') as requested_on from designations where patient_id = 'P10'`,
    );
    expect(d).toEqual({ valid_from: '2024-01-01', requested_on: '2023-12-01' });
  });

  it('reports where the old system paid otherwise than the policy core, and keeps the old amounts in the ledger', async () => {
    const rows = await h.sql<{ claim_key: string; old_fund_fen: string; core_fund_fen: string }>(
      `select claim_key, old_fund_fen, core_fund_fen from history_disagreements where import_id = ?`,
      [first.id],
    );
    expect(rows.map((r) => r.claim_key)).toEqual(['OLD-1']);
    expect(Number(rows[0]!.old_fund_fen)).toBe(0);
    expect(Number(rows[0]!.core_fund_fen)).toBeGreaterThan(0);
    const [l] = await h.sql<{ fund_paid_fen: string; claims_paid: number }>(
      `select fund_paid_fen, claims_paid from benefit_ledger where patient_id = 'P1' and year = 2025`,
    );
    expect([Number(l!.fund_paid_fen), l!.claims_paid]).toEqual([60_000, 1]);
  });

  it('leaves the rollups equal to the raw tables (rebuilt once at the end) and the statistics at the hand-computed figures', async () => {
    expect(first.rebuilt).toEqual([{ districtCode: '320213', year: 2025 }]);
    const check = await checkRollups(h.orm.em.fork(), { districts: ['320213'], years: [2025] });
    expect(check.comparisons).toBeGreaterThan(0);
    expect(check.mismatches).toEqual([]);
    const token = await h.token({ role: 'district_bureau', districtCode: '320213' });
    const a = await h.gql(token, `{ statistics(regionCode: "320213", year: 2025, quarter: 1) { indicators { fundPaidFen drugCostFen knownPatients } } }`);
    // fund 0 + 60 000; cost 1 000 + 100 000; known patients: P1, P2 and the imported P10
    expect(a.data?.statistics).toEqual({ indicators: { fundPaidFen: 60_000, drugCostFen: 101_000, knownPatients: 3 } });
  });

  it('a claim detail and notice of an imported claim read as for any claim', async () => {
    const [c] = await h.sql<{ id: string }>(`select id from claims where idempotency_key = 'history:OLD-2'`);
    const token = await h.token({ role: 'district_bureau', districtCode: '320213' });
    const a = await h.gql(token, `query($id: ID!) { claim(id: $id) { fundFen patientFen capRemainingFen hits { code } notice { titleZh } } }`, { id: c!.id });
    expect(a.errors).toBeUndefined();
    expect(a.data?.claim).toMatchObject({ fundFen: 60_000, patientFen: 40_000, capRemainingFen: 0, notice: { titleZh: expect.stringMatching(/./) } });
  });

  it('a rerun writes nothing twice', async () => {
    const again = await run(FILE, importer, false);
    expect(again).toMatchObject({ rowsRead: 12, rowsRejected: 5, claimsStored: 0 });
    // the general-outpatient position is set, not added: accepted again, changing nothing
    expect(again.rowsAlreadyStored).toBe(6);
    const [n] = await h.sql<{ n: string }>(`select count(*) as n from claims where submitted_by like 'history-import:%'`);
    expect(Number(n!.n)).toBe(2);
    const [l] = await h.sql<{ fund_paid_fen: string }>(`select fund_paid_fen from benefit_ledger where patient_id = 'P1' and year = 2025`);
    expect(Number(l!.fund_paid_fen)).toBe(60_000);
    expect((await checkRollups(h.orm.em.fork(), { districts: ['320213'], years: [2025] })).mismatches).toEqual([]);
  });

  it('a live claim afterwards sees the cap the imported claims used', async () => {
    const token = await h.token({ role: 'district_bureau', districtCode: '320213' });
    const a = await h.gql(token, SUBMIT, { input: claimInput({ serviceDate: '2025-05-01' }) });
    expect(a.errors).toBeUndefined();
    expect(a.data?.submitClaim).toMatchObject({ claim: { fundFen: 0, capRemainingFen: 0 } });
  });

  it('back-dating: refused to a district bureau, accepted from the import role; other roles may not import, the importer may not write otherwise', async () => {
    const bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
    const back = await h.gql(bureau, `mutation { designateInstitution(patientId: "P10", institutionId: "I-LX-CHC", effectiveFrom: "2024-06-01") { id } }`);
    expect(back.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(JSON.stringify(back.errors?.[0]?.extensions?.detail)).toContain('EFFECTIVE_BEFORE_REQUEST');
    const imported = await run(
      [line({ kind: 'designation', districtCode: '320213', patientId: 'P10', institutionId: 'I-LX-CHC', validFrom: '2024-06-01', requestedOn: '2024-05-01' })],
      importer,
      false,
    );
    expect(imported).toMatchObject({ rowsAccepted: 1, rowsRejected: 0 });
    await expect(run(FILE, { ...importer, role: 'district_bureau', districtCode: '320213' })).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const asImporter = await h.token({ role: 'history_importer' });
    const write = await h.gql(asImporter, `mutation { designateInstitution(patientId: "P10", institutionId: "I-LX-CHC", effectiveFrom: "2025-07-01") { id } }`);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(write.errors?.[0]?.extensions?.code);
    const read = await h.gql(asImporter, `{ patient(id: "P10") { id } }`);
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a district-scoped importer imports only its district', async () => {
    const r = await run([claim('OLD-7', 'P3', '2025-03-01', 1000, 0).replace('"320213"', '"320281"')], { ...importer, districtCode: '320213' }, false);
    expect(r).toMatchObject({ rowsRejected: 1, claimsStored: 0 });
    const [p] = await h.sql<{ code: string }>(`select code from history_import_problems where import_id = ?`, [r.id]);
    expect(p!.code).toBe('outside_scope');
  });
});
