import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIYANG_BENEFIT_DOCUMENTS } from '@liangbing/policy';
import { GUIYANG_DEMO_OVERRIDE, loadPolicyOverrides, unconfiguredBenefits } from './policy-config';

describe('loadPolicyOverrides', () => {
  it('without a file: the demo override in demo mode, nothing in production', () => {
    expect(loadPolicyOverrides('', 'demo')).toEqual([GUIYANG_DEMO_OVERRIDE]);
    expect(loadPolicyOverrides('', 'production')).toEqual([]);
  });

  it('with a file: its overrides in either mode, and a bad one refuses start-up', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lb-ov-'));
    try {
      const good = path.join(dir, 'good.json');
      const o = { ...GUIYANG_DEMO_OVERRIDE, name: 'bureau-rates' };
      writeFileSync(good, JSON.stringify([o]));
      expect(loadPolicyOverrides(good, 'production')).toEqual([o]);
      expect(loadPolicyOverrides(good, 'demo').map((x) => x.name)).toEqual(['bureau-rates']);
      const bad = path.join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify([{ ...o, parameters: { ratioDesignatedBp: 12_000 } }]));
      expect(() => loadPolicyOverrides(bad, 'production')).toThrow(/bureau-rates: ratioDesignatedBp must be an integer 0..10000/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unconfiguredBenefits', () => {
  it('lists Guiyang’s unset ratio, caps and deductible without an override, citing the documents that set them (G-4)', () => {
    const [gy, ...rest] = unconfiguredBenefits([], '2025-06-30');
    expect(rest).toEqual([]);
    expect(gy!.ruleSetId).toBe('guiyang-2021');
    expect(gy!.parameters).toEqual(expect.arrayContaining(['ratioDesignatedBp', 'capOneDiseaseFen', 'capBothDiseasesFen', 'deductibleFen']));
    expect(gy!.documents).toContain(GUIYANG_BENEFIT_DOCUMENTS);
  });

  it('is empty once an override sets them, and counts an override only from its date', () => {
    expect(unconfiguredBenefits([GUIYANG_DEMO_OVERRIDE], '2025-06-30')).toEqual([]);
    const later = { ...GUIYANG_DEMO_OVERRIDE, from: '2026-01-01' };
    expect(unconfiguredBenefits([later], '2025-06-30').map((u) => u.ruleSetId)).toEqual(['guiyang-2021']);
    expect(unconfiguredBenefits([later], '2026-01-01')).toEqual([]);
  });
});
