/**
 * A claim refused outright: a claim-level rule (severity reject_claim) refused it, so it is no
 * 两病 claim the benefit settled. It counts in neither 结算药品费用 (drug-cost.v2) nor 合理用药率's
 * numerator or denominator (rational-medication.v2; INDICATORS.md: 两病 dispensing claims judged
 * by the rational-use checks); a claim whose lines the line rules refused still counts in both.
 * The rollups (facts.ts) and the raw tables (statistics.raw.ts) read it from the same list.
 */
import { HITS, type HitCode } from '@liangbing/policy';

export const REFUSING_CODES: readonly string[] = (Object.keys(HITS) as HitCode[]).filter((c) => HITS[c].severity === 'reject_claim');
const REFUSING = new Set(REFUSING_CODES);

export const refusedOutright = (hitCodes: readonly string[]): boolean => hitCodes.some((c) => REFUSING.has(c));
