/**
 * Indicator definitions (INDICATORS.md), versioned: a change of definition is a new id, so a
 * published quarter stays reproducible.
 */
export interface IndicatorDefinition {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  numeratorZh: string;
  numeratorEn: string;
  denominatorZh: string;
  denominatorEn: string;
  window: string;
  source: string;
  /** the id of the version that replaced this one; null for the version in force */
  supersededBy: string | null;
}

const SPEC = '国家基本公共卫生服务规范（第三版）2017';

export const DEFINITIONS: readonly IndicatorDefinition[] = [
  {
    id: 'awareness.v1', key: 'awareness', nameZh: '知晓率（登记估算）', nameEn: 'Awareness (registry-based estimate)',
    numeratorZh: '辖区内登记在册、年满35岁、已确诊的患者（按病种计）', numeratorEn: 'Residents aged ≥ 35 known to the health system with the disease (per disease)',
    denominatorZh: '估算患者数 = 35岁及以上常住人口 × 患病率（注明来源）', denominatorEn: 'Estimated patients = resident population aged ≥ 35 × prevalence (sourced)',
    window: 'calendar year', source: '筑医保发〔2021〕13号 二、五(三)6; registry estimate of a survey measure (see INDICATORS.md)', supersededBy: null,
  },
  {
    id: 'standardised-management.v1', key: 'standardisedManagement', nameZh: '规范化管理率', nameEn: 'Standardised management',
    numeratorZh: '年内面对面随访≥4次的管理患者（糖尿病每次须测空腹血糖）', numeratorEn: 'Managed patients with ≥ 4 face-to-face follow-ups in the year (diabetes: each with a fasting glucose)',
    denominatorZh: '年内管理患者数', denominatorEn: 'Patients under management in the year',
    window: 'year to date', source: SPEC, supersededBy: 'standardised-management.v2',
  },
  {
    // v1 asked for 4 follow-ups at every quarter end, so every first quarter read 0.
    id: 'standardised-management.v2', key: 'standardisedManagement', nameZh: '规范化管理率', nameEn: 'Standardised management',
    numeratorZh: '年初至期末面对面随访次数达标的管理患者：每季度至少1次，即截至第1季度末≥1次、第2季度末≥2次、第3季度末≥3次、全年≥4次；各病种按本病种规则判定（糖尿病每次随访须测空腹血糖）',
    numeratorEn: 'Managed patients with enough face-to-face follow-ups from 1 January to the period end — one a quarter: ≥ 1 by the end of Q1, ≥ 2 by Q2, ≥ 3 by Q3, ≥ 4 in the year; each disease by its own rule (diabetes: each follow-up with a fasting glucose)',
    denominatorZh: '年内管理患者数', denominatorEn: 'Patients under management in the year',
    window: 'calendar year to period end; the follow-up requirement pro-rated by quarter (年初至期末，随访要求按季度折算)',
    source: `${SPEC}：高血压、2型糖尿病患者每年至少4次面对面随访（每季度1次）`, supersededBy: null,
  },
  {
    id: 'rational-medication.v1', key: 'rationalMedication', nameZh: '合理用药率', nameEn: 'Rational medication use',
    numeratorZh: '通过全部合理用药校验的“两病”配药结算', numeratorEn: '两病 dispensing claims passing every rational-use check of the rule set in force',
    denominatorZh: '“两病”配药结算', denominatorEn: '两病 dispensing claims',
    window: 'calendar quarter', source: '筑医保发〔2021〕13号 五(四)9; rule set checks', supersededBy: null,
  },
  {
    id: 'bp-control.v1', key: 'bloodPressureControl', nameZh: '血压控制率', nameEn: 'Blood-pressure control',
    numeratorZh: '年内最近一次随访 SBP<140 且 DBP<90（≥65岁 SBP<150）的高血压管理患者；无随访计为未控制', numeratorEn: 'Managed hypertension patients whose latest follow-up had SBP < 140 and DBP < 90 (≥ 65: SBP < 150); none counts as not controlled',
    denominatorZh: '年内管理的高血压患者', denominatorEn: 'Hypertension patients under management in the year',
    window: 'year to date', source: SPEC, supersededBy: null,
  },
  {
    id: 'glucose-control.v1', key: 'glucoseControl', nameZh: '血糖控制率', nameEn: 'Glucose control',
    numeratorZh: '年内最近一次空腹血糖<7.0 mmol/L 的糖尿病管理患者；无记录计为未控制', numeratorEn: 'Managed diabetes patients whose latest fasting glucose was < 7.0 mmol/L; none counts as not controlled',
    denominatorZh: '年内管理的糖尿病患者', denominatorEn: 'Diabetes patients under management in the year',
    window: 'year to date', source: SPEC, supersededBy: null,
  },
  {
    id: 'benefit-coverage.v1', key: 'benefitCoverage', nameZh: '保障覆盖率', nameEn: 'Benefit coverage',
    numeratorZh: '已参加居民医保并已办证的管理患者', numeratorEn: 'Managed patients insured in the residents’ scheme and certified',
    denominatorZh: '管理患者', denominatorEn: 'Managed patients',
    window: 'as of period end', source: '筑医保发〔2021〕13号 五(一)1、附件2', supersededBy: null,
  },
  {
    id: 'reimbursement-ratio.v1', key: 'reimbursementRatio', nameZh: '实际报销比例', nameEn: 'Reimbursement ratio',
    numeratorZh: '基金支付（分）', numeratorEn: 'Fund paid (fen)',
    denominatorZh: '合规药品费用（分）', denominatorEn: 'Compliant drug cost (fen)',
    window: 'calendar quarter', source: '筑医保发〔2021〕13号 五(四)10', supersededBy: null,
  },
  {
    id: 'adherence-pdc80.v1', key: 'adherence', nameZh: '用药依从性（PDC≥80%）', nameEn: 'Adherence (PDC ≥ 80 %)',
    numeratorZh: '药品覆盖天数占首次配药至期末≥80%的患者（重叠顺延）', numeratorEn: 'Patients whose supply covers ≥ 80 % of days from first fill to period end (overlaps shifted forward)',
    denominatorZh: '期内不同日期配药≥2次的患者', denominatorEn: 'Patients with ≥ 2 fills on different dates in the period',
    window: 'calendar year to period end', source: 'INDICATORS.md (PDC, after Simple and WHO HEARTS)', supersededBy: null,
  },
];

/** The version in force of each indicator: what every figure is computed by and labelled with. */
export const DEFINITION_ID: Record<string, string> = Object.fromEntries(DEFINITIONS.filter((d) => d.supersededBy === null).map((d) => [d.key, d.id]));
