import { describe, expect, it } from 'vitest';
import { applyViewerScope, defaultPeriod, filtersToQuery, mergeFilterQuery, parseFilters, periodRange, sameQuery, type Filters } from './filters';

const defaults = { city: '520100', year: 2024, quarter: 3 };

describe('URL ⇄ filters', () => {
  it('fills every key from defaults when the query is empty', () => {
    expect(parseFilters({}, defaults)).toEqual({ city: '520100', year: 2024, quarter: 3, disease: 'ALL', region: '520100' });
  });

  it('round-trips every state through the query', () => {
    const states: Filters[] = [
      { city: '520100', year: 2023, quarter: 1, disease: 'HYPERTENSION', region: '520102' },
      { city: '320200', year: 2022, quarter: null, disease: 'BOTH', region: '320200' },
      { city: '520100', year: 2024, quarter: 4, disease: 'DIABETES', region: '520100' },
    ];
    for (const state of states) expect(parseFilters(filtersToQuery(state), defaults)).toEqual(state);
  });

  it('writes the whole state, whole year as "all"', () => {
    expect(filtersToQuery({ city: '520100', year: 2022, quarter: null, disease: 'ALL', region: '520100' })).toEqual({
      city: '520100',
      year: '2022',
      quarter: 'all',
      disease: 'ALL',
      region: '520100',
    });
  });

  it('ignores invalid values instead of failing', () => {
    const f = parseFilters({ year: 'abc', quarter: '5', disease: 'FLU', city: '../x', region: '<script>' }, defaults);
    expect(f).toEqual({ city: '520100', year: 2024, quarter: 3, disease: 'ALL', region: '520100' });
    expect(parseFilters({ year: '1999' }, defaults).year).toBe(2024);
  });

  it('takes the first of repeated keys', () => {
    expect(parseFilters({ disease: ['DIABETES', 'HYPERTENSION'] }, defaults).disease).toBe('DIABETES');
  });

  it('keeps view-level keys when merging filters into a query', () => {
    const merged = mergeFilterQuery({ indicator: 'awareness', screen: 'big', year: '2020' }, parseFilters({}, defaults));
    expect(merged).toMatchObject({ indicator: 'awareness', screen: 'big', year: '2024', quarter: '3' });
    expect(sameQuery(merged, { ...merged })).toBe(true);
    expect(sameQuery(merged, { ...merged, year: '2023' })).toBe(false);
  });
});

describe('viewer scope', () => {
  const cityWide = { cityCode: '520100', districtCode: null };
  const districtBureau = { cityCode: '520100', districtCode: '520102' };

  it('locks a district bureau to its district, whatever the URL says', () => {
    const f = parseFilters({ region: '520103', city: '320200' }, defaults);
    expect(applyViewerScope(f, districtBureau)).toMatchObject({ city: '520100', region: '520102' });
    expect(applyViewerScope(parseFilters({}, defaults), districtBureau).region).toBe('520102');
  });

  it('keeps a city-wide viewer in the cities it may see', () => {
    const other = parseFilters({ city: '320200', region: '320205' }, defaults);
    expect(applyViewerScope(other, cityWide)).toMatchObject({ city: '520100', region: '520100' });
    expect(applyViewerScope(other, cityWide, { cities: ['520100', '320200'] })).toMatchObject({ city: '320200', region: '320205' });
  });

  it('drops a region that is not a district of the chosen city', () => {
    const f = parseFilters({ region: '999999' }, defaults);
    const known = { cities: ['520100'], districtsOf: () => ['520102', '520103'] };
    expect(applyViewerScope(f, cityWide, known).region).toBe('520100');
    expect(applyViewerScope(parseFilters({ region: '520103' }, defaults), cityWide, known).region).toBe('520103');
  });
});

describe('periods', () => {
  it('gives calendar bounds of quarters and years', () => {
    expect(periodRange(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodRange(2024, 4)).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(periodRange(2023, null)).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(periodRange(2024, 1).to).toBe('2024-03-31');
    expect(periodRange(2023, 3)).toEqual({ from: '2023-07-01', to: '2023-09-30' });
  });

  it('defaults to the last completed quarter, or a configured one', () => {
    expect(defaultPeriod(new Date(2026, 10, 23))).toEqual({ year: 2026, quarter: 3 });
    expect(defaultPeriod(new Date(2026, 1, 1))).toEqual({ year: 2025, quarter: 4 });
    expect(defaultPeriod(new Date(2026, 1, 1), '2024Q2')).toEqual({ year: 2024, quarter: 2 });
    expect(defaultPeriod(new Date(2026, 10, 23), undefined, { year: 2025, quarter: 4 })).toEqual({ year: 2025, quarter: 4 });
    expect(defaultPeriod(new Date(2026, 1, 1), undefined, { year: 2026, quarter: 1 })).toEqual({ year: 2025, quarter: 4 });
    expect(defaultPeriod(new Date(2026, 1, 1), 'nonsense')).toEqual({ year: 2025, quarter: 4 });
  });
});
