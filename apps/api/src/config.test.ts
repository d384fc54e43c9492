import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_REPLICA_MAX_LAG_SECONDS, DEVELOPMENT_SECRET, loadConfig } from './config';

const problems = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  return [];
};
const provider = { JWT_JWKS_URL: 'https://idp.example.org/keys', JWT_ISSUER: 'https://idp.example.org', JWT_AUDIENCE: 'liangbing-api' };

describe('loadConfig: the mode', () => {
  it('is demo by default, with the development secret', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('demo');
    expect(c.production).toBe(false);
    expect(new TextDecoder().decode(c.secret!)).toBe(DEVELOPMENT_SECRET);
    expect(c.tokens.jwksUrl).toBeNull();
  });

  it('is production by LIANGBING_MODE or by NODE_ENV=production, and refuses a contradiction or an unknown mode', () => {
    expect(loadConfig({ LIANGBING_MODE: 'production', ...provider }).mode).toBe('production');
    expect(loadConfig({ NODE_ENV: 'production', ...provider }).mode).toBe('production');
    expect(problems({ NODE_ENV: 'production', LIANGBING_MODE: 'demo', ...provider })).toEqual([
      expect.stringMatching(/LIANGBING_MODE=demo contradicts NODE_ENV=production/),
    ]);
    expect(problems({ LIANGBING_MODE: 'staging', ...provider })[0]).toMatch(/LIANGBING_MODE must be demo or production/);
  });
});

describe('loadConfig: production token settings', () => {
  const prod = { LIANGBING_MODE: 'production' };

  it('refuses neither a secret nor a provider, naming both settings', () => {
    expect(problems(prod)).toEqual([
      expect.stringMatching(
        /needs a token setting: JWT_JWKS_URL \(or OIDC_ISSUER\) with JWT_ISSUER and JWT_AUDIENCE .* or a JWT_SECRET of at least 32 characters/,
      ),
    ]);
  });

  it('refuses a short secret and the development default; takes a real one with HS256 and no provider', () => {
    expect(problems({ ...prod, JWT_SECRET: 'x'.repeat(31) })).toEqual(['JWT_SECRET must be at least 32 characters']);
    expect(problems({ ...prod, JWT_SECRET: DEVELOPMENT_SECRET })[0]).toMatch(/JWT_SECRET is the development default/);
    const c = loadConfig({ ...prod, JWT_SECRET: 'y'.repeat(32) });
    expect(c.secret).not.toBeNull();
    expect(c.tokens.jwksUrl).toBeNull();
  });

  it('with a provider needs no secret, and then takes no HS256', () => {
    const c = loadConfig({ ...prod, ...provider });
    expect(c.secret).toBeNull();
    expect(c.tokens).toMatchObject({ secret: null, jwksUrl: provider.JWT_JWKS_URL, issuer: provider.JWT_ISSUER, audience: 'liangbing-api' });
  });

  it('needs the issuer and the audience with a JWKS URL; OIDC_ISSUER is the issuer', () => {
    expect(problems({ ...prod, JWT_JWKS_URL: provider.JWT_JWKS_URL })).toEqual([
      expect.stringMatching(/^JWT_ISSUER must be set/),
      expect.stringMatching(/^JWT_AUDIENCE must be set/),
    ]);
    expect(loadConfig({ ...prod, OIDC_ISSUER: 'https://idp.example.org/realms/gy', JWT_AUDIENCE: 'liangbing-api' }).tokens.issuer).toBe(
      'https://idp.example.org/realms/gy',
    );
    expect(problems({ ...prod, ...provider, OIDC_ISSUER: 'https://idp.example.org' })[0]).toMatch(/set one of JWT_JWKS_URL and OIDC_ISSUER/);
  });

  it('wants https in production, except on loopback', () => {
    expect(problems({ ...prod, ...provider, JWT_JWKS_URL: 'http://idp.example.org/keys' })).toEqual([
      expect.stringMatching(/JWT_JWKS_URL must be an https URL in production/),
    ]);
    expect(loadConfig({ ...prod, ...provider, JWT_JWKS_URL: 'http://127.0.0.1:8080/keys' }).tokens.jwksUrl).toBe('http://127.0.0.1:8080/keys');
    expect(loadConfig({ ...provider, JWT_JWKS_URL: 'http://idp.internal/keys' }).mode).toBe('demo');
    expect(problems({ ...prod, ...provider, JWT_JWKS_URL: 'not a url' })[0]).toMatch(/JWT_JWKS_URL is not a URL/);
  });

  it('reports every problem at once, the claim map’s among them', () => {
    const p = problems({ ...prod, JWT_SECRET: 'short', JWT_CLAIM_MAP: '{"roles":{"x":"admin"}}', API_PORT: 'eighty' });
    expect(p).toHaveLength(3);
    expect(p.join('\n')).toMatch(/JWT_SECRET[\s\S]*JWT_CLAIM_MAP\.roles\.x[\s\S]*API_PORT/);
  });
});

describe('loadConfig: the read replica', () => {
  const primary = 'postgres://u:p@db1.internal:5432/liangbing';
  it('is off by default, with the documented lag bound', () => {
    const c = loadConfig({ DATABASE_URL: primary });
    expect(c.replicaUrl).toBeNull();
    expect(c.replicaMaxLagSeconds).toBe(DEFAULT_REPLICA_MAX_LAG_SECONDS);
  });

  it('takes a postgres URL beside DATABASE_URL and a positive bound', () => {
    const c = loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'postgres://u:p@db2.internal:5432/liangbing', REPLICA_MAX_LAG_SECONDS: '2.5' });
    expect(c.replicaUrl).toBe('postgres://u:p@db2.internal:5432/liangbing');
    expect(c.replicaMaxLagSeconds).toBe(2.5);
  });

  it('refuses a replica without a primary, the primary itself, a non-postgres URL and a bound that is not positive, naming each setting', () => {
    expect(problems({ DATABASE_REPLICA_URL: 'postgres://u:p@db2/liangbing' })).toEqual([expect.stringMatching(/DATABASE_REPLICA_URL needs DATABASE_URL/)]);
    expect(problems({ DATABASE_URL: primary, DATABASE_REPLICA_URL: primary })).toEqual([expect.stringMatching(/DATABASE_REPLICA_URL is DATABASE_URL itself/)]);
    expect(problems({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'mysql://db2/x' })).toEqual([
      expect.stringMatching(/DATABASE_REPLICA_URL must be a postgres:\/\/ URL/),
    ]);
    expect(problems({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'not a url' })).toEqual([expect.stringMatching(/DATABASE_REPLICA_URL is not a URL/)]);
    expect(problems({ REPLICA_MAX_LAG_SECONDS: '0' })).toEqual([expect.stringMatching(/REPLICA_MAX_LAG_SECONDS must be a positive number/)]);
    expect(problems({ REPLICA_MAX_LAG_SECONDS: 'ten' })).toEqual([expect.stringMatching(/REPLICA_MAX_LAG_SECONDS must be a positive number/)]);
  });
});

describe('loadConfig: worker processes', () => {
  it('is one process by default; takes a number or auto (one per core)', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ API_WORKERS: '2' }).workers).toBe(2);
    expect(loadConfig({ API_WORKERS: 'auto' }).workers).toBeGreaterThanOrEqual(1);
  });

  it('refuses anything but a whole number from 1 to 64, naming the setting', () => {
    for (const bad of ['0', '1.5', 'two', '65']) expect(problems({ API_WORKERS: bad }).join('\n')).toMatch(/API_WORKERS/);
  });
});
