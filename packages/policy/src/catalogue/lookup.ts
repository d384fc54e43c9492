/**
 * The drug reference as the boundary's check of what a claim line names. The core itself judges
 * a code it does not know as outside the catalogue (DRUG_NOT_IN_CATALOGUE): a pure function
 * decides what it is given. Whether a code is a typo is a question for whoever takes the input —
 * the API and the CLI ask here before deciding, and refuse a line naming no drug of the reference
 * with an input error naming the line.
 */
import { DRUGS } from './drugs';
import type { DrugReference } from './types';

const BY_CODE: ReadonlyMap<string, DrugReference> = new Map(DRUGS.map((d) => [d.code, d]));
const BY_NAME_ZH: ReadonlyMap<string, DrugReference> = new Map(DRUGS.map((d) => [d.nameZh, d]));

/** The reference entry of a drug code, or undefined when the reference has no such code. */
export function drugByCode(code: string): DrugReference | undefined {
  return BY_CODE.get(code);
}

/** A drug given by its code (amlodipine) or its Chinese generic name (氨氯地平), surrounding spaces ignored. */
export function findDrug(codeOrName: string): DrugReference | undefined {
  const key = codeOrName.trim();
  return BY_CODE.get(key) ?? BY_NAME_ZH.get(key);
}
