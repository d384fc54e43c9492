import { describe, expect, it } from 'vitest';
import { WUXI_2019 } from '@liangbing/policy';
import { budgetCitation } from './fund.service';

describe('the fund watch’s citation, from the city’s rule set (programme.fundWatch)', () => {
  it('cites Wuxi’s 五(一) for Wuxi', () => {
    expect(budgetCitation('320200')).toBe(`${WUXI_2019.source.document} 五(一)：做好基金运行和专项统计分析`);
  });

  it('does not cite another city’s text where the city’s own asks for no fund watch (Guiyang), nor for a city without rules', () => {
    expect(budgetCitation('520100')).toBe('贵阳市的“两病”文件未规定基金运行监测：预算与预测为部署配置');
    expect(budgetCitation('520100')).not.toContain(WUXI_2019.source.document);
    expect(budgetCitation('110100')).toContain('110100');
  });
});
