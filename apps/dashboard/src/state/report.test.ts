import { describe, expect, it } from 'vitest';
import { reportFileName, reportMatrix, reportTotals, type ReportRow } from './report';

const row = (category: ReportRow['category'], disease: ReportRow['disease'], n: number): ReportRow => ({
  category,
  disease,
  managedPatients: n,
  beneficiaries: n - 1,
  benefitUses: n * 3,
  drugCostFen: n * 1000,
  fundPaidFen: n * 600,
});

describe('附件5 layout', () => {
  it('places rows by category and disease and leaves missing cells empty', () => {
    const m = reportMatrix([row('SPECIAL', 'HYPERTENSION', 10), row('CHRONIC_PROGRAMME', 'DIABETES', 4)]);
    expect(m.SPECIAL.HYPERTENSION?.managedPatients).toBe(10);
    expect(m.CHRONIC_PROGRAMME.DIABETES?.benefitUses).toBe(12);
    expect(m.SPECIAL.DIABETES).toBeNull();
    expect(m.CHRONIC_PROGRAMME.HYPERTENSION).toBeNull();
  });

  it('sums duplicate rows for one cell and totals money', () => {
    const rows = [row('SPECIAL', 'DIABETES', 2), row('SPECIAL', 'DIABETES', 3)];
    expect(reportMatrix(rows).SPECIAL.DIABETES).toMatchObject({ managedPatients: 5, beneficiaries: 3, drugCostFen: 5000 });
    expect(reportTotals(rows)).toEqual({ drugCostFen: 5000, fundPaidFen: 3000 });
  });

  it('names the file safely', () => {
    expect(reportFileName('南明区/测试', 2024, 3)).toBe('附件5-南明区_测试-2024Q3.xlsx');
  });
});
