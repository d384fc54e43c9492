/**
 * What a patient's dated history says on one date: the insurance scheme in force, 异地长期居住 (W-7)
 * and whether they had left (died or moved away). Pure: the claim path (claim.service.ts), the
 * statistics' facts (facts.ts) and the SQL functions of Migration20261206030000_patient_lives
 * answer the same for the same rows, and the tests hold them to it.
 */
export type Scheme = 'resident' | 'employee' | 'uninsured';

/** A scheme change: [effective from, scheme, the scheme it replaced], in date order. */
export type SchemeChange = readonly [from: string, scheme: string, previous: string];

/** A period of residence elsewhere: [from, to inclusive or null while current]. */
export type ResidencePeriod = readonly [from: string, to: string | null];

/**
 * The scheme in force on `date`: the latest change on or before it; before the first change, the
 * scheme that change replaced; with no change at all, `current` (patients.scheme).
 */
export function schemeOn(current: string, changes: readonly SchemeChange[], date: string): string {
  let found: string | null = null;
  for (const [from, scheme] of changes) if (from <= date) found = scheme;
  return found ?? changes[0]?.[2] ?? current;
}

/** W-7 on `date`: the dated periods decide once there is one; the undated flag only for patients without any. */
export function residesElsewhereOn(flag: boolean, periods: readonly ResidencePeriod[], date: string): boolean {
  if (periods.length === 0) return flag;
  return periods.some(([from, to]) => from <= date && (to === null || to >= date));
}

/**
 * Whether the patient is still here (alive, resident in the region) at the end of a day: a patient
 * who died or moved away on `leftOn` is gone from that day on, so a period ending on or after it no
 * longer counts them (INDICATORS.md, 知晓率: "alive, resident in the region").
 */
export function presentOn(leftOn: string | null | undefined, date: string): boolean {
  return leftOn == null || leftOn > date;
}
