import { describe, expect, it } from 'vitest';
import type { InstitutionRef } from '@liangbing/policy';
import { contains, narrow } from './whatif.narrow';
import type { ReplayClaim, ReplayPatientData } from './whatif.replay';

const chc: InstitutionRef = {
  id: 'I-CHC',
  level: 'community_health_centre',
  cityCode: '320200',
  districtCode: '320213',
  insuranceDesignated: true,
  canTreatTwoDiseases: true,
  consortiumId: null,
  networkedOutOfArea: false,
};
const hospital: InstitutionRef = { ...chc, id: 'I-H2', level: 'level2_hospital' };

/** A stored claim of the kept period: its lines as [drug, days of supply, compliant when stored]. */
function claim(date: string, sameDayRank: number, lines: [string, number, boolean][], fundFen: number, compliantFen: number, institution = chc): ReplayClaim {
  return {
    year: Number(date.slice(0, 4)),
    month: date.slice(0, 7),
    sameDayRank,
    compliantLines: lines.reduce((bits, [, , ok], i) => (ok ? bits | (1 << i) : bits), 0),
    stored: { amountFen: 10_000, fundFen, patientFen: 10_000 - fundFen, compliantFen },
    claim: {
      serviceDate: date,
      cityCode: '320200',
      institution,
      pathway: 'designated',
      referral: null,
      sourcePrescription: null,
      conditionStable: false,
      lines: lines.map(([drugCode, daysSupply], i) => ({ lineNo: i + 1, drugCode, form: 'oral', quantity: daysSupply, daysSupply, amountFen: 5_000 })),
    },
  };
}

const year = (fundPaidFen: number, compliantFen: number, storedCapReachedOn: string | null = null) => ({
  generalOutpatient: { exhausted: true, fundPaidFen: 0 },
  fundPaidFen,
  compliantFen,
  storedCapReachedOn,
});

// Kept: 2025-02-01 … 2025-12-31, opening with 100 yuan paid in January and one fill of 2025-01-20 still on hand.
const a = claim(
  '2025-02-10',
  0,
  [
    ['amlodipine', 40, true],
    ['valsartan', 30, false],
  ],
  3_000,
  5_000,
);
const b2 = claim('2025-02-10', 2, [['metformin', 30, true]], 2_000, 5_000, hospital);
const b1 = claim('2025-02-10', 1, [['acarbose', 60, true]], 1_000, 4_000);
const c = claim('2025-05-01', 0, [['amlodipine', 30, true]], 6_000, 10_000);
const kept: ReplayPatientData = {
  patient: {
    districtCode: '320213',
    id: 'P1',
    scheme: 'employee',
    schemeChanges: [],
    chronicProgrammeDiseases: [],
    longTermResidenceElsewhere: false,
    residences: [],
    findings: [],
    diseases: [],
    certifications: [],
    designations: [],
  },
  years: new Map([
    [2025, year(10_000, 15_000, '2025-05-01')],
    [2026, year(0, 0)],
  ]),
  // three claims of one day, stored in the order a, b2, b1; their ids sort a, b1, b2
  claims: [a, b2, b1, c],
  history: [
    { date: '2025-01-20', drugCode: 'nifedipine', daysSupply: 60, institutionId: 'I-CHC' },
    { date: '2025-01-25', drugCode: 'indapamide', daysSupply: 10, institutionId: 'I-CHC' },
  ],
  priorDrugCodes: ['nifedipine', 'indapamide'],
};
const outer = { from: '2025-02-01', to: '2025-12-31' };

describe('a period cut out of a longer one kept in memory', () => {
  it('holds the claims within it, the position when it opens, the fills still on hand in history order, and every drug dispensed before', () => {
    const [p] = narrow([kept], outer, { from: '2025-03-01', to: '2025-06-30' });
    expect(p!.claims).toEqual([c]);
    // what the kept period opened with, plus what its claims before 1 March paid
    expect(p!.years.get(2025)).toEqual(year(10_000 + 3_000 + 2_000 + 1_000, 15_000 + 5_000 + 5_000 + 4_000, '2025-05-01'));
    expect(p!.years.has(2026)).toBe(false);
    // on hand on 1 March: nifedipine (to 21 March), then the fills of 10 February in claim-id order, as the
    // history is read (a, b1, b2), not in the order stored; not indapamide's 10 days, nor valsartan, which
    // was not compliant
    expect(p!.history.map((h) => [h.date, h.drugCode, h.institutionId])).toEqual([
      ['2025-01-20', 'nifedipine', 'I-CHC'],
      ['2025-02-10', 'amlodipine', 'I-CHC'],
      ['2025-02-10', 'acarbose', 'I-CHC'],
      ['2025-02-10', 'metformin', 'I-H2'],
    ]);
    expect(p!.priorDrugCodes).toEqual(['acarbose', 'amlodipine', 'indapamide', 'metformin', 'nifedipine']);
    expect(p!.patient).toBe(kept.patient);
  });

  it('opens on 1 January at zero, and leaves out a patient with no claim in the period', () => {
    const wide = { from: '2024-07-01', to: '2025-12-31' };
    const twoYears: ReplayPatientData = {
      ...kept,
      history: [],
      priorDrugCodes: [],
      years: new Map([
        [2024, year(50_000, 60_000)],
        [2025, year(0, 0)],
      ]),
      claims: [claim('2024-12-01', 0, [['amlodipine', 40, true]], 4_000, 8_000), c],
    };
    const [p] = narrow([twoYears], wide, { from: '2025-01-01', to: '2025-12-31' });
    expect(p!.years.get(2025)).toEqual(year(0, 0));
    expect(p!.history.map((h) => h.drugCode)).toEqual(['amlodipine']);
    expect(narrow([twoYears], wide, { from: '2025-06-01', to: '2025-12-31' })).toEqual([]);
  });

  it('knows which periods contain which', () => {
    expect(contains(outer, { from: '2025-02-01', to: '2025-12-31' })).toBe(true);
    expect(contains(outer, { from: '2025-01-31', to: '2025-03-01' })).toBe(false);
    expect(contains(outer, { from: '2025-03-01', to: '2026-01-01' })).toBe(false);
  });
});
