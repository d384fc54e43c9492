import { describe, expect, it } from 'vitest';
import { apportion, buildPopulations, buildRegions, districtsOfCity, HYPERTENSION_AWARENESS_BP } from './regions';

const GUIYANG = ['520102', '520103', '520111', '520112', '520113', '520115', '520121', '520122', '520123', '520181', '520190'];
const WUXI = ['320205', '320206', '320211', '320213', '320214', '320281', '320282', '320290'];

describe('regions', () => {
  const regions = buildRegions(['320200', '520100']);

  it('has the real district codes of both cities, with the two functional areas marked non-standard', () => {
    const districts = regions.filter((r) => r.level === 'district');
    expect(districts.filter((d) => d.cityCode === '520100').map((d) => d.code)).toEqual(GUIYANG);
    expect(districts.filter((d) => d.cityCode === '320200').map((d) => d.code)).toEqual(WUXI);
    expect(
      districts
        .filter((d) => !d.standardCode)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['无锡经济开发区', '贵安新区']);
    expect(districts.find((d) => d.code === '520102')?.name).toBe('南明区');
    expect(districts.find((d) => d.code === '320281')?.name).toBe('江阴市');
  });

  it('gives every district 3–6 streets whose codes extend the district code', () => {
    for (const d of regions.filter((r) => r.level === 'district')) {
      const streets = regions.filter((r) => r.parentCode === d.code);
      expect(streets.length).toBeGreaterThanOrEqual(3);
      expect(streets.length).toBeLessThanOrEqual(6);
      for (const s of streets) expect(s.code).toMatch(new RegExp(`^${d.code}\\d{3}$`));
    }
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
  });

  it('apportions each city census total exactly over its districts', () => {
    expect(districtsOfCity('520100').reduce((s, d) => s + d.residents, 0)).toBe(5_987_018);
    expect(districtsOfCity('320200').reduce((s, d) => s + d.residents, 0)).toBe(7_462_135);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });

  it('labels every population figure with its source and says when it is an estimate', () => {
    const figures = buildPopulations(['320200', '520100']);
    expect(figures).toHaveLength((GUIYANG.length + WUXI.length) * 2);
    for (const f of figures) {
      expect(f.populationSource).toMatch(/ESTIMATE/);
      expect(f.populationSource).toMatch(/assum/);
      expect(f.hypertensionSource).toMatch(/Lancet 2017/);
      expect(f.diabetesSource).toMatch(/BMJ 2020/);
      expect(f.estimatedHypertensionPatients).toBe(Math.round((f.residentsAged35Plus * f.hypertensionPrevalenceBp) / 10_000));
    }
    expect(figures.find((f) => f.districtCode === '320205')?.populationSource).toMatch(/882387/);
  });

  it("scales the demo population to its sample, so that the sample's registry awareness is of a real programme's order, and says so", () => {
    const patients = 2000;
    const figures = buildPopulations(['320200'], patients).filter((f) => f.year === 2025);
    const census = buildPopulations(['320200']).filter((f) => f.year === 2025);
    // the districts' figures stand for the demo's patients: known hypertension patients at 44.7 % × 46.9 % of them
    const estimated = figures.reduce((n, f) => n + f.estimatedHypertensionPatients, 0);
    const expected = (patients * 10_000) / HYPERTENSION_AWARENESS_BP;
    expect(Math.abs(estimated - expected) / expected).toBeLessThan(0.01);
    // were every demo patient hypertensive, registry awareness would be the survey's 46.9 % (not the 0.1 % against the census)
    expect(patients / estimated).toBeCloseTo(HYPERTENSION_AWARENESS_BP / 10_000, 2);
    for (const [i, f] of figures.entries()) {
      expect(f.populationSource).toMatch(/^DEMO SAMPLE, not a real population/);
      expect(f.populationSource).toContain(String(census[i]!.residentsAged35Plus));
      expect(f.residentsAged35Plus).toBeLessThan(census[i]!.residentsAged35Plus);
    }
  });
});
