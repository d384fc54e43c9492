/**
 * prefetch() reads ahead the objects the rules go on to read, so that their cache misses overlap
 * (adjudicate.ts). It changes no decision, so what can fail is coverage: a rule that starts reading
 * another object of the input, not read ahead. These tests record, through proxies, which objects
 * of the input each reads, and name the ones left out on purpose.
 */
import { describe, expect, it } from 'vitest';
import { bothDiseases, designation, fill, guiyangClaim, guiyangInstitution, guiyangPatient, lines, TEST_GUIYANG, wuxiClaim, wuxiPatient } from '../fixtures';
import type { ClaimInput, PatientYear } from '../types';
import { adjudicate, prefetch } from './adjudicate';

/**
 * Read only where a rarer rule needs them (a restriction, a referral or extension, the W-11
 * exclusion of a member's drugs), and not read ahead: most claims never touch them.
 */
const NOT_READ_AHEAD = new Set([
  'claim.referral',
  'claim.sourcePrescription',
  'patient.findings',
  'patient.priorDrugCodes',
  'patient.diseases',
  'patient.diseases[]',
]);

/** The input wrapped so that reading any property of an object records the object's path (array elements as `[]`). */
function recorded<T extends object>(value: T, path: string, reads: Set<string>): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.add(path);
      const v: unknown = Reflect.get(target, key, receiver);
      if (v === null || typeof v !== 'object' || typeof key !== 'string') return v;
      return recorded(v, Array.isArray(target) && /^\d+$/.test(key) ? `${path}[]` : `${path}.${key}`, reads);
    },
  });
}

function readsOf(run: (claim: ClaimInput, patient: PatientYear) => unknown, claim: ClaimInput, patient: PatientYear): Set<string> {
  const reads = new Set<string>();
  run(recorded(claim, 'claim', reads), recorded(patient, 'patient', reads));
  return reads;
}

const cases: { name: string; claim: ClaimInput; patient: PatientYear }[] = [
  { name: 'Wuxi, one line, no history', claim: wuxiClaim(), patient: wuxiPatient() },
  {
    name: 'Wuxi, both diseases, two lines, fills on hand and run out, a second designation',
    claim: wuxiClaim({ serviceDate: '2020-06-01', lines: lines({ drugCode: 'amlodipine' }, { drugCode: 'metformin', quantity: 60 }) }),
    patient: wuxiPatient({
      ...bothDiseases('2020-01-05'),
      designations: [designation({ to: '2020-03-31' }), designation({ institutionId: 'wx-chc-1', from: '2020-04-01' })],
      history: [fill('2020-05-25', 'amlodipine', 30), fill('2020-01-02', 'metformin', 30)],
    }),
  },
  {
    name: 'Guiyang at a village clinic, chronic-programme member, history',
    claim: guiyangClaim({
      institution: guiyangInstitution({ id: 'gy-vc-1', level: 'village_clinic' }),
      lines: lines({ drugCode: 'amlodipine' }, { drugCode: 'nifedipine' }),
    }),
    patient: guiyangPatient({ chronicProgrammeDiseases: ['diabetes'], history: [fill('2021-08-10', 'nifedipine', 30, 'gy-thc-1')] }),
  },
];

describe('prefetch: reads ahead what the rules read', () => {
  it.each(cases)('$name: every object a decision reads, bar the rare ones named, is read ahead', ({ claim, patient }) => {
    const ahead = readsOf(prefetch, claim, patient);
    const decided = readsOf((c, p) => adjudicate(c, p, { overrides: [TEST_GUIYANG] }), claim, patient);
    const missed = [...decided].filter((path) => !ahead.has(path) && !NOT_READ_AHEAD.has(path));
    expect(missed).toEqual([]);
    // It reads each line and each fill of the history, not only the first.
    expect(ahead).toContain('claim.lines[]');
    if (patient.history.length > 0) expect(ahead).toContain('patient.history[]');
  });

  it('leaves the decision as it was', () => {
    for (const { claim, patient } of cases) {
      const once = adjudicate(claim, patient, { overrides: [TEST_GUIYANG] });
      prefetch(claim, patient);
      expect(adjudicate(claim, patient, { overrides: [TEST_GUIYANG] })).toEqual(once);
    }
  });
});
