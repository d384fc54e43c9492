/**
 * Where each indicator's definition comes from, per city: each city's pages cite its own texts.
 * Guiyang's plan names the three headline rates (二, 五(三)6) and the quarterly table (附件5);
 * Wuxi's opinion names none of them, so its definitions cite what it does say (保障对象, 保障水平,
 * 规范管理服务, 基金运行和专项统计分析) or the national specification the measure is taken from.
 */
import type { IndicatorDefinition } from './definitions';

const SPEC = '国家基本公共卫生服务规范（第三版）2017';
const GUIYANG = '筑医保发〔2021〕13号';
const WUXI = '无锡市医疗保障局等《关于贯彻实施〈江苏省完善城乡居民高血压糖尿病门诊用药保障机制的实施方案（试行）〉的意见》（2019-12-12）';
const GUIYANG_CITY = '520100';
const WUXI_CITY = '320200';

const BY_CITY: Record<string, Partial<Record<string, string>>> = {
  [GUIYANG_CITY]: {
    awareness: `${GUIYANG} 二、五(三)6；登记估算，见 INDICATORS.md`,
    standardisedManagement: `${SPEC}；${GUIYANG} 二、五(三)6`,
    rationalMedication: `${GUIYANG} 五(三)6、五(四)9；规则集校验`,
    benefitCoverage: `${GUIYANG} 五(一)1、附件2`,
    reimbursementRatio: `${GUIYANG} 五(四)10、附件5`,
  },
  [WUXI_CITY]: {
    awareness: `${SPEC}；登记估算，见 INDICATORS.md（${WUXI}未设此指标）`,
    standardisedManagement: `${SPEC}；${WUXI} 四(三) 做实家庭医生签约服务对“两病”等慢性病管理`,
    rationalMedication: `${WUXI} 四(三) 规范管理服务、五(四) 加强监管；规则集校验`,
    benefitCoverage: `${WUXI} 二(一) 保障对象`,
    reimbursementRatio: `${WUXI} 二(三) 保障水平`,
  },
};

/** The definitions as the given city's pages show them: the same measure, the city's own citation. */
export function definitionsForCity(definitions: readonly IndicatorDefinition[], cityCode: string): IndicatorDefinition[] {
  const own = BY_CITY[cityCode] ?? {};
  return definitions.map((d) => ({ ...d, source: own[d.key] ?? (d.source.includes(GUIYANG) ? SPEC : d.source) }));
}

/** The quarterly statistics form of a city: Guiyang's 附件5 调度表, Wuxi's 专项统计 under its own opinion. */
export function reportFormOf(cityCode: string, cityName: string): { title: string; basis: string } {
  if (cityCode === GUIYANG_CITY) return { title: '贵阳贵安城乡居民“两病”门诊用药保障情况调度表', basis: `${GUIYANG} 七(三)、附件5` };
  if (cityCode === WUXI_CITY) return { title: '无锡市城乡居民“两病”门诊用药保障专项统计表', basis: `${WUXI} 五(一) 做好基金运行和专项统计分析` };
  return { title: `${cityName}城乡居民“两病”门诊用药保障情况统计表`, basis: '由医保部门设定' };
}
