// The what-if form and its URL: a named change of the cap, the ratio or the long-prescription
// limit, kept in the query so the answer to "what if the cap were 1,000 yuan?" can be shared. Pure.
import type { WhatIfParametersInput } from '../graphql/generated';
import { yuanToFen } from './fund';
import { queryText, type ViewQuery } from './query';

export interface WhatIfForm {
  name: string;
  /** yuan, as typed */
  capOneDisease: string;
  capBothDiseases: string;
  /** percent, as typed */
  ratioDesignated: string;
  longPrescriptionDays: string;
}

export const emptyWhatIfForm: WhatIfForm = { name: '', capOneDisease: '', capBothDiseases: '', ratioDesignated: '', longPrescriptionDays: '' };
const keys = { name: 'wiName', capOneDisease: 'cap1', capBothDiseases: 'cap2', ratioDesignated: 'ratio', longPrescriptionDays: 'longRx' } as const;

export function parseWhatIfQuery(query: ViewQuery): WhatIfForm {
  return {
    name: queryText(query, keys.name, /^[\w\u4e00-\u9fff .-]{1,60}$/) ?? '',
    capOneDisease: queryText(query, keys.capOneDisease, /^\d+(\.\d{1,2})?$/) ?? '',
    capBothDiseases: queryText(query, keys.capBothDiseases, /^\d+(\.\d{1,2})?$/) ?? '',
    ratioDesignated: queryText(query, keys.ratioDesignated, /^\d{1,3}(\.\d{1,2})?$/) ?? '',
    longPrescriptionDays: queryText(query, keys.longPrescriptionDays, /^\d{1,3}$/) ?? '',
  };
}

export function whatIfQuery(form: WhatIfForm): Record<string, string | null> {
  return Object.fromEntries(Object.entries(keys).map(([field, key]) => [key, form[field as keyof WhatIfForm].trim() || null]));
}

/** "60" or "55.5" percent → basis points; null when out of 0–100 or not a number. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

export interface WhatIfProblem {
  field: keyof WhatIfForm;
  key: 'required' | 'amount' | 'percent' | 'days' | 'nothingChanged';
}

/** The parameters the API takes, or what is wrong with the form. */
export function whatIfParameters(form: WhatIfForm): { parameters: WhatIfParametersInput; problems: WhatIfProblem[] } {
  const problems: WhatIfProblem[] = [];
  const parameters: WhatIfParametersInput = {};
  if (form.name.trim() === '') problems.push({ field: 'name', key: 'required' });
  const amount = (field: 'capOneDisease' | 'capBothDiseases') => {
    if (form[field].trim() === '') return null;
    const fen = yuanToFen(form[field]);
    if (fen === null) problems.push({ field, key: 'amount' });
    return fen;
  };
  const cap1 = amount('capOneDisease');
  const cap2 = amount('capBothDiseases');
  if (cap1 !== null) parameters.capOneDiseaseFen = cap1;
  if (cap2 !== null) parameters.capBothDiseasesFen = cap2;
  if (form.ratioDesignated.trim() !== '') {
    const bp = percentToBp(form.ratioDesignated);
    if (bp === null) problems.push({ field: 'ratioDesignated', key: 'percent' });
    else parameters.ratioDesignatedBp = bp;
  }
  if (form.longPrescriptionDays.trim() !== '') {
    const days = Number(form.longPrescriptionDays);
    if (!Number.isInteger(days) || days < 1 || days > 366) problems.push({ field: 'longPrescriptionDays', key: 'days' });
    else parameters.longPrescriptionMaxDays = days;
  }
  if (problems.length === 0 && Object.keys(parameters).length === 0) problems.push({ field: 'capOneDisease', key: 'nothingChanged' });
  return { parameters, problems };
}
