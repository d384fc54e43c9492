import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeResidentId, maskResidentId, residentIdCheckChar, validateResidentId } from './resident-id';

describe('resident identity number (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it('11010519491231002X is valid: check character X, a woman born 1949-12-31 in 110105', () => {
    expect(validateResidentId('11010519491231002X')).toEqual({ ok: true, info: { divisionCode: '110105', birthDate: '1949-12-31', sex: 'female' } });
  });

  it.each([
    { id: '110105194912310021', problem: 'check_digit', why: 'wrong check digit' },
    { id: '11010519491231002x', problem: 'characters', why: 'lower-case x' },
    { id: '11010519491231002', problem: 'length', why: '17 characters' },
    { id: '1101051949123100X2', problem: 'characters', why: 'X not last' },
    { id: '110105194902300027', problem: 'birth_date', why: '30 February' },
    { id: '110105180001010024', problem: 'birth_date', why: 'before 1900' },
  ])('$id is invalid: $why', ({ id, problem }) => {
    expect(validateResidentId(id)).toEqual({ ok: false, problem });
  });

  it('the check character of the standard’s example', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('made numbers validate, carry the sex asked for, and any one-digit change is caught', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('320213', '320281', '320282', '520103', '110105'),
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('male' as const, 'female' as const),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (division, dayOffset, seq, sex, pos, delta) => {
          const birth = new Date(Date.UTC(1920, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          const id = makeResidentId(division, birth, seq, sex);
          const v = validateResidentId(id);
          expect(v).toEqual({ ok: true, info: { divisionCode: division, birthDate: birth, sex } });
          const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
          expect(validateResidentId(changed).ok).toBe(false);
        },
      ),
    );
  });

  it('masks the birth date and the sex digit, keeping the division and three of the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********00*X');
    expect(maskResidentId('123')).toBe('***');
    expect(maskResidentId('1101051949123')).toBe('110105*******');
  });

  it('a masked number tells a man from a woman no more than it tells their birth dates apart', () => {
    const man = makeResidentId('320213', '1950-01-01', 1, 'male');
    const woman = makeResidentId('320213', '1950-01-01', 2, 'female');
    expect(validateResidentId(man).ok && validateResidentId(woman).ok).toBe(true);
    expect(maskResidentId(man).slice(0, 17)).toBe(maskResidentId(woman).slice(0, 17));
    expect(maskResidentId(makeResidentId('320213', '1990-07-31', 1, 'male')).slice(0, 17)).toBe(maskResidentId(man).slice(0, 17));
  });
});
