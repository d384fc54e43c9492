import { isPrimaryLevel, validateResidentId } from '@liangbing/policy';
import { describe, expect, it } from 'vitest';
import { ageOn } from './followups';
import { generateDemo } from './index';

const data = generateDemo();
const institutions = new Map(data.institutions.map((i) => [i.id, i]));
const share = (n: number, d: number) => n / d;

describe('patients', () => {
  it('have a valid GB 11643 resident ID matching birth date, sex and district', () => {
    for (const p of data.patients) {
      const v = validateResidentId(p.residentId);
      expect(v.ok, p.residentId).toBe(true);
      if (!v.ok) continue;
      expect(v.info).toEqual({ divisionCode: p.districtCode, birthDate: p.birthDate, sex: p.sex });
    }
    expect(new Set(data.patients.map((p) => p.residentId)).size).toBe(data.patients.length);
    expect(new Set(data.patients.map((p) => p.id)).size).toBe(data.patients.length);
  });

  it('look like the roster: ages, schemes, disease mix, management and certification', () => {
    const n = data.patients.length;
    expect(n).toBe(4000);
    expect(share(data.patients.filter((p) => ageOn(p.birthDate, '2024-01-01') >= 35).length, n)).toBeGreaterThan(0.93);
    expect(share(data.patients.filter((p) => p.scheme === 'resident').length, n)).toBeGreaterThan(0.95);
    expect(data.patients.some((p) => p.scheme === 'employee')).toBe(true);
    expect(data.patients.some((p) => p.scheme === 'uninsured')).toBe(true);
    const diabetics = data.patients.filter((p) => p.diseases.some((d) => d.disease === 'diabetes'));
    const dmTypes = diabetics.map((p) => p.diseases.find((d) => d.disease === 'diabetes')!.diabetesType);
    expect(share(dmTypes.filter((t) => t === 'type1').length, diabetics.length)).toBeGreaterThan(0.03);
    expect(share(dmTypes.filter((t) => t === 'type1').length, diabetics.length)).toBeLessThan(0.07);
    const both = share(diabetics.filter((p) => p.diseases.length === 2).length, diabetics.length);
    expect(both).toBeGreaterThan(0.24);
    expect(both).toBeLessThan(0.36);
    expect(share(data.patients.filter((p) => p.managed).length, n)).toBeGreaterThan(0.72);
    expect(share(data.patients.filter((p) => p.managed).length, n)).toBeLessThan(0.78);
    const insuredManaged = data.patients.filter((p) => p.managed && p.scheme === 'resident');
    expect(share(insuredManaged.filter((p) => p.certification !== null).length, insuredManaged.length)).toBeGreaterThan(0.8);
    expect(share(insuredManaged.filter((p) => p.certification !== null).length, insuredManaged.length)).toBeLessThan(0.9);
    expect(share(data.patients.filter((p) => p.chronicProgrammeDiseases.length > 0).length, n)).toBeGreaterThan(0.05);
    expect(data.patients.filter((p) => p.scheme !== 'resident').every((p) => p.certification === null)).toBe(true);
  });

  it('were diagnosed as adults (type 1 diabetes: as children or later), before the end of the period, without piling up on one day', () => {
    const perDay = new Map<string, number>();
    for (const p of data.patients) {
      for (const d of p.diseases) {
        expect(ageOn(p.birthDate, d.diagnosedOn)).toBeGreaterThanOrEqual(d.diabetesType === 'type1' ? 7 : 17);
        expect(d.diagnosedOn <= '2025-12-31').toBe(true);
        expect(d.diabetesType === null).toBe(d.disease === 'hypertension');
        perDay.set(d.diagnosedOn, (perDay.get(d.diagnosedOn) ?? 0) + 1);
      }
    }
    expect(Math.max(...perDay.values())).toBeLessThan(10);
  });

  it('are certified by a centre of their own district, after diagnosis, for all their diseases', () => {
    for (const p of data.patients) {
      const c = p.certification;
      if (c === null) continue;
      const inst = institutions.get(c.certifyingInstitutionId)!;
      expect(['township_health_centre', 'community_health_centre']).toContain(inst.level);
      expect(inst.districtCode).toBe(p.districtCode);
      for (const d of p.diseases) expect(c.certifiedOn >= d.diagnosedOn).toBe(true);
      expect(c.diseases).toEqual(p.diseases.map((d) => d.disease));
      if (p.cityCode === '520100' && p.managed && p.diseases.every((d) => d.diagnosedOn < '2021-06-01')) expect(c.certifiedOn.slice(0, 7)).toBe('2021-06');
    }
  });

  it('in Wuxi keep one designated primary institution at a time, changing only on 1 January', () => {
    const wuxi = data.patients.filter((p) => p.cityCode === '320200' && p.certification !== null);
    let changed = 0;
    for (const p of wuxi) {
      expect(p.designations.length).toBeGreaterThan(0);
      expect(p.designations[0]!.from).toBe(p.certification!.certifiedOn);
      expect(p.designations.at(-1)!.to).toBeNull();
      for (let i = 1; i < p.designations.length; i++) {
        const prev = p.designations[i - 1]!;
        const next = p.designations[i]!;
        expect(next.from.slice(5)).toBe('01-01');
        expect(prev.to).toBe(`${Number(next.from.slice(0, 4)) - 1}-12-31`);
        changed++;
      }
      for (const d of p.designations) {
        const inst = institutions.get(d.institutionId)!;
        expect(isPrimaryLevel(inst.level)).toBe(true);
        expect(inst.districtCode).toBe(p.districtCode);
        if (d.consortiumId !== null) expect(inst.consortiumId).toBe(d.consortiumId);
      }
    }
    expect(changed).toBeGreaterThan(0);
    expect(data.patients.filter((p) => p.cityCode === '520100').every((p) => p.designations.length === 0)).toBe(true);
  });
});
