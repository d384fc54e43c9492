import { describe, expect, it } from 'vitest';
import { availabilityCodes, buildAvailabilityHeatmapOption, heatmapData, heatmapHeight, type HeatmapRow } from './availability';
import { callFormatter } from '../../test/fixtures';

const drugs = [
  { code: 'amlodipine', nameZh: '氨氯地平', nameEn: 'Amlodipine' },
  { code: 'insulin', nameZh: '胰岛素', nameEn: 'Insulin' },
];
const rows: HeatmapRow[] = [
  {
    name: '东亭社区卫生服务中心',
    cells: [
      { drugIndex: 0, status: 'DISPENSED', linesHere: 12, patientsElsewhere: 0 },
      { drugIndex: 1, status: 'NOT_DISPENSED', linesHere: 0, patientsElsewhere: 3 },
    ],
  },
  {
    name: '华墅村卫生室',
    cells: [
      { drugIndex: 0, status: 'DISPENSED_OUT_OF_SCOPE', linesHere: 1, patientsElsewhere: 0 },
      { drugIndex: 1, status: 'NOT_ALLOWED', linesHere: 0, patientsElsewhere: 0 },
    ],
  },
];
const labels = {
  statuses: { DISPENSED: '已配备', NOT_DISPENSED: '未配备', NOT_ALLOWED: '不在本级范围', DISPENSED_OUT_OF_SCOPE: '超范围配药' },
  linesHere: '本机构处方行',
  patientsElsewhere: '外购患者',
};

describe('availability heat map', () => {
  it('puts each cell at (drug, institution) with the API’s status code', () => {
    expect(heatmapData(rows)).toEqual([
      [0, 0, 2],
      [1, 0, 1],
      [0, 1, 3],
      [1, 1, 0],
    ]);
    expect(availabilityCodes.NOT_ALLOWED).toBe(0);
  });

  it('names drugs in the locale, one legend piece per status, a row per institution', () => {
    const option = buildAvailabilityHeatmapOption({ drugs, rows, labels, locale: 'zh' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['氨氯地平', '胰岛素']);
    expect((option.yAxis as { data: string[] }).data).toEqual(['东亭社区卫生服务中心', '华墅村卫生室']);
    const pieces = (option.visualMap as { pieces: { value: number; label: string }[] }).pieces;
    expect(pieces.map((p) => [p.value, p.label])).toEqual([
      [0, '不在本级范围'],
      [1, '未配备'],
      [2, '已配备'],
      [3, '超范围配药'],
    ]);
    expect((buildAvailabilityHeatmapOption({ drugs, rows, labels, locale: 'en' }).xAxis as { data: string[] }).data[1]).toBe('Insulin');
  });

  it('explains a cell: institution, drug, status and the patients who got it elsewhere', () => {
    const option = buildAvailabilityHeatmapOption({ drugs, rows, labels, locale: 'zh' });
    const html = callFormatter(option.tooltip, { dataIndex: 1, value: [1, 0, 1] });
    expect(html).toContain('东亭社区卫生服务中心');
    expect(html).toContain('胰岛素');
    expect(html).toContain('未配备');
    expect(html).toContain('外购患者: 3');
    expect(heatmapHeight(40)).toBe(870);
    expect(heatmapHeight(2)).toBe(240);
  });
});
