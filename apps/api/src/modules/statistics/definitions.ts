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
  /** the window in English (kept for existing readers: windowEn is the same text) */
  window: string;
  windowZh: string;
  source: string;
  /** the id of the version that replaced this one; null for the version in force */
  supersededBy: string | null;
}

const SPEC = '国家基本公共卫生服务规范（第三版）2017';

export const DEFINITIONS: readonly IndicatorDefinition[] = [
  {
    id: 'awareness.v1',
    key: 'awareness',
    nameZh: '知晓率（登记估算）',
    nameEn: 'Awareness (registry-based estimate)',
    numeratorZh: '辖区内登记在册、年满35岁、已确诊的患者（按病种计）',
    numeratorEn: 'Residents aged ≥ 35 known to the health system with the disease (per disease)',
    denominatorZh: '估算患者数 = 35岁及以上常住人口 × 患病率（注明来源）',
    denominatorEn: 'Estimated patients = resident population aged ≥ 35 × prevalence (sourced)',
    window: 'calendar year',
    windowZh: '自然年',
    source: '筑医保发〔2021〕13号 二、五(三)6；调查指标的登记估算（INDICATORS.md）',
    supersededBy: null,
  },
  {
    id: 'standardised-management.v1',
    key: 'standardisedManagement',
    nameZh: '规范化管理率',
    nameEn: 'Standardised management',
    numeratorZh: '年内面对面随访≥4次的管理患者（糖尿病每次须测空腹血糖）',
    numeratorEn: 'Managed patients with ≥ 4 face-to-face follow-ups in the year (diabetes: each with a fasting glucose)',
    denominatorZh: '年内管理患者数',
    denominatorEn: 'Patients under management in the year',
    window: 'year to date',
    windowZh: '年初至期末累计',
    source: SPEC,
    supersededBy: 'standardised-management.v2',
  },
  {
    // v1 asked for 4 follow-ups at every quarter end, so every first quarter read 0.
    id: 'standardised-management.v2',
    key: 'standardisedManagement',
    nameZh: '规范化管理率',
    nameEn: 'Standardised management',
    numeratorZh:
      '随访达标人数：年初至期末面对面随访次数达标的管理患者，每季度至少1次，即截至第1季度末≥1次、第2季度末≥2次、第3季度末≥3次、全年≥4次；各病种按本病种规则判定（糖尿病每次随访须测空腹血糖）',
    numeratorEn:
      'Patients meeting the follow-up standard: managed patients with enough face-to-face follow-ups from 1 January to the period end — one a quarter: ≥ 1 by the end of Q1, ≥ 2 by Q2, ≥ 3 by Q3, ≥ 4 in the year; each disease by its own rule (diabetes: each follow-up with a fasting glucose)',
    denominatorZh: '规范化管理人数（期末在管的患者）',
    denominatorEn: 'Patients under standardised management (under management at the period end)',
    window: 'calendar year to period end; the follow-up requirement pro-rated by quarter',
    windowZh: '年初至期末累计，随访要求按季度折算',
    source: `${SPEC}：高血压、2型糖尿病患者每年至少4次面对面随访（每季度1次）`,
    supersededBy: null,
  },
  {
    id: 'rational-medication.v1',
    key: 'rationalMedication',
    nameZh: '合理用药率',
    nameEn: 'Rational medication use',
    numeratorZh: '通过全部合理用药校验的“两病”配药结算',
    numeratorEn: '两病 dispensing claims passing every rational-use check of the rule set in force',
    denominatorZh: '“两病”配药结算',
    denominatorEn: '两病 dispensing claims',
    window: 'calendar quarter',
    windowZh: '所选季度（选“全年”时为全年）',
    source: '筑医保发〔2021〕13号 五(四)9；规则集校验',
    supersededBy: 'rational-medication.v2',
  },
  {
    // v1 counted a claim refused outright (a claim-level rule: no certificate, not at the designated institution …) as a dispensing claim that passed
    id: 'rational-medication.v2',
    key: 'rationalMedication',
    nameZh: '合理用药率',
    nameEn: 'Rational medication use',
    numeratorZh: '通过全部合理用药校验的“两病”配药结算',
    numeratorEn: '两病 dispensing claims passing every rational-use check of the rule set in force',
    denominatorZh:
      '“两病”配药结算；整单不予支付（不符合待遇条件，如未办证、未在约定机构就医）的单据不计，部分或全部药品不予支付（如目录外药品、超量）的单据照计',
    denominatorEn:
      '两病 dispensing claims; a claim refused outright (not eligible: no certificate, not at the designated institution …) is not one, a claim whose lines were refused (out of catalogue, over supply …) is',
    window: 'calendar quarter',
    windowZh: '所选季度（选“全年”时为全年）',
    source: '筑医保发〔2021〕13号 五(四)9；规则集校验',
    supersededBy: null,
  },
  {
    id: 'bp-control.v1',
    key: 'bloodPressureControl',
    nameZh: '血压控制率',
    nameEn: 'Blood-pressure control',
    numeratorZh: '年内最近一次随访 SBP<140 且 DBP<90（≥65岁 SBP<150）的高血压管理患者；无随访计为未控制',
    numeratorEn: 'Managed hypertension patients whose latest follow-up had SBP < 140 and DBP < 90 (≥ 65: SBP < 150); none counts as not controlled',
    denominatorZh: '年内管理的高血压患者',
    denominatorEn: 'Hypertension patients under management in the year',
    window: 'year to date',
    windowZh: '年初至期末累计',
    source: SPEC,
    supersededBy: null,
  },
  {
    id: 'glucose-control.v1',
    key: 'glucoseControl',
    nameZh: '血糖控制率',
    nameEn: 'Glucose control',
    numeratorZh: '年内最近一次空腹血糖<7.0 mmol/L 的糖尿病管理患者；无记录计为未控制',
    numeratorEn: 'Managed diabetes patients whose latest fasting glucose was < 7.0 mmol/L; none counts as not controlled',
    denominatorZh: '年内管理的糖尿病患者',
    denominatorEn: 'Diabetes patients under management in the year',
    window: 'year to date',
    windowZh: '年初至期末累计',
    source: SPEC,
    supersededBy: null,
  },
  {
    id: 'benefit-coverage.v1',
    key: 'benefitCoverage',
    nameZh: '保障覆盖率',
    nameEn: 'Benefit coverage',
    numeratorZh: '已参加居民医保并已办证的管理患者',
    numeratorEn: 'Managed patients insured in the residents’ scheme and certified',
    denominatorZh: '管理患者',
    denominatorEn: 'Managed patients',
    window: 'as of period end',
    windowZh: '截至期末',
    source: '筑医保发〔2021〕13号 五(一)1、附件2',
    supersededBy: null,
  },
  {
    id: 'reimbursement-ratio.v1',
    key: 'reimbursementRatio',
    nameZh: '实际报销比例',
    nameEn: 'Reimbursement ratio',
    numeratorZh: '基金支付（分）',
    numeratorEn: 'Fund paid (fen)',
    denominatorZh: '合规药品费用（分）',
    denominatorEn: 'Compliant drug cost (fen)',
    window: 'calendar quarter',
    windowZh: '所选季度（选“全年”时为全年）',
    source: '筑医保发〔2021〕13号 五(四)10',
    supersededBy: null,
  },
  {
    id: 'adherence-pdc80.v1',
    key: 'adherence',
    nameZh: '用药依从性（PDC≥80%）',
    nameEn: 'Adherence (PDC ≥ 80 %)',
    numeratorZh: '药品覆盖天数占首次配药至期末≥80%的患者（重叠顺延）',
    numeratorEn: 'Patients whose supply covers ≥ 80 % of days from first fill to period end (overlaps shifted forward)',
    denominatorZh: '期内不同日期配药≥2次的患者',
    denominatorEn: 'Patients with ≥ 2 fills on different dates in the period',
    window: 'calendar year to period end',
    windowZh: '年初至期末累计',
    source: '药品覆盖天数比例（PDC），参照 Simple 与世界卫生组织 HEARTS 技术包的口径（INDICATORS.md）',
    supersededBy: null,
  },
  {
    // Ours: INDICATORS.md defines no signing rate. Both texts make the family-doctor team the vehicle of 两病 management
    // (筑医保发〔2021〕13号 二 “以家庭医生签约服务为抓手”、五(三)6 “家庭医生要为签约‘两病’患者提供综合性的医防服务”;
    // 无锡 四(三) “做实家庭医生签约服务对‘两病’等慢性病管理的全流程服务”) but neither defines a rate of it.
    id: 'family-doctor-signing.v1',
    key: 'familyDoctorSigning',
    nameZh: '家庭医生签约覆盖率（本系统定义）',
    nameEn: 'Family-doctor signing coverage (our definition)',
    numeratorZh: '期末有在约家庭医生团队签约的管理患者',
    numeratorEn: 'Managed patients with a family-doctor team signing in force at the period end',
    denominatorZh: '管理患者',
    denominatorEn: 'Managed patients',
    window: 'as of period end',
    windowZh: '截至期末',
    source: '本系统定义（INDICATORS.md 未定义）；依据 筑医保发〔2021〕13号 二、五(三)6，无锡市“两病”意见 四(三)',
    supersededBy: null,
  },
];

/** The version in force of each indicator: what every figure is computed by and labelled with. */
export const DEFINITION_ID: Record<string, string> = Object.fromEntries(DEFINITIONS.filter((d) => d.supersededBy === null).map((d) => [d.key, d.id]));

/**
 * The counts and sums the dashboard and the 附件5 report show beside the rates, each with one name
 * and one definition (issue 17 item 15): a name is never given to two different figures. The
 * report's column headers are the form's own words (附件5); each column names the figure it holds,
 * and where the form's word is shared with another figure of the dashboard, the two are one figure
 * (规范化管理人数 = the statistics' managedPatients of that disease); where they are not, the
 * dashboard's figure carries another name (结算药品费用 against the form's 降血压/降血糖药品费用).
 */
export interface FigureDefinition {
  id: string;
  /** the field it describes: an IndicatorSet field, or a 附件5 column (report.*) */
  key: string;
  nameZh: string;
  nameEn: string;
  definitionZh: string;
  definitionEn: string;
  windowZh: string;
  windowEn: string;
  source: string;
}

const G10 = '筑医保发〔2021〕13号 七(三)、附件5';
/** The window of the overview's sums and distinct counts: the quarter chosen, or the year. */
const CHOSEN_PERIOD = { windowZh: '所选季度（选“全年”时为全年）', windowEn: 'the chosen quarter (the year when the whole year is chosen)' } as const;

export const FIGURES: readonly FigureDefinition[] = [
  {
    id: 'managed-patients.v1',
    key: 'managedPatients',
    nameZh: '规范化管理人数',
    nameEn: 'Patients under standardised management',
    definitionZh:
      '纳入卫生健康部门基本公共卫生规范化管理（建档管理）、截至期末仍在管（未死亡、未迁出）的已确诊患者。按病种计：两病共患者在高血压、糖尿病中各计一人，在“全部”中计一人。是规范化管理率的分母；不要求随访达标（随访达标见“随访达标人数”）',
    definitionEn:
      'Diagnosed patients under the health commission’s standardised (basic public health) management at the period end, alive and resident. Per disease: a patient with both counts once under each disease and once under “all”. The denominator of standardised management; no follow-up requirement (see “patients meeting the follow-up standard”)',
    windowZh: '截至期末',
    windowEn: 'as of period end',
    source: `${G10}（规范化管理人数）；五(一)1 基本公共卫生规范化管理人员信息库`,
  },
  {
    id: 'standard-managed-patients.v2',
    key: 'standardManagedPatients',
    nameZh: '随访达标人数',
    nameEn: 'Patients meeting the follow-up standard',
    definitionZh:
      '规范化管理人数中，年初至期末面对面随访次数达标者（截至第1季度末≥1次、第2季度末≥2次、第3季度末≥3次、全年≥4次；糖尿病每次须测空腹血糖；各病种按本病种规则判定）。是规范化管理率的分子',
    definitionEn:
      'Patients under management with enough face-to-face follow-ups from 1 January to the period end (≥ 1 by Q1, ≥ 2 by Q2, ≥ 3 by Q3, ≥ 4 in the year; diabetes: each with a fasting glucose; each disease by its own rule). The numerator of standardised management',
    windowZh: '年初至期末累计，随访要求按季度折算',
    windowEn: 'calendar year to period end, the requirement pro-rated by quarter',
    source: '国家基本公共卫生服务规范（第三版）2017',
  },
  {
    id: 'beneficiaries.v1',
    key: 'beneficiaries',
    nameZh: '待遇享受人数',
    nameEn: 'Beneficiaries',
    definitionZh: '期内有至少1张基金支付大于0的已结算“两病”单据的患者（去重）；按病种筛选时为该病种患者的单据',
    definitionEn:
      'Distinct patients with at least one accepted 两病 claim the fund paid something for; under a disease filter, the claims of that disease’s patients',
    ...CHOSEN_PERIOD,
    source: 'INDICATORS.md',
  },
  {
    id: 'benefit-uses.v1',
    key: 'benefitUses',
    nameZh: '待遇享受人次',
    nameEn: 'Benefit uses',
    definitionZh: '期内基金支付大于0的已结算“两病”单据数（每次就诊一次）',
    definitionEn: 'Accepted 两病 claims the fund paid something for (one a visit)',
    ...CHOSEN_PERIOD,
    source: 'INDICATORS.md',
  },
  {
    // v1 counted the amount of a claim refused outright (a claim-level rule) as settled drug cost
    id: 'drug-cost.v2',
    key: 'drugCostFen',
    nameZh: '结算药品费用',
    nameEn: 'Drug cost of all claims',
    definitionZh:
      '期内全部已结算（未冲正）“两病”单据的药品费用合计，含基金未支付的单据（如已达年度限额、目录外药品），整单不予支付（不符合待遇条件，如未办证、未在约定机构就医）的单据不计；与调度表中只计待遇享受单据本病种药品的“降血压/降血糖药品费用”口径不同',
    definitionEn:
      'Drug cost of every accepted (not reversed) 两病 claim in the period, including claims the fund paid nothing for (cap reached, out of catalogue) but not a claim refused outright (not eligible: no certificate, not at the designated institution …); unlike the report’s anti-hypertensive / anti-diabetic drug cost, which counts only the disease’s drugs on claims the fund paid',
    ...CHOSEN_PERIOD,
    source: 'INDICATORS.md（药品费用）',
  },
  {
    id: 'fund-paid.v1',
    key: 'fundPaidFen',
    nameZh: '基金支付',
    nameEn: 'Fund paid',
    definitionZh: '期内已结算“两病”单据的基金支付合计（冲正的单据不计）',
    definitionEn: 'Fund paid on the period’s accepted 两病 claims (reversed claims excluded)',
    ...CHOSEN_PERIOD,
    source: 'INDICATORS.md',
  },
  {
    id: 'report-beneficiaries.v1',
    key: 'report.beneficiaries',
    nameZh: '待遇享受人数（按药品病种）',
    nameEn: 'Beneficiaries (by the drug’s disease)',
    definitionZh:
      '附件5：期内基金支付了本病种药品（降血压或降血糖药品）的患者（去重），按单据类别分列；两病共患者只配一种病的药时只计入该病种，故可少于总览按病种筛选的“待遇享受人数”',
    definitionEn:
      'Form 5: distinct patients the fund paid a drug of the disease for, by the claim’s category; a patient with both diseases who got one disease’s drugs counts under that disease only, so it can be below the overview’s beneficiaries under a disease filter',
    windowZh: '所选季度',
    windowEn: 'the chosen quarter',
    source: G10,
  },
  {
    id: 'report-benefit-uses.v1',
    key: 'report.benefitUses',
    nameZh: '待遇享受人次（按药品病种）',
    nameEn: 'Benefit uses (by the drug’s disease)',
    definitionZh: '附件5：期内基金支付了本病种药品的单据数；一次就诊同时配两病药品时在两个病种中各计一次',
    definitionEn: 'Form 5: claims on which the fund paid a drug of the disease; a visit with drugs of both diseases counts once under each',
    windowZh: '所选季度',
    windowEn: 'the chosen quarter',
    source: G10,
  },
  {
    id: 'report-drug-cost.v1',
    key: 'report.drugCostFen',
    nameZh: '降血压/降血糖药品费用（待遇享受单据）',
    nameEn: 'Cost of the disease’s drugs on paid claims',
    definitionZh: '附件5：基金有支付的单据上本病种药品（降血压或降血糖药品）的费用合计，每种药只计入其病种；不含基金未支付的单据，故不大于总览的“结算药品费用”',
    definitionEn:
      'Form 5: cost of the disease’s drugs on claims the fund paid something for, each drug under its own disease; claims the fund paid nothing for are left out, so it is at most the overview’s drug cost of all claims',
    windowZh: '所选季度',
    windowEn: 'the chosen quarter',
    source: G10,
  },
];

/** The figure each 附件5 column holds: 规范化管理人数 is the statistics' own managedPatients. */
export const REPORT_COLUMN_FIGURE: Record<'managedPatients' | 'beneficiaries' | 'benefitUses' | 'drugCostFen' | 'fundPaidFen', string> = {
  managedPatients: 'managed-patients.v1',
  beneficiaries: 'report-beneficiaries.v1',
  benefitUses: 'report-benefit-uses.v1',
  drugCostFen: 'report-drug-cost.v1',
  // every drug the fund pays for is of one of the two diseases (DRUGS), so the fund paid on the lines is the claims' fund paid
  fundPaidFen: 'fund-paid.v1',
};

/** The definitions of the IndicatorSet's counts and sums. */
export const STATISTICS_FIGURES: readonly FigureDefinition[] = FIGURES.filter((f) => !f.key.startsWith('report.'));
