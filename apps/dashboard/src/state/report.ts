// Lays the quarterly report's rows out as the 附件5 dispatch table: rows per benefit category,
// four columns per disease.
import type { QuarterlyReportQuery } from '../graphql/generated';

export type ReportRow = QuarterlyReportQuery['quarterlyReport']['rows'][number];
export type Category = ReportRow['category'];
export type ReportDisease = ReportRow['disease'];

export const reportCategories: readonly Category[] = ['SPECIAL', 'CHRONIC_PROGRAMME'];
export const reportDiseases: readonly ReportDisease[] = ['HYPERTENSION', 'DIABETES'];
export const reportColumns = ['managedPatients', 'beneficiaries', 'benefitUses', 'drugCostFen'] as const;
export type ReportColumn = (typeof reportColumns)[number];

/** cell(category, disease): the row's figures, summed if the API sent more than one row for the pair. */
export function reportMatrix(rows: readonly ReportRow[]): Record<Category, Record<ReportDisease, ReportRow | null>> {
  const matrix = {
    SPECIAL: { HYPERTENSION: null, DIABETES: null },
    CHRONIC_PROGRAMME: { HYPERTENSION: null, DIABETES: null },
  } as Record<Category, Record<ReportDisease, ReportRow | null>>;
  for (const row of rows) {
    const existing = matrix[row.category][row.disease];
    matrix[row.category][row.disease] = existing
      ? {
          ...existing,
          managedPatients: existing.managedPatients + row.managedPatients,
          beneficiaries: existing.beneficiaries + row.beneficiaries,
          benefitUses: existing.benefitUses + row.benefitUses,
          drugCostFen: existing.drugCostFen + row.drugCostFen,
          fundPaidFen: existing.fundPaidFen + row.fundPaidFen,
        }
      : row;
  }
  return matrix;
}

export function reportTotals(rows: readonly ReportRow[]): { drugCostFen: number; fundPaidFen: number } {
  return rows.reduce((t, r) => ({ drugCostFen: t.drugCostFen + r.drugCostFen, fundPaidFen: t.fundPaidFen + r.fundPaidFen }), {
    drugCostFen: 0,
    fundPaidFen: 0,
  });
}

/** File name for the download when the API sends no Content-Disposition. */
export function reportFileName(regionName: string, year: number, quarter: number): string {
  return `附件5-${regionName.replace(/[\\/:*?"<>|]/g, '_')}-${year}Q${quarter}.xlsx`;
}
