import { describe, expect, it } from 'vitest';
import type { PatientFacts } from './facts';
import { canonicalFacts, decodeFacts, encodeFacts } from './rollup.store';

const facts: PatientFacts = {
  districtCode: '320213',
  streetCode: '320213001',
  managingInstitutionId: 'INST-1',
  birthDate: '1950-03-04',
  scheme: 'resident',
  managed: true,
  managedSince: '2024-02-01',
  diseases: [{ disease: 'hypertension', diagnosedOn: '2020-01-01' }],
  leftOn: null,
  schemeChanges: [['2025-07-01', 'employee', 'resident']],
  signings: [{ validFrom: '2025-01-01', validTo: null }],
  certifications: [{ certifiedOn: '2024-03-01', revokedOn: null }],
  followUps: [{ date: '2025-02-03', faceToFace: true, systolic: 135, diastolic: 85, glucoseTenths: null }],
  claims: [
    {
      id: 'b',
      serviceDate: '2025-03-01',
      institutionId: 'INST-1',
      category: 'designated',
      diseases: ['hypertension'],
      rational: true,
      amountFen: 12_345,
      compliantFen: 12_000,
      fundFen: 6_000,
      fillDays: 30,
      refused: false,
    },
    {
      id: 'a',
      serviceDate: '2025-01-05',
      institutionId: 'INST-2',
      category: 'designated',
      diseases: ['hypertension'],
      rational: false,
      amountFen: 500,
      compliantFen: 0,
      fundFen: 0,
      fillDays: null,
      refused: true,
    },
  ],
};

describe('a patient’s stored records (stat_patient_facts_cache)', () => {
  it('read back as exactly what was stored, through JSON', () => {
    const stored = JSON.parse(JSON.stringify(encodeFacts(facts))) as ReturnType<typeof encodeFacts>;
    expect(decodeFacts('320213', stored)).toEqual(facts);
  });

  it('compare equal whatever order the claims were gathered in, and unequal when a figure differs', () => {
    const reordered = { ...facts, claims: [...facts.claims].reverse() };
    expect(JSON.stringify(canonicalFacts(reordered))).toBe(JSON.stringify(canonicalFacts(facts)));
    const changed = { ...facts, claims: [{ ...facts.claims[0]!, fundFen: 6_001 }, facts.claims[1]!] };
    expect(JSON.stringify(canonicalFacts(changed))).not.toBe(JSON.stringify(canonicalFacts(facts)));
  });
});
