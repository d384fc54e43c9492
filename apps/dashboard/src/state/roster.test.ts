import { describe, expect, it } from 'vitest';
import { bytesToBase64, canRecordReason, countOf, decodeCsv, parseRosterQuery, rosterFormat, rosterPayload } from './roster';

describe('roster file', () => {
  it('sends CSV as text and Excel as base64, and refuses other files', () => {
    expect(rosterFormat('名单.CSV')).toBe('csv');
    expect(rosterFormat('list.xlsx')).toBe('xlsx');
    expect(rosterFormat('old.xls')).toBeNull();
    expect(rosterFormat('noext')).toBeNull();
    const bytes = new TextEncoder().encode('身份证号,姓名\n');
    expect(rosterPayload('a.csv', bytes)).toEqual({ csv: '身份证号,姓名\n' });
    expect(rosterPayload('a.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]))).toEqual({ excelBase64: 'UEsDBA==' });
    expect(rosterPayload('a.pdf', bytes)).toBeNull();
  });

  it('reads a GBK-encoded list as Chinese text', () => {
    // "高血压" in GB18030
    const gbk = new Uint8Array([0xb8, 0xdf, 0xd1, 0xaa, 0xd1, 0xb9]);
    expect(decodeCsv(gbk)).toBe('高血压');
    expect(decodeCsv(new TextEncoder().encode('糖尿病'))).toBe('糖尿病');
  });

  it('encodes large files to base64 in chunks without losing bytes', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(Buffer.from(bytesToBase64(bytes), 'base64').equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('roster outcomes', () => {
  it('records a reason only for people not insured', () => {
    expect(canRecordReason('TO_MOBILISE')).toBe(true);
    expect(canRecordReason('EXEMPT')).toBe(true);
    expect(canRecordReason('TO_CERTIFY')).toBe(false);
    expect(countOf([{ outcome: 'EXEMPT', count: 2 }], 'EXEMPT')).toBe(2);
    expect(countOf([], 'TO_CERTIFY')).toBe(0);
  });

  it('opens on the list to certify', () => {
    expect(parseRosterQuery({})).toEqual({ importId: null, outcome: 'TO_CERTIFY', district: null });
    expect(parseRosterQuery({ import: 'abc-1', outcome: 'TO_MOBILISE', district: '320205' })).toEqual({
      importId: 'abc-1',
      outcome: 'TO_MOBILISE',
      district: '320205',
    });
  });
});
