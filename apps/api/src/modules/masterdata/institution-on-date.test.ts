import { describe, expect, it } from 'vitest';
import { institutionOnDate, treatsTwoDiseasesOn, type InstitutionContext } from './institution-on-date';

const base: InstitutionContext = {
  id: 'I-1',
  level: 'township_health_centre',
  cityCode: '520100',
  districtCode: '520102',
  insuranceDesignated: true,
  canTreatTwoDiseases: true,
  consortiumId: null,
  networkedOutOfArea: false,
  closedOn: null,
  treatment: null,
};

describe('the 两病 qualification on a date (G-5 五(二)4)', () => {
  it('is the column when no history was ever kept', () => {
    expect(treatsTwoDiseasesOn(null, true, '2025-01-01')).toBe(true);
    expect(treatsTwoDiseasesOn(null, false, '2025-01-01')).toBe(false);
  });

  it('holds from the grant date to the day before the withdrawal, whatever the column says', () => {
    const history = [{ from: '2025-03-01', to: '2025-06-01' }];
    expect(treatsTwoDiseasesOn(history, true, '2025-02-28')).toBe(false);
    expect(treatsTwoDiseasesOn(history, false, '2025-03-01')).toBe(true);
    expect(treatsTwoDiseasesOn(history, false, '2025-05-31')).toBe(true);
    expect(treatsTwoDiseasesOn(history, true, '2025-06-01')).toBe(false);
  });

  it('reads a grant of unknown start as held since before the records, and a re-grant after a withdrawal', () => {
    const history = [
      { from: null, to: '2025-02-01' },
      { from: '2025-04-01', to: null },
    ];
    expect(treatsTwoDiseasesOn(history, false, '2020-01-01')).toBe(true);
    expect(treatsTwoDiseasesOn(history, true, '2025-03-15')).toBe(false);
    expect(treatsTwoDiseasesOn(history, false, '2030-01-01')).toBe(true);
  });
});

describe('an institution on a claim’s service date', () => {
  it('is refused with INSTITUTION_CLOSED on and after its closing date, naming the field', () => {
    const closed = { ...base, closedOn: '2025-05-01' };
    expect(institutionOnDate(closed, '2025-04-30', 'input.institutionId').id).toBe('I-1');
    try {
      institutionOnDate(closed, '2025-05-01', 'input.institutionId');
      expect.unreachable();
    } catch (e) {
      expect((e as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.institutionId',
        detail: { code: 'INSTITUTION_CLOSED', closedOn: '2025-05-01' },
      });
    }
  });

  it('hands the policy core the qualification of that date', () => {
    const withdrawn = { ...base, treatment: [{ from: '2021-07-01', to: '2025-05-01' }] };
    expect(institutionOnDate(withdrawn, '2025-04-30', 'f').canTreatTwoDiseases).toBe(true);
    expect(institutionOnDate(withdrawn, '2025-05-01', 'f').canTreatTwoDiseases).toBe(false);
  });
});
