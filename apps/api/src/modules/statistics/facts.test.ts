import { describe, expect, it } from 'vitest';
import { pdcOf } from './counts';
import { addPatientYear, Rollup, type PatientFacts } from './facts';
import { diff, withClaim, withoutClaim } from './rollup.tracker';

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
  followUps: [1, 4, 7, 10].map((m) => ({ date: `2025-${String(m).padStart(2, '0')}-10`, faceToFace: true, systolic: 145, diastolic: 85, glucoseTenths: null })),
  claims: [],
};
const claim = {
  id: 'c1',
  serviceDate: '2025-05-03',
  institutionId: 'I2',
  category: 'special',
  diseases: ['hypertension'],
  rational: true,
  amountFen: 3000,
  compliantFen: 3000,
  fundFen: 1800,
  fillDays: 30,
  refused: false,
};

describe('what a patient contributes', () => {
  it('counts the patient in every quarter end, the year to date decides standard management and control', () => {
    const r = new Rollup();
    addPatientYear(r, patient, 2025);
    const q = (quarter: number) => r.rows.stat_patient_counts.get(['D1', 2025, quarter, 'HYPERTENSION', 'S1', 'I1'].join('\u0001'))!;
    // known, known pairs, managed, standard managed (one face-to-face a quarter: 1 by Q1 meets v2's ≥ 1), …, controlled at 75 (< 150/90)
    expect(q(1).slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(q(4).slice(0, 6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(r.rows.stat_patient_counts.has(['D1', 2025, 1, 'DIABETES', 'S1', 'I1'].join('\u0001'))).toBe(false);
  });

  it('a claim moves exactly its own cells and makes the patient a beneficiary of its quarter and year', () => {
    const d = diff(patient, withClaim(claim)(patient), [2025]);
    expect([...d.entries('stat_claims_by_street')]).toEqual([
      [
        ['D1', '2025-05-01', 'S1', 'hypertension', 'special'],
        [1, 1, 1, 3000, 3000, 1800],
      ],
    ]);
    expect([...d.entries('stat_beneficiaries')].map(([k]) => `${k[2]}/${k[3]}/${k[4]}`).sort()).toEqual([
      '0/ALL/institution',
      '0/ALL/street',
      '0/HYPERTENSION/institution',
      '0/HYPERTENSION/street',
      '2/ALL/institution',
      '2/ALL/street',
      '2/HYPERTENSION/institution',
      '2/HYPERTENSION/street',
    ]);
    // A second paid claim in the quarter adds a use, not a beneficiary.
    const once = withClaim(claim)(patient);
    const twice = withClaim({ ...claim, id: 'c2', serviceDate: '2025-06-02' })(once);
    expect([...diff(once, twice, [2025]).entries('stat_beneficiaries')]).toEqual([]);
    expect([...diff(twice, withoutClaim('c2')(twice), [2025]).entries('stat_claims_by_street')][0]![1]).toEqual([-1, -1, -1, -3000, -3000, -1800]);
  });

  it('a claim refused outright moves no claim count, rational use nor drug cost; a claim whose lines were refused does (refused.ts)', () => {
    // refused outright (say NOT_CERTIFIED): its amount stands, nothing compliant, nothing paid, no rational-use check failed
    const refused = { ...claim, id: 'c3', rational: true, compliantFen: 0, fundFen: 0, fillDays: null, refused: true };
    expect([...diff(patient, withClaim(refused)(patient), [2025]).entries('stat_claims_by_street')]).toEqual([]);
    expect([...diff(patient, withClaim(refused)(patient), [2025]).entries('stat_beneficiaries')]).toEqual([]);
    // its line refused (say DRUG_NOT_IN_CATALOGUE): a claim, not rational, not paid, its 3,000 fen in the drug cost
    const linesRefused = { ...refused, id: 'c4', rational: false, refused: false };
    expect([...diff(patient, withClaim(linesRefused)(patient), [2025]).entries('stat_claims_by_street')]).toEqual([
      [
        ['D1', '2025-05-01', 'S1', 'hypertension', 'special'],
        [1, 0, 0, 3000, 0, 0],
      ],
    ]);
  });

  it('a patient with both diseases: awareness per disease, management by each disease’s own rule, year to date', () => {
    // Four face-to-face follow-ups, one a quarter; only the first carries a fasting glucose.
    const both: PatientFacts = {
      ...patient,
      diseases: [
        { disease: 'hypertension', diagnosedOn: '2019-01-01' },
        { disease: 'diabetes', diagnosedOn: '2019-01-01' },
      ],
      followUps: patient.followUps.map((f, i) => ({ ...f, glucoseTenths: i === 0 ? 65 : null })),
    };
    const r = new Rollup();
    addPatientYear(r, both, 2025);
    const row = (quarter: number, filter: string) => r.rows.stat_patient_counts.get(['D1', 2025, quarter, filter, 'S1', 'I1'].join('\u0001'))!;
    // known pairs: one under each single disease, two under ALL and BOTH (INDICATORS.md 按病种计)
    expect([row(4, 'HYPERTENSION')[1], row(4, 'DIABETES')[1], row(4, 'ALL')[1], row(4, 'BOTH')[1]]).toEqual([1, 1, 2, 2]);
    // standard managed in the year: hypertension (4 face-to-face) yes, diabetes (1 with a glucose) no, the patient as a whole no
    expect([row(4, 'HYPERTENSION')[3], row(4, 'DIABETES')[3], row(4, 'ALL')[3]]).toEqual([1, 0, 0]);
    // by Q1 one follow-up with a glucose is enough for both; by Q2 the diabetes rule needs two
    expect([row(1, 'HYPERTENSION')[3], row(1, 'DIABETES')[3], row(1, 'ALL')[3]]).toEqual([1, 1, 1]);
    expect([row(2, 'HYPERTENSION')[3], row(2, 'DIABETES')[3], row(2, 'ALL')[3]]).toEqual([1, 0, 0]);
  });

  it('nothing changes, nothing is written', () => {
    expect([...diff(patient, patient, [2024, 2025]).entries('stat_patient_counts')]).toEqual([]);
  });
});

describe('PDC', () => {
  it('shifts overlapping fills forward and needs two fills', () => {
    expect(pdcOf([{ day: '2025-12-01', days: 30 }], '2025-12-31')).toBeNull();
    // 30 + 30 days from 1 Nov, the second fill early on 20 Nov: covered to 30 Dec, 60 of 61 days.
    expect(
      pdcOf(
        [
          { day: '2025-11-01', days: 30 },
          { day: '2025-11-20', days: 30 },
        ],
        '2025-12-31',
      ),
    ).toEqual({ numerator: 1, denominator: 1 });
    expect(
      pdcOf(
        [
          { day: '2025-01-01', days: 30 },
          { day: '2025-11-20', days: 30 },
        ],
        '2025-12-31',
      ),
    ).toEqual({ numerator: 0, denominator: 1 });
  });
});
