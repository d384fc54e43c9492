/** The INDICATORS.md rates, computed from the generated records, land in the ranges the demo aims at. */
import { describe, expect, it } from 'vitest';
import { ageOn, bpControlled } from './followups';
import { generateDemo } from './index';
import type { FollowUp } from './types';

const data = generateDemo();
const byPatient = new Map<string, FollowUp[]>();
for (const f of data.followUps) {
  const list = byPatient.get(f.patientId) ?? [];
  list.push(f);
  byPatient.set(f.patientId, list);
}

function rates(year: number) {
  const managed = data.patients.filter((p) => p.managed && p.managedFrom !== null && p.managedFrom <= `${year}-12-31`);
  let standard = 0;
  let ht = 0;
  let htControlled = 0;
  let dm = 0;
  let dmControlled = 0;
  for (const p of managed) {
    const fs = (byPatient.get(p.id) ?? []).filter((f) => f.date.startsWith(`${year}-`)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const hasDm = p.diseases.some((d) => d.disease === 'diabetes');
    const hasHt = p.diseases.some((d) => d.disease === 'hypertension');
    if (fs.filter((f) => f.faceToFace && (!hasDm || f.fastingGlucose !== null)).length >= 4) standard++;
    const latest = fs.at(-1);
    if (hasHt) {
      ht++;
      if (latest?.systolic != null && latest.diastolic != null && bpControlled(latest.systolic, latest.diastolic, ageOn(p.birthDate, latest.date)))
        htControlled++;
    }
    if (hasDm) {
      dm++;
      if (latest?.fastingGlucose != null && latest.fastingGlucose < 7) dmControlled++;
    }
  }
  return { standardised: standard / managed.length, bp: htControlled / ht, glucose: dmControlled / dm };
}

describe.each([2024, 2025])('rates in %i', (year) => {
  const r = rates(year);
  it('standardised management 60–75 %', () => {
    expect(r.standardised).toBeGreaterThan(0.6);
    expect(r.standardised).toBeLessThan(0.75);
  });
  it('BP control 50–60 %', () => {
    expect(r.bp).toBeGreaterThan(0.5);
    expect(r.bp).toBeLessThan(0.6);
  });
  it('glucose control 45–55 %', () => {
    expect(r.glucose).toBeGreaterThan(0.45);
    expect(r.glucose).toBeLessThan(0.55);
  });
});

describe('follow-ups', () => {
  it('belong to managed patients, fall after management began, and measure what the disease needs', () => {
    const patients = new Map(data.patients.map((p) => [p.id, p]));
    for (const f of data.followUps) {
      const p = patients.get(f.patientId)!;
      expect(p.managed).toBe(true);
      expect(f.date >= p.managedFrom! && f.date <= '2025-12-31').toBe(true);
      const hasHt = p.diseases.some((d) => d.disease === 'hypertension');
      if (!f.faceToFace) expect(f.systolic).toBeNull();
      else expect(f.systolic !== null).toBe(hasHt);
    }
  });
});
