/** The pure pattern rules: institution outliers against their peers, and the 90-day supply window. */
import { describe, expect, it } from 'vitest';
import { WUXI_2019 } from '@liangbing/policy';
import { fromRefills, fromSupply, outliers, overlapTolerance } from './detect';
import { MONITORING_CONFIG } from './monitoring.config';

const inst = (id: string, claims: number, hits: number, patients: number, fund: number, level = 'community_health_centre') => ({
  district_code: '320213',
  institution_id: id,
  level,
  claims: String(claims),
  hit_claims: String(hits),
  patients: String(patients),
  fund_fen: String(fund),
});

describe('outliers (W-10)', () => {
  const peers = [inst('A', 100, 3, 50, 50_000), inst('B', 100, 4, 50, 52_000), inst('C', 100, 3, 50, 49_000), inst('D', 100, 4, 50, 51_000)];

  it('flags an institution above its peers’ mean + 2 sd, leaving it out of its own comparison; small differences are not flagged', () => {
    const found = outliers([...peers, inst('X', 100, 30, 50, 50_500)], MONITORING_CONFIG, '2025-04-01', '2025-06-30');
    expect(found.map((c) => [c.kind, c.institutionId])).toEqual([['INSTITUTION_HIT_RATE_OUTLIER', 'X']]);
    expect(found[0]!.evidence).toMatchObject({ value: 0.3, peerMean: 0.035, peers: ['A', 'B', 'C', 'D'] });
  });

  it('compares only peers of the same level with enough claims, and needs enough of them', () => {
    expect(outliers([...peers, inst('H', 100, 30, 50, 500_000, 'level2_hospital')], MONITORING_CONFIG, 'f', 't')).toEqual([]);
    expect(outliers([...peers.slice(0, 2), inst('X', 100, 30, 50, 50_000)], MONITORING_CONFIG, 'f', 't')).toEqual([]);
    expect(outliers([...peers, inst('X', 10, 9, 5, 50_000)], MONITORING_CONFIG, 'f', 't')).toEqual([]);
  });

  it('flags fund per patient as well', () => {
    const found = outliers([...peers, inst('Y', 100, 3, 20, 60_000)], MONITORING_CONFIG, 'f', 't');
    expect(found.map((c) => c.kind)).toEqual(['INSTITUTION_FUND_OUTLIER']);
  });
});

describe('fromSupply (G-9 倒卖药品)', () => {
  const fill = (claim: string, date: string, days: number, window: number) => ({
    district_code: 'd',
    patient_id: 'p',
    drug_code: 'amlodipine',
    claim_id: claim,
    service_date: date,
    days_supply: days,
    fund_fen: '100',
    window_days: String(window),
  });

  it('takes the 90-day window with the most days and lists its fills', () => {
    const c = fromSupply(
      [fill('a', '2025-01-01', 30, 90), fill('b', '2025-01-20', 30, 150), fill('c', '2025-02-01', 60, 120), fill('d', '2025-03-01', 60, 60)],
      MONITORING_CONFIG,
    );
    expect(c).toHaveLength(1);
    expect(c[0]!.evidence).toMatchObject({ windowStart: '2025-01-20', windowEnd: '2025-04-19', daysSupplied: 150, factor: 1.67 });
    expect(c[0]!.claimIds).toEqual(['b', 'c', 'd']);
  });

  it('opens nothing at or below the factor', () => {
    expect(fromSupply([fill('a', '2025-01-01', 135, 135)], MONITORING_CONFIG)).toEqual([]);
  });
});

describe('fromRefills (G-9 重复配药): the duplicate-dispensing rule’s tolerance at another institution', () => {
  const refill = (daysLeft: number, elsewhere = true) => ({
    district_code: '320213',
    claim_id: `c${daysLeft}${elsewhere}`,
    patient_id: 'P1',
    institution_id: elsewhere ? 'I-B' : 'I-A',
    service_date: '2025-04-10',
    drug_code: 'amlodipine',
    days_supply: 30,
    prev_claim_id: 'c0',
    prev_institution_id: 'I-A',
    prev_date: '2025-03-12',
    prev_days: 30,
    days_left: daysLeft,
  });
  // The tolerance Wuxi's DUPLICATE_DISPENSING check uses (configuration, 7 days), read from the rule set itself.
  const ruleDays = WUXI_2019.parameters.earlyRefillToleranceDays[0]!.value!;
  const wuxi = overlapTolerance('320200', []);

  it('is the rule set’s own parameter', () => {
    expect(wuxi('2025-04-10').days).toBe(ruleDays);
    expect(wuxi('2025-04-10').citation).toContain('earlyRefillToleranceDays');
  });

  it('a day of overlap, or up to the tolerance, is no case; one day more is', () => {
    expect(fromRefills([refill(1), refill(ruleDays)], MONITORING_CONFIG, wuxi)).toEqual([]);
    const found = fromRefills([refill(ruleDays + 1)], MONITORING_CONFIG, wuxi);
    expect(found.map((c) => c.kind)).toEqual(['CROSS_INSTITUTION_DUPLICATE']);
    expect(found[0]!.evidence).toMatchObject({ toleranceDays: ruleDays });
  });

  it('follows an override of the rule set’s tolerance', () => {
    const strict = overlapTolerance('320200', [
      {
        name: 'strict',
        description: 'no overlap tolerated',
        ruleSetId: 'wuxi-2019',
        source: { document: 'd', section: 's' },
        parameters: { earlyRefillToleranceDays: 0 },
      },
    ]);
    expect(fromRefills([refill(1)], MONITORING_CONFIG, strict).map((c) => c.kind)).toEqual(['CROSS_INSTITUTION_DUPLICATE']);
  });

  it('at the same institution the early-refill threshold applies as before', () => {
    expect(fromRefills([refill(MONITORING_CONFIG.earlyRefillDaysLeft, false)], MONITORING_CONFIG, wuxi)).toEqual([]);
    expect(fromRefills([refill(MONITORING_CONFIG.earlyRefillDaysLeft + 1, false)], MONITORING_CONFIG, wuxi).map((c) => c.kind)).toEqual(['EARLY_REFILL']);
  });
});
