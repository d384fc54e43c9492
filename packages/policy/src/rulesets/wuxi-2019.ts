/**
 * Wuxi (无锡市, 320200), from the opinion of 2019-12-12 (in force from the date of issue, 六).
 * Covers the city districts and the county-level cities 江阴市 (320281) and 宜兴市 (320282),
 * whose designation rule differs (W-5).
 */
import { configuration, PUBLIC_HEALTH_SPEC, wuxi } from '../sources';

/** The opinion as the indicator pages and the statistics form name it. */
const WUXI_OPINION = '无锡市医疗保障局等《关于贯彻实施〈江苏省完善城乡居民高血压糖尿病门诊用药保障机制的实施方案（试行）〉的意见》（2019-12-12）';
import type { RuleSetDefinition } from './types';

const FROM = '2019-12-12';

export const WUXI_2019: RuleSetDefinition = {
  id: 'wuxi-2019',
  version: '2019-12-12',
  cityCode: '320200',
  cityName: { zh: '无锡市', en: 'Wuxi' },
  nameZh: '无锡市居民医保“两病”门诊用药保障',
  nameEn: 'Wuxi residents’ hypertension and diabetes outpatient medication benefit',
  effectiveFrom: FROM,
  effectiveTo: null,
  source: wuxi('六', '本意见自发文之日起执行'),
  pathways: {
    designated: wuxi('三(一)、三(三)', '在约定的基层机构就医'),
    referral: wuxi('三(三)', '转诊到市内其他基本医保定点医疗机构就医'),
    emergency: wuxi('三(三)', '突发危急重症…就近的基本医保定点医疗机构就医…至约定的基层机构报销'),
    out_of_area: wuxi('三(四)', '异地长期居住人员可在居住地的二级及以下异地联网结算定点医疗机构门诊就医'),
  },
  villageScope: false,
  catalogue: {
    kind: 'atc',
    id: 'wuxi-atc-2019',
    groups: ['C02', 'C03', 'C07', 'C08', 'C09', 'A10'],
    citation: wuxi('二(二)', '最新版国家基本医疗保险药品目录内直接用于降血压、降血糖的治疗性药品: ATC C02, C03, C07, C08, C09 (blood pressure), A10 (glucose)'),
  },
  /**
   * W 四(一)（一）合理确定支付政策: 按照国家和省对“两病”用药确定的支付标准，进行动态维护。为确保“两病”患者尽早享受待遇，
   * 目前暂按现有支付标准执行。 The fund pays against the standard the bureau maintains (a loaded payment standard
   * version, in force from its date); a drug without a standard in force is paid on its submitted price (目前暂按现有支付标准执行).
   */
  paymentStandard: {
    applies: true,
    citation: wuxi('四(一)', '按照国家和省对“两病”用药确定的支付标准，进行动态维护。为确保“两病”患者尽早享受待遇，目前暂按现有支付标准执行。'),
  },
  parameters: {
    ratioDesignatedBp: [{ from: FROM, value: 6000, kind: 'cited', citation: wuxi('二(三)', '在定点的基层机构就医的，基金支付比例为60%') }],
    ratioReferralBp: [{ from: FROM, value: 5000, kind: 'cited', citation: wuxi('二(三)', '经定点的基层机构转诊至其他医院的，基金支付比例为50%') }],
    ratioEmergencyBp: [
      {
        from: FROM,
        value: 6000,
        kind: 'interpretation',
        citation: wuxi('二(三)、三(三)', 'no separate ratio is given; the claim is reimbursed by the designated primary institution, so its 60% applies'),
      },
    ],
    ratioOutOfAreaBp: [
      {
        from: FROM,
        value: 6000,
        kind: 'interpretation',
        citation: wuxi('二(三)、三(四)', '相关政策按参保地政策执行: the insured city’s ratio for its own primary care, 60%'),
      },
    ],
    ratioExtensionBp: [{ from: FROM, value: null, kind: 'cited', citation: wuxi('三', 'no extension-prescription pathway in Wuxi') }],
    capOneDiseaseFen: [{ from: FROM, value: 80_000, kind: 'cited', citation: wuxi('二(三)', '年度内居民医保基金最高支付限额为800元') }],
    capBothDiseasesFen: [
      { from: FROM, value: 100_000, kind: 'cited', citation: wuxi('二(三)', '同时患有“两病”的参保人员，年度内居民医保基金最高支付限额为1000元') },
    ],
    deductibleFen: [{ from: FROM, value: 0, kind: 'cited', citation: wuxi('二(三)', '不设起付线') }],
    capIncludesGeneralOutpatient: [{ from: FROM, value: true, kind: 'cited', citation: wuxi('二(三)', '含居民医保普通门诊基金支付部分') }],
    generalOutpatientFirst: [{ from: FROM, value: true, kind: 'cited', citation: wuxi('二(三)', '在普通门诊待遇用完后') }],
    longPrescriptionMaxDays: [{ from: FROM, value: 60, kind: 'cited', citation: wuxi('四(二)', '不超过2个月用药量的长期处方 (2 months read as 60 days)') }],
    extensionPrescriptionValidMonths: [{ from: FROM, value: null, kind: 'cited', citation: wuxi('三', 'no extension-prescription pathway in Wuxi') }],
    earlyRefillToleranceDays: [
      {
        from: FROM,
        value: 7,
        kind: 'configuration',
        citation: configuration(
          '四(二) says 避免重复开药 without a tolerance; a refill may overlap the remaining supply by up to 7 days before it counts as duplicate dispensing',
        ),
      },
    ],
    designatedInstitutionRequired: [
      {
        from: FROM,
        value: true,
        kind: 'cited',
        citation: wuxi('三(一)、三(三)', '实行基层机构定点管理…未按服务管理的要求发生的相关医疗费用，居民医保基金不予支付'),
      },
    ],
    chronicProgrammeMembersExcluded: [
      {
        from: FROM,
        value: true,
        kind: 'cited',
        citation: wuxi('五(二)', '已纳入门诊慢性病或特殊疾病保障范围“两病”患者的待遇，继续按现行政策执行…避免重复报销'),
      },
    ],
    designationLockedDistricts: [
      { from: FROM, value: '320281,320282', kind: 'cited', citation: wuxi('三(二)', '江阴市、宜兴市…约定一家…基层机构进行服务管理，年度内不得变更') },
    ],
  },
  ruleIds: {
    RULE_SET_NOT_IN_FORCE: { ruleId: 'W-0', section: '六' },
    PARAMETER_NOT_CONFIGURED: { ruleId: 'W-3', section: '二(三)' },
    NOT_CERTIFIED: { ruleId: 'W-1', section: '二(一)、三(二)、附件' },
    // Wuxi provides no extension prescription (三 lists the pathways): whatever an extension claim lacks, it is outside 三's service rules.
    INSTITUTION_NOT_AUTHORISED: { ruleId: 'W-4', section: '三(一)' },
    EXTENSION_NOT_PRIMARY: { ruleId: 'W-4', section: '三' },
    EXTENSION_NO_SOURCE: { ruleId: 'W-4', section: '三' },
    EXTENSION_SOURCE_LEVEL: { ruleId: 'W-4', section: '三' },
    EXTENSION_SOURCE_EXPIRED: { ruleId: 'W-4', section: '三' },
    EXTENSION_SOURCE_FUTURE: { ruleId: 'W-4', section: '三' },
    EXTENSION_UNSTABLE: { ruleId: 'W-4', section: '三' },
    EXTENSION_DRUG_NOT_PRESCRIBED: { ruleId: 'W-4', section: '三' },
    REFERRAL_TARGET_LEVEL: { ruleId: 'W-6', section: '三(三)' },
    VILLAGE_SCOPE: { ruleId: 'W-2', section: '二(二)' },
    DUPLICATE_DISPENSING: { ruleId: 'W-9', section: '四(二)' },
    OVER_QUANTITY: { ruleId: 'W-10', section: '五(四)' },
    IRRATIONAL_COMBINATION: { ruleId: 'W-10', section: '五(四)' },
    RESTRICTION_NOT_MET: { ruleId: 'W-2', section: '二(二)' },
    FORM_NOT_IN_CATALOGUE: { ruleId: 'W-2', section: '二(二)' },
  },
  /**
   * Capitation settlement (W-8, 四(一)): 实行总额控制下的按人头付费为主的医保支付方式；对联合体实行
   * “总额包干、复合结算、超支适补、结余留用”的打包付费办法；2020年年内按月及时结付，年终结合实际确定
   * “人头费”标准. The source fixes the method, not the numbers: the per-head rate is set at year end
   * from actual figures, and the compensated share of an overspend and the retained share of a
   * surplus are for the service agreement. Every value is configuration with the section that asks
   * for it (the API's settings, capitation.*); these are the demo's placeholders.
   */
  /** 四(一): 充分发挥家庭医生健康和费用双重“守门人”的作用 — the family doctor guards both health and cost. */
  familyDoctorGatekeeper: wuxi('四(一)', '充分发挥家庭医生健康和费用双重“守门人”的作用'),
  capitation: {
    perHeadMonthlyFen: {
      name: 'perHeadMonthlyFen',
      value: 3000,
      kind: 'configuration',
      citation: wuxi('四(一)', '年终结合实际确定“人头费”标准: the rate is fixed at year end from actual figures; 30 yuan a month is a demo placeholder'),
    },
    overspendCompensationBp: {
      name: 'overspendCompensationBp',
      value: 5000,
      kind: 'configuration',
      citation: wuxi('四(一)', '超支适补: part of an overspend is compensated; the share (50 % here) is for the service agreement, a demo placeholder'),
    },
    surplusRetentionBp: {
      name: 'surplusRetentionBp',
      value: 10_000,
      kind: 'configuration',
      citation: wuxi('四(一)', '结余留用: the surplus is retained; in full here unless the service agreement sets a share'),
    },
  },
  /**
   * Wuxi's opinion names none of the headline rates, so its definitions cite what it does say (保障对象,
   * 保障水平, 规范管理服务, 基金运行和专项统计分析) or the national specification the measure is taken from.
   */
  reporting: {
    quarterlyForm: { title: '无锡市城乡居民“两病”门诊用药保障专项统计表', basis: `${WUXI_OPINION} 五(一) 做好基金运行和专项统计分析` },
    indicatorSources: {
      awareness: `${PUBLIC_HEALTH_SPEC}；登记估算，见 INDICATORS.md（${WUXI_OPINION}未设此指标）`,
      standardisedManagement: `${PUBLIC_HEALTH_SPEC}；${WUXI_OPINION} 四(三) 做实家庭医生签约服务对“两病”等慢性病管理`,
      rationalMedication: `${WUXI_OPINION} 四(三) 规范管理服务、五(四) 加强监管；规则集校验`,
      benefitCoverage: `${WUXI_OPINION} 二(一) 保障对象`,
      reimbursementRatio: `${WUXI_OPINION} 二(三) 保障水平`,
    },
  },
  /** The opinion's sections behind the API's working tools: 五(一) fund watch, 五(四) monitoring and credit, 四(三) assessment. */
  programme: {
    fundWatch: wuxi('五(一)', '做好基金运行和专项统计分析'),
    monitoring: wuxi('五(四)', '完善智能监控知识库和规则库，将“两病”合理用药管理纳入监控范围'),
    credit: wuxi('五(四)', '探索建立医疗保障基金监管信用体系，把服务提供主体和参保人员纳入信用管理范围'),
    scorecard: wuxi('四(三)', '将“两病”等慢性病管理实效纳入到对基层机构的绩效考核范围'),
    availability: null,
    headlineTargets: null,
  },
};
