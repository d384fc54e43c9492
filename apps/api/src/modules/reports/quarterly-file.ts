/** The 附件5 Excel download: the query's region, quarter and filler fields, checked against the caller's scope. */
import type { RequestReads } from '../../db/replica';
import type { Scope } from '../../auth/scope';
import { forbidden } from '../../errors';
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

/**
 * 附件5 is the bureau's report to the level above (Guiyang plan 七(三)): a region's figures, which
 * no institution files and which are not an institution's. Operators are refused it, on screen and
 * as a file, rather than given a form that would read as their district's.
 */
export function assertReportReader(scope: Scope): void {
  if (scope.institutionOnly !== null)
    throw forbidden(
      'The quarterly report (附件5) is the bureau’s report of a region, not an institution’s',
      '附件5调度表由医保部门按地区报送，医疗机构无权查看',
    );
}

export async function quarterlyFile(reads: RequestReads, services: Services, scope: Scope, q: ReportQuery): Promise<{ file: Buffer; fileName: string }> {
  assertReportReader(scope);
  const period = periodOf(Number(q.year), Number(q.quarter));
  const { region, districts } = services.statistics.scopedRegion(scope, String(q.regionCode ?? ''));
  const filler = fillerOf(q);
  const rows = await reads.run((em) => quarterlyRows(em, districts, period.from, period.to));
  const city = services.regions.get(region.cityCode);
  const file = await quarterlyWorkbook(
    reportFormOf(region.cityCode, city?.name ?? region.cityCode).title,
    `${period.year}年第${period.quarter}季度`,
    region.name,
    rows,
    filler,
    chinaToday(),
  );
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
