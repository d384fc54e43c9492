/** The readable rendering a clerk checks against the sources. */
import { describe, expect, it } from 'vitest';
import { adjudicate } from './adjudicate/adjudicate';
import { guiyangClaim, guiyangPatient, TEST_GUIYANG, wuxiClaim, wuxiPatient } from './fixtures';
import { renderDecision } from './explain';

describe('renderDecision', () => {
  it('states the outcome, the money in yuan and every step with its rule and section', () => {
    const text = renderDecision(adjudicate(wuxiClaim(), wuxiPatient(), { trace: true }));
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Outcome: paid\s+rule set: wuxi-2019 2019-12-12\s+catalogue: wuxi-atc-2019$/),
        expect.stringMatching(/^Pathway: designated\s+ratio: 60%\s+cap: ¥800\.00 \(used before ¥0\.00, left after ¥740\.00\)$/),
        expect.stringMatching(/^Amount ¥100\.00\s+compliant ¥100\.00\s+fund ¥60\.00\s+patient ¥40\.00\s+rational use: yes$/),
        expect.stringMatching(/\[W-4 三\(一\)\] dispensed at the designated primary institution/),
        expect.stringMatching(/capOneDiseaseFen = 80000 \[cited\] — .* 二\(三\): 年度内居民医保基金最高支付限额为800元/),
      ]),
    );
  });

  it('shows an unset parameter as not set, with the documents that should set it', () => {
    const text = renderDecision(adjudicate(guiyangClaim(), guiyangPatient(), { trace: true }));
    expect(text).toContain('Outcome: not_configured');
    expect(text).toMatch(/PARAMETER_NOT_CONFIGURED \(G-4 五\(二\)3, reject_claim\)/);
    expect(text).toMatch(/ratioDesignatedBp = \(not set\) \[configuration\] — 黔医保发〔2019〕54号/);
  });

  it('names the override and marks its values', () => {
    const text = renderDecision(adjudicate(guiyangClaim(), guiyangPatient(), { trace: true, overrides: [TEST_GUIYANG] }));
    expect(text).toMatch(/override: test-guiyang/);
    expect(text).toMatch(/ratioDesignatedBp = 7000 \[override\] — test fixture/);
  });

  it('without a trace, renders no explanation section', () => {
    const text = renderDecision(adjudicate(wuxiClaim(), wuxiPatient()));
    expect(text).not.toContain('Explanation:');
    expect(text).toContain('Rounding: fund share = floor');
  });
});
