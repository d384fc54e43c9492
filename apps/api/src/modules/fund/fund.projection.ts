/**
 * The year-end projection of fund paid from its run rate, and the monthly series a fund-watch chart
 * draws (actual, cumulative, projected cumulative, a straight-line budget). Pure: months in, figures out.
 */

/** The method in Chinese (PROJECTION_METHOD is the same in English). */
export const PROJECTION_METHOD_ZH =
  '按近期支出速度推算：本年已完整月份的基金支付，加上最近三个完整月份（不足三个月按已有月份）的月均支付乘以本年剩余月数；1月结束前不作预测。统计截止日为某月最后一天或之后时，该月计为完整月份。' +
  '预算进度线为年度预算平均分摊到十二个月。';

export const PROJECTION_METHOD =
  'run rate: fund paid in the complete months of the year so far, plus the average of the last three complete months (fewer when fewer have passed) ' +
  'times the months left in the year; no projection before the first month is complete. A month is complete when the as-of date is its last day or later. ' +
  'The budget line is the annual budget spread evenly over the twelve months.';

/** How many months of `year` are complete on `asOf`: 0 before its end of January, 12 from 31 December on. */
export function completeMonths(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (y > year) return 12;
  if (y < year) return 0;
  const month = Number(asOf.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Number(asOf.slice(8, 10)) === lastDay ? month : month - 1;
}

export interface MonthPoint {
  /** 1–12 */
  month: number;
  /** fund paid in the month up to the as-of date; null for a month that has not begun */
  fundPaidFen: number | null;
  /** paid from 1 January to the month's end (or the as-of date) */
  cumulativeFen: number | null;
  /** the projection's cumulative path: actual up to the last complete month, then the run rate */
  projectedCumulativeFen: number | null;
  /** budget × month / 12, or null without a budget */
  budgetLineFen: number | null;
}

export interface Projection {
  completeMonths: number;
  /** fund paid from 1 January to the as-of date, partial month included */
  paidToDateFen: number;
  /** the average of the last three complete months */
  runRateFen: number | null;
  projectedYearEndFen: number | null;
  months: MonthPoint[];
}

/**
 * @param monthly fund paid per month (index 0 = January) up to the as-of date
 * @param begun how many months have begun on the as-of date (the partial month included)
 */
export function project(monthly: readonly number[], complete: number, begun: number, budgetFen: number | null): Projection {
  const paid = (i: number) => monthly[i] ?? 0;
  let paidComplete = 0;
  for (let i = 0; i < complete; i++) paidComplete += paid(i);
  const window = Math.min(3, complete);
  let recent = 0;
  for (let i = complete - window; i < complete; i++) recent += paid(i);
  // Whole fen: the projection is a figure to compare with a budget, not a payment.
  const runRate = window === 0 ? null : Math.round(recent / window);
  const projected = runRate === null ? null : paidComplete + runRate * (12 - complete);

  const months: MonthPoint[] = [];
  let cumulative = 0;
  for (let i = 0; i < 12; i++) {
    const started = i < begun;
    if (started) cumulative += paid(i);
    const projectedCumulative = i < complete ? cumulative : runRate === null ? null : paidComplete + runRate * (i + 1 - complete);
    months.push({
      month: i + 1,
      fundPaidFen: started ? paid(i) : null,
      cumulativeFen: started ? cumulative : null,
      projectedCumulativeFen: projectedCumulative,
      budgetLineFen: budgetFen === null ? null : Math.round((budgetFen * (i + 1)) / 12),
    });
  }
  let paidToDate = 0;
  for (let i = 0; i < begun; i++) paidToDate += paid(i);
  return { completeMonths: complete, paidToDateFen: paidToDate, runRateFen: runRate, projectedYearEndFen: projected, months };
}
