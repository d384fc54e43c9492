/**
 * A claim the policy core answers `not_configured` (a ratio, cap or deductible of its rule set is
 * unset: Guiyang's without POLICY_OVERRIDES_FILE in production, G-4) is refused with the coded error
 * NOT_CONFIGURED naming the unset settings, and nothing of it is stored.
 *
 * Refused rather than stored as a not_configured decision with fund 0, because such a claim has not
 * been decided: the deployment cannot decide it yet.
 * - Stored, it would take its idempotency key: the institution's retry once the bureau has set the
 *   rates would replay "nothing paid" instead of paying what the rules give.
 * - Stored, it would count in the statistics as a claim and a benefit use with nothing paid, moving
 *   the reimbursement ratio and rational-use figures for a reason that is no fact about the patient.
 * - Refused, the pharmacy's system gets an answer it can act on (settle later, or under the general
 *   outpatient benefit), and the bureau's engineer gets the setting to fix; the patient's ledger is
 *   untouched, so the cap is exactly what it would have been.
 */
import { RULE_SETS, type Decision, type ParameterUse } from '@liangbing/policy';
import { AppError } from '../../errors';

const NAMES: ReadonlyMap<string, { en: string; zh: string }> = new Map(RULE_SETS.map((rs) => [rs.cityCode, rs.cityName]));

/** The unset parameters a not_configured decision reports in its trace (the PARAMETER_NOT_CONFIGURED step), each with its citation. */
function unsetParameters(decision: Decision): ParameterUse[] {
  const step = decision.trace?.find((s) => s.step === 'benefit levels configured');
  return (step?.parameters ?? []).filter((p) => p.value === null);
}

export function notConfiguredError(decision: Decision, cityCode: string): AppError {
  const unset = unsetParameters(decision);
  const names = unset.map((p) => p.name);
  const params = names.length > 0 ? names.join('/') : 'benefit levels';
  const documents = [...new Set(unset.map((p) => p.citation.document))].join('; ');
  const city = NAMES.get(cityCode) ?? { en: `city ${cityCode}`, zh: `城市 ${cityCode}` };
  const cite = documents === '' ? '' : ` (${documents})`;
  return new AppError(
    'NOT_CONFIGURED',
    `${city.en}'s ${params} ${names.length === 1 ? 'is' : 'are'} not configured: set them in the override file named by POLICY_OVERRIDES_FILE${cite}. The claim is not decided and nothing is stored.`,
    `${city.zh}的待遇标准 ${params} 尚未配置：请在 POLICY_OVERRIDES_FILE 指定的覆盖文件中设置${documents === '' ? '' : `（${documents}）`}。本次结算未予裁决，未保存任何数据。`,
    { detail: { outcome: 'not_configured', cityCode, ruleSetId: decision.ruleSetId, parameters: names, setting: 'POLICY_OVERRIDES_FILE', documents } },
  );
}
