/** The catalogue in force for a city and date, as plain rows for listing (API, dashboard, CLI). */
import type { IsoDate } from '../dates';
import { resolveRuleSet, type ResolveOptions } from '../resolve';
import type { Citation, Disease, DosageForm, DrugReference, Restriction } from './types';

export interface CatalogueItem {
  readonly drug: DrugReference;
  readonly disease: Disease;
  readonly forms: readonly { readonly form: DosageForm; readonly villageLevel: boolean }[];
  readonly restriction: Restriction | null;
  readonly citation: Citation;
}

export type CatalogueInForce =
  | {
      readonly status: 'in_force';
      readonly catalogueId: string;
      readonly ruleSetId: string;
      readonly citation: Citation;
      readonly items: readonly CatalogueItem[];
    }
  | { readonly status: 'not_in_force'; readonly reason: string };

export function catalogueInForce(cityCode: string, date: IsoDate, options: ResolveOptions = {}): CatalogueInForce {
  const r = resolveRuleSet(cityCode, date, options);
  if (r.status === 'not_in_force') return { status: 'not_in_force', reason: r.reason };
  const items: CatalogueItem[] = [];
  for (const e of r.ruleSet.catalogue.entries.values()) {
    const forms: { form: DosageForm; villageLevel: boolean }[] = [];
    if (e.oral) forms.push({ form: 'oral', villageLevel: e.oral.villageLevel && r.ruleSet.definition.villageScope });
    if (e.injection) forms.push({ form: 'injection', villageLevel: e.injection.villageLevel && r.ruleSet.definition.villageScope });
    items.push({ drug: e.drug, disease: e.disease, forms, restriction: e.restriction, citation: e.citation });
  }
  return { status: 'in_force', catalogueId: r.ruleSet.catalogue.id, ruleSetId: r.ruleSet.definition.id, citation: r.ruleSet.catalogue.citation, items };
}
