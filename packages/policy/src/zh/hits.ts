/**
 * Rule hits in Chinese: each hit cited in Chinese (按《无锡市…意见》二（三），…), and each code's
 * plain sentence for the insured person's notice — what the rule says about their claim and
 * what it did to the amount. Every hit code has its sentence in both languages; hits-zh.test.ts
 * fails on a code without one.
 */
import type { HitCode } from '../hits';
import { formatYuan } from '../money';
import type { RuleHit } from '../types';
import { ruleCiteZh } from './citation';

export interface HitZh {
  readonly citationZh: string;
  /** 按《…》X，<the hit's message> */
  readonly textZh: string;
}

export function hitZh(h: RuleHit, ruleSetId: string | null): HitZh {
  const citationZh = ruleCiteZh(ruleSetId, h.ruleId, h.section);
  return { citationZh, textZh: citationZh === '' ? h.messageZh : `按${citationZh}，${h.messageZh}` };
}

/** What a notice knows about the claim when it words a hit; a line hit's line fields are set. */
export interface HitFacts {
  readonly lineNo: number | null;
  /** the drug's generic name (Chinese; the English sentence uses `drugEn`) */
  readonly drug: string;
  readonly drugEn: string;
  readonly amountFen: number;
  readonly compliantFen: number;
  readonly daysSupply: number | null;
  readonly quantity: number | null;
  /** the long-prescription limit, days (W 四(二), G 五(三)7) */
  readonly maxDays: number | null;
  /** days of the same drug still on hand, from the trace */
  readonly onHandDays: number | null;
  /** units the days of supply need, from the trace */
  readonly allowedUnits: number | null;
  /** the line's amount above its payment standard (W 四(一)), from the decision */
  readonly overStandardFen: number | null;
  /** the payment standard per unit, from the trace */
  readonly standardUnitFen: number | null;
}

interface Sentence {
  readonly zh: (f: HitFacts) => string;
  readonly en: (f: HitFacts) => string;
}

const y = (fen: number) => `${formatYuan(fen)}元`;
const item = (f: HitFacts) => `第${f.lineNo ?? '—'}项${f.drug}`;
const itemEn = (f: HitFacts) => `item ${f.lineNo ?? '—'} (${f.drugEn})`;

const claimRefused = (zh: string, en: string): Sentence => ({
  zh: () => `${zh}，本次费用基金不予支付。`,
  en: () => `${en}: the fund pays nothing for this claim.`,
});
const lineRefused = (zh: (f: HitFacts) => string, en: (f: HitFacts) => string): Sentence => ({
  zh: (f) => `${zh(f)}，${item(f)}的${y(f.amountFen)}基金不予支付。`,
  en: (f) => `${en(f)}: the fund pays nothing of ${itemEn(f)}'s ¥${formatYuan(f.amountFen)}.`,
});
const lineReduced = (zh: (f: HitFacts) => string, en: (f: HitFacts) => string): Sentence => ({
  zh: (f) => `${zh(f)}，超出部分不予支付：${item(f)}${y(f.amountFen)}中按规定计算的是${y(f.compliantFen)}。`,
  en: (f) => `${en(f)}: the excess is not paid; of ${itemEn(f)}'s ¥${formatYuan(f.amountFen)}, ¥${formatYuan(f.compliantFen)} counts.`,
});

export const HIT_SENTENCES: Readonly<Record<HitCode, Sentence>> = {
  RULE_SET_NOT_IN_FORCE: claimRefused('就诊日期不在“两病”门诊用药保障政策的执行期内', 'The service date is outside the period the 两病 rules are in force'),
  PARAMETER_NOT_CONFIGURED: claimRefused('本地“两病”的支付比例和年度限额尚未配置', 'The local ratio and annual cap are not configured yet'),
  SCHEME_NOT_RESIDENT: claimRefused(
    '“两病”门诊用药保障只适用于城乡居民医保参保人员，就诊当日您不是居民医保参保人员',
    'The benefit is for residents’ insurance members only, and you were not one on the day',
  ),
  NOT_CERTIFIED: claimRefused('就诊当日您没有有效的“两病”认定（门诊医疗证）', 'You held no valid 两病 certification on the day'),
  GENERAL_OUTPATIENT_NOT_EXHAUSTED: claimRefused(
    '您今年的普通门诊待遇还没有用完，应先按普通门诊结算',
    'Your general-outpatient benefit for the year is not used up: it settles first',
  ),
  PATHWAY_NOT_AVAILABLE: claimRefused('本地政策没有规定这种就医方式', 'The local rules do not provide for this way of getting care'),
  INSTITUTION_OUT_OF_CITY: claimRefused('就医机构不在本统筹地区', 'The institution is outside the city'),
  INSTITUTION_NOT_INSURANCE_DESIGNATED: claimRefused('就医机构不是基本医保定点医疗机构', 'The institution is not designated by the basic medical insurance'),
  NOT_DESIGNATED_INSTITUTION: claimRefused(
    '您没有在约定的基层机构（或其联合体）就医配药',
    'You were not at your designated primary institution or its consortium',
  ),
  DESIGNATED_NOT_PRIMARY: claimRefused('您约定的机构不是基层医疗卫生机构', 'Your designated institution is not a primary-care institution'),
  REFERRAL_MISSING: claimRefused('没有约定的基层机构出具的转诊记录', 'There is no referral from your designated primary institution'),
  REFERRAL_NOT_FROM_DESIGNATED: claimRefused('转诊不是由您约定的基层机构出具的', 'The referral was not issued by your designated primary institution'),
  REFERRAL_AFTER_SERVICE: claimRefused('转诊日期晚于就诊日期', 'The referral is dated after the visit'),
  OUT_OF_AREA_NOT_REGISTERED: claimRefused('您没有登记为异地长期居住人员', 'You are not registered as living long-term elsewhere'),
  OUT_OF_AREA_LEVEL: claimRefused(
    '异地就医须在居住地二级及以下的异地联网结算定点医疗机构',
    'Out of area, only networked designated institutions of level 2 or below count',
  ),
  INSTITUTION_NOT_AUTHORISED: claimRefused(
    '该机构不能开展“两病”门诊诊疗，只能凭延伸处方配药',
    'The institution may not treat 两病; it may only dispense on an extension prescription',
  ),
  EXTENSION_NOT_PRIMARY: claimRefused('延伸处方只能在基层医疗卫生机构配药', 'Extension prescriptions are dispensed at primary institutions only'),
  EXTENSION_NO_SOURCE: claimRefused('没有二级及以上医疗机构开具的“两病”处方', 'There is no 两病 prescription from a level-2-or-higher institution'),
  EXTENSION_SOURCE_LEVEL: claimRefused(
    '延伸处方所凭的处方须由二级及以上医疗机构开具',
    'The prescription an extension relies on must come from a level-2-or-higher institution',
  ),
  EXTENSION_SOURCE_EXPIRED: claimRefused('所凭的处方开具已超过半年', 'The prescription relied on is more than six months old'),
  EXTENSION_SOURCE_FUTURE: claimRefused('所凭处方的日期晚于配药日期', 'The prescription relied on is dated after dispensing'),
  EXTENSION_UNSTABLE: claimRefused(
    '用药控制不稳定时不能用延伸处方，应转诊到二级及以上医院',
    'Extension prescriptions are for stable patients; you should be referred to a level-2+ hospital',
  ),
  REFERRAL_TARGET_LEVEL: claimRefused('转诊须转至二级及以上医院', 'A referral goes to a level-2-or-higher hospital'),
  DRUG_NOT_IN_CATALOGUE: lineRefused(
    (f) => `${f.drug}不在“两病”用药范围内`,
    (f) => `${f.drugEn} is not in the 两病 drug scope`,
  ),
  FORM_NOT_IN_CATALOGUE: lineRefused(
    (f) => `${f.drug}的这种剂型不在“两病”用药目录内`,
    (f) => `this dosage form of ${f.drugEn} is not in the catalogue`,
  ),
  DISEASE_NOT_CERTIFIED: lineRefused(
    (f) => `${f.drug}治疗的疾病不在您认定的病种内`,
    (f) => `${f.drugEn} treats a disease you are not certified for`,
  ),
  COVERED_BY_CHRONIC_PROGRAMME: lineRefused(
    (f) => `您已纳入门诊慢性病（特殊病）保障，${f.drug}按原政策报销，不重复报销`,
    (f) => `you are in the chronic-disease programme, which pays ${f.drugEn}; it is not paid twice`,
  ),
  VILLAGE_SCOPE: lineRefused(
    (f) => `${f.drug}（该剂型）不能在村卫生室、社区卫生服务站使用`,
    (f) => `${f.drugEn} (this form) may not be dispensed at village level`,
  ),
  RESTRICTION_NOT_MET: lineRefused(
    (f) => `${f.drug}有限定支付条件，您的情况不符合`,
    (f) => `${f.drugEn} is paid only under a restriction your record does not meet`,
  ),
  EXTENSION_DRUG_NOT_PRESCRIBED: lineRefused(
    (f) => `${f.drug}不在所凭的原处方上`,
    (f) => `${f.drugEn} is not on the prescription relied on`,
  ),
  DUPLICATE_DISPENSING: lineRefused(
    (f) =>
      f.onHandDays !== null && f.onHandDays > 0
        ? `${f.drug}上次配的药还有${f.onHandDays}天没有用完，属于重复配药`
        : `同一药品还有没用完的药，${f.drug}属于重复配药`,
    (f) =>
      f.onHandDays !== null && f.onHandDays > 0
        ? `${f.onHandDays} days of ${f.drugEn} from an earlier fill are still on hand: duplicate dispensing`
        : `${f.drugEn} duplicates supply still on hand`,
  ),
  LONG_PRESCRIPTION_EXCEEDED: lineReduced(
    (f) => `长期处方最多${f.maxDays ?? '—'}天用药量，${f.drug}开了${f.daysSupply ?? '—'}天`,
    (f) => `a long prescription carries at most ${f.maxDays ?? '—'} days; ${f.drugEn} was for ${f.daysSupply ?? '—'} days`,
  ),
  OVER_QUANTITY: lineReduced(
    (f) => `${f.drug}配了${f.quantity ?? '—'}个单位，超过${f.daysSupply ?? '—'}天所需的${f.allowedUnits ?? '—'}个单位`,
    (f) => `${f.quantity ?? '—'} units of ${f.drugEn} exceed the ${f.allowedUnits ?? '—'} that ${f.daysSupply ?? '—'} days need`,
  ),
  IRRATIONAL_COMBINATION: {
    zh: (f) => `提醒：${f.drug}与正在使用的另一类同类降压药（ACEI与ARB/ARNI）联用不合理，请咨询医生；本次支付不受影响。`,
    en: (f) => `Note: ${f.drugEn} combines an ACE inhibitor with an ARB/ARNI, which is not rational use; ask your doctor. The payment is not affected.`,
  },
  OVER_PAYMENT_STANDARD: {
    zh: (f) =>
      `${item(f)}的价格高于医保支付标准${f.standardUnitFen === null ? '' : `（每单位${y(f.standardUnitFen)}）`}，基金按支付标准计算支付，超出标准的${y(f.overStandardFen ?? f.amountFen - f.compliantFen)}由您个人负担。`,
    en: (f) =>
      `${itemEn(f)} is priced above the payment standard${f.standardUnitFen === null ? '' : ` (¥${formatYuan(f.standardUnitFen)} a unit)`}: the fund pays on the standard, and the ¥${formatYuan(f.overStandardFen ?? f.amountFen - f.compliantFen)} above it is yours to pay.`,
  },
  CAP_REACHED: {
    zh: (f) => `您今年的基金最高支付限额已用完，${item(f)}超出限额的部分由您自付。`,
    en: (f) => `Your annual fund cap is used up: the part of ${itemEn(f)} beyond it is yours to pay.`,
  },
};

export interface HitSentence {
  readonly zh: string;
  readonly en: string;
}

/** The notice's sentence for a hit: 按《…》X，<plain sentence>. */
export function hitSentence(h: RuleHit, ruleSetId: string | null, f: HitFacts): HitSentence {
  const s = HIT_SENTENCES[h.code as HitCode];
  const cite = ruleCiteZh(ruleSetId, h.ruleId, h.section);
  const zh = s === undefined ? h.messageZh : s.zh(f);
  const en = s === undefined ? h.messageEn : s.en(f);
  const section = h.section === '—' ? '' : ` (${h.ruleId} ${h.section})`;
  return { zh: cite === '' ? zh : `按${cite}，${zh}`, en: `${en}${section}` };
}
