import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';

let h: Harness;
let bureau: string;
let leader: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  leader = await h.token({ role: 'city_leadership' });
});
afterAll(async () => h.close());

const IMPORT = `mutation($i: ImportInstitutionsInput!) { importInstitutions(input: $i) { applied totalRows created updated unchanged granted withdrawn problems { rowNo column code } } }`;
type Result = {
  importInstitutions: {
    applied: boolean;
    totalRows: number;
    created: number;
    updated: number;
    unchanged: number;
    granted: number;
    withdrawn: number;
    problems: { rowNo: number; column: string; code: string }[];
  };
};

const HEADER = '机构编码,机构名称,机构级别,区县编码,街道编码,医联体编码,可开展两病诊疗,医保定点,诊疗资格日期,诊疗资格依据';
const GOOD = [
  'I-LX-V1,崇安寺一村卫生室,村卫生室,320213,320213001,C1,否,是,,',
  'I-LX-T1,崇安寺卫生院,乡镇卫生院,320213,320213001,,是,是,2025-01-01,锡卫基层〔2025〕1号',
];
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const count = async (like: string) => Number((await h.sql<{ n: string }>(`select count(*) as n from institutions where id like ?`, [like]))[0]!.n);

describe('importInstitutions (CSV / Excel)', () => {
  it('refuses the whole file when any row has a problem, each named by row number and column', async () => {
    const bad = csv(
      ...GOOD,
      'I-LX-BAD,某卫生室,卫生所,320213,320281001,,也许,是,,', // row 4: level, street in another district, yes/no
      'I-JY-1,澄江卫生室,村卫生室,320281,,,否,是,,', // row 5: another district's
      'I-LX-V1,重复,村卫生室,320213,,,否,是,,', // row 6: the id again
      ',无编码,村卫生室,320213,,,否,是,2025-13-01,', // row 7: no id, a bad date
    );
    const r = await h.gql<Result>(bureau, IMPORT, { i: { csv: bad } });
    expect(r.errors).toBeUndefined();
    const x = r.data!.importInstitutions;
    expect(x.applied).toBe(false);
    expect(x.totalRows).toBe(6);
    expect(x.problems).toEqual([
      { rowNo: 4, column: '机构级别', code: 'INVALID_LEVEL' },
      { rowNo: 4, column: '可开展两病诊疗', code: 'INVALID_YES_NO' },
      { rowNo: 4, column: '街道编码', code: 'INVALID_VALUE' },
      { rowNo: 5, column: '区县编码', code: 'FORBIDDEN' },
      { rowNo: 6, column: '机构编码', code: 'DUPLICATE_ROW' },
      { rowNo: 7, column: '机构编码', code: 'INVALID_VALUE' },
      { rowNo: 7, column: '诊疗资格日期', code: 'INVALID_VALUE' },
    ]);
    expect(await count('I-LX-%1')).toBe(0);
    expect(await h.sql(`select 1 from audit_log where action like 'institution.%'`)).toHaveLength(0);
  });

  it('stores the good rows with acceptValidRows, grants the qualification from the row’s date, and audits each', async () => {
    const r = await h.gql<Result>(bureau, IMPORT, { i: { csv: csv(...GOOD, 'I-LX-BAD,某卫生室,卫生所,320213,,,否,是,,'), acceptValidRows: true } });
    expect(r.data!.importInstitutions).toMatchObject({
      applied: true,
      created: 2,
      updated: 0,
      unchanged: 0,
      granted: 1,
      withdrawn: 0,
      problems: [{ rowNo: 4, column: '机构级别', code: 'INVALID_LEVEL' }],
    });
    const [t1] = await h.sql<{ level: string; can_treat_two_diseases: boolean }>(`select level, can_treat_two_diseases from institutions where id = 'I-LX-T1'`);
    expect(t1).toEqual({ level: 'township_health_centre', can_treat_two_diseases: true });
    expect(
      await h.sql(`select to_char(granted_from, 'YYYY-MM-DD') as f, grant_source as s from institution_treatment_grants where institution_id = 'I-LX-T1'`),
    ).toEqual([{ f: '2025-01-01', s: '锡卫基层〔2025〕1号' }]);
    expect(await h.sql(`select entity_id from audit_log where action = 'institution.import.create' order by entity_id`)).toEqual([
      { entity_id: 'I-LX-T1' },
      { entity_id: 'I-LX-V1' },
    ]);
  });

  it('changes nothing when the same file comes again', async () => {
    const auditsBefore = (await h.sql(`select 1 from audit_log`)).length;
    const r = await h.gql<Result>(bureau, IMPORT, { i: { csv: csv(...GOOD) } });
    expect(r.data!.importInstitutions).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2, granted: 0, withdrawn: 0, problems: [] });
    expect((await h.sql(`select 1 from audit_log`)).length).toBe(auditsBefore);
    expect(await h.sql(`select 1 from institution_treatment_grants where institution_id = 'I-LX-T1'`)).toHaveLength(1);
  });

  it('brings a known institution to the row: a new name, the qualification withdrawn on the row’s date', async () => {
    const r = await h.gql<Result>(leader, IMPORT, { i: { csv: csv('I-LX-T1,崇安寺中心卫生院,乡镇卫生院,320213,320213001,,否,是,2025-06-01,年度考核未通过') } });
    expect(r.data!.importInstitutions).toMatchObject({ applied: true, updated: 1, withdrawn: 1 });
    expect(
      await h.sql(
        `select name, to_char(g.withdrawn_on, 'YYYY-MM-DD') as w from institutions i join institution_treatment_grants g on g.institution_id = i.id where i.id = 'I-LX-T1'`,
      ),
    ).toEqual([{ name: '崇安寺中心卫生院', w: '2025-06-01' }]);
    const moved = await h.gql<Result>(leader, IMPORT, { i: { csv: csv('I-LX-T1,崇安寺中心卫生院,乡镇卫生院,320281,,,否,是,,') } });
    expect(moved.data!.importInstitutions.problems).toEqual([{ rowNo: 2, column: '区县编码', code: 'DISTRICT_CHANGED' }]);
  });

  it('reads an Excel workbook, reporting the sheet’s row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('机构');
    ws.addRow(['机构名册']);
    ws.addRow(HEADER.split(','));
    ws.addRow(['I-LX-X1', '崇安寺二村卫生室', '村卫生室', '320213', '320213001', '', '否', '是']);
    ws.addRow(['I-LX-X2', '', '村卫生室', '320213', '', '', '否', '是']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    // The title row is read as the header and lacks the columns: the file is refused naming them.
    const titled = await h.gql<{ errors?: { extensions: { field: string } }[] }>(bureau, IMPORT, { i: { excelBase64: base64 } });
    expect(titled.errors?.[0]?.extensions.field).toBe('file');
    ws.spliceRows(1, 1);
    const r = await h.gql<Result>(bureau, IMPORT, { i: { excelBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') } });
    expect(r.data!.importInstitutions).toMatchObject({ applied: false, problems: [{ rowNo: 3, column: '机构名称', code: 'INVALID_VALUE' }] });
  });
});
