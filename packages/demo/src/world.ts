/** What the per-patient generators need for one city: the seed, the catalogue in force and the institutions. */
import type { Designation, IsoDate } from '@liangbing/policy';
import { buildInstitutions, type CityInstitutions } from './institutions';
import { cityCatalogue, type CityCatalogue } from './regimen';
import type { CityCode, Institution, Patient, ResolvedOptions } from './types';

export interface CityWorld {
  readonly seed: number;
  readonly city: CityCode;
  readonly catalogue: CityCatalogue;
  readonly institutions: CityInstitutions;
  /**
   * W-7: networked level-2-or-below institutions where this city's long-term residents elsewhere
   * are treated. We only model the other demo city as "elsewhere", so this is empty unless both
   * cities are generated; Guiyang's plan has no out-of-area pathway, so it is always empty there.
   */
  readonly outOfAreaHosts: readonly Institution[];
  /** where Wuxi's designated institutions refer patients to outside their district */
  readonly level3Hospitals: readonly Institution[];
}

export function buildWorlds(options: ResolvedOptions): Map<CityCode, CityWorld> {
  const institutions = new Map(options.cities.map((c) => [c, buildInstitutions(options.seed, c)] as const));
  const worlds = new Map<CityCode, CityWorld>();
  for (const city of options.cities) {
    const other = city === '320200' ? institutions.get('520100') : undefined;
    const hosts =
      other === undefined
        ? []
        : other.all.filter(
            (i) =>
              i.level !== 'level3_hospital' &&
              i.level !== 'village_clinic' &&
              i.level !== 'community_health_station' &&
              i.networkedOutOfArea &&
              i.insuranceDesignated,
          );
    const own = institutions.get(city)!;
    const level3Hospitals = own.all.filter((i) => i.level === 'level3_hospital');
    worlds.set(city, { seed: options.seed, city, catalogue: cityCatalogue(city), institutions: own, outOfAreaHosts: hosts, level3Hospitals });
  }
  return worlds;
}

/** The patient's designation in force on a date (W-4), if any. */
export function designationOn(patient: Patient, date: IsoDate): Designation | null {
  for (const d of patient.designations) if (d.from <= date && (d.to === null || d.to >= date)) return d;
  return null;
}
