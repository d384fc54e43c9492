/** The source documents, named once so that every citation spells them the same way. */
import type { Citation } from './catalogue/types';

/** 无锡市医疗保障局等四部门《关于贯彻实施〈江苏省完善城乡居民高血压糖尿病门诊用药保障机制的实施方案（试行）〉的意见》, 2019-12-12 */
export const WUXI_2019 = '无锡市医保局等《关于贯彻实施江苏省“两病”门诊用药保障机制实施方案的意见》（2019-12-12）';
/** 贵阳市医疗保障局 贵阳市卫生健康局 筑医保发〔2021〕13号, issued 2021-06-01, benefit rules from 2021-07-01 */
export const GUIYANG_2021 = '筑医保发〔2021〕13号';
/** 国家基本公共卫生服务规范（第三版）: where the management indicators are taken from when a city's text defines none. */
export const PUBLIC_HEALTH_SPEC = '国家基本公共卫生服务规范（第三版）2017';
/** The documents that set Guiyang's benefit levels (G-4); they are not among our sources. */
export const GUIYANG_BENEFIT_DOCUMENTS = '黔医保发〔2019〕54号 / 筑医保发〔2021〕1号';

export function wuxi(section: string, note?: string): Citation {
  return note === undefined ? { document: WUXI_2019, section } : { document: WUXI_2019, section, note };
}

export function guiyang(section: string, note?: string): Citation {
  return note === undefined ? { document: GUIYANG_2021, section } : { document: GUIYANG_2021, section, note };
}

/** A value the sources do not give, set by the deployment. */
export function configuration(note: string, document = 'deployment configuration'): Citation {
  return { document, section: '—', note };
}
