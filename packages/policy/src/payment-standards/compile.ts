/**
 * A payment standard version compiled for the claim path: the rows by drug and form, each with its
 * strengths. A line is matched on its drug, form and strength; a line that gives no strength is
 * matched only when the version holds a single strength of its drug and form (there is then no doubt
 * which standard it is), and is otherwise paid on its submitted price like a drug without a standard.
 */
import type { DosageForm } from '../catalogue/types';
import type { PaymentStandardChange, PaymentStandardRow, PaymentStandardVersion } from './types';

export interface StandardEntry {
  readonly strength: string;
  readonly unitPriceFen: number;
  /** this entry's match, built once so that a line matched on the claim path allocates nothing */
  readonly matched: StandardMatch;
}

export interface CompiledPaymentStandards {
  readonly id: string;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly source: PaymentStandardVersion['source'];
  /** drug code → form → its strengths (nested, so that a lookup on the claim path builds no key string) */
  readonly byDrug: ReadonlyMap<string, Readonly<Partial<Record<DosageForm, readonly StandardEntry[]>>>>;
  /** the what-if's changes applied on top, if any (their override's name) */
  readonly changedBy: string | null;
}

/** '5 mg' and '5MG' are the same strength: spaces dropped, letters lower-cased, full-width characters folded. */
export function normaliseStrength(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const keyOf = (drugCode: string, form: DosageForm) => `${drugCode}|${form}`;

export function compilePaymentStandards(
  version: PaymentStandardVersion,
  changes: readonly PaymentStandardChange[] = [],
  changedBy: string | null = null,
): CompiledPaymentStandards {
  const rows = new Map<string, Map<string, number>>();
  const put = (r: PaymentStandardRow | PaymentStandardChange) => {
    const k = keyOf(r.drugCode, r.form);
    let strengths = rows.get(k);
    if (strengths === undefined) {
      strengths = new Map();
      rows.set(k, strengths);
    }
    if (r.unitPriceFen === null) strengths.delete(normaliseStrength(r.strength));
    else strengths.set(normaliseStrength(r.strength), r.unitPriceFen);
  };
  for (const r of version.rows) put(r);
  for (const c of changes) put(c);
  const byDrug = new Map<string, Partial<Record<DosageForm, StandardEntry[]>>>();
  for (const [k, strengths] of rows) {
    if (strengths.size === 0) continue;
    const [drugCode, form] = k.split('|') as [string, DosageForm];
    let forms = byDrug.get(drugCode);
    if (forms === undefined) {
      forms = {};
      byDrug.set(drugCode, forms);
    }
    forms[form] = [...strengths].map(([strength, unitPriceFen]) => {
      const entry = { strength, unitPriceFen } as { strength: string; unitPriceFen: number; matched: StandardMatch };
      entry.matched = { kind: 'matched', entry };
      return entry;
    });
  }
  return { id: version.id, title: version.title, effectiveFrom: version.effectiveFrom, source: version.source, byDrug, changedBy };
}

/** A version with no rows, for a what-if that sets a standard where none is in force. */
export function emptyStandards(city: string): PaymentStandardVersion {
  return { id: 'none', city, title: 'no payment standard in force', effectiveFrom: '0000-01-01', source: { document: '—', section: '—' }, rows: [] };
}

export type StandardMatch =
  | { readonly kind: 'matched'; readonly entry: StandardEntry }
  /** the version has no row for the drug and form */
  | { readonly kind: 'none' }
  /** rows for the drug and form, none of the line's strength */
  | { readonly kind: 'other_strength'; readonly strengths: readonly string[] }
  /** the line gives no strength and the version has several */
  | { readonly kind: 'ambiguous'; readonly strengths: readonly string[] };

const NONE: StandardMatch = { kind: 'none' };

export function standardFor(s: CompiledPaymentStandards, drugCode: string, form: DosageForm, strength: string | null | undefined): StandardMatch {
  const entries = s.byDrug.get(drugCode)?.[form];
  if (entries === undefined) return NONE;
  if (strength === null || strength === undefined || strength.trim() === '') {
    if (entries.length === 1) return entries[0]!.matched;
    return { kind: 'ambiguous', strengths: entries.map((e) => e.strength) };
  }
  const wanted = normaliseStrength(strength);
  for (const e of entries) if (e.strength === wanted) return e.matched;
  return { kind: 'other_strength', strengths: entries.map((e) => e.strength) };
}
