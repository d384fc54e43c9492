/**
 * Guiyang and Gui'an (贵阳贵安, 520100), 筑医保发〔2021〕13号: benefit rules from 2021-07-01.
 * The plan sets service rules and the catalogue; the benefit levels (ratio, cap) follow
 * 黔医保发〔2019〕54号 and 筑医保发〔2021〕1号 (G-4), which are not among our sources: they are
 * configuration, null until a deployment sets them with a named override.
 */
import { GUIYANG_2021_V1 } from '../catalogue/guiyang-2021-v1';
import { configuration, guiyang, GUIYANG_BENEFIT_DOCUMENTS, GUIYANG_2021 as GUIYANG_PLAN, PUBLIC_HEALTH_SPEC } from '../sources';
import type { RuleSetDefinition } from './types';

const FROM = '2021-07-01';

const setBy = (what: string) => configuration(`set by ${GUIYANG_BENEFIT_DOCUMENTS} (G-4, 五(二)3), not in the sources: ${what}`, GUIYANG_BENEFIT_DOCUMENTS);

export const GUIYANG_2021: RuleSetDefinition = {
  id: 'guiyang-2021',
  version: '2021-07-01',
  cityCode: '520100',
  cityName: { zh: '贵阳市', en: 'Guiyang' },
  nameZh: '贵阳贵安城乡居民“两病”门诊用药保障',
  nameEn: 'Guiyang and Gui’an residents’ hypertension and diabetes outpatient medication benefit',
  effectiveFrom: FROM,
  effectiveTo: null,
  source: guiyang('七(三)', '各项待遇政策自2021年7月1日起施行'),
  pathways: {
    designated: guiyang('五(二)4', '符合医保、卫生健康部门相关标准的基层医疗卫生机构…开展“两病”门诊诊疗服务'),
    extension: guiyang('五(二)4', '凭据二级及以上医疗卫生机构半年内开具的“两病”处方，在基层医疗卫生机构取得所需药品'),
    referral: guiyang('五(二)4', '对用药控制不稳定的“两病”患者，及时转诊到二级及以上医院治疗'),
  },
  villageScope: true,
  catalogue: { kind: 'list', versions: [GUIYANG_2021_V1] },
  /**
   * The plan sets no per-drug payment standard: 五(二)3 keeps the 保障标准 of 黔医保发〔2019〕54号 and 筑医保发〔2021〕1号
   * (not among our sources), and 五(三)7 speaks of procurement (优先采购和使用集中带量采购中选药品), not of what the fund
   * pays per drug. The rule does not apply here: claims are paid on the submitted price, and a standard is refused.
   */
  paymentStandard: {
    applies: false,
    citation: guiyang('五(二)3', 'the plan sets no per-drug payment standard; its 保障标准 are those of 黔医保发〔2019〕54号 / 筑医保发〔2021〕1号'),
  },
  parameters: {
    ratioDesignatedBp: [{ from: FROM, value: null, kind: 'configuration', citation: setBy('fund ratio') }],
    ratioReferralBp: [{ from: FROM, value: null, kind: 'configuration', citation: setBy('fund ratio at a level-2+ hospital after referral') }],
    ratioEmergencyBp: [{ from: FROM, value: null, kind: 'cited', citation: guiyang('五', 'no emergency post-hoc pathway in the plan') }],
    ratioOutOfAreaBp: [{ from: FROM, value: null, kind: 'cited', citation: guiyang('五', 'no out-of-area pathway in the plan') }],
    ratioExtensionBp: [{ from: FROM, value: null, kind: 'configuration', citation: setBy('fund ratio of an extension prescription') }],
    capOneDiseaseFen: [{ from: FROM, value: null, kind: 'configuration', citation: setBy('annual cap, one disease') }],
    capBothDiseasesFen: [{ from: FROM, value: null, kind: 'configuration', citation: setBy('annual cap, both diseases') }],
    deductibleFen: [{ from: FROM, value: null, kind: 'configuration', citation: setBy('deductible') }],
    capIncludesGeneralOutpatient: [
      {
        from: FROM,
        value: false,
        kind: 'interpretation',
        citation: guiyang('五(二)4', '做好…与普通门诊统筹…衔接: the plan does not put general-outpatient payments under the cap'),
      },
    ],
    generalOutpatientFirst: [
      {
        from: FROM,
        value: false,
        kind: 'interpretation',
        citation: guiyang('五(二)4', 'the plan sets no order between general-outpatient pooling and this benefit'),
      },
    ],
    longPrescriptionMaxDays: [
      { from: FROM, value: 90, kind: 'cited', citation: guiyang('五(三)7', '支持基层医疗卫生机构将处方用药量放宽至3个月 (3 months read as 90 days)') },
    ],
    extensionPrescriptionValidMonths: [{ from: FROM, value: 6, kind: 'cited', citation: guiyang('五(二)4', '二级及以上医疗卫生机构半年内开具的“两病”处方') }],
    earlyRefillToleranceDays: [
      {
        from: FROM,
        value: 7,
        kind: 'configuration',
        citation: configuration('五(四)9 forbids 重复配药 without a tolerance; a refill may overlap the remaining supply by up to 7 days'),
      },
    ],
    designatedInstitutionRequired: [
      {
        from: FROM,
        value: false,
        kind: 'interpretation',
        citation: guiyang('五(二)4、5', 'patients may use any authorised primary institution; no per-patient designation'),
      },
    ],
    chronicProgrammeMembersExcluded: [
      {
        from: FROM,
        value: false,
        kind: 'cited',
        citation: guiyang('五(一)2、附件5', '规范化管理的“两病”参保患者全部纳入医保门诊慢特病保障范围; 附件5 counts 门诊慢特病中“两病”用药患者 as a category'),
      },
    ],
    designationLockedDistricts: [{ from: FROM, value: '', kind: 'cited', citation: guiyang('五', 'no designation-change rule in the plan') }],
  },
  ruleIds: {
    RULE_SET_NOT_IN_FORCE: { ruleId: 'G-0', section: '七(三)' },
    SCHEME_NOT_RESIDENT: { ruleId: 'G-1', section: '二、五(一)1' },
    // Guiyang designates no institution per patient and provides no emergency or out-of-area pathway (五(二)4):
    // a claim that fails Wuxi-style designation, referral or out-of-area rules fails 五(二)4's service rules.
    NOT_DESIGNATED_INSTITUTION: { ruleId: 'G-5', section: '五(二)4' },
    DESIGNATED_NOT_PRIMARY: { ruleId: 'G-5', section: '五(二)4' },
    REFERRAL_NOT_FROM_DESIGNATED: { ruleId: 'G-5', section: '五(二)4' },
    OUT_OF_AREA_NOT_REGISTERED: { ruleId: 'G-5', section: '五(二)4' },
    OUT_OF_AREA_LEVEL: { ruleId: 'G-5', section: '五(二)4' },
    COVERED_BY_CHRONIC_PROGRAMME: { ruleId: 'G-5', section: '五(二)4' },
    DRUG_NOT_IN_CATALOGUE: { ruleId: 'G-6', section: '附件3、附件4' },
    DISEASE_NOT_CERTIFIED: { ruleId: 'G-3', section: '五(一)2' },
    LONG_PRESCRIPTION_EXCEEDED: { ruleId: 'G-7', section: '五(三)7' },
    PATHWAY_NOT_AVAILABLE: { ruleId: 'G-5', section: '五(二)4' },
    INSTITUTION_OUT_OF_CITY: { ruleId: 'G-5', section: '五(二)4' },
    INSTITUTION_NOT_INSURANCE_DESIGNATED: { ruleId: 'G-5', section: '五(二)4' },
    GENERAL_OUTPATIENT_NOT_EXHAUSTED: { ruleId: 'G-5', section: '五(二)4' },
    REFERRAL_MISSING: { ruleId: 'G-5', section: '五(二)4' },
    REFERRAL_AFTER_SERVICE: { ruleId: 'G-5', section: '五(二)4' },
    CAP_REACHED: { ruleId: 'G-4', section: '五(二)3' },
    OVER_QUANTITY: { ruleId: 'G-9', section: '五(四)9' },
    IRRATIONAL_COMBINATION: { ruleId: 'G-11', section: '五(三)6' },
    // Never raised: the plan sets no payment standard (paymentStandard.applies is false); 五(二)3 is where its 保障标准 are set.
    OVER_PAYMENT_STANDARD: { ruleId: 'G-4', section: '五(二)3' },
  },
  /** Guiyang's plan does not settle by capitation (W-8 is Wuxi's). */
  capitation: null,
  /**
   * The plan makes family-doctor signing the vehicle of health management (二 以家庭医生签约服务为抓手;
   * 五(三)6 家庭医生要为签约“两病”患者提供综合性的医防服务) but names no gatekeeper of where the
   * patient is treated: no claim is flagged for being outside the signed team.
   */
  familyDoctorGatekeeper: null,
  /** Guiyang's plan names the three headline rates (二, 五(三)6) and the quarterly table (附件5). */
  reporting: {
    quarterlyForm: { title: '贵阳贵安城乡居民“两病”门诊用药保障情况调度表', basis: `${GUIYANG_PLAN} 七(三)、附件5` },
    indicatorSources: {
      awareness: `${GUIYANG_PLAN} 二、五(三)6；登记估算，见 INDICATORS.md`,
      standardisedManagement: `${PUBLIC_HEALTH_SPEC}；${GUIYANG_PLAN} 二、五(三)6`,
      rationalMedication: `${GUIYANG_PLAN} 五(三)6、五(四)9；规则集校验`,
      benefitCoverage: `${GUIYANG_PLAN} 五(一)1、附件2`,
      reimbursementRatio: `${GUIYANG_PLAN} 五(四)10、附件5`,
    },
  },
  /**
   * The plan's sections behind the API's working tools. It asks for no fund watch of its own (七(三) asks
   * for the quarterly table,附件5) and no credit records; 五(三)8 asks for the assessment, 五(四)9 for
   * smart review, 五(三)7 for 配得齐、开得出, 二 and 五(三)6 name the three rates.
   */
  programme: {
    fundWatch: null,
    monitoring: guiyang('五(四)9', '强化医保智能审核监控信息系统应用…严禁重复配药、超量配药'),
    credit: null,
    scorecard: guiyang('五(三)8', '建立健全对基层医疗卫生机构的绩效考核机制'),
    availability: guiyang('五(三)7', '配得齐、开得出'),
    headlineTargets: guiyang('二；五(三)6', '家庭医生团队提高知晓率、规范化管理率、合理用药率：方案只列指标，未定目标值'),
  },
};
