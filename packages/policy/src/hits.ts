/**
 * Every rule hit the core can report: a stable code, the rule id of DOMAIN.md and the section
 * of the source, its severity, whether it fails a rational-medication check, and its messages.
 * Messages are constants so that reporting a hit costs no string building.
 */
import type { RuleHit, Severity } from './types';

interface HitDefinition {
  readonly ruleId: string;
  readonly section: string;
  readonly severity: Severity;
  readonly failsRationalUse: boolean;
  readonly zh: string;
  readonly en: string;
}

function def(ruleId: string, section: string, severity: Severity, failsRationalUse: boolean, zh: string, en: string): HitDefinition {
  return { ruleId, section, severity, failsRationalUse, zh, en };
}

/**
 * A hit's default rule id and section; a rule set names its own city's (RuleSetDefinition.ruleIds)
 * wherever the default is another city's, so every hit a rule set raises cites its own text
 * (hits.test.ts walks every code of every rule set). W-0 / G-0 stand for a text's own date of force
 * (无锡 六 本意见自发文之日起执行; 贵阳 七(三) 各项待遇政策自2021年7月1日起施行), which DOMAIN.md
 * gives in its table of sources rather than as a numbered rule. A claim of a city without any rule
 * set has no text to cite: it keeps '—'.
 */
export const HITS = {
  RULE_SET_NOT_IN_FORCE: def('—', '—', 'reject_claim', false, '该城市在该日期没有生效的“两病”规则', 'No 两病 rule set is in force for this city on this date'),
  PARAMETER_NOT_CONFIGURED: def(
    'G-4',
    '五(二)3',
    'reject_claim',
    false,
    '待遇标准（支付比例或年度限额）尚未配置',
    'The benefit level (ratio or annual cap) is not configured for this deployment',
  ),
  SCHEME_NOT_RESIDENT: def(
    'W-1',
    '二(一)',
    'reject_claim',
    false,
    '非城乡居民医保参保人员，不属于“两病”保障对象',
    'Not enrolled in the residents’ medical insurance: not covered by this benefit',
  ),
  NOT_CERTIFIED: def('G-3', '五(一)2', 'reject_claim', false, '未办理或已注销“两病”门诊医疗证（鉴定）', 'No valid 两病 certification on the service date'),
  GENERAL_OUTPATIENT_NOT_EXHAUSTED: def(
    'W-3',
    '二(三)',
    'reject_claim',
    false,
    '普通门诊待遇尚未用完，应先按普通门诊结算',
    'The general-outpatient benefit is not used up: settle under general outpatient first',
  ),
  PATHWAY_NOT_AVAILABLE: def('W-4', '三', 'reject_claim', false, '本地规则未规定该就医方式', 'This rule set does not provide for this pathway'),
  INSTITUTION_OUT_OF_CITY: def('W-6', '三(三)', 'reject_claim', false, '就医机构不在本统筹区', 'The institution is outside the city'),
  INSTITUTION_NOT_INSURANCE_DESIGNATED: def(
    'W-6',
    '三(三)',
    'reject_claim',
    false,
    '就医机构不是基本医保定点医疗机构',
    'The institution is not a designated medical institution of the basic medical insurance',
  ),
  NOT_DESIGNATED_INSTITUTION: def(
    'W-4',
    '三(一)',
    'reject_claim',
    false,
    '未在约定的基层机构（或其联合体）就医，基金不予支付',
    'Not at the patient’s designated primary institution or its consortium: not paid',
  ),
  DESIGNATED_NOT_PRIMARY: def(
    'W-4',
    '三(一)',
    'reject_claim',
    false,
    '约定机构须为基层医疗卫生机构',
    'The designated institution must be a primary-care institution',
  ),
  REFERRAL_MISSING: def('W-6', '三(三)', 'reject_claim', false, '缺少约定基层机构出具的转诊记录', 'No referral from the designated primary institution'),
  REFERRAL_NOT_FROM_DESIGNATED: def(
    'W-6',
    '三(三)',
    'reject_claim',
    false,
    '转诊记录不是由约定的基层机构出具',
    'The referral was not issued by the designated primary institution',
  ),
  REFERRAL_AFTER_SERVICE: def('W-6', '三(三)', 'reject_claim', false, '转诊日期晚于就诊日期', 'The referral is dated after the service'),
  OUT_OF_AREA_NOT_REGISTERED: def('W-7', '三(四)', 'reject_claim', false, '未登记为异地长期居住人员', 'Not registered as living long-term in another place'),
  OUT_OF_AREA_LEVEL: def(
    'W-7',
    '三(四)',
    'reject_claim',
    false,
    '异地就医须在二级及以下联网结算定点医疗机构',
    'Out of area only at a networked designated institution of level 2 or below',
  ),
  INSTITUTION_NOT_AUTHORISED: def(
    'G-5',
    '五(二)4',
    'reject_claim',
    false,
    '该机构未获“两病”门诊诊疗资格，只能凭延伸处方配药',
    'The institution may not treat 两病; it may only dispense on an extension prescription',
  ),
  EXTENSION_NOT_PRIMARY: def(
    'G-5',
    '五(二)4',
    'reject_claim',
    false,
    '延伸处方只能在基层医疗卫生机构配药',
    'Extension prescriptions are dispensed only at primary institutions',
  ),
  EXTENSION_NO_SOURCE: def(
    'G-5',
    '五(二)4',
    'reject_claim',
    false,
    '缺少二级及以上医疗机构开具的“两病”处方',
    'No 两病 prescription from a level-2-or-higher institution',
  ),
  EXTENSION_SOURCE_LEVEL: def(
    'G-5',
    '五(二)4',
    'reject_claim',
    false,
    '延伸处方的原处方须由二级及以上医疗机构开具',
    'The source prescription must come from a level-2-or-higher institution',
  ),
  EXTENSION_SOURCE_EXPIRED: def('G-5', '五(二)4', 'reject_claim', false, '原处方开具已超过半年', 'The source prescription is more than six months old'),
  EXTENSION_SOURCE_FUTURE: def('G-5', '五(二)4', 'reject_claim', false, '原处方日期晚于配药日期', 'The source prescription is dated after dispensing'),
  EXTENSION_UNSTABLE: def(
    'G-5',
    '五(二)4',
    'reject_claim',
    false,
    '用药控制不稳定的患者不适用延伸处方，应转诊至二级及以上医院',
    'Extension prescriptions are for stable patients only; refer unstable patients to a level-2+ hospital',
  ),
  REFERRAL_TARGET_LEVEL: def('G-5', '五(二)4', 'reject_claim', false, '转诊须至二级及以上医院', 'A referral goes to a level-2-or-higher hospital'),
  DRUG_NOT_IN_CATALOGUE: def('W-2', '二(二)', 'reject_line', true, '药品不在“两病”用药范围内', 'The drug is not in the 两病 drug scope'),
  FORM_NOT_IN_CATALOGUE: def('G-6', '附件3、附件4', 'reject_line', true, '该剂型不在“两病”用药目录内', 'This dosage form is not in the 两病 catalogue'),
  DISEASE_NOT_CERTIFIED: def(
    'W-1',
    '二(一)',
    'reject_line',
    true,
    '药品所治疗的疾病不在患者的认定病种内',
    'The drug treats a disease the patient is not certified for',
  ),
  COVERED_BY_CHRONIC_PROGRAMME: def(
    'W-11',
    '五(二)',
    'reject_line',
    false,
    '患者已纳入门诊慢性病/特殊病保障，按原政策执行，避免重复报销',
    'The patient is in the chronic/special disease programme for this disease: paid there, not twice',
  ),
  VILLAGE_SCOPE: def(
    'G-6',
    '五(二)5、附件3、附件4',
    'reject_line',
    true,
    '该药品（剂型）不可延伸至村级使用',
    'This drug (dosage form) may not be dispensed at village level',
  ),
  RESTRICTION_NOT_MET: def(
    'G-6',
    '附件3、附件4 备注',
    'reject_line',
    true,
    '不符合目录备注的限定支付条件',
    'The catalogue’s restriction on this drug is not met',
  ),
  EXTENSION_DRUG_NOT_PRESCRIBED: def('G-5', '五(二)4', 'reject_line', true, '该药品不在原处方上', 'The drug is not on the source prescription'),
  DUPLICATE_DISPENSING: def(
    'G-9',
    '五(四)9',
    'reject_line',
    true,
    '重复配药：同一药品尚有未用完的用药量',
    'Duplicate dispensing: supply of the same drug is still on hand',
  ),
  LONG_PRESCRIPTION_EXCEEDED: def(
    'W-9',
    '四(二)',
    'reduce_line',
    true,
    '超过长处方用药天数上限，超出部分不予支付',
    'Beyond the long-prescription limit: the excess is not paid',
  ),
  OVER_QUANTITY: def(
    'G-9',
    '五(四)9',
    'reduce_line',
    true,
    '超量配药：数量超过用药天数所需，超出部分不予支付',
    'Over-quantity: more than the days of supply need; the excess is not paid',
  ),
  IRRATIONAL_COMBINATION: def(
    'G-11',
    '五(三)6',
    'warning',
    true,
    '不合理联合用药（ACEI 与 ARB/ARNI 联用）',
    'Irrational combination (ACE inhibitor with an ARB or ARNI)',
  ),
  OVER_PAYMENT_STANDARD: def(
    'W-8',
    '四(一)',
    'reduce_line',
    false,
    '超出医保支付标准的部分由个人负担，基金按支付标准计算支付',
    'Above the payment standard: the fund pays on the standard, the excess is the patient’s',
  ),
  CAP_REACHED: def('W-3', '二(三)', 'reduce_line', false, '已达年度基金最高支付限额', 'The annual fund cap is reached'),
} as const satisfies Record<string, HitDefinition>;

export type HitCode = keyof typeof HITS;

export type HitRuleIds = Partial<Record<HitCode, { readonly ruleId: string; readonly section: string }>>;

/**
 * Hit objects are immutable and identical for a code, rule set and line, so they are built once and
 * reused: cached per rule set and code, by line number (index 0 for a claim-level hit).
 */
const cache = new Map<string, Map<HitCode, RuleHit[]>>();
const CACHED_LINES = 64;

/**
 * The hit for a code, with the rule id and section of the rule set that raised it
 * (a rule set names its own where they differ from the defaults above).
 */
export function hit(code: HitCode, ruleSetId: string, ruleIds: HitRuleIds, lineNo: number | null): RuleHit {
  const slot = lineNo === null ? 0 : lineNo;
  const cacheable = lineNo === null || (Number.isInteger(lineNo) && lineNo >= 1 && lineNo < CACHED_LINES);
  let byCode = cache.get(ruleSetId);
  if (byCode === undefined) {
    byCode = new Map();
    cache.set(ruleSetId, byCode);
  }
  let byLine = byCode.get(code);
  if (byLine === undefined) {
    byLine = [];
    byCode.set(code, byLine);
  }
  if (cacheable) {
    const cached = byLine[slot];
    if (cached !== undefined) return cached;
  }
  const d = HITS[code];
  const local = ruleIds[code];
  const h: RuleHit = Object.freeze({
    code,
    ruleId: local?.ruleId ?? d.ruleId,
    section: local?.section ?? d.section,
    severity: d.severity,
    lineNo,
    messageZh: d.zh,
    messageEn: d.en,
    failsRationalUse: d.failsRationalUse,
  });
  if (cacheable) byLine[slot] = h;
  return h;
}
