/** The cap left of a year from its ledger (W-3 二(三)), by the same arithmetic the claims are paid by. */
import { describe, expect, it } from 'vitest';
import { resolveRuleSet } from '../resolve';
import { GUIYANG_CITY, WUXI_CITY, wuxiClaim, wuxiPatient } from '../fixtures';
import { adjudicate } from './adjudicate';
import { capStanding } from './payment';

const wuxi = () => {
  const r = resolveRuleSet(WUXI_CITY, '2020-03-02');
  if (r.status !== 'in_force') throw new Error('Wuxi not in force');
  return r.ruleSet;
};

describe('capStanding (W-3 二(三))', () => {
  it('one disease: 800 yuan, the general-outpatient fund’s payments included (含居民医保普通门诊基金支付部分)', () => {
    expect(capStanding(wuxi(), ['hypertension'], 30_000, 20_000)).toEqual({ capFen: 80_000, usedFen: 50_000, remainingFen: 30_000 });
  });

  it('both diseases: 1000 yuan; nothing paid yet: the whole cap is left', () => {
    expect(capStanding(wuxi(), ['hypertension', 'diabetes'], 0, 0)).toEqual({ capFen: 100_000, usedFen: 0, remainingFen: 100_000 });
  });

  it('never below zero', () => {
    expect(capStanding(wuxi(), ['hypertension'], 70_000, 20_000).remainingFen).toBe(0);
  });

  it('what a claim is paid against: used before it and left after it agree with the decision', () => {
    const patient = wuxiPatient({ fundPaidFen: 12_345, generalOutpatient: { exhausted: true, fundPaidFen: 4_000 } });
    const d = adjudicate(wuxiClaim(), patient);
    expect(capStanding(wuxi(), ['hypertension'], patient.fundPaidFen, 4_000).usedFen).toBe(d.capUsedBeforeFen);
    expect(capStanding(wuxi(), ['hypertension'], patient.fundPaidFen + d.fundFen, 4_000).remainingFen).toBe(d.capRemainingFen);
  });

  it('Guiyang without its benefit levels (G-4): no cap to speak of, not a silent zero', () => {
    const r = resolveRuleSet(GUIYANG_CITY, '2022-01-01');
    if (r.status !== 'in_force') throw new Error('Guiyang not in force');
    expect(capStanding(r.ruleSet, ['hypertension'], 0, 0)).toEqual({ capFen: null, usedFen: 0, remainingFen: null });
  });
});
