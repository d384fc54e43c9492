import { describe, expect, it } from 'vitest';
import { generateRecords, patientCounts } from './index';

describe('streaming', () => {
  it('produces 100 000 patients with their records one at a time', { timeout: 300_000 }, () => {
    const perDistrict = new Map<string, number>();
    let patients = 0;
    let claims = 0;
    let followUps = 0;
    for (const r of generateRecords({ seed: 3, scale: 25 })) {
      patients++;
      claims += r.claims.length;
      followUps += r.followUps.length;
      perDistrict.set(r.patient.districtCode, (perDistrict.get(r.patient.districtCode) ?? 0) + 1);
    }
    expect(patients).toBe(100_000);
    for (const city of ['320200', '520100'] as const) {
      for (const { districtCode, count } of patientCounts(city, 50_000)) expect(perDistrict.get(districtCode)).toBe(count);
    }
    expect(claims).toBeGreaterThan(patients * 5);
    expect(followUps).toBeGreaterThan(patients * 4);
  });
});
