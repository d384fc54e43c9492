import { describe, expect, it } from 'vitest';
import { SCORECARD_METRICS } from '@liangbing/policy';
import { achievement, score, SCORECARD_RUBRIC_V1, type RubricItem } from './scorecard.rubric';

const higher: RubricItem = { metric: 'standardisedManagement', weight: 25, target: 0.6, direction: 'higher', basis: '' };
const lower: RubricItem = { metric: 'ruleHitsPer100Claims', weight: 10, target: 5, direction: 'lower', basis: '' };

describe('scorecard rubric', () => {
  it('scores each item of the policy core’s list once (the list the settings check and the dashboard names)', () => {
    expect(SCORECARD_RUBRIC_V1.items.map((i) => i.metric).sort()).toEqual([...SCORECARD_METRICS].sort());
  });

  it('caps a higher-is-better achievement at 1 and scales below the target', () => {
    expect(achievement(higher, 0.3)).toBeCloseTo(0.5, 10);
    expect(achievement(higher, 0.9)).toBe(1);
    expect(achievement(higher, null)).toBeNull();
  });

  it('falls linearly from the target to twice the target for a lower-is-better item', () => {
    expect(achievement(lower, 4)).toBe(1);
    expect(achievement(lower, 7.5)).toBeCloseTo(0.5, 10);
    expect(achievement(lower, 12)).toBe(0);
  });

  it('scores 100 at every target, and scales up the weights of the items that have a value', () => {
    const full = score(SCORECARD_RUBRIC_V1, {
      standardisedManagement: 0.6,
      rationalMedication: 0.95,
      bloodPressureControl: 0.5,
      glucoseControl: 0.5,
      centrallyProcuredShareByAmount: 0.5,
      classAShareByAmount: 0.6,
      ruleHitsPer100Claims: 5,
    });
    expect(full.score).toBe(100);
    const partial = score(SCORECARD_RUBRIC_V1, {
      standardisedManagement: 0.6,
      rationalMedication: null,
      bloodPressureControl: null,
      glucoseControl: null,
      centrallyProcuredShareByAmount: null,
      classAShareByAmount: null,
      ruleHitsPer100Claims: 10,
    });
    // 25 of 35 weights achieved in full, the hits item not at all
    expect(partial.scoredWeight).toBe(35);
    expect(partial.score).toBe(Math.round((25 / 35) * 1000) / 10);
    expect(
      score(SCORECARD_RUBRIC_V1, {
        standardisedManagement: null,
        rationalMedication: null,
        bloodPressureControl: null,
        glucoseControl: null,
        centrallyProcuredShareByAmount: null,
        classAShareByAmount: null,
        ruleHitsPer100Claims: null,
      }).score,
    ).toBeNull();
  });
});
