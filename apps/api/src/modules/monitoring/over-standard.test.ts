import { describe, expect, it } from 'vitest';
import { ruleSetOfCity } from '@liangbing/policy';
import { SETTINGS_BY_KEY } from '../settings/settings.registry';
import { fromOverStandard } from './detect';
import { MONITORING_CONFIG } from './monitoring.config';

const row = (lines: number, over: number) => ({
  district_code: '320213',
  institution_id: 'I-CHC',
  lines: String(lines),
  over_lines: String(over),
  over_claims: String(over),
  over_amount_fen: String(over * 1000),
  over_fund_fen: String(over * 360),
});
const W41 = { document: '无锡意见', section: '四(一)' };
const cfg = { ...MONITORING_CONFIG, overStandardShare: 0.2, overStandardMinLines: 10 };

describe('lines over the payment standard', () => {
  it('is Wuxi’s watch only: Guiyang’s text sets no payment standard, and its thresholds are configured for Wuxi alone', () => {
    expect(ruleSetOfCity('320200', '2025-06-30')!.paymentStandard).toMatchObject({ applies: true, citation: { section: '四(一)' } });
    expect(ruleSetOfCity('520100', '2025-06-30')!.paymentStandard.applies).toBe(false);
    for (const key of ['monitoring.overStandardShare', 'monitoring.overStandardMinLines']) {
      const d = SETTINGS_BY_KEY.get(key)!;
      expect(d.cities).toEqual(['320200']);
      expect(d.seed).toMatchObject({ basis: 'default', section: '四(一)' });
      expect(d.seed.note).toContain('set by the bureau');
    }
  });

  it('opens a case only above the share, and only with enough lines', () => {
    // 2 of 10 is the share itself, not more; 3 of 10 is; 3 of 9 has too few lines.
    expect(fromOverStandard([row(10, 2)], cfg, W41, '2025-04-01', '2025-04-30')).toEqual([]);
    expect(fromOverStandard([row(9, 3)], cfg, W41, '2025-04-01', '2025-04-30')).toEqual([]);
    const [c] = fromOverStandard([row(10, 3)], cfg, W41, '2025-04-01', '2025-04-30');
    expect(c).toMatchObject({
      kind: 'OVER_PAYMENT_STANDARD_SHARE',
      evidenceKey: 'OVER_PAYMENT_STANDARD_SHARE:I-CHC:2025-04-01:2025-04-30',
      institutionId: 'I-CHC',
      claimIds: [],
      occurredOn: '2025-04-30',
    });
    expect(c!.evidence).toMatchObject({ share: 0.3, overLines: 3, lines: 10, fundFen: 1080, citation: '无锡意见 四(一)' });
    expect(c!.evidence.messageZh).toContain('10条结算明细中有3条（30%）的价格高于医保支付标准');
  });
});
