/**
 * The Chinese names of the core's own terms (levels, pathways, diseases, outcomes, parameter
 * kinds) and the way money, ratios and days read in a Chinese sentence. Plain tables: the
 * explanation and the notice render from them.
 */
import type { Disease, DosageForm } from '../catalogue/types';
import { formatYuan } from '../money';
import type { InsuranceScheme, InstitutionLevel, Outcome, ParameterKind, Pathway, Severity } from '../types';

export const LEVEL_ZH: Readonly<Record<InstitutionLevel, string>> = {
  village_clinic: '村卫生室',
  community_health_station: '社区卫生服务站',
  township_health_centre: '乡镇卫生院',
  community_health_centre: '社区卫生服务中心',
  level2_hospital: '二级医院',
  level3_hospital: '三级医院',
};

/** How the patient came to the institution, as the texts name it (W 二(三)、三, G 五(二)4). */
export const PATHWAY_ZH: Readonly<Record<Pathway, string>> = {
  designated: '在定点（约定）的基层机构就医',
  referral: '经定点的基层机构转诊',
  emergency: '突发危急重症就近就医后报销',
  out_of_area: '异地长期居住就医',
  extension: '延伸处方配药',
};

export const DISEASE_ZH: Readonly<Record<Disease, string>> = { hypertension: '高血压', diabetes: '糖尿病' };

export const FORM_ZH: Readonly<Record<DosageForm, string>> = { oral: '口服', injection: '注射' };

export const SCHEME_ZH: Readonly<Record<InsuranceScheme, string>> = { resident: '城乡居民医保', employee: '职工医保', uninsured: '未参保' };

export const OUTCOME_ZH: Readonly<Record<Outcome, string>> = {
  paid: '按规定支付',
  partially_paid: '部分支付',
  not_paid: '基金不予支付',
  not_in_force: '无生效的“两病”规则',
  not_configured: '待遇标准尚未配置',
};

export const SEVERITY_ZH: Readonly<Record<Severity, string>> = {
  reject_claim: '整单不予支付',
  reject_line: '该项不予支付',
  reduce_line: '该项部分不予支付',
  warning: '提醒（不影响支付）',
};

export const PARAMETER_KIND_ZH: Readonly<Record<ParameterKind, string>> = {
  cited: '原文规定',
  interpretation: '本平台对原文的解读',
  configuration: '部署配置（原文未规定）',
  override: '命名覆盖值',
};

/** The cities of the rule sets, by code. */
export const CITY_ZH: Readonly<Record<string, string>> = { '320200': '无锡市', '520100': '贵阳市（贵阳贵安）' };

export function cityZh(code: string): string {
  return CITY_ZH[code] ?? `城市${code}`;
}

export function yuanZh(fen: number): string {
  return `${formatYuan(fen)}元`;
}

export function ratioZh(bp: number): string {
  return `${bp / 100}%`;
}

export function yesNoZh(value: boolean): string {
  return value ? '是' : '否';
}

/** A value the English trace printed as text, in Chinese where it is one of the core's own terms. */
export function termZh(value: string): string {
  return (
    (LEVEL_ZH as Record<string, string>)[value] ??
    (PATHWAY_ZH as Record<string, string>)[value] ??
    (DISEASE_ZH as Record<string, string>)[value] ??
    (SCHEME_ZH as Record<string, string>)[value] ??
    (OUTCOME_ZH as Record<string, string>)[value] ??
    (FORM_ZH as Record<string, string>)[value] ??
    value
  );
}
