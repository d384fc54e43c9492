/**
 * Rule-set parameters in Chinese: each name, its value as a reader says it (60%, 800.00元, 60天),
 * and, where a citation's note is English (our reading of a text, or a value the texts do not
 * give), its Chinese. Notes already in Chinese are the texts' own words and are shown as they are.
 */
import type { ParameterName } from '../params';
import type { ParameterUse } from '../types';
import { citationZh } from './citation';
import { PARAMETER_KIND_ZH, ratioZh, yesNoZh, yuanZh } from './labels';

export const PARAMETER_NAME_ZH: Readonly<Record<ParameterName, string>> = {
  ratioDesignatedBp: '在定点（可开展“两病”诊疗）的基层机构就医的基金支付比例',
  ratioReferralBp: '经转诊就医的基金支付比例',
  ratioEmergencyBp: '突发危急重症就近就医后报销的基金支付比例',
  ratioOutOfAreaBp: '异地长期居住就医的基金支付比例',
  ratioExtensionBp: '延伸处方配药的基金支付比例',
  capOneDiseaseFen: '患一种“两病”的年度基金最高支付限额',
  capBothDiseasesFen: '同时患有“两病”的年度基金最高支付限额',
  deductibleFen: '起付线',
  capIncludesGeneralOutpatient: '限额含居民医保普通门诊基金支付部分',
  generalOutpatientFirst: '普通门诊待遇用完后方可享受',
  longPrescriptionMaxDays: '长期处方最多用药天数',
  extensionPrescriptionValidMonths: '延伸处方所凭处方的有效期（月）',
  earlyRefillToleranceDays: '提前续配容许天数',
  designatedInstitutionRequired: '须在约定的基层机构就医',
  chronicProgrammeMembersExcluded: '已纳入门诊慢特病保障的按原政策执行',
  designationLockedDistricts: '年度内不得变更约定机构的地区',
};

const KNOWN = new Set<string>(Object.keys(PARAMETER_NAME_ZH));
const isParameterName = (name: string): name is ParameterName => KNOWN.has(name);

/** A parameter's value as a sentence says it. */
export function parameterValueZh(name: string, value: number | boolean | string | null): string {
  if (value === null) return '未设置';
  if (typeof value === 'boolean') return yesNoZh(value);
  if (typeof value === 'string') return value === '' ? '无' : value;
  if (name.endsWith('Bp')) return ratioZh(value);
  if (name.endsWith('Fen')) return yuanZh(value);
  if (name.endsWith('Days')) return `${value}天`;
  if (name.endsWith('Months')) return `${value}个月`;
  return String(value);
}

/**
 * The Chinese of the notes the rule sets and configuration write in English, by the English note.
 * A note not listed here and containing Latin letters is a gap: parameters.test.ts walks every
 * parameter of every rule set.
 */
const NOTE_ZH: Readonly<Record<string, string>> = {
  'no separate ratio is given; the claim is reimbursed by the designated primary institution, so its 60% applies':
    '原文未另定比例；费用由约定的基层机构报销，按其60%执行（本平台解读）',
  '相关政策按参保地政策执行: the insured city’s ratio for its own primary care, 60%': '相关政策按参保地政策执行：即参保地基层机构就医的60%（本平台解读）',
  'no extension-prescription pathway in Wuxi': '无锡文件未规定延伸处方',
  '不超过2个月用药量的长期处方 (2 months read as 60 days)': '不超过2个月用药量的长期处方（2个月按60天计）',
  '四(二) says 避免重复开药 without a tolerance; a refill may overlap the remaining supply by up to 7 days before it counts as duplicate dispensing':
    '四（二）要求避免重复开药，未规定容许天数；本平台配置为剩余药量不超过7天时续配不算重复配药',
  '五(四)9 forbids 重复配药 without a tolerance; a refill may overlap the remaining supply by up to 7 days':
    '五（四）9严禁重复配药，未规定容许天数；本平台配置为剩余药量不超过7天时续配不算重复配药',
  'no emergency post-hoc pathway in the plan': '方案未规定急诊事后报销',
  'no out-of-area pathway in the plan': '方案未规定异地就医',
  '做好…与普通门诊统筹…衔接: the plan does not put general-outpatient payments under the cap':
    '做好…与普通门诊统筹…衔接：方案未将普通门诊支付计入限额（本平台解读）',
  'the plan sets no order between general-outpatient pooling and this benefit': '方案未规定须先用完普通门诊统筹（本平台解读）',
  '支持基层医疗卫生机构将处方用药量放宽至3个月 (3 months read as 90 days)': '支持基层医疗卫生机构将处方用药量放宽至3个月（3个月按90天计）',
  'patients may use any authorised primary institution; no per-patient designation': '患者可到任一可开展“两病”诊疗的基层机构就医，不约定机构（本平台解读）',
  '规范化管理的“两病”参保患者全部纳入医保门诊慢特病保障范围; 附件5 counts 门诊慢特病中“两病”用药患者 as a category':
    '规范化管理的“两病”参保患者全部纳入医保门诊慢特病保障范围；附件5将门诊慢特病中的“两病”用药患者单列统计',
  'no designation-change rule in the plan': '方案未规定约定机构变更',
};

const SET_BY = /^set by (.+) \(G-4, 五\(二\)3\), not in the sources: (.+)$/;
const SET_BY_WHAT: Readonly<Record<string, string>> = {
  'fund ratio': '基金支付比例',
  'fund ratio at a level-2+ hospital after referral': '转诊至二级及以上医院的基金支付比例',
  'fund ratio of an extension prescription': '延伸处方的基金支付比例',
  'annual cap, one disease': '患一种病的年度最高支付限额',
  'annual cap, both diseases': '同时患“两病”的年度最高支付限额',
  deductible: '起付线',
};

/** A citation's note in Chinese: the texts' own words as they are, our English notes translated; null when there is none to give. */
export function noteZh(note: string | undefined): string | null {
  if (note === undefined || note === '') return null;
  const known = NOTE_ZH[note];
  if (known !== undefined) return known;
  const setBy = SET_BY.exec(note);
  if (setBy !== null) return `由${setBy[1]}规定（G-4，五（二）3），不在本平台依据文件之列：${SET_BY_WHAT[setBy[2]!] ?? setBy[2]}`;
  const atc = /^ATC (\S+) in group (\S+)$/.exec(note);
  if (atc !== null) return `ATC编码${atc[1]}，属${atc[2]}类`;
  return /[A-Za-z]/.test(note) ? null : note;
}

export interface ParameterZh {
  readonly nameZh: string;
  readonly valueZh: string;
  readonly kindZh: string;
  readonly citationZh: string;
  readonly noteZh: string | null;
}

export function parameterZh(p: ParameterUse): ParameterZh {
  return {
    nameZh: isParameterName(p.name) ? PARAMETER_NAME_ZH[p.name] : p.name,
    valueZh: parameterValueZh(p.name, p.value),
    kindZh: PARAMETER_KIND_ZH[p.kind],
    citationZh: citationZh(p.citation),
    noteZh: noteZh(p.citation.note),
  };
}
