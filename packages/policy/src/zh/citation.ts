/**
 * Citations in Chinese: the document by its title in 《》 and the section with full-width
 * brackets, as a Chinese reader cites a text — 《无锡市…意见》二（三）, 《贵阳贵安…实施方案》五（二）4.
 * The short titles elide the middle of the real ones; the full titles are given once, on the
 * notice and beside each rule set (FULL_TITLE_ZH).
 */
import type { Citation } from '../catalogue/types';
import { RULE_SETS } from '../resolve';
import { GUIYANG_2021, GUIYANG_BENEFIT_DOCUMENTS, WUXI_2019 } from '../sources';

/** The title a sentence cites, by the document string the rule sets use (sources.ts). */
const SHORT_TITLE_ZH: Readonly<Record<string, string>> = {
  [WUXI_2019]: '《无锡市…意见》',
  [GUIYANG_2021]: '《贵阳贵安…实施方案》',
  [GUIYANG_BENEFIT_DOCUMENTS]: '黔医保发〔2019〕54号、筑医保发〔2021〕1号',
  'deployment configuration': '本地部署配置',
};

/** The documents' full titles (policy-sources/: the Wuxi opinion's heading, the Guiyang plan's title and number). */
export const FULL_TITLE_ZH: Readonly<Record<string, string>> = {
  [WUXI_2019]: '无锡市医疗保障局等四部门《关于贯彻实施〈江苏省完善城乡居民高血压糖尿病门诊用药保障机制的实施方案（试行）〉的意见》（2019年12月12日）',
  [GUIYANG_2021]: '《贵阳贵安创建城乡居民“两病”门诊用药保障专项行动示范城市的实施方案》（筑医保发〔2021〕13号）',
  [GUIYANG_BENEFIT_DOCUMENTS]: '黔医保发〔2019〕54号、筑医保发〔2021〕1号（不在本平台的依据文件之列，其标准由部署配置）',
};

/** A section as the texts print it: 二(三) → 二（三）, 附件3、附件4 stays; '—' (none) is empty. */
export function sectionZh(section: string): string {
  if (section === '—' || section === '') return '';
  return section
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/ 备注$/, '备注');
}

export function documentZh(document: string): string {
  return SHORT_TITLE_ZH[document] ?? document;
}

/** 《无锡市…意见》二（三）; a document without a section is cited alone. */
export function citeZh(document: string, section: string): string {
  return `${documentZh(document)}${sectionZh(section)}`;
}

export function citationZh(c: Citation): string {
  return citeZh(c.document, c.section);
}

/**
 * The document a rule of a decision cites: its rule set's own text, or — for a claim no rule set
 * took (RULE_SET_NOT_IN_FORCE) — the city the rule id names (W- Wuxi, G- Guiyang). null when
 * neither says (a city without any rule set).
 */
export function documentOf(ruleSetId: string | null, ruleId: string): string | null {
  if (ruleSetId !== null) {
    const rs = RULE_SETS.find((r) => r.id === ruleSetId);
    if (rs !== undefined) return rs.source.document;
  }
  if (ruleId.startsWith('W-')) return WUXI_2019;
  if (ruleId.startsWith('G-')) return GUIYANG_2021;
  return null;
}

/** A rule's citation in Chinese ('' when there is no text to cite). */
export function ruleCiteZh(ruleSetId: string | null, ruleId: string, section: string): string {
  const document = documentOf(ruleSetId, ruleId);
  if (document === null || section === '—') return '';
  return citeZh(document, section);
}
