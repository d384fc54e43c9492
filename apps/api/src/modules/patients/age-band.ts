/**
 * The age band shown in place of a birth date (出生日期) to the roles that may not see it: five
 * years wide ("60–64"), on bounds that keep the policy's own ages whole (35, the population the
 * awareness rate counts; 65, the older target of blood-pressure control), top-coded at "90+" as
 * HIPAA's Safe Harbor does (45 CFR 164.514(b)(2)(i)(C)), since few people are that old and the
 * exact age would single them out.
 */
const WIDTH = 5;
const TOP = 90;

/** Full years of age on `today` of someone born on `birthDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function ageBand(birthDate: string, today: string): string {
  const age = Math.max(0, ageOn(birthDate, today));
  if (age >= TOP) return `${TOP}+`;
  const low = age - (age % WIDTH);
  return `${low}–${low + WIDTH - 1}`;
}
