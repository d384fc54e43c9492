import { describe, expect, it } from 'vitest';
import { ClaimMappingError, DEFAULT_CLAIM_MAP, parseClaimMap, viewerFromClaims } from './claim-map';

const map = (json: object) => {
  const r = parseClaimMap(JSON.stringify(json));
  expect(r.problems).toEqual([]);
  return r.map;
};

describe('parseClaimMap (JWT_CLAIM_MAP)', () => {
  it('is our own claim names when unset', () => {
    expect(parseClaimMap(undefined)).toEqual({ map: DEFAULT_CLAIM_MAP, problems: [] });
    expect(parseClaimMap('  ').map).toBe(DEFAULT_CLAIM_MAP);
  });

  it('names each problem by its place in the setting', () => {
    expect(parseClaimMap('{nope').problems[0]).toMatch(/^JWT_CLAIM_MAP is not valid JSON/);
    expect(parseClaimMap('[]').problems).toEqual(['JWT_CLAIM_MAP must be a JSON object']);
    const r = parseClaimMap(JSON.stringify({ rol: 'x', district: 7, city: { value: 1 }, roles: { admins: 'admin', bureau: 'district_bureau' } }));
    expect(r.problems).toEqual([
      'JWT_CLAIM_MAP.rol: unknown key (known: userId, role, city, district, institution, roles)',
      'JWT_CLAIM_MAP.city: a claim name, an array of names (a path) or { "value": "…" }',
      'JWT_CLAIM_MAP.district: a claim name, an array of names (a path) or { "value": "…" }',
      expect.stringMatching(/^JWT_CLAIM_MAP\.roles\.admins: "admin" is not a role \(roles: city_leadership, district_bureau/),
    ]);
  });
});

describe('viewerFromClaims', () => {
  it('reads our own claim names by default', () => {
    expect(viewerFromClaims({ sub: 'u1', role: 'institution_operator', city: '320200', district: '320213', institution: 'I-1' }, DEFAULT_CLAIM_MAP)).toEqual({
      userId: 'u1',
      role: 'institution_operator',
      cityCode: '320200',
      districtCode: '320213',
      institutionId: 'I-1',
    });
  });

  it('follows paths, fixed values, namespaced claim names and numeric codes', () => {
    const m = map({
      userId: 'email',
      role: 'https://bureau.example/roles',
      city: { value: '520100' },
      district: ['org', 'district'],
      roles: { 'gy-leader': 'city_leadership', 'gy-bureau': 'district_bureau' },
    });
    const v = viewerFromClaims({ email: 'a@b.cn', 'https://bureau.example/roles': ['staff', 'gy-bureau'], org: { district: 520102 } }, m);
    expect(v).toEqual({ userId: 'a@b.cn', role: 'district_bureau', cityCode: '520100', districtCode: '520102', institutionId: null });
  });

  const fails = (payload: Record<string, unknown>, m = DEFAULT_CLAIM_MAP) => {
    try {
      viewerFromClaims(payload, m);
    } catch (e) {
      expect(e).toBeInstanceOf(ClaimMappingError);
      return (e as ClaimMappingError).messageEn;
    }
    throw new Error('mapped');
  };

  it('refuses an unknown role, naming the claim and what it held', () => {
    expect(fails({ sub: 'u', role: 'root', city: '320200' })).toBe('Token maps to no role: claim "role" (JWT_CLAIM_MAP.role) holds "root"');
    expect(fails({ sub: 'u', city: '320200' })).toBe('Token maps to no role: claim "role" (JWT_CLAIM_MAP.role) holds nothing');
  });

  it('with a role map, counts only mapped names, and refuses two roles', () => {
    const m = map({ role: 'groups', roles: { leaders: 'city_leadership', audit: 'auditor' } });
    expect(fails({ sub: 'u', city: '320200', groups: ['city_leadership'] }, m)).toMatch(
      /maps to no role: claim "groups" \(JWT_CLAIM_MAP.role, JWT_CLAIM_MAP.roles\)/,
    );
    expect(fails({ sub: 'u', city: '320200', groups: ['leaders', 'audit'] }, m)).toMatch(/several roles \(city_leadership, auditor\)/);
    // The same group twice is one role.
    expect(viewerFromClaims({ sub: 'u', city: '320200', groups: ['leaders', 'leaders', 'other'] }, m).role).toBe('city_leadership');
  });

  it('refuses a district bureau without a district, an operator without an institution, a token without user or city', () => {
    expect(fails({ sub: 'u', role: 'district_bureau', city: '320200' })).toBe(
      'Role district_bureau needs a district: claim "district" is missing (JWT_CLAIM_MAP.district)',
    );
    expect(fails({ sub: 'u', role: 'institution_operator', city: '320200', district: '320213' })).toBe(
      'Role institution_operator needs an institution: claim "institution" is missing (JWT_CLAIM_MAP.institution)',
    );
    expect(fails({ role: 'auditor', city: '320200' })).toMatch(/lacks the userId: claim "sub" is missing/);
    expect(fails({ sub: 'u', role: 'auditor', city: '' })).toMatch(/lacks the city/);
  });

  it('does not read through prototypes or non-objects on a path', () => {
    const m = map({ district: ['org', 'district'] });
    expect(viewerFromClaims({ sub: 'u', role: 'city_leadership', city: '320200', org: 'flat' }, m).districtCode).toBeNull();
    expect(viewerFromClaims({ sub: 'u', role: 'city_leadership', city: '320200', org: {} }, map({ district: ['org', 'constructor'] })).districtCode).toBeNull();
  });
});
