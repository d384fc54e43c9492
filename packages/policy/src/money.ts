/**
 * Money is integer fen (分) throughout; ratios are integer basis points (1 % = 100 bp).
 * Rounding rule, stated once: a fund share is rounded down to the fen (the fund never pays
 * a fraction of a fen more than ratio × amount); the patient pays the rest of the line, so
 * fund + patient = line amount exactly.
 */

export const BASIS_POINTS = 10_000;

/** The largest amount a single line may carry: 1,000,000 yuan. Keeps every product below 2^53. */
export const MAX_LINE_AMOUNT_FEN = 100_000_000;

/** floor(amount × bp / 10 000), exact for amounts up to MAX_LINE_AMOUNT_FEN. */
export function shareOf(amountFen: number, ratioBp: number): number {
  return Math.floor((amountFen * ratioBp) / BASIS_POINTS);
}

/** floor(amount × numerator / denominator), for pro-rata reductions. */
export function proRata(amountFen: number, numerator: number, denominator: number): number {
  if (numerator >= denominator) return amountFen;
  return Math.floor((amountFen * numerator) / denominator);
}

export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}${yuan}.${rest < 10 ? '0' : ''}${rest}`;
}

export function formatRatio(bp: number): string {
  return `${bp / 100}%`;
}
