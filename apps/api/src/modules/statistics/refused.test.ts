import { HITS, type HitCode } from '@liangbing/policy';
import { describe, expect, it } from 'vitest';
import { REFUSING_CODES, refusedOutright } from './refused';

describe('refused outright', () => {
  it('is a claim-level refusal: every reject_claim code, no line rule', () => {
    expect(REFUSING_CODES).toContain('NOT_CERTIFIED');
    expect(REFUSING_CODES).toContain('NOT_DESIGNATED_INSTITUTION');
    for (const code of REFUSING_CODES) expect(HITS[code as HitCode].severity).toBe('reject_claim');
    expect(refusedOutright(['DRUG_NOT_IN_CATALOGUE'])).toBe(false);
    expect(refusedOutright(['DRUG_NOT_IN_CATALOGUE', 'NOT_CERTIFIED'])).toBe(true);
    expect(refusedOutright([])).toBe(false);
  });
});
