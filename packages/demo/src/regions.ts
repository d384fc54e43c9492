/**
 * Regions (city → district → street) and, per district and year, the awareness denominator:
 * residents aged ≥ 35 and prevalence, each with its source (INDICATORS.md 知晓率).
 *
 * Every number says where it comes from. Published figures are cited; where a district figure is
 * not published (to our knowledge) the population is an ESTIMATE, and its source string names the
 * method: the city's 2020 census total, less the districts with a published figure, apportioned by
 * demo weights, times an assumed share aged ≥ 35.
 */
import { CITY_SPECS, type CitySpec, type DistrictSpec } from './regions-data';
import type { CityCode, PopulationFigure, Region, RegionKind } from './types';
import { DEMO_YEARS } from './types';

/**
 * China PEACE Million Persons Project — Lu J, Lu Y, Wang X, et al. Lancet 2017;390:2549–58:
 * hypertension in 44.7 % of 1 738 886 community-dwelling adults aged 35–75 screened 2014–17.
 */
export const HYPERTENSION_PREVALENCE_BP = 4470;
export const HYPERTENSION_SOURCE =
  'China PEACE Million Persons Project (Lu J et al., Lancet 2017;390:2549–58): 44.7% of 1 738 886 adults aged 35–75 ' +
  'screened 2014–17 had hypertension (crude; 141 sites chosen by convenience, not a national probability sample). ' +
  'National figure applied to every district; no district survey used. For comparison, China Hypertension Survey ' +
  '2012–15 (Wang Z et al., Circulation 2018): 23.2% of adults aged ≥18.';

/**
 * Li Y, Teng D, Shi X, et al. BMJ 2020;369:m997 — nationally representative survey 2015–17 of
 * 75 880 adults aged ≥ 18: total diabetes 11.2 % by WHO 1999 criteria (12.8 % by ADA 2018).
 */
export const DIABETES_PREVALENCE_BP = 1120;
export const DIABETES_SOURCE =
  'Li Y et al., BMJ 2020;369:m997 (national survey 2015–17, 75 880 adults aged ≥18): total diabetes 11.2% by WHO 1999 ' +
  'criteria (12.8% by ADA 2018). The adult (≥18) figure is applied to residents aged ≥35 as a lower bound (prevalence ' +
  'is higher from age 50); national figure applied to every district.';

export interface DistrictInfo {
  readonly spec: DistrictSpec;
  readonly cityCode: CityCode;
  readonly residents: number;
  readonly residentsAged35Plus: number;
  readonly populationSource: string;
  readonly streets: readonly StreetInfo[];
}

export interface StreetInfo {
  readonly code: string;
  readonly name: string;
  readonly kind: 'subdistrict' | 'town' | 'township';
  readonly districtCode: string;
}

function streetKind(name: string): StreetInfo['kind'] {
  if (name.endsWith('街道')) return 'subdistrict';
  return name.endsWith('乡') ? 'township' : 'town';
}

function streetsOf(d: DistrictSpec): StreetInfo[] {
  const next = { subdistrict: 1, town: 101, township: 201 };
  return d.streets.map((name) => {
    const kind = streetKind(name);
    const n = next[kind]++;
    return { code: `${d.code}${String(n).padStart(3, '0')}`, name, kind, districtCode: d.code };
  });
}

const pct = (bp: number) => `${(bp / 100).toFixed(0)}%`;

/** Largest-remainder apportionment of `total` by `weights` (integers that sum exactly to total). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]! += 1;
  return out;
}

function districtsOf(city: CitySpec): DistrictInfo[] {
  const published = city.districts.reduce((s, d) => s + (d.census2020?.residents ?? 0), 0);
  const estimated = city.districts.filter((d) => d.census2020 === undefined);
  const shares = apportion(
    city.census2020Residents - published,
    estimated.map((d) => d.weight),
  );
  const share35 = pct(city.shareAged35PlusBp);
  return city.districts.map((d) => {
    let residents: number;
    let source: string;
    if (d.census2020 !== undefined) {
      residents = d.census2020.residents;
      source =
        `ESTIMATE from a published total: ${d.census2020.source}, × assumed share aged ≥35 of ${share35} ` +
        `(an assumption of this demo, not published). 2020 census base, not updated for later years.`;
    } else {
      residents = shares[estimated.indexOf(d)]!;
      source =
        `ESTIMATE, not a published figure: ${city.census2020Source}` +
        (published > 0 ? `, less districts with a published figure` : '') +
        `, apportioned to districts by relative weights set by this demo (method: census-total apportionment), ` +
        `× assumed share aged ≥35 of ${share35} (assumption). 2020 census base, not updated for later years.`;
    }
    return {
      spec: d,
      cityCode: city.code,
      residents,
      residentsAged35Plus: Math.round((residents * city.shareAged35PlusBp) / 10_000),
      populationSource: source,
      streets: streetsOf(d),
    };
  });
}

const DISTRICTS: Readonly<Record<CityCode, readonly DistrictInfo[]>> = {
  '320200': districtsOf(CITY_SPECS['320200']),
  '520100': districtsOf(CITY_SPECS['520100']),
};

export function districtsOfCity(city: CityCode): readonly DistrictInfo[] {
  return DISTRICTS[city];
}

export function buildRegions(cities: readonly CityCode[]): Region[] {
  const out: Region[] = [];
  for (const city of cities) {
    const spec = CITY_SPECS[city];
    out.push({ code: city, name: spec.name, level: 'city', kind: 'city', parentCode: null, cityCode: city, standardCode: true, note: null });
    for (const d of DISTRICTS[city]) {
      out.push({
        code: d.spec.code,
        name: d.spec.name,
        level: 'district',
        kind: d.spec.kind satisfies RegionKind,
        parentCode: city,
        cityCode: city,
        standardCode: d.spec.standardCode,
        note: d.spec.note,
      });
      for (const s of d.streets) {
        out.push({
          code: s.code,
          name: s.name,
          level: 'street',
          kind: s.kind,
          parentCode: d.spec.code,
          cityCode: city,
          standardCode: false,
          note: '街道/乡镇名称真实；代码为区县代码加三位序号，非官方统计用区划代码',
        });
      }
    }
  }
  return out;
}

/**
 * China Hypertension Survey 2012–15 (Wang Z, Chen Z, Zhang L, et al. Circulation 2018;137:2344–56):
 * 46.9 % of adults with hypertension knew their diagnosis.
 */
export const HYPERTENSION_AWARENESS_BP = 4690;

/**
 * The demo's awareness denominator, consistent with its sample. The demo holds a few thousand
 * patients (patientsPerCity, apportioned to districts by residents aged ≥ 35 as the patients are),
 * not a city's hundreds of thousands; against the census population its registry awareness would
 * read 0.1 %. So the population of each district is scaled to the sample: the population whose
 * known hypertension patients, at the survey's prevalence and awareness, number the district's demo
 * patients. Its source string says so and keeps the census-based figure it stands in for. With
 * patientsPerCity omitted, the census-based figures themselves (what a full-size programme uses).
 */
export function buildPopulations(cities: readonly CityCode[], patientsPerCity?: number): PopulationFigure[] {
  const out: PopulationFigure[] = [];
  for (const city of cities) {
    const districts = DISTRICTS[city];
    const sample =
      patientsPerCity === undefined
        ? null
        : apportion(
            patientsPerCity,
            districts.map((d) => d.residentsAged35Plus),
          );
    districts.forEach((d, i) => {
      const patients = sample?.[i];
      const residents =
        patients === undefined
          ? d.residentsAged35Plus
          : Math.max(1, Math.round((patients * 100_000_000) / (HYPERTENSION_PREVALENCE_BP * HYPERTENSION_AWARENESS_BP)));
      const source =
        patients === undefined
          ? d.populationSource
          : `DEMO SAMPLE, not a real population: the ${patients} demo patients of this district ÷ (${HYPERTENSION_PREVALENCE_BP / 100}% prevalence × ${HYPERTENSION_AWARENESS_BP / 100}% awareness, China Hypertension Survey 2012–15, Wang Z et al., Circulation 2018), so that the demo's registry awareness is of a real programme's order; it stands in for ${d.residentsAged35Plus} residents aged ≥35 (${d.populationSource})`;
      for (const year of DEMO_YEARS) {
        out.push({
          districtCode: d.spec.code,
          cityCode: city,
          year,
          residentsAged35Plus: residents,
          populationSource: source,
          hypertensionPrevalenceBp: HYPERTENSION_PREVALENCE_BP,
          hypertensionSource: HYPERTENSION_SOURCE,
          diabetesPrevalenceBp: DIABETES_PREVALENCE_BP,
          diabetesSource: DIABETES_SOURCE,
          estimatedHypertensionPatients: Math.round((residents * HYPERTENSION_PREVALENCE_BP) / 10_000),
          estimatedDiabetesPatients: Math.round((residents * DIABETES_PREVALENCE_BP) / 10_000),
        });
      }
    });
  }
  return out;
}
