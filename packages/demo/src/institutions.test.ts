import { isPrimaryLevel, INSTITUTION_LEVELS } from '@liangbing/policy';
import { describe, expect, it } from 'vitest';
import { buildInstitutions } from './institutions';
import { districtsOfCity } from './regions';
import type { CityCode } from './types';

const TIERS = {
  hospital: ['level2_hospital', 'level3_hospital'],
  centre: ['township_health_centre', 'community_health_centre'],
  station: ['village_clinic', 'community_health_station'],
} as const;

describe.each<CityCode>(['320200', '520100'])('institutions of %s', (city) => {
  const inst = buildInstitutions(1, city);

  it('has every tier in every district, and every level in the city', () => {
    for (const d of districtsOfCity(city)) {
      const here = inst.all.filter((i) => i.districtCode === d.spec.code);
      for (const levels of Object.values(TIERS)) expect(here.some((i) => (levels as readonly string[]).includes(i.level))).toBe(true);
      expect(here.filter((i) => TIERS.station.includes(i.level as never)).length).toBeGreaterThan(
        here.filter((i) => TIERS.centre.includes(i.level as never)).length,
      );
      expect(inst.districts.get(d.spec.code)!.usableCentres.length).toBeGreaterThan(0);
    }
    for (const level of INSTITUTION_LEVELS) expect(inst.all.some((i) => i.level === level)).toBe(true);
  });

  it('has unique stable ids, streets of its own district, and consortia led by a level-2+ hospital', () => {
    expect(new Set(inst.all.map((i) => i.id)).size).toBe(inst.all.length);
    for (const i of inst.all) {
      expect(i.id).toMatch(new RegExp(`^I${i.districtCode}-\\d{4}$`));
      expect(i.streetCode.startsWith(i.districtCode)).toBe(true);
    }
    for (const c of inst.consortia) {
      const lead = inst.byId.get(c.leadInstitutionId)!;
      expect(isPrimaryLevel(lead.level)).toBe(false);
      expect(lead.consortiumId).toBe(c.id);
      expect(inst.all.filter((i) => i.consortiumId === c.id && isPrimaryLevel(i.level)).length).toBeGreaterThan(0);
    }
  });

  it('lets most centres but few stations treat 两病, and names them like the real ones', () => {
    const centres = inst.all.filter((i) => TIERS.centre.includes(i.level as never));
    const stations = inst.all.filter((i) => TIERS.station.includes(i.level as never));
    expect(centres.filter((i) => i.canTreatTwoDiseases).length / centres.length).toBeGreaterThan(0.8);
    expect(stations.filter((i) => i.canTreatTwoDiseases).length / stations.length).toBeLessThan(0.25);
    for (const c of centres) expect(c.name).toMatch(/(社区卫生服务中心|卫生院)$/);
    for (const s of stations) expect(s.name).toMatch(/(社区卫生服务站|村卫生室)$/);
  });

  it('is the same for the same seed', () => {
    expect(buildInstitutions(1, city).all).toEqual(inst.all);
    expect(buildInstitutions(2, city).all).not.toEqual(inst.all);
  });
});
