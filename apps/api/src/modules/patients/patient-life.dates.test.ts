import { describe, expect, it } from 'vitest';
import { addPatientYear, Rollup, type PatientFacts } from '../statistics/facts';
import { presentOn, residesElsewhereOn, schemeOn, type SchemeChange } from './patient-life.dates';

describe('the scheme in force on a date', () => {
  const changes: SchemeChange[] = [
    ['2025-05-01', 'employee', 'resident'],
    ['2025-09-01', 'resident', 'employee'],
  ];
  it('is the latest change on or before it, the replaced scheme before the first, patients.scheme without any', () => {
    expect(schemeOn('resident', changes, '2025-04-30')).toBe('resident');
    expect(schemeOn('resident', changes, '2025-05-01')).toBe('employee');
    expect(schemeOn('resident', changes, '2025-08-31')).toBe('employee');
    expect(schemeOn('resident', changes, '2025-09-01')).toBe('resident');
    // patients.scheme is today's; before the first change the change's own "previous" decides.
    expect(schemeOn('employee', [['2025-05-01', 'employee', 'uninsured']], '2025-01-01')).toBe('uninsured');
    expect(schemeOn('uninsured', [], '2025-01-01')).toBe('uninsured');
  });
});

describe('residence elsewhere (W-7) on a date', () => {
  it('follows the dated periods, inclusive of both ends, once there is one; the undated flag only without any', () => {
    const periods = [
      ['2025-04-01', '2025-05-31'],
      ['2025-07-01', null],
    ] as const;
    expect(residesElsewhereOn(true, periods, '2025-03-31')).toBe(false);
    expect(residesElsewhereOn(false, periods, '2025-04-01')).toBe(true);
    expect(residesElsewhereOn(false, periods, '2025-05-31')).toBe(true);
    expect(residesElsewhereOn(false, periods, '2025-06-15')).toBe(false);
    expect(residesElsewhereOn(false, periods, '2030-01-01')).toBe(true);
    expect(residesElsewhereOn(true, [], '2025-01-01')).toBe(true);
    expect(residesElsewhereOn(false, [], '2025-01-01')).toBe(false);
  });
});

describe('what a departed patient contributes', () => {
  const patient: PatientFacts = {
    districtCode: 'D1',
    streetCode: 'S1',
    managingInstitutionId: 'I1',
    birthDate: '1950-06-01',
    scheme: 'resident',
    managed: true,
    managedSince: '2020-01-01',
    diseases: [{ disease: 'hypertension', diagnosedOn: '2019-01-01' }],
    certifications: [{ certifiedOn: '2020-02-01', revokedOn: null }],
    followUps: [],
    claims: [
      {
        id: 'c1',
        serviceDate: '2025-02-03',
        institutionId: 'I1',
        category: 'special',
        diseases: ['hypertension'],
        rational: true,
        amountFen: 3000,
        compliantFen: 3000,
        fundFen: 1800,
        fillDays: 30,
        refused: false,
      },
    ],
  };
  const row = (r: Rollup, q: number) => r.rows.stat_patient_counts.get(['D1', 2025, q, 'ALL', 'S1', 'I1'].join('\u0001'));

  it('counts in the quarters that end before the day they left, in none from it on; their claims stay counted', () => {
    expect(presentOn('2025-06-30', '2025-06-29')).toBe(true);
    expect(presentOn('2025-06-30', '2025-06-30')).toBe(false);
    const r = new Rollup();
    addPatientYear(r, { ...patient, leftOn: '2025-06-30' }, 2025);
    // known, known pairs, managed … in Q1 only; Q2 ends on the day of death.
    expect(row(r, 1)!.slice(0, 3)).toEqual([1, 1, 1]);
    expect(row(r, 2)).toBeUndefined();
    expect(row(r, 4)).toBeUndefined();
    expect([...r.entries('stat_claims_by_street')]).toHaveLength(1);
  });

  it('covered as of each quarter end on the scheme then in force', () => {
    const r = new Rollup();
    addPatientYear(
      r,
      {
        ...patient,
        scheme: 'resident',
        schemeChanges: [
          ['2025-04-01', 'employee', 'resident'],
          ['2025-10-01', 'resident', 'employee'],
        ],
      },
      2025,
    );
    // covered_managed is the 11th counter
    expect([1, 2, 3, 4].map((q) => row(r, q)![10])).toEqual([1, 0, 0, 1]);
  });
});
