/**
 * The clinical findings a catalogue restriction can check (the policy core's ClinicalFinding):
 * the codes recordFinding accepts, each with the 备注 it comes from. Diabetes type (限1型糖尿病患者)
 * is not a finding: it is the diagnosis's diabetes_type (patient_diseases), and 限二线用药 is met by
 * an earlier first-line fill or by the finding first_line_contraindicated.
 */
import type { ClinicalFinding, CompiledRuleSet, RestrictionCondition } from '@liangbing/policy';

/** A compiled catalogue entry (the core does not export the type by name). */
export type CatalogueEntry = CompiledRuleSet['catalogue']['entries'] extends ReadonlyMap<string, infer E> ? E : never;

export interface FindingCode {
  readonly code: ClinicalFinding;
  readonly labelZh: string;
  readonly labelEn: string;
  /** where the restriction is printed */
  readonly source: string;
}

export const FINDING_CODES: readonly FindingCode[] = [
  {
    code: 'chf_needs_rapid_or_parenteral_diuresis',
    labelZh: '需迅速利尿或不能口服利尿剂的充血性心力衰竭',
    labelEn: 'congestive heart failure needing rapid or parenteral diuresis',
    source: '筑医保发〔2021〕13号 附件3 序号33',
  },
  {
    code: 'arb_intolerant_or_ineffective',
    labelZh: '对其它血管紧张素II拮抗剂治疗不能耐受或疗效不佳',
    labelEn: 'other ARBs not tolerated or ineffective',
    source: '筑医保发〔2021〕13号 附件3 序号44',
  },
  {
    code: 'chronic_heart_failure_nyha_2_4',
    labelZh: '慢性心力衰竭（NYHA II-IV级）',
    labelEn: 'chronic heart failure, NYHA class II–IV',
    source: '筑医保发〔2021〕13号 附件3 序号45',
  },
  {
    code: 'reduced_ejection_fraction_evidence',
    labelZh: '射血分数降低的证据（首次处方时）',
    labelEn: 'evidence of reduced ejection fraction (at the first prescription)',
    source: '筑医保发〔2021〕13号 附件3 序号45',
  },
  {
    code: 't2_uncontrolled_on_intermediate_long_insulin',
    labelZh: '中长效胰岛素难以控制的2型糖尿病',
    labelEn: 'type 2 diabetes not controlled on intermediate- or long-acting insulin',
    source: '筑医保发〔2021〕13号 附件4 序号5',
  },
  {
    code: 't2_uncontrolled_on_short_insulin_or_oral',
    labelZh: '其他短效胰岛素或者口服药难以控制的2型糖尿病',
    labelEn: 'type 2 diabetes not controlled on other short-acting insulin or oral drugs',
    source: '筑医保发〔2021〕13号 附件4 序号10',
  },
  {
    code: 'first_line_contraindicated',
    labelZh: '一线用药禁忌或不能耐受（满足限二线用药）',
    labelEn: 'first-line therapy contraindicated or not tolerated (meets 限二线用药)',
    source: '筑医保发〔2021〕13号 附件3/附件4 备注“限二线用药”',
  },
];

// Fails to compile when the core adds a finding this list lacks.
const allListed: Exclude<ClinicalFinding, (typeof FINDING_CODES)[number]['code']> extends never ? true : never = true;
void allListed;

const BY_CODE = new Map<string, FindingCode>(FINDING_CODES.map((f) => [f.code, f]));

export function findingCode(code: string): FindingCode | undefined {
  return BY_CODE.get(code);
}

function uses(c: RestrictionCondition, code: ClinicalFinding): boolean {
  if (c.kind === 'finding' || c.kind === 'at_first_fill') return c.finding === code;
  return c.kind === 'second_line' && code === 'first_line_contraindicated';
}

/** The catalogue entries of a rule set in force whose restriction can be met by the finding. */
export function entriesUsing(ruleSet: CompiledRuleSet, code: ClinicalFinding): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  for (const e of ruleSet.catalogue.entries.values()) {
    if (e.restriction !== null && e.restriction.anyOf.some((all) => all.some((c) => uses(c, code)))) out.push(e);
  }
  return out;
}
