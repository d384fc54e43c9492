// 中文：接口返回的代码（规则命中、监控案件类型、评分项、规则参数）对应的名称。
// 代码本身只作标识（data-code 属性），页面上显示这里的名称；zh.test.ts 检查接口可能返回的每个代码都有名称。
export default {
  hitCodes: {
    RULE_SET_NOT_IN_FORCE: '无生效规则', PARAMETER_NOT_CONFIGURED: '待遇标准未配置', SCHEME_NOT_RESIDENT: '非居民医保参保', NOT_CERTIFIED: '未办证',
    GENERAL_OUTPATIENT_NOT_EXHAUSTED: '普通门诊待遇未用完', PATHWAY_NOT_AVAILABLE: '就医方式不适用', INSTITUTION_OUT_OF_CITY: '机构不在统筹区',
    INSTITUTION_NOT_INSURANCE_DESIGNATED: '非医保定点机构', NOT_DESIGNATED_INSTITUTION: '非约定基层机构', DESIGNATED_NOT_PRIMARY: '约定机构非基层机构',
    REFERRAL_MISSING: '缺少转诊记录', REFERRAL_NOT_FROM_DESIGNATED: '转诊非约定机构出具', REFERRAL_AFTER_SERVICE: '转诊晚于就诊',
    OUT_OF_AREA_NOT_REGISTERED: '未登记异地长期居住', OUT_OF_AREA_LEVEL: '异地就医机构级别不符', INSTITUTION_NOT_AUTHORISED: '机构无“两病”诊疗资格',
    EXTENSION_NOT_PRIMARY: '延伸处方未在基层配药', EXTENSION_NO_SOURCE: '缺少原处方', EXTENSION_SOURCE_LEVEL: '原处方机构级别不符', EXTENSION_SOURCE_EXPIRED: '原处方超过半年',
    EXTENSION_SOURCE_FUTURE: '原处方晚于配药', EXTENSION_UNSTABLE: '病情不稳定不适用延伸处方', REFERRAL_TARGET_LEVEL: '转诊机构级别不符',
    DRUG_NOT_IN_CATALOGUE: '目录外药品', FORM_NOT_IN_CATALOGUE: '目录外剂型', DISEASE_NOT_CERTIFIED: '药品病种未认定', COVERED_BY_CHRONIC_PROGRAMME: '已纳入门诊慢特病',
    VILLAGE_SCOPE: '超村级用药范围', RESTRICTION_NOT_MET: '未满足限定支付条件', EXTENSION_DRUG_NOT_PRESCRIBED: '药品不在原处方上', DUPLICATE_DISPENSING: '重复配药',
    LONG_PRESCRIPTION_EXCEEDED: '超长处方天数', OVER_QUANTITY: '超量配药', IRRATIONAL_COMBINATION: '不合理联合用药', CAP_REACHED: '已达年度限额',
  },
  params: {
    ratioDesignatedBp: '约定机构支付比例（万分比）', ratioReferralBp: '转诊支付比例（万分比）', ratioEmergencyBp: '急诊支付比例（万分比）', ratioOutOfAreaBp: '异地就医支付比例（万分比）',
    ratioExtensionBp: '延伸处方支付比例（万分比）', capOneDiseaseFen: '单病种年度限额（分）', capBothDiseasesFen: '两病共患年度限额（分）', deductibleFen: '起付线（分）',
    capIncludesGeneralOutpatient: '限额含普通门诊待遇', generalOutpatientFirst: '先用普通门诊待遇', longPrescriptionMaxDays: '长处方上限（天）',
    extensionPrescriptionValidMonths: '延伸处方有效期（月）', earlyRefillToleranceDays: '提前续配容许天数', designatedInstitutionRequired: '须在约定机构就医',
    chronicProgrammeMembersExcluded: '门诊慢特病患者不重复享受', designationLockedDistricts: '约定机构锁定的区县',
  },
  values: { true: '是', false: '否' },
  outcomes: { paid: '全额支付', partially_paid: '部分支付', not_paid: '不予支付', not_in_force: '无生效规则', not_configured: '待遇标准未配置' },
  rubric: {
    note: '各项权重合计100；基药占比仅列示、不计分（贵阳 五(三)8：“两病”药品采购不纳入基层机构基本药物考核）。目标与权重为部署配置，两份文件均未规定。',
    basis: {
      standardisedManagement: '规范化管理率（贵阳 二、五(三)6；国家基本公共卫生服务规范）；目标与权重为部署配置',
      rationalMedication: '合理用药率（贵阳 五(三)6；无锡 五(四) 合理用药）；目标与权重为部署配置',
      bloodPressureControl: '血压控制率（国家基本公共卫生服务规范）；目标与权重为部署配置',
      glucoseControl: '血糖控制率（国家基本公共卫生服务规范）；目标与权重为部署配置',
      centrallyProcuredShareByAmount: '“两病”配药金额中集采中选药品占比（无锡 二(二) 优先使用；贵阳 五(三)7 优先使用集采药品）；目标与权重为部署配置',
      classAShareByAmount: '“两病”配药金额中甲类药品占比（无锡 二(二) 优先使用甲类）；目标与权重为部署配置',
      ruleHitsPer100Claims: '每百张单据规则命中次数（无锡 五(四) 智能监控；贵阳 五(四)9）；目标与权重为部署配置',
    },
  },
  rosterFields: { residentId: '身份证号', name: '姓名', diseases: '病种', institution: '管理机构' },
  rosterCodes: { RESIDENT_ID_AS_NUMBER: '身份证号存为数字', INVALID_RESIDENT_ID: '身份证号无效', DUPLICATE_IN_FILE: '文件内重复', MISSING_NAME: '姓名缺失', UNKNOWN_DISEASE: '病种无法识别', UNKNOWN_INSTITUTION: '机构不存在', OTHER_DISTRICT_PATIENT: '其他辖区人员', NAME_MISMATCH: '姓名不一致' },
  metrics: { hitRate: '规则命中率', fundPerPatient: '人均基金支付' },
  figures: { definition: '口径', window: '统计期', source: '来源', notes: '指标口径' },
  basisCard: { rate: '统计期：{window}' },
  wall: { noData: '暂无数据' },
};
