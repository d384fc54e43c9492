import { describe, expect, it } from 'vitest';
import { completeMonths, project } from './fund.projection';

describe('completeMonths', () => {
  it('counts a month complete from its last day on', () => {
    expect(completeMonths(2025, '2025-01-30')).toBe(0);
    expect(completeMonths(2025, '2025-01-31')).toBe(1);
    expect(completeMonths(2024, '2024-02-29')).toBe(2);
    expect(completeMonths(2025, '2025-09-30')).toBe(9);
    expect(completeMonths(2025, '2025-10-15')).toBe(9);
  });

  it('is 0 for a year not begun and 12 for a year past', () => {
    expect(completeMonths(2026, '2025-12-31')).toBe(0);
    expect(completeMonths(2024, '2025-03-01')).toBe(12);
  });
});

describe('project', () => {
  it('adds the average of the last three complete months for each month left', () => {
    // Jan–Sep complete: 100 … 900; October has begun with 50 paid so far.
    const monthly = [100, 200, 300, 400, 500, 600, 700, 800, 900, 50];
    const p = project(monthly, 9, 10, 12_000);
    expect(p.runRateFen).toBe(800); // (700 + 800 + 900) / 3
    expect(p.projectedYearEndFen).toBe(4500 + 800 * 3);
    expect(p.paidToDateFen).toBe(4550);
    expect(p.months[8]).toEqual({ month: 9, fundPaidFen: 900, cumulativeFen: 4500, projectedCumulativeFen: 4500, budgetLineFen: 9000 });
    // The partial month shows what was paid, and the projection continues from the complete months.
    expect(p.months[9]).toEqual({ month: 10, fundPaidFen: 50, cumulativeFen: 4550, projectedCumulativeFen: 5300, budgetLineFen: 10_000 });
    expect(p.months[11]).toEqual({ month: 12, fundPaidFen: null, cumulativeFen: null, projectedCumulativeFen: 6900, budgetLineFen: 12_000 });
  });

  it('uses the months there are when fewer than three are complete, and projects nothing before the first', () => {
    expect(project([300, 10], 1, 2, null).projectedYearEndFen).toBe(300 * 12);
    const none = project([10], 0, 1, null);
    expect(none.runRateFen).toBeNull();
    expect(none.projectedYearEndFen).toBeNull();
    expect(none.months[0]!.projectedCumulativeFen).toBeNull();
    expect(none.months[0]!.budgetLineFen).toBeNull();
  });

  it('projects a past year as what was paid', () => {
    const monthly = Array.from({ length: 12 }, (_, i) => (i + 1) * 10);
    const p = project(monthly, 12, 12, null);
    expect(p.projectedYearEndFen).toBe(780);
    expect(p.paidToDateFen).toBe(780);
  });
});
