/**
 * What the API says about its deployment (the `deployment` query): the mode, whether demo data
 * and the demo's placeholder rates are in play, the policy overrides claims are decided under,
 * which rule sets cannot pay yet (their ratio or cap unset) and whose tokens are accepted.
 */
import type { RuleSetOverride } from '@liangbing/policy';
import type { DeploymentMode } from '../../config';
import { GUIYANG_DEMO_OVERRIDE, unconfiguredBenefits, type UnconfiguredBenefit } from '../../policy-config';

export interface DeploymentInfo {
  readonly mode: DeploymentMode;
  /** an empty database is loaded with the demo programme and /demo-tokens is served: demo mode only */
  readonly demoData: boolean;
  /** claims are paid at the demo's placeholder Guiyang rates (GUIYANG_DEMO_OVERRIDE): demo mode without POLICY_OVERRIDES_FILE */
  readonly placeholderRates: boolean;
  /** the deployment's overrides (POLICY_OVERRIDES_FILE, or the demo's) */
  readonly overrides: readonly RuleSetOverride[];
  /** the identity provider whose RS256/ES256 tokens are accepted; null when none is configured */
  readonly tokenIssuer: string | null;
  /** our own HS256 tokens are accepted (a JWT_SECRET, or the development secret in demo mode) */
  readonly developmentTokens: boolean;
  /** the rule sets in force today whose benefit levels are unset: their claims are refused NOT_CONFIGURED */
  readonly notConfigured: () => readonly UnconfiguredBenefit[];
}

export function deploymentInfo(opts: {
  mode: DeploymentMode;
  overrides: readonly RuleSetOverride[];
  tokenIssuer: string | null;
  developmentTokens: boolean;
  today: () => string;
}): DeploymentInfo {
  return {
    mode: opts.mode,
    demoData: opts.mode === 'demo',
    placeholderRates: opts.overrides.some((o) => o.name === GUIYANG_DEMO_OVERRIDE.name),
    overrides: opts.overrides,
    tokenIssuer: opts.tokenIssuer,
    developmentTokens: opts.developmentTokens,
    notConfigured: () => unconfiguredBenefits(opts.overrides, opts.today()),
  };
}
