/**
 * The modules' configuration objects built from the values in force on a date, each with the
 * values it used (key, value, validFrom, source), so that a result can say what it was computed with.
 * The modules keep their own shapes (MonitoringConfig, CreditRules, Rubric): only where a constant
 * was read does a value in force now come instead.
 */
import { CREDIT_RULES_V1, type CreditRules, type SubjectPoints } from '../credit/credit.config';
import type { MonitoringConfig } from '../monitoring/monitoring.config';
import { SCORECARD_RUBRIC_V1, type Rubric } from '../scorecard/scorecard.rubric';
import type { CitySettings, ResolvedSetting } from './settings.reader';
import { CREDIT_ALERT_KINDS, SETTINGS } from './settings.registry';

/** The registry's monitoring.* keys, each named after its MonitoringConfig field: a threshold added to both is read with no change here. */
const MONITORING_KEYS = SETTINGS.filter((d) => d.key.startsWith('monitoring.')).map((d) => d.key);

/** The monitoring's thresholds in force on `date`; fields the registry does not hold stay as in `base`. */
export function monitoringConfig(s: CitySettings, date: string, base: MonitoringConfig): { config: MonitoringConfig; used: ResolvedSetting[] } {
  const used = MONITORING_KEYS.map((k) => s.require(k, date));
  const values = Object.fromEntries(used.map((u) => [u.key.slice('monitoring.'.length), u.value]));
  return { config: { ...base, ...values } as MonitoringConfig, used };
}

/** A version id for values taken from configuration: the code's id while every value is its seed. */
function versionOf(seedId: string, cityCode: string, used: readonly ResolvedSetting[]): string {
  if (used.every((u) => u.source.kind === 'seed')) return seedId;
  const latest = used
    .map((u) => u.validFrom)
    .sort()
    .at(-1)!;
  return `${seedId}+${cityCode}@${latest}`;
}

/** The credit rules in force on `date`. */
export function creditRules(s: CitySettings, date: string): { rules: CreditRules; used: ResolvedSetting[] } {
  const get = (k: string) => s.require(`credit.${k}`, date);
  const dflt = get('points.alertConfirmed.default');
  const byKind = CREDIT_ALERT_KINDS.map((kind) => [kind, get(`points.alertConfirmed.${kind}`)] as const);
  const reversed = get('points.claimReversed');
  const underAlert = get('points.claimReversedUnderAlert');
  const window = get('windowDays');
  const threshold = get('reviewThreshold');
  const used = [dflt, ...byKind.map(([, r]) => r), reversed, underAlert, window, threshold];
  const rules: CreditRules = {
    id: versionOf(CREDIT_RULES_V1.id, s.cityCode, used),
    alertConfirmed: { default: dflt.value as SubjectPoints, byKind: Object.fromEntries(byKind.map(([k, r]) => [k, r.value as SubjectPoints])) },
    claimReversed: reversed.value as SubjectPoints,
    claimReversedUnderAlert: underAlert.value as SubjectPoints,
    windowDays: window.value as number,
    reviewThreshold: threshold.value as SubjectPoints,
  };
  return { rules, used };
}

/** The scorecard rubric in force on `date`: rubric v1's items with the weights and targets in force. */
export function rubricInForce(s: CitySettings, date: string): { rubric: Rubric; used: ResolvedSetting[] } {
  const weights = s.require('scorecard.weights', date);
  const targets = s.require('scorecard.targets', date);
  const used = [weights, targets];
  const w = weights.value as Record<string, number>;
  const t = targets.value as Record<string, number>;
  const id = versionOf(SCORECARD_RUBRIC_V1.id, s.cityCode, used);
  if (id === SCORECARD_RUBRIC_V1.id) return { rubric: SCORECARD_RUBRIC_V1, used };
  const basis = (b: string) => b.replace(/; target and weight: .*$/, '; target and weight: set in configuration (see rubric.settings)');
  return {
    rubric: {
      ...SCORECARD_RUBRIC_V1,
      id,
      titleEn: `${SCORECARD_RUBRIC_V1.titleEn}, weights and targets as configured from ${used
        .map((u) => u.validFrom)
        .sort()
        .at(-1)}`,
      items: SCORECARD_RUBRIC_V1.items.map((i) => ({ ...i, weight: w[i.metric]!, target: t[i.metric]!, basis: basis(i.basis) })),
    },
    used,
  };
}
