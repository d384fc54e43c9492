import { describe, expect, it } from 'vitest';
import { evidenceEntries, formatEvidenceValue } from './evidence';

describe('case evidence', () => {
  it('shows amounts in yuan, fractions rounded, lists joined', () => {
    expect(formatEvidenceValue('fundFen', 92628)).toBe('¥926.28');
    expect(formatEvidenceValue('peerSd', 537.29512)).toBe('537.2951');
    expect(formatEvidenceValue('peers', ['I1', 'I2'])).toBe('I1、I2');
    expect(formatEvidenceValue('ruleId', null)).toBe('—');
    expect(formatEvidenceValue('flag', true)).toBe('✓');
  });

  it('lays a list of fills out as a table with the union of their keys', () => {
    const entries = evidenceEntries(
      {
        drugName: '依那普利',
        fills: [
          { date: '2025-10-25', daysSupply: 60 },
          { date: '2025-12-26', daysSupply: 90, fundFen: 1440 },
        ],
        factor: 1.67,
      },
      'zh',
    );
    expect(entries[0]).toEqual({ key: 'drugName', kind: 'value', text: '依那普利' });
    expect(entries[1]).toEqual({
      key: 'fills',
      kind: 'table',
      columns: ['date', 'daysSupply', 'fundFen'],
      rows: [
        ['2025-10-25', '60', '—'],
        ['2025-12-26', '90', '¥14.40'],
      ],
    });
    expect(entries[2]).toEqual({ key: 'factor', kind: 'value', text: '1.67' });
  });

  it('shows the message in the reader’s language only', () => {
    const evidence = { teamCode: 'LX-T1', messageZh: '在签约家庭医生团队所在机构以外就医配药', messageEn: 'dispensed outside the signed team’s institution' };
    expect(evidenceEntries(evidence, 'zh').map((e) => e.key)).toEqual(['teamCode', 'messageZh']);
    expect(evidenceEntries(evidence, 'en').map((e) => e.key)).toEqual(['teamCode', 'messageEn']);
  });
});
