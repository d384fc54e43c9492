/**
 * Every configuration key the platform reads, declared once: type and range, unit, description,
 * where it applies, and its seed — the constant the code shipped, with that constant's citation.
 * A new deployment starts from the seeds (settings.service.ts seeds each city at start-up); the
 * city's leadership changes a value with setConfigurationValue, dated and with its source.
 *
 * The sources fix the methods (W-8 按人头付费, W-10 绩效考核/智能监控/信用管理, G-9 智能审核, G-11 三率)
 * but none of these numbers: almost every seed is the code's working default ('default', used in both
 * modes and shown as such) or a demo figure ('placeholder', unset in production until set).
 */
import { RULE_SETS, ruleSetOfCity, type Citation, type ProgrammeSources } from '@liangbing/policy';
import { AVAILABILITY_CONFIG } from '../availability/availability.config';
import { CAPITATION_CONFIG } from '../capitation/capitation.config';
import { CREDIT_RULES_V1 } from '../credit/credit.config';
import { MONITORING_CONFIG } from '../monitoring/monitoring.config';
import { SCORECARD_RUBRIC_V1 } from '../scorecard/scorecard.rubric';
import type { SeedBasis, SettingDefinition, SettingType } from './settings.types';

const ANY_CITY = null;

const CITIES = [...new Set(RULE_SETS.map((r) => r.cityCode))];

/**
 * The sections of every city's text that ask for a tool (its rule set's `programme`), cited together:
 * a seed is one for all cities, so each city's seed carries them all. No city is named here.
 */
function citedByCities(tool: keyof ProgrammeSources): Citation {
  const found = CITIES.map((city) => ruleSetOfCity(city)!.programme[tool]).filter((c): c is Citation => c !== null);
  if (found.length === 0) throw new Error(`no rule set's programme cites ${tool}`);
  const notes = found.map((c) => c.note).filter((n): n is string => n !== undefined);
  return {
    document: found.map((c) => c.document).join('；'),
    section: found.map((c) => c.section).join('；'),
    ...(notes.length === 0 ? {} : { note: notes.join('；') }),
  };
}

function def(
  key: string,
  type: SettingType,
  unit: string,
  zh: string,
  en: string,
  seed: { value: unknown; basis: SeedBasis; cite: Citation; note: string },
  where: { perDistrict?: boolean; cities?: readonly string[] | null } = {},
): SettingDefinition {
  return {
    key,
    type,
    unit,
    descriptionZh: zh,
    descriptionEn: en,
    perDistrict: where.perDistrict ?? false,
    cities: where.cities ?? ANY_CITY,
    seed: {
      value: seed.value,
      basis: seed.basis,
      document: seed.cite.document,
      section: seed.cite.section,
      note: [seed.cite.note, seed.note].filter(Boolean).join('; '),
    },
  };
}

const M = MONITORING_CONFIG;
const MONITORING_SOURCE = citedByCities('monitoring');
const monitoringSeed = (value: unknown, constant: string) => ({
  value,
  basis: 'default' as const,
  cite: MONITORING_SOURCE,
  note: `the sources ask for the check and set no number; code default MONITORING_CONFIG.${constant} (monitoring.config.ts)`,
});

/** The cities whose text sets a payment standard (W 四(一)); its monitoring thresholds are theirs only. */
const STANDARD_CITIES = CITIES.filter((city) => ruleSetOfCity(city)!.paymentStandard.applies);
if (STANDARD_CITIES.length !== 1)
  throw new Error(`the payment-standard monitoring seeds one city's citation; rule sets with a payment standard: ${STANDARD_CITIES.join(', ') || 'none'}`);
const standardSeed = (value: unknown, constant: string) => ({
  value,
  basis: 'default' as const,
  cite: ruleSetOfCity(STANDARD_CITIES[0]!)!.paymentStandard.citation,
  note: `set by the bureau: the text sets the payment standard and no share of lines over it; code default MONITORING_CONFIG.${constant} (monitoring.config.ts)`,
});

const MONITORING: SettingDefinition[] = [
  def(
    'monitoring.ruleHitCodes',
    { kind: 'hitCodes' },
    'rule-hit codes',
    '开立监控预警的规则代码',
    'rule hits of stored claims that open a case',
    monitoringSeed([...M.ruleHitCodes], 'ruleHitCodes'),
  ),
  def(
    'monitoring.earlyRefillDaysLeft',
    { kind: 'integer', min: 0, max: 90 },
    'days',
    '同机构提前配药：剩余药量超过该天数即预警',
    'a refill at the same institution with more than this many days still on hand is an early refill',
    monitoringSeed(M.earlyRefillDaysLeft, 'earlyRefillDaysLeft'),
  ),
  def(
    'monitoring.oversupplyFactor',
    { kind: 'decimal', min: 1, max: 10 },
    'factor (days supplied ÷ 90 within 90 days)',
    '90天内配药天数与90天之比超过该倍数即疑似倒卖',
    'days of one drug within 90 days, over 90, above which reselling is suspected (G-9 倒卖药品)',
    monitoringSeed(M.oversupplyFactor, 'oversupplyFactor'),
  ),
  def(
    'monitoring.outlierSd',
    { kind: 'decimal', min: 0.5, max: 10 },
    'standard deviations',
    '机构指标高于同级均值的标准差倍数',
    'an institution stands out when its figure exceeds its peers’ mean by this many standard deviations',
    monitoringSeed(M.outlierSd, 'outlierSd'),
  ),
  def(
    'monitoring.outlierMinRatio',
    { kind: 'decimal', min: 1, max: 10 },
    'multiple of the peers’ mean',
    '且至少为同级均值的倍数',
    'and at least this multiple of the peers’ mean',
    monitoringSeed(M.outlierMinRatio, 'outlierMinRatio'),
  ),
  def(
    'monitoring.outlierMinPeers',
    { kind: 'integer', min: 1, max: 100 },
    'institutions',
    '比较所需的同级机构数（不含本机构）',
    'peers (same level and district) needed besides the institution itself',
    monitoringSeed(M.outlierMinPeers, 'outlierMinPeers'),
  ),
  def(
    'monitoring.outlierMinClaims',
    { kind: 'integer', min: 1, max: 100_000 },
    'claims',
    '机构期内结算笔数下限',
    'claims an institution needs in the period for its rates to mean something',
    monitoringSeed(M.outlierMinClaims, 'outlierMinClaims'),
  ),
  def(
    'monitoring.overStandardShare',
    { kind: 'decimal', min: 0, max: 1 },
    'share of the institution’s claim lines (0–1)',
    '机构期内超医保支付标准的结算明细占比超过该比例即预警',
    'an institution is flagged when more than this share of its claim lines in the period went over the payment standard',
    standardSeed(M.overStandardShare, 'overStandardShare'),
    { cities: STANDARD_CITIES },
  ),
  def(
    'monitoring.overStandardMinLines',
    { kind: 'integer', min: 1, max: 100_000 },
    'claim lines',
    '计算超支付标准占比所需的机构期内结算明细数下限',
    'claim lines an institution needs in the period for its over-standard share to mean something',
    standardSeed(M.overStandardMinLines, 'overStandardMinLines'),
    { cities: STANDARD_CITIES },
  ),
];

const C = CREDIT_RULES_V1;
const CREDIT_SOURCE = citedByCities('credit');
const creditSeed = (value: unknown, constant: string) => ({
  value,
  basis: 'default' as const,
  cite: CREDIT_SOURCE,
  note: `the source sets no points; code default CREDIT_RULES_V1.${constant} (credit.config.ts, credit-rules.v1)`,
});
const POINTS: SettingType = { kind: 'subjectPoints', min: -100, max: 100 };

/** The alert kinds with their own points; any other confirmed alert (a rule hit) takes the default. */
export const CREDIT_ALERT_KINDS = Object.keys(C.alertConfirmed.byKind);

const CREDIT: SettingDefinition[] = [
  def(
    'credit.points.alertConfirmed.default',
    POINTS,
    'credit points',
    '确认的监控预警（规则命中）计分',
    'points a confirmed alert adds, for kinds without their own',
    creditSeed({ ...C.alertConfirmed.default }, 'alertConfirmed.default'),
  ),
  ...CREDIT_ALERT_KINDS.map((kind) =>
    def(
      `credit.points.alertConfirmed.${kind}`,
      POINTS,
      'credit points',
      `确认的 ${kind} 预警计分`,
      `points a confirmed ${kind} alert adds`,
      creditSeed({ ...C.alertConfirmed.byKind[kind]! }, `alertConfirmed.byKind.${kind}`),
    ),
  ),
  def(
    'credit.points.claimReversed',
    POINTS,
    'credit points',
    '结算冲正计分',
    'points a reversed claim adds, unless reversed by confirming an alert',
    creditSeed({ ...C.claimReversed }, 'claimReversed'),
  ),
  def(
    'credit.points.claimReversedUnderAlert',
    POINTS,
    'credit points',
    '因确认预警而冲正的结算计分（已随预警计分）',
    'points of a reversal made by confirming an alert (counted with the alert)',
    creditSeed({ ...C.claimReversedUnderAlert }, 'claimReversedUnderAlert'),
  ),
  def(
    'credit.windowDays',
    { kind: 'integer', min: 30, max: 3660 },
    'days',
    '信用记录累计天数',
    'a record’s points are the sum over this many days up to the day asked',
    creditSeed(C.windowDays, 'windowDays'),
  ),
  def(
    'credit.reviewThreshold',
    { kind: 'subjectPoints', min: 1, max: 1000 },
    'credit points',
    '达到该分值即列为重点审核对象',
    'at or above these points in the window a subject is flagged for review',
    creditSeed({ ...C.reviewThreshold }, 'reviewThreshold'),
  ),
];

const RUBRIC_SOURCE = citedByCities('scorecard');
const rubricOf = (pick: 'weight' | 'target') => Object.fromEntries(SCORECARD_RUBRIC_V1.items.map((i) => [i.metric, i[pick]]));

const SCORECARD: SettingDefinition[] = [
  def('scorecard.weights', { kind: 'metricWeights' }, 'weight out of 100', '基层机构绩效评分各项权重', 'the weight of each scorecard item, out of 100', {
    value: rubricOf('weight'),
    basis: 'default',
    cite: RUBRIC_SOURCE,
    note: 'the source asks for the assessment and sets no weights; code default scorecard-rubric.v1 (scorecard.rubric.ts)',
  }),
  def(
    'scorecard.targets',
    { kind: 'metricTargets' },
    'share 0–1 (hits per 100 claims for ruleHitsPer100Claims)',
    '基层机构绩效评分各项目标值',
    'the target of each scorecard item',
    {
      value: rubricOf('target'),
      basis: 'default',
      cite: RUBRIC_SOURCE,
      note: 'the source sets no targets; code default scorecard-rubric.v1 (scorecard.rubric.ts)',
    },
  ),
];

/** The cities whose rule set settles by capitation (its `capitation`, W-8), seeded with what that rule set gives. */
const CAPITATION_CITIES = Object.keys(CAPITATION_CONFIG);
if (CAPITATION_CITIES.length !== 1)
  throw new Error(`the capitation settings seed one city's values; rule sets with capitation: ${CAPITATION_CITIES.join(', ') || 'none'}`);
const cap = CAPITATION_CONFIG[CAPITATION_CITIES[0]!]!;
const CAPITATION_NOTE = `rule set capitation (${ruleSetOfCity(CAPITATION_CITIES[0]!)!.id})`;
const CAPITATION: SettingDefinition[] = [
  def(
    'capitation.perHeadMonthlyFen',
    { kind: 'integer', min: 0, max: 1_000_000 },
    'fen per designated patient and month',
    '人头费标准（每名定点患者每月）',
    '人头费: the capitation rate per designated patient and month',
    {
      value: cap.perHeadMonthlyFen.value,
      basis: 'placeholder',
      cite: cap.perHeadMonthlyFen.citation,
      note: CAPITATION_NOTE,
    },
    { cities: CAPITATION_CITIES },
  ),
  def(
    'capitation.overspendCompensationBp',
    { kind: 'integer', min: 0, max: 10_000 },
    'basis points of the overspend',
    '超支适补：基金承担联合体超支部分的比例',
    '超支适补: the share of a consortium’s overspend the fund bears at year end',
    {
      value: cap.overspendCompensationBp.value,
      basis: 'placeholder',
      cite: cap.overspendCompensationBp.citation,
      note: CAPITATION_NOTE,
    },
    { cities: CAPITATION_CITIES },
  ),
  def(
    'capitation.surplusRetentionBp',
    { kind: 'integer', min: 0, max: 10_000 },
    'basis points of the surplus',
    '结余留用：联合体留用结余的比例',
    '结余留用: the share of a consortium’s surplus it keeps at year end',
    {
      value: cap.surplusRetentionBp.value,
      basis: 'interpretation',
      cite: cap.surplusRetentionBp.citation,
      note: CAPITATION_NOTE,
    },
    { cities: CAPITATION_CITIES },
  ),
];

const AVAILABILITY: SettingDefinition[] = [
  def(
    'availability.coverageThreshold',
    { kind: 'decimal', min: 0, max: 1 },
    'share 0–1 of the drugs allowed at the level',
    '药品配备覆盖率低于该值的机构列入清单',
    'institutions dispensing less than this share of the drugs allowed at their level are listed (G-7 配得齐、开得出)',
    {
      value: AVAILABILITY_CONFIG.coverageThreshold,
      basis: 'default',
      cite: citedByCities('availability'),
      note: 'the source sets no number; code default AVAILABILITY_CONFIG (availability.config.ts, drug-availability.v1)',
    },
  ),
];

/** The three headline rates (the rule sets' programme.headlineTargets, G-11); the dashboard compares with these. */
export const HEADLINE_TARGETS = ['awareness', 'standardisedManagement', 'rationalMedication'] as const;
export type HeadlineTarget = (typeof HEADLINE_TARGETS)[number];
const DASHBOARD_SEEDS: Record<HeadlineTarget, { value: number; zh: string }> = {
  awareness: { value: 0.6, zh: '知晓率' },
  standardisedManagement: { value: 0.7, zh: '规范化管理率' },
  rationalMedication: { value: 0.9, zh: '合理用药率' },
};
const DASHBOARD: SettingDefinition[] = HEADLINE_TARGETS.map((k) =>
  def(
    `dashboard.target.${k}`,
    { kind: 'decimal', min: 0, max: 1 },
    'share 0–1',
    `领导驾驶舱${DASHBOARD_SEEDS[k].zh}目标`,
    `the dashboard’s target for the ${k} rate`,
    {
      value: DASHBOARD_SEEDS[k].value,
      basis: 'placeholder',
      cite: citedByCities('headlineTargets'),
      note: '项目办的工作目标值，演示占位值（种子值写在仪表盘代码的目标配置中）',
    },
    { perDistrict: true },
  ),
);

export const SETTINGS: readonly SettingDefinition[] = [...MONITORING, ...CREDIT, ...SCORECARD, ...CAPITATION, ...AVAILABILITY, ...DASHBOARD];
export const SETTINGS_BY_KEY: ReadonlyMap<string, SettingDefinition> = new Map(SETTINGS.map((s) => [s.key, s]));

export const appliesTo = (d: SettingDefinition, cityCode: string): boolean => d.cities === null || d.cities.includes(cityCode);

/** The date the seeds are valid from: before any programme, so that every period has a value. */
export const SEED_VALID_FROM = '2000-01-01';
