/**
 * A patient's year: the fund paid and the cap left, computed from the year's ledger by the policy
 * core's own arithmetic (capStanding, W-3 二(三)) under the rule set and overrides a claim on that
 * day would be judged by — never read off the last stored claim, which is stale after a reversal
 * and absent for a patient without claims (whose whole cap is left).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { capStanding, resolveRuleSet, type RuleSetOverride } from '@liangbing/policy';
import { badInput } from '../../errors';
import { yearRecords } from '../patients/patient.queries';

export interface YearSummary {
  year: number;
  fundPaidFen: number;
  generalOutpatientFundFen: number;
  /** null when no rule set is in force that day or the deployment has not set the cap (G-4) */
  capFen: number | null;
  capRemainingFen: number | null;
  nextRefillDate: string | null;
}

/** The day a year's standing is told as of: today within the year, its last day for a past year, its first for a future one. */
export function asOfDay(year: number, today: string): string {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return today < first ? first : today > last ? last : today;
}

export async function yearSummary(
  em: EntityManager,
  overrides: readonly RuleSetOverride[],
  districtCode: string,
  patientId: string,
  year: number,
  today: string,
): Promise<YearSummary> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be a year 2000–2100', '年份须在2000–2100之间');
  const asOf = asOfDay(year, today);
  const r = await yearRecords(em, districtCode, patientId, year, asOf);
  const resolution = r.cityCode === null ? null : resolveRuleSet(r.cityCode, asOf, { overrides });
  const cap = resolution?.status === 'in_force' ? capStanding(resolution.ruleSet, r.certifiedDiseases, r.fundPaidFen, r.generalOutpatientFundFen) : null;
  return {
    year,
    fundPaidFen: r.fundPaidFen,
    generalOutpatientFundFen: r.generalOutpatientFundFen,
    capFen: cap?.capFen ?? null,
    capRemainingFen: cap?.remainingFen ?? null,
    nextRefillDate: r.nextRefillDate,
  };
}
