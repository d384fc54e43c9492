/**
 * The deployment's policy configuration: named overrides of the rule sets (see the policy core's
 * overrides.ts). Guiyang's ratio and cap are set by 黔医保发〔2019〕54号 / 筑医保发〔2021〕1号,
 * which are not among our sources (G-4). A real deployment supplies them in a JSON file named by
 * POLICY_OVERRIDES_FILE. Without one, the demonstration override below is used so that the demo
 * pays Guiyang claims at all; its values are placeholders for the demo, not policy.
 */
import { readFileSync } from 'node:fs';
import { GUIYANG_BENEFIT_DOCUMENTS, validateOverride, type RuleSetOverride } from '@liangbing/policy';

export const GUIYANG_DEMO_OVERRIDE: RuleSetOverride = {
  name: 'guiyang-demo-configuration',
  description: `Demonstration values for a local deployment. NOT taken from ${GUIYANG_BENEFIT_DOCUMENTS}: replace them with the values those documents set before paying real claims.`,
  ruleSetId: 'guiyang-2021',
  source: { document: 'apps/api/src/policy-config.ts (demo deployment)', section: 'GUIYANG_DEMO_OVERRIDE', note: `demo placeholder; the real values are set by ${GUIYANG_BENEFIT_DOCUMENTS}` },
  parameters: {
    ratioDesignatedBp: 5000,
    ratioExtensionBp: 5000,
    ratioReferralBp: 5000,
    capOneDiseaseFen: 80_000,
    capBothDiseasesFen: 100_000,
    deductibleFen: 0,
  },
};

export function loadPolicyOverrides(file = process.env.POLICY_OVERRIDES_FILE): readonly RuleSetOverride[] {
  if (file === undefined || file === '') return [GUIYANG_DEMO_OVERRIDE];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as RuleSetOverride[];
  for (const o of parsed) {
    const problems = validateOverride(o);
    if (problems.length > 0) throw new Error(`policy override ${o.name}: ${problems.join('; ')}`);
  }
  return parsed;
}
