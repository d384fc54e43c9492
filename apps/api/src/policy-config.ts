/**
 * The deployment's policy configuration: named overrides of the rule sets (see the policy core's
 * overrides.ts). Guiyang's ratio and cap are set by 黔医保发〔2019〕54号 / 筑医保发〔2021〕1号,
 * which are not among our sources (G-4). A real deployment supplies them in a JSON file named by
 * POLICY_OVERRIDES_FILE. Without one, in demo mode only, the demonstration override below is used
 * so that the demo pays Guiyang claims at all; its values are placeholders for the demo, not
 * policy. In production without one nothing is put in their place: Guiyang's benefit levels stay
 * unset and its claims are refused as not configured (claims/not-configured.ts), never paid.
 */
import { readFileSync } from 'node:fs';
import {
  GUIYANG_BENEFIT_DOCUMENTS,
  RULE_SETS,
  resolveRuleSet,
  validateOverride,
  type IsoDate,
  type ParameterName,
  type Pathway,
  type RuleSetOverride,
} from '@liangbing/policy';
import type { DeploymentMode } from './config';

export const GUIYANG_DEMO_OVERRIDE: RuleSetOverride = {
  name: 'guiyang-demo-configuration',
  labelZh: '贵阳演示用待遇标准（占位值，非政策规定）',
  description: `Demonstration values for a local deployment. NOT taken from ${GUIYANG_BENEFIT_DOCUMENTS}: replace them with the values those documents set before paying real claims.`,
  ruleSetId: 'guiyang-2021',
  source: {
    document: 'apps/api/src/policy-config.ts (demo deployment)',
    section: 'GUIYANG_DEMO_OVERRIDE',
    note: `demo placeholder; the real values are set by ${GUIYANG_BENEFIT_DOCUMENTS}`,
  },
  parameters: {
    ratioDesignatedBp: 5000,
    ratioExtensionBp: 5000,
    ratioReferralBp: 5000,
    capOneDiseaseFen: 80_000,
    capBothDiseasesFen: 100_000,
    deductibleFen: 0,
  },
};

/** The overrides of POLICY_OVERRIDES_FILE; without the file, the demo's in demo mode and none in production. */
export function loadPolicyOverrides(file = process.env.POLICY_OVERRIDES_FILE, mode: DeploymentMode = 'demo'): readonly RuleSetOverride[] {
  if (file === undefined || file === '') return mode === 'demo' ? [GUIYANG_DEMO_OVERRIDE] : [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as RuleSetOverride[];
  for (const o of parsed) {
    const problems = validateOverride(o);
    if (problems.length > 0) throw new Error(`policy override ${o.name}: ${problems.join('; ')}`);
  }
  return parsed;
}

const RATIO_OF: Readonly<Record<Pathway, ParameterName>> = {
  designated: 'ratioDesignatedBp',
  referral: 'ratioReferralBp',
  emergency: 'ratioEmergencyBp',
  out_of_area: 'ratioOutOfAreaBp',
  extension: 'ratioExtensionBp',
};

/** A rule set in force whose benefit levels are left unset: its claims cannot be paid until they are configured. */
export interface UnconfiguredBenefit {
  readonly ruleSetId: string;
  readonly cityCode: string;
  /** the unset parameters among the ratios of its pathways, the caps and the deductible */
  readonly parameters: readonly ParameterName[];
  /** the documents that set them */
  readonly documents: string;
}

/** The rule sets in force on `date` whose ratio, cap or deductible is unset under `overrides` (what adjudication would answer not_configured for). */
export function unconfiguredBenefits(overrides: readonly RuleSetOverride[], date: IsoDate): UnconfiguredBenefit[] {
  const out: UnconfiguredBenefit[] = [];
  for (const rs of RULE_SETS) {
    const r = resolveRuleSet(rs.cityCode, date < rs.effectiveFrom ? rs.effectiveFrom : date, { overrides });
    if (r.status !== 'in_force' || r.ruleSet.definition.id !== rs.id) continue;
    const names: ParameterName[] = [
      ...(Object.keys(rs.pathways) as Pathway[]).map((w) => RATIO_OF[w]),
      'capOneDiseaseFen',
      'capBothDiseasesFen',
      'deductibleFen',
    ];
    const unset = names.filter((n) => r.ruleSet.parameters[n].value === null);
    // Each unset parameter cites the documents that set it (Guiyang's: GUIYANG_BENEFIT_DOCUMENTS).
    const documents = [...new Set(unset.map((n) => r.ruleSet.parameters[n].citation.document))].join('; ');
    if (unset.length > 0) out.push({ ruleSetId: rs.id, cityCode: rs.cityCode, parameters: unset, documents });
  }
  return out;
}
