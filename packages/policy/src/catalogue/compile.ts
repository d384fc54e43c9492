/**
 * Compiles a rule set's catalogue rule into a lookup by drug code, so that adjudicating a line
 * is one map access. Guiyang's list compiles row by row; Wuxi's ATC rule compiles from the drug
 * reference table.
 */
import { DRUGS } from './drugs';
import type { CatalogueRule } from '../rulesets/types';
import type { CatalogueVersion, Citation, Disease, DosageForm, DrugReference, Restriction } from './types';

export interface CompiledForm {
  readonly villageLevel: boolean;
}

/** Renin–angiotensin classes, for the ACEI + ARB combination check. */
export type RaasClass = 'acei' | 'arb' | null;

export interface CatalogueEntry {
  readonly drugCode: string;
  readonly drug: DrugReference;
  /** the drug's facts (substances, renin–angiotensin class), so that a line needs one look-up */
  readonly facts: DrugFacts;
  readonly disease: Disease;
  readonly oral: CompiledForm | null;
  readonly injection: CompiledForm | null;
  readonly restriction: Restriction | null;
  readonly citation: Citation;
}

export interface CompiledCatalogue {
  readonly id: string;
  readonly citation: Citation;
  readonly entries: ReadonlyMap<string, CatalogueEntry>;
}

export interface DrugFacts {
  readonly drug: DrugReference;
  /** component indices, for sharing a substance across drugs */
  readonly components: readonly number[];
  readonly raas: RaasClass;
  /** the drug's maxUnitsPerDay, copied here so that the adjudication reads it from one object shape */
  readonly maxUnitsPerDay: number;
}

const componentIndex = new Map<string, number>();
function indexOfComponent(code: string): number {
  let i = componentIndex.get(code);
  if (i === undefined) {
    i = componentIndex.size;
    componentIndex.set(code, i);
  }
  return i;
}

/** ACE inhibitors and their combinations are C09A/C09B; ARBs, their combinations and ARNI are C09C/C09D. */
export function raasClassOf(atc: string): RaasClass {
  if (atc.startsWith('C09A') || atc.startsWith('C09B')) return 'acei';
  if (atc.startsWith('C09C') || atc.startsWith('C09D')) return 'arb';
  return null;
}

export const DRUG_FACTS: ReadonlyMap<string, DrugFacts> = new Map(
  DRUGS.map((drug) => [
    drug.code,
    { drug, components: drug.components.map(indexOfComponent), raas: raasClassOf(drug.atc), maxUnitsPerDay: drug.maxUnitsPerDay },
  ]),
);

/** The components of any drug code, known or not (an unknown code is its own single component). */
export function componentsOf(drugCode: string): readonly number[] {
  return DRUG_FACTS.get(drugCode)?.components ?? [indexOfComponent(drugCode)];
}

export function formOf(entry: CatalogueEntry, form: DosageForm): CompiledForm | null {
  return form === 'oral' ? entry.oral : entry.injection;
}

export function compileCatalogue(rule: CatalogueRule, versionIndex: number): CompiledCatalogue {
  if (rule.kind === 'atc') {
    const entries = new Map<string, CatalogueEntry>();
    for (const drug of DRUGS) {
      const group = rule.groups.find((g) => drug.atc.startsWith(g));
      if (group === undefined) continue;
      const all = { villageLevel: true };
      entries.set(drug.code, {
        drugCode: drug.code,
        drug,
        facts: DRUG_FACTS.get(drug.code)!,
        disease: drug.disease,
        oral: drug.forms.includes('oral') ? all : null,
        injection: drug.forms.includes('injection') ? all : null,
        restriction: null,
        citation: { ...rule.citation, note: `ATC ${drug.atc} in group ${group}` },
      });
    }
    return { id: rule.id, citation: rule.citation, entries };
  }
  const version = rule.versions[versionIndex];
  if (version === undefined) throw new Error(`catalogue version ${versionIndex} does not exist`);
  return compileVersion(version);
}

export function compileVersion(version: CatalogueVersion): CompiledCatalogue {
  const entries = new Map<string, CatalogueEntry>();
  for (const row of version.rows) {
    const facts = DRUG_FACTS.get(row.drugCode);
    if (facts === undefined) throw new Error(`catalogue ${version.id} row ${row.sourceRow}: unknown drug ${row.drugCode}`);
    const already = entries.get(row.drugCode);
    if (already !== undefined) {
      // Two rows of one substance (附件3 rows 36 and 37, two strengths of one combination): cite both.
      entries.set(row.drugCode, { ...already, citation: { ...already.citation, section: `${already.citation.section}、${row.sourceRow}` } });
      continue;
    }
    const oral = row.forms.find((f) => f.form === 'oral');
    const injection = row.forms.find((f) => f.form === 'injection');
    entries.set(row.drugCode, {
      drugCode: row.drugCode,
      drug: facts.drug,
      facts,
      disease: row.disease,
      oral: oral ? { villageLevel: oral.villageLevel } : null,
      injection: injection ? { villageLevel: injection.villageLevel } : null,
      restriction: row.restriction,
      citation: { document: version.source.document, section: `${row.disease === 'hypertension' ? '附件3' : '附件4'} 序号 ${row.sourceRow}` },
    });
  }
  return { id: version.id, citation: version.source, entries };
}
