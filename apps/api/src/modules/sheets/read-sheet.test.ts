import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { readCsvSheet, readXlsxSheet, type SheetSpec } from './read-sheet';

type Col = 'id' | 'name' | 'note';
const SPEC: SheetSpec<Col> = {
  headers: { id: ['编码', 'id'], name: ['名称', 'name'], note: ['备注', 'note'] },
  missing: (found) => (['id', 'name'] as const).filter((c) => !found.has(c)).map((c) => SPEC.headers[c][0]!),
  maxRows: 3,
};

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? (e.extensions as { field?: string }).field : 'not an AppError';
  }
  return 'no error';
};

describe('readCsvSheet', () => {
  it('reads rows by header (Chinese or English, any order), numbered as the file numbers them, blank rows skipped', () => {
    const rows = readCsvSheet('\uFEFF名称 , ID\n"甲, 一",A1\n\n乙,A2\n', SPEC);
    expect(rows).toEqual([
      { rowNo: 2, cells: { id: 'A1', name: '甲, 一', note: '' }, numeric: { id: false, name: false, note: false } },
      { rowNo: 4, cells: { id: 'A2', name: '乙', note: '' }, numeric: { id: false, name: false, note: false } },
    ]);
  });

  it('refuses a header without a required column, an empty file and too many rows, naming the field', () => {
    expect(() => readCsvSheet('名称\n甲', SPEC)).toThrow(/lacks: 编码/);
    expect(fieldOf(() => readCsvSheet('名称\n甲', SPEC))).toBe('file');
    expect(fieldOf(() => readCsvSheet('', SPEC))).toBe('file');
    expect(() => readCsvSheet('id,name\n1,a\n2,b\n3,c\n4,d', SPEC)).toThrow(/at most 3 rows/);
  });
});

describe('readXlsxSheet', () => {
  it('numbers rows as the sheet does and marks a cell that held a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('list');
    ws.getRow(2).values = ['编码', '名称'];
    ws.getRow(3).values = [520102195003, '甲'];
    const rows = await readXlsxSheet(Buffer.from(await wb.xlsx.writeBuffer()), SPEC);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rowNo).toBe(3);
    expect(rows[0]!.numeric.id).toBe(true);
    expect(rows[0]!.cells.name).toBe('甲');
  });

  it('names the argument the workbook came in when it is not one', async () => {
    await expect(readXlsxSheet(Buffer.from('not a workbook'), SPEC, 'input.excelBase64')).rejects.toMatchObject({ extensions: { field: 'input.excelBase64' } });
  });
});
