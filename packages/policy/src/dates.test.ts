import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, civilFromDays, daysFromCivil, daysInMonth, fromDay, isIsoDate, isLeapYear, toDay, yearOf } from './dates';

describe('addMonths: the same day n months later, or the month’s last day (G-5 半年内)', () => {
  it.each([
    { from: '2021-08-31', months: 6, to: '2022-02-28', why: 'February of a common year' },
    { from: '2023-08-31', months: 6, to: '2024-02-29', why: 'February of a leap year' },
    { from: '2021-07-15', months: 6, to: '2022-01-15', why: 'the same day' },
    { from: '2021-12-31', months: 6, to: '2022-06-30', why: 'a 30-day month' },
    { from: '2021-03-31', months: 1, to: '2021-04-30', why: 'one month into a 30-day month' },
    { from: '2021-01-31', months: 1, to: '2021-02-28', why: 'one month into February' },
    { from: '2019-12-12', months: 0, to: '2019-12-12', why: 'zero months' },
    { from: '2021-11-30', months: 2, to: '2022-01-30', why: 'across the year end' },
    { from: '2021-08-31', months: -6, to: '2021-02-28', why: 'backwards' },
    { from: '2099-08-31', months: 6, to: '2100-02-28', why: '2100 is not a leap year' },
    { from: '1999-08-31', months: 6, to: '2000-02-29', why: '2000 is a leap year' },
  ])('$from + $months months = $to ($why)', ({ from, months, to }) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it('never lands on a day that does not exist, and never goes back before the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDay('1990-01-01'), max: toDay('2100-12-31') }), fc.integer({ min: 0, max: 48 }), (day, months) => {
        const from = fromDay(day);
        const to = addMonths(from, months);
        expect(isIsoDate(to)).toBe(true);
        expect(to >= from).toBe(true);
        expect(Number(to.slice(8, 10))).toBeLessThanOrEqual(Number(from.slice(8, 10)));
      }),
    );
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11_017],
    ['2019-12-12', 18_242],
    ['2021-07-01', 18_809],
  ])('%s is day %i', (iso, day) => {
    expect(toDay(iso)).toBe(day);
    expect(fromDay(day)).toBe(iso);
  });

  it('agree with the platform calendar for every day of 1900–2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDay('1900-01-01'), max: toDay('2200-12-31') }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromDay(day)).toBe(iso);
        expect(toDay(iso)).toBe(day);
      }),
    );
  });

  it('the table of month starts and the civil-calendar algorithm agree at and beyond the table’s edges', () => {
    for (const [y, m, d] of [
      [1899, 12, 31],
      [1900, 1, 1],
      [2199, 12, 31],
      [2200, 1, 1],
      [1600, 2, 29],
      [2400, 2, 29],
    ] as const) {
      const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(toDay(iso)).toBe(daysFromCivil(y, m, d));
    }
    // the core trusts its input; an impossible day still counts on from the month's start, as before
    expect(toDay('2021-02-30')).toBe(daysFromCivil(2021, 2, 30));
    expect(toDay('2021-02-30')).toBe(toDay('2021-03-02'));
  });

  it('civilFromDays inverts daysFromCivil', () => {
    expect(civilFromDays(daysFromCivil(2024, 2, 29))).toEqual({ y: 2024, m: 2, d: 29 });
  });

  it('addDays crosses months and years', () => {
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
  });
});

describe('validation', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2021-04-31', false],
    ['2021-13-01', false],
    ['2021-00-10', false],
    ['2021-1-01', false],
    ['20210101', false],
    ['0000-01-01', false],
    ['0001-01-01', true],
    ['', false],
  ])('isIsoDate(%j) is %s', (iso, ok) => {
    expect(isIsoDate(iso)).toBe(ok);
  });

  it('leap years and month lengths', () => {
    expect([1900, 2000, 2020, 2021].map(isLeapYear)).toEqual([false, true, true, false]);
    expect([1, 2, 4, 12].map((m) => daysInMonth(2021, m))).toEqual([31, 28, 30, 31]);
    expect(yearOf('2019-12-12')).toBe(2019);
  });
});
