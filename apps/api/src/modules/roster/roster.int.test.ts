/** Roster matching against PostgreSQL: outcomes of 附件2 item 3, bad rows, all-or-nothing, same file again, bulk certification. */
import ExcelJS from 'exceljs';
import { makeResidentId } from '@liangbing/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { ensureMaterialised } from '../statistics/rollup.build';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let bureau: string;
const id = (seq: number, birth = '1960-01-01') => makeResidentId('320213', birth, seq, 'male');
const P4 = id(41);
const P5 = id(51);
const P6 = id(61);
const P7 = id(71);
const STRANGER = id(81);
// the harness's P1 and P3 are given IDs whose check digits hold (GB 11643)
const P1 = makeResidentId('320213', '1950-01-01', 1, 'male');
const P3 = makeResidentId('320281', '1960-05-05', 1, 'male');

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  await h.sql(`update patients set resident_id = ? where id = 'P1'`, [P1]);
  await h.sql(`update patients set resident_id = ? where id = 'P3'`, [P3]);
  // P4 insured, not certified; P5 in prison (recorded on the patient); P6 uninsured, no reason; P7 employees' scheme
  await h.sql(
    `insert into patients (district_code, id, resident_id, name, sex, birth_date, scheme, uninsured_reason, managed) values
    ('320213','P4',?, '赵四','male','1960-01-01','resident',null,true), ('320213','P5',?, '钱五','male','1960-01-01','uninsured','服刑',true),
    ('320213','P6',?, '孙六','male','1960-01-01','uninsured',null,true), ('320213','P7',?, '周七','male','1960-01-01','employee',null,true)`,
    [P4, P5, P6, P7],
  );
  await h.sql(`insert into patient_diseases values ('320213','P4','hypertension',null,'2018-01-01'), ('320213','P4','diabetes','type2','2019-01-01')`);
});
afterAll(async () => h.close());

const IMPORT = `mutation($d: String!, $csv: String, $x: String, $accept: Boolean!) { importRoster(districtCode: $d, csv: $csv, excelBase64: $x, fileName: "list", acceptValidRows: $accept) {
  replayed problems { rowNo code field } import { id seq acceptedRows rejectedRows totalRows counts { outcome count } } } }`;

type Imported = {
  importRoster: {
    replayed: boolean;
    problems: { rowNo: number; code: string; field: string }[];
    import: { id: string; seq: number; acceptedRows: number; rejectedRows: number; totalRows: number; counts: { outcome: string; count: number }[] } | null;
  };
};

const GOOD = [
  [P1, '王建国', '高血压', 'I-LX-CHC', ''],
  [P4, '赵四', '高血压、糖尿病', 'I-LX-H2', ''],
  [P5, '钱五', '高血压', '', '崇安寺社区卫生服务中心'],
  [P6, '孙六', '糖尿病', 'I-LX-CHC', ''],
  [P7, '周七', '高血压', 'I-LX-CHC', ''],
  [STRANGER, '吴八', '两病', 'I-LX-CHC', ''],
];
const header = '身份证号,姓名,病种,管理机构编码,管理机构';
const csvOf = (rows: string[][]) => [header, ...rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','))].join('\r\n');
const BAD = [
  ...GOOD,
  [`${P1.slice(0, 17)}${P1.endsWith('0') ? '1' : '0'}`, '坏号', '高血压', 'I-LX-CHC', ''], // check digit
  [P4, '赵四', '高血压', 'I-LX-CHC', ''], // duplicate of row 3
  [id(91), '郑九', '高血压', 'I-NOWHERE', ''], // unknown institution
  [P3, '张伟', '高血压', 'I-LX-CHC', ''], // 江阴's patient
  [id(92), '冯十', '心脏病', 'I-LX-CHC', ''], // not one of the two diseases
];

const countsOf = (r: Imported) => Object.fromEntries(r.importRoster.import!.counts.map((c) => [c.outcome, c.count]));

describe('importRoster', () => {
  it('a file with bad rows imports nothing and reports every bad row with its reason', async () => {
    const r = await h.gql<Imported>(bureau, IMPORT, { d: '320213', csv: csvOf(BAD), accept: false });
    expect(r.errors).toBeUndefined();
    expect(r.data!.importRoster.import).toBeNull();
    expect(r.data!.importRoster.problems.map((p) => [p.rowNo, p.code])).toEqual([
      [8, 'INVALID_RESIDENT_ID'],
      [9, 'DUPLICATE_IN_FILE'],
      [10, 'UNKNOWN_INSTITUTION'],
      [11, 'OTHER_DISTRICT_PATIENT'],
      [12, 'UNKNOWN_DISEASE'],
    ]);
    expect(await h.sql(`select 1 from roster_imports`)).toHaveLength(0);
  });

  it('with acceptValidRows the good rows are imported and the bad ones kept as problems; the same file again changes nothing', async () => {
    const first = await h.gql<Imported>(bureau, IMPORT, { d: '320213', csv: csvOf(BAD), accept: true });
    const imp = first.data!.importRoster.import!;
    expect(imp).toMatchObject({ totalRows: 11, acceptedRows: 6, rejectedRows: 5 });
    const again = await h.gql<Imported>(bureau, IMPORT, { d: '320213', csv: csvOf(BAD), accept: true });
    expect(again.data!.importRoster).toMatchObject({ replayed: true, import: { id: imp.id, seq: imp.seq } });
    const [n] = await h.sql<{ n: string }>(`select count(*) as n from roster_rows where import_id = ?::uuid`, [imp.id]);
    expect(Number(n!.n)).toBe(6);
  });

  it('an Excel file is matched into the outcomes of 附件2 item 3', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(header.split(','));
    for (const r of GOOD) ws.addRow(r);
    const x = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await h.gql<Imported>(bureau, IMPORT, { d: '320213', x, accept: false });
    expect(r.errors).toBeUndefined();
    expect(countsOf(r.data!)).toEqual({ CERTIFIED: 1, TO_CERTIFY: 1, DIAGNOSIS_MISSING: 0, EMPLOYEE_SCHEME: 1, TO_MOBILISE: 2, EXEMPT: 1 });
  });

  it('is the district bureau’s: another district or an institution may not import', async () => {
    const other = await h.token({ role: 'district_bureau', districtCode: '320281' });
    const inst = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    for (const t of [other, inst]) {
      const r = await h.gql(t, IMPORT, { d: '320213', csv: csvOf(GOOD), accept: false });
      expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
  });
});

describe('certifyInBulk and the uninsured ledger', () => {
  let importId: string;
  beforeAll(async () => {
    await ensureMaterialised(h.orm.em.fork(), ['320213'], 2025);
    const r = await h.gql<Imported>(bureau, IMPORT, { d: '320213', csv: csvOf(GOOD.slice(1)), accept: false });
    importId = r.data!.importRoster.import!.id;
  });

  it('certifies everyone insured but not certified in one action, with deterministic numbers, at a centre that may certify', async () => {
    const r = await h.gql<{ certifyInBulk: { certified: number; alreadyCertified: number; import: { seq: number } } }>(
      bureau,
      `mutation($i: ID!) { certifyInBulk(importId: $i) { certified alreadyCertified import { seq } } }`,
      { i: importId },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.certifyInBulk).toMatchObject({ certified: 1, alreadyCertified: 0 });
    const seq = String(r.data!.certifyInBulk.import.seq).padStart(4, '0');
    const certs = await h.sql<{ certificate_no: string; certifying_institution_id: string; diseases: string[] }>(
      `select certificate_no, certifying_institution_id, diseases from certifications where patient_id = 'P4'`,
    );
    // P4 is managed by the level-2 hospital, which may not certify (G-3): the district's first centre does
    expect(certs).toEqual([{ certificate_no: `RC-320213-${seq}-000002`, certifying_institution_id: 'I-LX-CHC', diseases: ['diabetes', 'hypertension'] }]);
    const again = await h.gql<{ certifyInBulk: { certified: number } }>(bureau, `mutation($i: ID!) { certifyInBulk(importId: $i) { certified } }`, {
      i: importId,
    });
    expect(again.data!.certifyInBulk.certified).toBe(0);
    expect(await h.sql(`select 1 from certifications where patient_id = 'P4'`)).toHaveLength(1);
    // the statistics' rollups followed the bulk certification
    const check = await checkRollups(h.orm.em.fork(), { districts: ['320213'], years: [2025] });
    expect(check.comparisons).toBeGreaterThan(0);
    expect(check.mismatches).toEqual([]);
  });

  it('records why a person is legitimately not insured, and refuses it for an insured one', async () => {
    const ROW = `mutation($i: ID!, $n: Int!, $r: UninsuredReason!) { recordUninsuredReason(importId: $i, rowNo: $n, reason: $r, note: "入伍") { rowNo outcome exemptReason residentId } }`;
    // row 6 is the stranger, unknown to the insurance rolls
    const r = await h.gql<{ recordUninsuredReason: { outcome: string; exemptReason: string; residentId: string } }>(bureau, ROW, {
      i: importId,
      n: 6,
      r: 'MILITARY_SERVICE',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordUninsuredReason).toMatchObject({ outcome: 'EXEMPT', exemptReason: 'MILITARY_SERVICE' });
    expect(r.data!.recordUninsuredReason.residentId).toContain('********');
    expect(await h.sql(`select reason, note from uninsured_ledger where resident_id = ?`, [STRANGER])).toEqual([{ reason: 'military_service', note: '入伍' }]);
    const insured = await h.gql(bureau, ROW, { i: importId, n: 2, r: 'INSURED_ELSEWHERE' });
    expect(insured.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('lists the rows of an outcome, and all rows page by page', async () => {
    type Page = { rosterImport: { rows: { nodes: { rowNo: number }[]; hasNextPage: boolean; endCursor: number } } };
    const Q = `query($i: ID!, $o: RosterOutcome, $a: Int) { rosterImport(id: $i) { rows(outcome: $o, first: 2, after: $a) { nodes { rowNo name } hasNextPage endCursor } } }`;
    const mobilise = await h.gql<Page>(bureau, Q, { i: importId, o: 'TO_MOBILISE' });
    expect(mobilise.data!.rosterImport.rows.nodes.map((n) => n.rowNo)).toEqual([4]);
    const p1 = await h.gql<Page>(bureau, Q, { i: importId });
    expect(p1.data!.rosterImport.rows).toMatchObject({ nodes: [{ rowNo: 2 }, { rowNo: 3 }], hasNextPage: true, endCursor: 3 });
    const p2 = await h.gql<Page>(bureau, Q, { i: importId, a: 3 });
    expect(p2.data!.rosterImport.rows.nodes.map((n) => n.rowNo)).toEqual([4, 5]);
  });
});
