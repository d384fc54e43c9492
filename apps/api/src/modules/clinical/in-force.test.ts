/** What is in force on a date: findings by their spans, the referral a claim is decided on (W-6). */
import { describe, expect, it } from 'vitest';
import { claimReferral, findingsOn, referralOn, type ReferralRecord } from './in-force';

describe('findingsOn', () => {
  const spans = [
    { code: 'chronic_heart_failure_nyha_2_4' as const, from: '2025-03-01', to: '2025-03-31' },
    { code: 'chronic_heart_failure_nyha_2_4' as const, from: '2025-05-01', to: null },
    { code: 'first_line_contraindicated' as const, from: '2025-03-15', to: null },
  ];
  it('takes each span from its first day through its last, once per code', () => {
    expect(findingsOn(spans, '2025-02-28')).toEqual([]);
    expect(findingsOn(spans, '2025-03-01')).toEqual(['chronic_heart_failure_nyha_2_4']);
    expect(findingsOn(spans, '2025-03-31')).toEqual(['chronic_heart_failure_nyha_2_4', 'first_line_contraindicated']);
    expect(findingsOn(spans, '2025-04-01')).toEqual(['first_line_contraindicated']);
    expect(findingsOn(spans, '2026-01-01')).toEqual(['chronic_heart_failure_nyha_2_4', 'first_line_contraindicated']);
  });
});

describe('the referral of a claim', () => {
  const r = (id: string, to: string, issuedOn: string, validUntil: string | null): ReferralRecord => ({ id, from: 'CHC', to, issuedOn, validUntil });
  const referrals = [r('a', 'H2', '2025-01-01', '2025-01-31'), r('b', 'H2', '2025-02-10', null), r('c', 'H3', '2025-02-01', null)];

  it('finds the latest referral in force to the claiming institution', () => {
    expect(referralOn(referrals, 'H2', '2025-01-15')?.id).toBe('a');
    expect(referralOn(referrals, 'H2', '2025-02-05')).toBeNull();
    expect(referralOn(referrals, 'H2', '2025-03-01')?.id).toBe('b');
    expect(referralOn(referrals, 'H9', '2025-03-01')).toBeNull();
  });

  it('checks a named referral against the record, and passes one issued after the service date on to the core', () => {
    const claim = (from: string, issuedOn: string, serviceDate: string) => ({
      institutionId: 'H2',
      serviceDate,
      referralFromInstitutionId: from,
      referralIssuedOn: issuedOn,
    });
    expect(claimReferral(referrals, claim('CHC', '2025-02-10', '2025-03-01'))).toEqual({ referral: referrals[1], problem: null });
    expect(claimReferral(referrals, claim('CHC', '2025-02-11', '2025-03-01')).problem).toBe('not_on_record');
    expect(claimReferral(referrals, claim('OTHER', '2025-02-10', '2025-03-01')).problem).toBe('not_on_record');
    expect(claimReferral(referrals, claim('CHC', '2025-01-01', '2025-02-01')).problem).toBe('expired');
    expect(claimReferral(referrals, claim('CHC', '2025-02-10', '2025-02-01'))).toEqual({ referral: referrals[1], problem: null });
  });
});
