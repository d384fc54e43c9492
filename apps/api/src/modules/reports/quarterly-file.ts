/** The 附件5 Excel download: the query's region, quarter and filler fields, checked against the caller's scope. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { chinaToday, type Services } from '../../services';
import { periodOf } from '../statistics/statistics.service';
import { quarterlyRows } from './quarterly';
import { reportFormOf } from '../statistics/definition-sources';
import { quarterlyWorkbook, validateFiller, type Filler } from './quarterly-workbook';

export type ReportQuery = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function fillerOf(q: ReportQuery): Filler {
  const filler = { unit: text(q.fillerUnit), name: text(q.fillerName), phone: text(q.fillerPhone), date: text(q.reportDate) };
  validateFiller(filler);
  return filler;
}

export async function quarterlyFile(em: EntityManager, services: Services, scope: Scope, q: ReportQuery): Promise<{ file: Buffer; fileName: string }> {
  const period = periodOf(Number(q.year), Number(q.quarter));
  const { region, districts } = services.statistics.scopedRegion(scope, String(q.regionCode ?? ''));
  const filler = fillerOf(q);
  const rows = await quarterlyRows(em, districts, period.from, period.to);
  const city = services.regions.get(region.cityCode);
  const file = await quarterlyWorkbook(reportFormOf(region.cityCode, city?.name ?? region.cityCode).title, `${period.year}年第${period.quarter}季度`, region.name, rows, filler, chinaToday());
  return { file, fileName: `quarterly-${region.code}-${period.year}Q${period.quarter}.xlsx` };
}

/** The download link for the same report, carrying the filler fields. */
export function excelPath(regionCode: string, year: number, quarter: number, filler: Filler): string {
  const params = new URLSearchParams({ regionCode, year: String(year), quarter: String(quarter) });
  if (filler.unit) params.set('fillerUnit', filler.unit);
  if (filler.name) params.set('fillerName', filler.name);
  if (filler.phone) params.set('fillerPhone', filler.phone);
  if (filler.date) params.set('reportDate', filler.date);
  return `/reports/quarterly.xlsx?${params.toString()}`;
}
