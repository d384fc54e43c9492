// Drug availability (G-7 配得齐、开得出) as a heat map: institutions (rows) × catalogue drugs
// (columns), each cell coloured by whether the drug is allowed at the institution's level and
// whether it was dispensed there in the quarter.
import type { Locale } from '../../api/types';
import type { AvailabilityStatus } from '../../graphql/generated';
import { escapeHtml, formatCount } from './format';
import type { ChartOption, TooltipParam } from './types';

/** The API's heat-map codes (DrugAvailability.heatmap): 0 not allowed … 3 dispensed out of scope. */
export const availabilityCodes: Readonly<Record<AvailabilityStatus, number>> = {
  NOT_ALLOWED: 0,
  NOT_DISPENSED: 1,
  DISPENSED: 2,
  DISPENSED_OUT_OF_SCOPE: 3,
};
const statusByCode = Object.fromEntries(Object.entries(availabilityCodes).map(([s, c]) => [c, s])) as Record<number, AvailabilityStatus>;
const colours: Readonly<Record<AvailabilityStatus, string>> = {
  NOT_ALLOWED: '#e5e7eb',
  NOT_DISPENSED: '#f4a259',
  DISPENSED: '#2e8b57',
  DISPENSED_OUT_OF_SCOPE: '#c0392b',
};

export interface HeatmapDrug {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface HeatmapRow {
  name: string;
  cells: readonly { drugIndex: number; status: AvailabilityStatus; linesHere: number; patientsElsewhere: number }[];
}

export interface HeatmapLabels {
  statuses: Readonly<Record<AvailabilityStatus, string>>;
  linesHere: string;
  patientsElsewhere: string;
}

export interface HeatmapInput {
  drugs: readonly HeatmapDrug[];
  rows: readonly HeatmapRow[];
  labels: HeatmapLabels;
  locale: Locale;
}

/** [drugIndex, rowIndex, code] triples, the shape ECharts' heat map takes (x, y, value). */
export function heatmapData(rows: readonly HeatmapRow[]): [number, number, number][] {
  return rows.flatMap((row, y) => row.cells.map((c): [number, number, number] => [c.drugIndex, y, availabilityCodes[c.status]]));
}

/** Height that gives every institution a readable row. */
export function heatmapHeight(rows: number): number {
  return Math.max(240, rows * 18 + 150);
}

export function buildAvailabilityHeatmapOption(input: HeatmapInput): ChartOption {
  const { drugs, rows, labels, locale } = input;
  const drugName = (d: HeatmapDrug) => (locale === 'zh' ? d.nameZh : d.nameEn);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const { value } = raw as TooltipParam;
        if (!Array.isArray(value)) return '';
        const [x, y] = value as [number, number, number];
        const row = rows[y];
        const drug = drugs[x];
        const cell = row?.cells.find((c) => c.drugIndex === x);
        if (!row || !drug || !cell) return '';
        return [
          `<b>${escapeHtml(row.name)}</b>`,
          `${escapeHtml(drugName(drug))} <span style="opacity:.7">${escapeHtml(drug.code)}</span>`,
          escapeHtml(labels.statuses[cell.status]),
          `${escapeHtml(labels.linesHere)}: ${formatCount(cell.linesHere)}`,
          `${escapeHtml(labels.patientsElsewhere)}: ${formatCount(cell.patientsElsewhere)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', position: 'top', data: drugs.map(drugName), axisLabel: { rotate: 90, fontSize: 9, interval: 0 }, splitArea: { show: false } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { fontSize: 11, interval: 0 } },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      top: 0,
      dimension: 2,
      pieces: ([0, 1, 2, 3] as const).map((code) => {
        const status = statusByCode[code]!;
        return { value: code, label: labels.statuses[status], color: colours[status] };
      }),
    },
    series: [
      {
        type: 'heatmap',
        data: heatmapData(rows),
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#1f2937', borderWidth: 1 } },
      },
    ],
  };
}
