import type { Citation, CatalogueVersion } from '../catalogue/types';
import type { IsoDate } from '../dates';
import type { ParameterTable } from '../params';
import type { HitRuleIds } from '../hits';
import type { Pathway } from '../types';
import type { PaymentStandardRule } from '../payment-standards/types';

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
  /**
   * whether the fund pays against a per-drug payment standard kept by the bureau (W 四(一)), with the
   * text that says so; where `applies` is false the city's text sets none and a loaded standard is refused
   */
  readonly paymentStandard: PaymentStandardRule;
  readonly parameters: ParameterTable;
  /** the rule ids and sections of this city's texts for hits whose default names another city's rule */
  readonly ruleIds: HitRuleIds;
  /** 按人头付费 (W-8): the settlement's seed values, each with its source; null where the city's rules do not settle by capitation */
  readonly capitation: CapitationParameters | null;
  /**
   * Where the city's text makes the signed family doctor the gatekeeper of where the patient is
   * treated (monitoring flags claims outside the signed team's institution): the passage; null where
   * the text names the family doctor without making it a gatekeeper.
   */
  readonly familyDoctorGatekeeper: Citation | null;
  /** how the city reports: its quarterly statistics form and the sources its indicator definitions cite */
  readonly reporting: Reporting;
  /** the city's sections that ask for what the API runs on configuration: its seeds and answers cite them */
  readonly programme: ProgrammeSources;
}

/**
 * Where the city's text asks for each of the programme's working tools whose numbers are
 * configuration (the API's settings seeds and the fund watch cite these); null where it does not.
 */
export interface ProgrammeSources {
  /** 基金运行监测: budgets, run rates and the year-end projection (the fund watch) */
  readonly fundWatch: Citation | null;
  /** 智能监控/智能审核: the monitoring rules and their thresholds */
  readonly monitoring: Citation | null;
  /** 信用管理: credit records of institutions and insured persons */
  readonly credit: Citation | null;
  /** 绩效考核: the primary institutions' scorecard */
  readonly scorecard: Citation | null;
  /** 配得齐、开得出: the drug-availability check */
  readonly availability: Citation | null;
  /** the headline rates the programme raises (知晓率、规范化管理率、合理用药率), whose targets the dashboard compares with */
  readonly headlineTargets: Citation | null;
}

/** A value the source asks for but does not give: configuration, seeded here with the section that asks for it. */
export interface SeedParameter {
  readonly name: string;
  readonly value: number;
  readonly kind: 'configuration';
  readonly citation: Citation;
}

export interface CapitationParameters {
  /** 人头费: fen per designated patient and month */
  readonly perHeadMonthlyFen: SeedParameter;
  /** 超支适补: the share of a consortium's overspend the fund bears at year end, basis points */
  readonly overspendCompensationBp: SeedParameter;
  /** 结余留用: the share of a consortium's surplus it keeps at year end, basis points */
  readonly surplusRetentionBp: SeedParameter;
}

export interface Reporting {
  /** the quarterly statistics form: its title and the text that asks for it */
  readonly quarterlyForm: { readonly title: string; readonly basis: string };
  /** indicator key → the source the city's pages cite for its definition (the national one where absent) */
  readonly indicatorSources: Readonly<Partial<Record<string, string>>>;
}
