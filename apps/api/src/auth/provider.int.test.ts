/**
 * Tokens of an identity provider, through the real API in production mode: RS256 and ES256
 * against the provider's JWKS (a loopback server, test/jwks.ts) are accepted; a foreign key, another
 * issuer or audience, an expired token, `alg: none` and HS256 without a JWT_SECRET are refused; the
 * claims are mapped by JWT_CLAIM_MAP, and a token that maps to no role or lacks its district is
 * refused saying so. OIDC discovery finds the key set from OIDC_ISSUER.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startTestProvider, type TestProvider } from '../../test/jwks';
import { startProductionApi, type ProductionApi } from '../../test/production';

const VIEWER = `{ viewer { userId role cityCode districtCode institutionId } }`;
type ViewerData = { viewer: { userId: string; role: string; cityCode: string; districtCode: string | null; institutionId: string | null } };

/** `alg: none`, by hand: jose does not sign one. */
function unsigned(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

describe('JWT_JWKS_URL with the default claim names', () => {
  let api: ProductionApi;
  let p: TestProvider;
  const claims = { sub: 'bureau-1', role: 'district_bureau', city: '520100', district: '520102' };
  beforeAll(async () => {
    api = await startProductionApi();
    p = api.provider;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('accepts RS256 and ES256 tokens signed with the published keys', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const r = await api.gql<ViewerData>(await p.sign(claims, { alg }), VIEWER);
      expect(r.errors, alg).toBeUndefined();
      expect(r.data!.viewer, alg).toEqual({ userId: 'bureau-1', role: 'DISTRICT_BUREAU', cityCode: '520100', districtCode: '520102', institutionId: null });
    }
  });

  it('fetches the provider’s key set once, not per request', async () => {
    const token = await p.sign({ ...claims, sub: 'cached' });
    expect((await api.gql<ViewerData>(token, VIEWER)).data?.viewer.userId).toBe('cached');
    const fetched = p.fetches();
    expect((await api.gql<ViewerData>(token, VIEWER)).data?.viewer.userId).toBe('cached');
    expect(p.fetches()).toBe(fetched);
  });

  const refused = async (token: string) => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: VIEWER }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
    expect(res.status).toBe(401);
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    return body.errors![0]!.message;
  };

  it('refuses a token signed with a key the provider does not publish (RS256 and ES256)', async () => {
    for (const alg of ['RS256', 'ES256'] as const) expect(await refused(await p.sign(claims, { alg, foreignKey: true }))).toMatch(/Invalid token/);
  });

  it('refuses another issuer, another audience and an expired token, saying which', async () => {
    expect(await refused(await p.sign(claims, { issuer: 'https://idp.example.org' }))).toMatch(/issuer is not accepted/);
    expect(await refused(await p.sign(claims, { audience: 'another-app' }))).toMatch(/audience is not accepted/);
    expect(await refused(await p.sign(claims, { expiresIn: -3600 }))).toBe('Token expired');
  });

  it('refuses alg none, and HS256 when no JWT_SECRET is set', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await refused(unsigned({ ...claims, iss: p.issuer, aud: p.audience, exp: now + 3600 }))).toMatch(/"none" are not accepted/);
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(p.issuer)
      .setAudience(p.audience)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode('some-secret-some-secret-some-secret-0123'));
    expect(await refused(hs)).toMatch(/HS256 tokens are not accepted by this deployment \(no JWT_SECRET\)/);
  });

  it('refuses a token whose claims make no viewer: an unknown role, a district bureau without a district, no city', async () => {
    expect(await refused(await p.sign({ ...claims, role: 'superuser' }))).toMatch(/maps to no role: claim "role".*"superuser"/);
    expect(await refused(await p.sign({ sub: 'b', role: 'district_bureau', city: '520100' }))).toMatch(
      /Role district_bureau needs a district: claim "district" is missing \(JWT_CLAIM_MAP.district\)/,
    );
    expect(await refused(await p.sign({ sub: 'b', role: 'city_leadership' }))).toMatch(/lacks the city/);
  });

  it('a refused token does not become a viewer of any later request', async () => {
    const bad = await p.sign(claims, { foreignKey: true });
    await refused(bad);
    await refused(bad);
  });
});

describe('OIDC_ISSUER with a claim map (Keycloak-style realm roles, one city)', () => {
  let api: ProductionApi;
  const map = {
    userId: 'preferred_username',
    role: ['realm_access', 'roles'],
    city: { value: '520100' },
    district: 'district_code',
    roles: { 'ybj-district': 'district_bureau', 'ybj-leader': 'city_leadership', 'ybj-audit': 'auditor' },
  };
  beforeAll(async () => {
    const provider = await startTestProvider('liangbing');
    api = await startProductionApi(
      { JWT_JWKS_URL: '', JWT_ISSUER: '', OIDC_ISSUER: provider.issuer, JWT_AUDIENCE: 'liangbing', JWT_CLAIM_MAP: JSON.stringify(map) },
      { provider },
    );
  });
  afterAll(async () => {
    await api?.close();
    await api?.provider.stop();
  });

  it('finds the key set by discovery and maps the provider’s roles, ignoring groups it does not map', async () => {
    const token = await api.provider.sign(
      { sub: 'f3a9', preferred_username: 'zhang.wei', realm_access: { roles: ['offline_access', 'ybj-district'] }, district_code: 520102 },
      { alg: 'ES256' },
    );
    const r = await api.gql<ViewerData>(token, VIEWER);
    expect(r.errors).toBeUndefined();
    expect(r.data!.viewer).toEqual({ userId: 'zhang.wei', role: 'DISTRICT_BUREAU', cityCode: '520100', districtCode: '520102', institutionId: null });
    const d = await api.gql<{ deployment: { tokenIssuer: string } }>(token, `{ deployment { tokenIssuer } }`);
    expect(d.data!.deployment.tokenIssuer).toBe(api.provider.issuer);
  });

  it('refuses a token whose groups map to two roles, and one whose roles are ours but unmapped', async () => {
    const two = await api.provider.sign({ preferred_username: 'li', realm_access: { roles: ['ybj-leader', 'ybj-audit'] } });
    const r = await api.gql(two, VIEWER);
    expect(r.errors?.[0]?.message).toMatch(/several roles \(city_leadership, auditor\)/);
    // With a map, only mapped names count: a provider that also sends our role names does not bypass it.
    const raw = await api.provider.sign({ preferred_username: 'li', realm_access: { roles: ['city_leadership'] } });
    expect((await api.gql(raw, VIEWER)).errors?.[0]?.message).toMatch(/maps to no role: claim path realm_access.roles/);
  });
});

describe('the provider unreachable', () => {
  it('answers RETRYABLE, not a refusal of the token', async () => {
    const provider = await startTestProvider();
    const api = await startProductionApi({}, { provider });
    try {
      const token = await provider.sign({ sub: 'u', role: 'city_leadership', city: '520100' });
      // Stopped before the API ever fetched its keys.
      await provider.stop();
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: VIEWER }),
      });
      const body = (await res.json()) as { errors?: { extensions: { code: string; retryable: boolean } }[] };
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RETRYABLE', retryable: true });
      expect(res.status).toBe(503);
    } finally {
      await api.close();
    }
  });
});
