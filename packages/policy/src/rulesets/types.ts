import type { Citation, CatalogueVersion } from '../catalogue/types';
import type { IsoDate } from '../dates';
import type { ParameterTable } from '../params';
import type { HitRuleIds } from '../hits';
import type { Pathway } from '../types';

/**
 * How a rule set decides which drugs are covered:
 * - list: a published catalogue (Guiyang 附件3/附件4), versioned by effective date
 * - atc: the national reimbursement list's drugs in the given ATC groups (Wuxi W-2)
 */
export type CatalogueRule =
  | { readonly kind: 'list'; readonly versions: readonly CatalogueVersion[] }
  | { readonly kind: 'atc'; readonly groups: readonly string[]; readonly citation: Citation; readonly id: string };

export interface RuleSetDefinition {
  readonly id: string;
  readonly version: string;
  readonly cityCode: string;
  /** the city's name (GB/T 2260), for messages and for the city's region on a new deployment */
  readonly cityName: { readonly zh: string; readonly en: string };
  readonly nameZh: string;
  readonly nameEn: string;
  readonly effectiveFrom: IsoDate;
  /** inclusive last day, or null while in force */
  readonly effectiveTo: IsoDate | null;
  readonly source: Citation;
  /** the pathways this rule set provides for, each with the section that provides it */
  readonly pathways: Readonly<Partial<Record<Pathway, Citation>>>;
  /** village-level scope of catalogue rows applies (G-6) */
  readonly villageScope: boolean;
  readonly catalogue: CatalogueRule;
  readonly parameters: ParameterTable;
  /** the rule ids and sections of this city's texts for hits whose default names another city's rule */
  readonly ruleIds: HitRuleIds;
}
