import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import zh from '../i18n/zh';
import en from '../i18n/en';
import { followUpsRequiredBy, standardisedManagementBasis } from './basis';

describe('the basis of standardised management (standardised-management.v2)', () => {
  it('one face-to-face follow-up a quarter, year to date: 1 by Q1 … 4 for the year', () => {
    expect([1, 2, 3, 4, null].map(followUpsRequiredBy)).toEqual([1, 2, 3, 4, 4]);
  });

  it('is worded for the period shown, in both languages', () => {
    const i18n = createI18n({ legacy: false, locale: 'zh', messages: { zh, en } });
    const t = i18n.global.t as (k: string, v?: Record<string, unknown>) => string;
    expect(standardisedManagementBasis(t, 1)).toBe('口径：年初至第1季度末，面对面随访≥1次（每季度1次，全年≥4次）');
    expect(standardisedManagementBasis(t, null)).toBe('口径：年初至年末，面对面随访≥4次（每季度1次，全年≥4次）');
    i18n.global.locale.value = 'en';
    expect(standardisedManagementBasis(t, 2)).toContain('end of Q2, ≥ 2 face-to-face');
  });
});
