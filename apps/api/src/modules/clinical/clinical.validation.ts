/** Checks shared by the clinical writes: dates, free text, drugs by code or generic name, the rule set in force. */
import { DRUG_FACTS, DRUGS, GUIYANG_2021_V1, isIsoDate, resolveRuleSet, type CompiledRuleSet, type RuleSetOverride } from '@liangbing/policy';
import type { InputProblems } from '../../errors';

export const ID = /^[A-Za-z0-9._-]{1,64}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A prescription number as hospitals print them: letters (Chinese too), digits and . _ - / */
export const PRESCRIPTION_NO = /^[\p{L}\p{N}._/-]{1,64}$/u;

/** A past calendar date from 2000 on; false (with the problem added) otherwise. */
export function pastDate(p: InputProblems, field: string, value: string, today: string): boolean {
  if (!isIsoDate(value)) p.add(field, 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
  else if (value > today) p.add(field, 'is in the future', '不能晚于今天');
  else if (value < '2000-01-01') p.add(field, 'is before 2000-01-01', '早于2000-01-01');
  else return true;
  return false;
}

export function text(p: InputProblems, field: string, value: string, max: number): void {
  if (value.trim().length === 0 || value.length > max) p.add(field, `must be 1–${max} characters`, `须为1–${max}个字符`);
}

const BY_NAME = new Map<string, string>();
for (const d of DRUGS) {
  BY_NAME.set(d.nameZh, d.code);
  BY_NAME.set(d.nameEn.toLowerCase(), d.code);
}
// The catalogue's own spellings (附件3/4: 氯沙坦钾, 甘精胰岛素预填充 …), as printed and corrected.
for (const r of GUIYANG_2021_V1.rows) {
  if (!BY_NAME.has(r.name)) BY_NAME.set(r.name, r.drugCode);
  if (!BY_NAME.has(r.nameAsPrinted)) BY_NAME.set(r.nameAsPrinted, r.drugCode);
}

/** A drug by its reference code, or by its generic name in Chinese or English; null when unknown. */
export function drugCodeOf(value: string): string | null {
  const v = value.trim();
  if (DRUG_FACTS.has(v)) return v;
  return BY_NAME.get(v) ?? BY_NAME.get(v.toLowerCase()) ?? null;
}

/** The rule set in force for the city on the date, or null with the problem added under `field`. */
export function ruleSetOn(p: InputProblems, field: string, cityCode: string, date: string, overrides: readonly RuleSetOverride[]): CompiledRuleSet | null {
  const r = resolveRuleSet(cityCode, date, { overrides });
  if (r.status === 'in_force') return r.ruleSet;
  p.add(field, `no rule set of city ${cityCode} is in force on ${date}`, `${date}该市无在施政策`);
  return null;
}
