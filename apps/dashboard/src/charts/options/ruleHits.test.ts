import { describe, expect, it } from 'vitest';
import { buildRuleHitsOption, ruleHitMatrix, type RuleHit } from './ruleHits';
import { callFormatter } from '../../test/fixtures';

const hit = (code: string, month: string, institutionId: string, count: number): RuleHit => ({
  code,
  messageZh: `${code} 中文`,
  messageEn: `${code} english`,
  institutionId,
  institutionName: `机构${institutionId}`,
  month,
  count,
});

const hits = [
  hit('DUPLICATE_DISPENSING', '2024-08', 'a', 3),
  hit('DUPLICATE_DISPENSING', '2024-08', 'b', 2),
  hit('OVER_QUANTITY', '2024-07', 'a', 1),
  hit('OVER_QUANTITY', '2024-09', 'b', 4),
  hit('OUT_OF_SCOPE', '2024-09', 'a', 1),
];

describe('rule hits', () => {
  it('sums institutions per rule and month, months in order, most frequent rule first', () => {
    const m = ruleHitMatrix(hits, 'zh');
    expect(m.months).toEqual(['2024-07', '2024-08', '2024-09']);
    expect(m.codes).toEqual(['DUPLICATE_DISPENSING', 'OVER_QUANTITY', 'OUT_OF_SCOPE']);
    expect(m.counts).toEqual([
      [0, 5, 0],
      [1, 0, 4],
      [0, 0, 1],
    ]);
    expect(m.messages.get('OVER_QUANTITY')).toBe('OVER_QUANTITY 中文');
  });

  it('stacks one bar series per rule', () => {
    const option = buildRuleHitsOption(hits, 'en', 'Total');
    const series = option.series as { type: string; stack: string; name: string; data: number[] }[];
    expect(series.every((s) => s.type === 'bar' && s.stack === 'hits')).toBe(true);
    expect(series.map((s) => s.name)).toEqual(['DUPLICATE_DISPENSING', 'OVER_QUANTITY', 'OUT_OF_SCOPE']);
    const html = callFormatter(option.tooltip, [{ dataIndex: 2 }]);
    expect(html).toContain('2024-09</b> · Total 5');
    expect(html).toContain('OVER_QUANTITY english: <b>4</b>');
    expect(html).not.toContain('DUPLICATE_DISPENSING');
  });
});
