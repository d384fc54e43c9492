/**
 * Institutions of every tier in every district: level-2/3 hospitals (few), one township health
 * centre (乡镇卫生院) or community health service centre (社区卫生服务中心) per street, and many
 * village clinics (村卫生室) / community health stations (社区卫生服务站). One consortium per
 * district (医联体 in city districts, 医共体 in counties) joins the first level-2 hospital with
 * about half of the district's primary institutions.
 */
import type { InstitutionRef } from '@liangbing/policy';
import { communityNames, villageNames } from './names';
import { rngFor } from './prng';
import { districtsOfCity, type StreetInfo } from './regions';
import type { CityCode, Consortium, Institution } from './types';

export interface DistrictInstitutions {
  readonly cityCode: CityCode;
  readonly districtCode: string;
  readonly all: readonly Institution[];
  readonly hospitals: readonly Institution[];
  /** one per street, in street order */
  readonly centres: readonly Institution[];
  readonly centreByStreet: ReadonlyMap<string, Institution>;
  /** insurance-designated village clinics / community stations of each street */
  readonly villageLevelByStreet: ReadonlyMap<string, readonly Institution[]>;
  /** centres that are insurance-designated and may treat 两病: where patients are managed */
  readonly usableCentres: readonly Institution[];
  readonly consortium: Consortium;
}

export interface CityInstitutions {
  readonly cityCode: CityCode;
  readonly all: readonly Institution[];
  readonly consortia: readonly Consortium[];
  readonly districts: ReadonlyMap<string, DistrictInstitutions>;
  readonly byId: ReadonlyMap<string, Institution>;
}

interface Draft {
  name: string;
  level: Institution['level'];
  streetCode: string;
  insuranceDesignated: boolean;
  canTreatTwoDiseases: boolean;
  networkedOutOfArea: boolean;
  inConsortium: boolean;
}

function centreName(districtName: string, street: StreetInfo): string {
  return street.kind === 'subdistrict' ? `${districtName}${street.name.slice(0, -2)}社区卫生服务中心` : `${districtName}${street.name}卫生院`;
}

function buildDistrict(seed: number, city: CityCode, districtCode: string): DistrictInstitutions {
  const info = districtsOfCity(city).find((d) => d.spec.code === districtCode);
  if (info === undefined) throw new Error(`unknown district ${districtCode}`);
  const rng = rngFor(seed, 'institutions', districtCode);
  const seat = info.streets[0]!;
  const drafts: Draft[] = [];
  const firstLevel2 = info.spec.hospitals.findIndex((h) => h.level === 'level2_hospital');
  info.spec.hospitals.forEach((h, i) => {
    drafts.push({
      name: h.name,
      level: h.level,
      streetCode: seat.code,
      insuranceDesignated: true,
      canTreatTwoDiseases: true,
      networkedOutOfArea: true,
      inConsortium: i === firstLevel2,
    });
  });
  const centreIndex: number[] = [];
  info.streets.forEach((street, i) => {
    centreIndex.push(drafts.length);
    drafts.push({
      name: centreName(info.spec.name, street),
      level: street.kind === 'subdistrict' ? 'community_health_centre' : 'township_health_centre',
      streetCode: street.code,
      insuranceDesignated: true,
      // the district's first centre always may treat 两病, so every district has somewhere to go
      canTreatTwoDiseases: i === 0 || rng.chance(0.92),
      networkedOutOfArea: rng.chance(0.85),
      // the first centre always joins, so every consortium has a primary member
      inConsortium: i === 0 || rng.chance(0.5),
    });
  });
  for (const street of info.streets) {
    const member = drafts[centreIndex[info.streets.indexOf(street)]!]!.inConsortium;
    const urban = street.kind === 'subdistrict';
    const count = urban ? rng.int(3, 5) : rng.int(5, 9);
    const names = urban ? communityNames(rng, count) : villageNames(rng, city, count);
    for (const n of names) {
      drafts.push({
        name: urban ? `${info.spec.name}${street.name.slice(0, -2)}${n}社区卫生服务站` : `${street.name}${n}村卫生室`,
        level: urban ? 'community_health_station' : 'village_clinic',
        streetCode: street.code,
        insuranceDesignated: rng.chance(0.98),
        canTreatTwoDiseases: rng.chance(0.12),
        networkedOutOfArea: rng.chance(0.35),
        inConsortium: member,
      });
    }
  }

  const consortiumId = `C${districtCode}-01`;
  const all: Institution[] = drafts.map((d, i) => ({
    id: `I${districtCode}-${String(i + 1).padStart(4, '0')}`,
    name: d.name,
    level: d.level,
    cityCode: city,
    districtCode,
    streetCode: d.streetCode,
    insuranceDesignated: d.insuranceDesignated,
    canTreatTwoDiseases: d.canTreatTwoDiseases,
    consortiumId: d.inConsortium ? consortiumId : null,
    networkedOutOfArea: d.networkedOutOfArea,
  }));
  const lead = all[firstLevel2 >= 0 ? firstLevel2 : 0]!;
  const county = info.spec.kind === 'county' || info.spec.kind === 'county_city';
  const consortium: Consortium = {
    id: consortiumId,
    name: `${lead.name}${county ? '医共体' : '医联体'}`,
    kind: county ? 'county_medical_community' : 'medical_alliance',
    cityCode: city,
    districtCode,
    leadInstitutionId: lead.id,
  };
  const centres = centreIndex.map((i) => all[i]!);
  const villageLevelByStreet = new Map<string, Institution[]>();
  for (const inst of all) {
    if ((inst.level === 'village_clinic' || inst.level === 'community_health_station') && inst.insuranceDesignated) {
      const list = villageLevelByStreet.get(inst.streetCode) ?? [];
      list.push(inst);
      villageLevelByStreet.set(inst.streetCode, list);
    }
  }
  return {
    cityCode: city,
    districtCode,
    all,
    hospitals: all.filter((i) => i.level === 'level2_hospital' || i.level === 'level3_hospital'),
    centres,
    centreByStreet: new Map(centres.map((c) => [c.streetCode, c])),
    villageLevelByStreet,
    usableCentres: centres.filter((c) => c.insuranceDesignated && c.canTreatTwoDiseases),
    consortium,
  };
}

export function buildInstitutions(seed: number, city: CityCode): CityInstitutions {
  const districts = new Map<string, DistrictInstitutions>();
  const all: Institution[] = [];
  for (const d of districtsOfCity(city)) {
    const di = buildDistrict(seed, city, d.spec.code);
    districts.set(d.spec.code, di);
    all.push(...di.all);
  }
  return {
    cityCode: city,
    all,
    consortia: [...districts.values()].map((d) => d.consortium),
    districts,
    byId: new Map(all.map((i) => [i.id, i])),
  };
}

/** The centre that manages a patient of this street: the street's own if usable, else the district's first usable one. */
export function homeCentre(d: DistrictInstitutions, streetCode: string): Institution {
  const own = d.centreByStreet.get(streetCode);
  if (own !== undefined && own.insuranceDesignated && own.canTreatTwoDiseases) return own;
  return d.usableCentres[0]!;
}

const REFS = new WeakMap<Institution, InstitutionRef>();

/** The policy core's InstitutionRef of an institution (one shared object per institution). */
export function refOf(inst: Institution): InstitutionRef {
  let ref = REFS.get(inst);
  if (ref === undefined) {
    ref = {
      id: inst.id,
      level: inst.level,
      cityCode: inst.cityCode,
      districtCode: inst.districtCode,
      insuranceDesignated: inst.insuranceDesignated,
      canTreatTwoDiseases: inst.canTreatTwoDiseases,
      consortiumId: inst.consortiumId,
      networkedOutOfArea: inst.networkedOutOfArea,
    };
    REFS.set(inst, ref);
  }
  return ref;
}
