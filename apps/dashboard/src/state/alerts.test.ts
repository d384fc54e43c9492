import { describe, expect, it } from 'vitest';
import { alertFilter, alertStatuses, alertTransitions, canReverseOnConfirm, kindLabel, nextStatuses, parseCaseQuery } from './alerts';
import { canSetBudget, canWriteDistrict } from './permissions';

describe('monitoring cases', () => {
  it('moves a case only along the API’s transitions; recovered is final', () => {
    expect(nextStatuses('OPEN')).toEqual(['UNDER_REVIEW', 'CONFIRMED', 'DISMISSED']);
    expect(nextStatuses('CONFIRMED')).toContain('RECOVERED');
    expect(nextStatuses('DISMISSED')).not.toContain('CONFIRMED');
    expect(nextStatuses('RECOVERED')).toEqual([]);
    for (const s of alertStatuses) expect(alertTransitions[s]).not.toContain(s);
  });

  it('offers reversal only when confirming a case that has claims', () => {
    expect(canReverseOnConfirm('CONFIRMED', ['c1'])).toBe(true);
    expect(canReverseOnConfirm('CONFIRMED', [])).toBe(false);
    expect(canReverseOnConfirm('DISMISSED', ['c1'])).toBe(false);
    expect(canReverseOnConfirm(null, ['c1'])).toBe(false);
  });

  it('names a pattern by its label and a rule hit by its stored message', () => {
    const label = (k: string) => `label:${k}`;
    expect(kindLabel({ kind: 'EARLY_REFILL', descriptionEn: 'x', evidence: {} }, 'zh', label)).toBe('label:EARLY_REFILL');
    const hit = { kind: 'OVER_QUANTITY', descriptionEn: 'a rule hit', evidence: { messageZh: '超量配药', messageEn: 'Over quantity' } };
    expect(kindLabel(hit, 'zh', label)).toBe('超量配药');
    expect(kindLabel(hit, 'en', label)).toBe('Over quantity');
    expect(kindLabel({ ...hit, evidence: {} }, 'zh', label)).toBe('a rule hit');
  });

  it('reads the case keys of the URL and filters by the shared period', () => {
    const q = parseCaseQuery({ caseStatus: 'UNDER_REVIEW', kind: 'OVERSUPPLY_90D', case: '8416c45b-ff02-4942-8aff-df39e2b5d637', caseAfter: 'bad cursor!' });
    expect(q).toEqual({ status: 'UNDER_REVIEW', kind: 'OVERSUPPLY_90D', caseId: '8416c45b-ff02-4942-8aff-df39e2b5d637', after: null });
    expect(alertFilter({ city: '320200', year: 2025, quarter: 4, disease: 'ALL', region: '320205' }, q)).toEqual({
      regionCode: '320205',
      from: '2025-10-01',
      to: '2025-12-31',
      status: 'UNDER_REVIEW',
      kind: 'OVERSUPPLY_90D',
    });
    expect(parseCaseQuery({ caseStatus: 'CLOSED' }).status).toBeNull();
  });
});

describe('write permissions', () => {
  it('lets a district bureau write in its own district only; leadership reads', () => {
    expect(canWriteDistrict({ role: 'DISTRICT_BUREAU', districtCode: '320205' }, '320205')).toBe(true);
    expect(canWriteDistrict({ role: 'DISTRICT_BUREAU', districtCode: '320205' }, '320206')).toBe(false);
    expect(canWriteDistrict({ role: 'CITY_LEADERSHIP', districtCode: null }, '320205')).toBe(false);
    expect(canWriteDistrict({ role: 'AUDITOR', districtCode: null }, '320205')).toBe(false);
    expect(canWriteDistrict(null, '320205')).toBe(false);
  });

  it('lets leadership set any district’s budget of its city, a bureau its own', () => {
    expect(canSetBudget({ role: 'CITY_LEADERSHIP', districtCode: null, cityCode: '320200' }, '320205', '320200')).toBe(true);
    expect(canSetBudget({ role: 'CITY_LEADERSHIP', districtCode: null, cityCode: '520100' }, '320205', '320200')).toBe(false);
    expect(canSetBudget({ role: 'DISTRICT_BUREAU', districtCode: '320205', cityCode: '320200' }, '320206', '320200')).toBe(false);
    expect(canSetBudget({ role: 'AUDITOR', districtCode: null, cityCode: '320200' }, '320205', '320200')).toBe(false);
  });
});
