// The filter state of every view and its round trip through the URL query, so a view can be shared.
// Pure functions: no router, no Vue.
import type { DiseaseFilter } from '../api/types';
import { diseaseFilters } from '../api/types';

export interface Filters {
  /** City region code, e.g. "520100". */
  city: string;
  year: number;
  /** 1–4, or null for the whole year. */
  quarter: number | null;
  disease: DiseaseFilter;
  /** The region in scope: the city's own code for city-wide, or a district code. */
  region: string;
}

export interface FilterDefaults {
  city: string;
  year: number;
  quarter: number | null;
}

/** The viewer fields that limit what may be shown (the API enforces the same scope). */
export interface ViewerScope {
  cityCode: string;
  districtCode: string | null;
}

/** What the dashboard knows of the regions list; without it only the viewer's own city is allowed. */
export interface KnownRegions {
  cities?: readonly string[];
  districtsOf?: (cityCode: string) => readonly string[] | undefined;
}

type QueryValue = string | null | undefined | readonly (string | null)[];
export type QueryLike = Readonly<Record<string, QueryValue>>;

export const filterKeys = ['city', 'year', 'quarter', 'disease', 'region'] as const;
export const WHOLE_YEAR = 'all';
const MIN_YEAR = 2019;

function first(value: QueryValue): string | undefined {
  if (Array.isArray(value)) return first(value[0]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const regionCodePattern = /^[0-9A-Za-z_-]{1,32}$/;

export function parseFilters(query: QueryLike, defaults: FilterDefaults): Filters {
  const city = first(query.city);
  const validCity = city && regionCodePattern.test(city) ? city : defaults.city;

  const yearText = first(query.year);
  const year = yearText && /^\d{4}$/.test(yearText) && Number(yearText) >= MIN_YEAR ? Number(yearText) : defaults.year;

  const quarterText = first(query.quarter);
  let quarter = defaults.quarter;
  if (quarterText === WHOLE_YEAR) quarter = null;
  else if (quarterText && /^[1-4]$/.test(quarterText)) quarter = Number(quarterText);

  const diseaseText = first(query.disease);
  const disease = diseaseFilters.find((d) => d === diseaseText) ?? 'ALL';

  const regionText = first(query.region);
  // A region from another city's filter makes no sense once the city changed: fall back to city-wide.
  const sameCity = city === undefined || city === validCity;
  const region = regionText && regionCodePattern.test(regionText) && sameCity ? regionText : validCity;

  return { city: validCity, year, quarter, disease, region };
}

/** The whole filter state as query entries; every key is always present. */
export function filtersToQuery(filters: Filters): Record<(typeof filterKeys)[number], string> {
  return {
    city: filters.city,
    year: String(filters.year),
    quarter: filters.quarter == null ? WHOLE_YEAR : String(filters.quarter),
    disease: filters.disease,
    region: filters.region,
  };
}

/** Replaces the filter keys of a query and keeps the others (view state such as `indicator`, `screen`). */
export function mergeFilterQuery(query: QueryLike, filters: Filters): Record<string, QueryValue> {
  return { ...query, ...filtersToQuery(filters) };
}

export function sameQuery(a: QueryLike, b: QueryLike): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) return false;
  }
  return true;
}

/**
 * Narrows filters to what the viewer may see: a district bureau is held to its district,
 * every viewer to its city. The API enforces the same scope; the dashboard never offers more.
 */
export function applyViewerScope(filters: Filters, viewer: ViewerScope, known: KnownRegions = {}): Filters {
  if (viewer.districtCode) return { ...filters, city: viewer.cityCode, region: viewer.districtCode };
  const cities = known.cities && known.cities.length > 0 ? known.cities : [viewer.cityCode];
  const city = cities.includes(filters.city) ? filters.city : viewer.cityCode;
  const districts = known.districtsOf?.(city);
  const regionKnown = filters.region === city || !districts || districts.includes(filters.region);
  const region = city === filters.city && regionKnown ? filters.region : city;
  return { ...filters, city, region };
}

export function isCityWide(filters: Filters): boolean {
  return filters.region === filters.city;
}

/** First and last calendar day of a quarter or a year, as ISO dates. */
export function periodRange(year: number, quarter: number | null): { from: string; to: string } {
  const firstMonth = quarter == null ? 1 : (quarter - 1) * 3 + 1;
  const lastMonth = quarter == null ? 12 : quarter * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/**
 * A configured "YYYYQn", else the last completed quarter before `today` — but never a quarter
 * after the latest data the API holds (a view that opens on an empty quarter tells nobody anything).
 */
export function defaultPeriod(today: Date, setting?: string, latestData?: { year: number; quarter: number } | null): { year: number; quarter: number } {
  const match = setting ? /^(\d{4})Q([1-4])$/.exec(setting) : null;
  if (match) return { year: Number(match[1]), quarter: Number(match[2]) };
  const currentQuarter = Math.floor(today.getMonth() / 3) + 1;
  const completed = currentQuarter === 1 ? { year: today.getFullYear() - 1, quarter: 4 } : { year: today.getFullYear(), quarter: currentQuarter - 1 };
  if (latestData && latestData.year * 4 + latestData.quarter < completed.year * 4 + completed.quarter) return latestData;
  return completed;
}

export function yearOptions(today: Date): number[] {
  const years: number[] = [];
  for (let y = today.getFullYear(); y >= MIN_YEAR; y -= 1) years.push(y);
  return years;
}
