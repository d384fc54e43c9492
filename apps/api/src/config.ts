/**
 * Configuration from the environment, read once at start-up, and the deployment's mode:
 * - demo (the default, `./dev start`): an empty database is loaded with the demo programme,
 *   /demo-tokens and the explorer are served, Guiyang is paid at the demo's placeholder rates;
 * - production (LIANGBING_MODE=production, implied by NODE_ENV=production): none of that, and
 *   start-up is refused without a real token setting (a JWT_SECRET of its own, or a JWKS/OIDC issuer).
 * Every problem is reported at once, each naming its setting (ConfigError).
 */
import os from 'node:os';
import path from 'node:path';
import { parseClaimMap, type ClaimMap } from './auth/claim-map';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export type DeploymentMode = 'demo' | 'production';

/** The development HS256 secret: public (it is in this file), so never accepted in production. */
export const DEVELOPMENT_SECRET = 'liangbing-development-secret-do-not-use-in-production';

export interface TokenSettings {
  /** HS256 (our own tokens, mint-cli, /demo-tokens) is accepted only when a secret is set */
  readonly secret: Uint8Array | null;
  /** the provider's key set (JWT_JWKS_URL); null with OIDC_ISSUER until discovery gives it */
  readonly jwksUrl: string | null;
  /** OIDC_ISSUER: its /.well-known/openid-configuration names the jwks_uri */
  readonly oidcIssuer: string | null;
  /** the `iss` a provider's token must carry (JWT_ISSUER, else OIDC_ISSUER) */
  readonly issuer: string | null;
  /** the `aud` a provider's token must carry (JWT_AUDIENCE): this API */
  readonly audience: string | null;
  readonly claimMap: ClaimMap;
}

export interface Config {
  mode: DeploymentMode;
  /** mode === 'production': no introspection, no stack traces, no demo anything */
  production: boolean;
  databaseUrl: string | null;
  /** DATABASE_REPLICA_URL: a streaming replica of DATABASE_URL for statistics, lists and reports (db/replica.ts) */
  replicaUrl: string | null;
  /** REPLICA_MAX_LAG_SECONDS: beyond this the replica's reads go to the primary */
  replicaMaxLagSeconds: number;
  dataDir: string;
  port: number;
  /** the embedded PostgreSQL's port when DATABASE_URL is unset */
  pgPort: number;
  /** HS256 secret; null when the deployment takes only its provider's tokens */
  secret: Uint8Array | null;
  tokens: TokenSettings;
  policyOverridesFile: string | null;
  demoScale: number;
  /** API_WORKERS: HTTP worker processes behind the one port (node:cluster, main.ts); 'auto' is one per core */
  workers: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`configuration refused:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const set = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());

function modeOf(env: NodeJS.ProcessEnv, problems: string[]): DeploymentMode {
  const explicit = set(env.LIANGBING_MODE);
  if (explicit !== null && explicit !== 'demo' && explicit !== 'production') {
    problems.push(`LIANGBING_MODE must be demo or production, not ${JSON.stringify(explicit)}`);
    return 'production';
  }
  // Demo settings on a production build are a mistake to be fixed, not guessed at.
  if (explicit === 'demo' && env.NODE_ENV === 'production')
    problems.push('LIANGBING_MODE=demo contradicts NODE_ENV=production (which implies production): unset one of them');
  return explicit ?? (env.NODE_ENV === 'production' ? 'production' : 'demo');
}

/** An issuer's URL: https, or http on loopback (a test provider, or one on the same host). */
function urlProblem(name: string, value: string, production: boolean): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `${name} is not a URL: ${JSON.stringify(value)}`;
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol === 'https:' || (u.protocol === 'http:' && (loopback || !production))) return null;
  return `${name} must be an https URL in production (http only on loopback): ${value}`;
}

/** How far behind the primary (seconds) the replica may be and still answer statistics, lists and reports. */
export const DEFAULT_REPLICA_MAX_LAG_SECONDS = 10;

function replicaProblems(databaseUrl: string | null, replicaUrl: string | null): string[] {
  if (replicaUrl === null) return [];
  let u: URL;
  try {
    u = new URL(replicaUrl);
  } catch {
    return [`DATABASE_REPLICA_URL is not a URL: ${JSON.stringify(replicaUrl)}`];
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return [`DATABASE_REPLICA_URL must be a postgres:// URL, not ${u.protocol}`];
  // A replica copies a primary the API connects to; the embedded PostgreSQL has none.
  if (databaseUrl === null) return ['DATABASE_REPLICA_URL needs DATABASE_URL (the primary it replicates): the embedded PostgreSQL has no replica'];
  if (replicaUrl === databaseUrl) return ['DATABASE_REPLICA_URL is DATABASE_URL itself: name the replica, or unset it'];
  return [];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const mode = modeOf(env, problems);
  const production = mode === 'production';

  const secretText = set(env.JWT_SECRET) ?? (production ? null : DEVELOPMENT_SECRET);
  if (secretText !== null && secretText.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (production && secretText === DEVELOPMENT_SECRET)
    problems.push('JWT_SECRET is the development default, which is public: set a secret of your own, or use JWT_JWKS_URL / OIDC_ISSUER');

  const jwksUrl = set(env.JWT_JWKS_URL);
  const oidcIssuer = set(env.OIDC_ISSUER);
  if (jwksUrl !== null && oidcIssuer !== null) problems.push('set one of JWT_JWKS_URL and OIDC_ISSUER, not both (OIDC_ISSUER finds the key set itself)');
  if (jwksUrl !== null) problems.push(...[urlProblem('JWT_JWKS_URL', jwksUrl, production)].filter((p) => p !== null));
  if (oidcIssuer !== null) problems.push(...[urlProblem('OIDC_ISSUER', oidcIssuer, production)].filter((p) => p !== null));
  const provider = jwksUrl !== null || oidcIssuer !== null;
  const issuer = set(env.JWT_ISSUER) ?? oidcIssuer;
  const audience = set(env.JWT_AUDIENCE);
  if (provider && issuer === null) problems.push('JWT_ISSUER must be set with JWT_JWKS_URL: the `iss` your identity provider puts in its tokens');
  // Without an audience, any token the provider issues for another application would be taken for ours.
  if (provider && audience === null)
    problems.push('JWT_AUDIENCE must be set with JWT_JWKS_URL / OIDC_ISSUER: the `aud` your identity provider issues for this API');
  const claimMap = parseClaimMap(env.JWT_CLAIM_MAP);
  problems.push(...claimMap.problems);
  if (production && secretText === null && !provider) {
    problems.push(
      'production mode needs a token setting: JWT_JWKS_URL (or OIDC_ISSUER) with JWT_ISSUER and JWT_AUDIENCE for your identity provider, or a JWT_SECRET of at least 32 characters',
    );
  }

  const port = Number(env.API_PORT ?? env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`API_PORT must be a port number, not ${JSON.stringify(env.API_PORT ?? env.PORT)}`);
  const demoScale = Number(env.DEMO_SCALE ?? 1);
  if (!(demoScale > 0)) problems.push(`DEMO_SCALE must be a positive number, not ${JSON.stringify(env.DEMO_SCALE)}`);
  const workersText = set(env.API_WORKERS);
  const workers = workersText === null ? 1 : workersText === 'auto' ? os.availableParallelism() : Number(workersText);
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64))
    problems.push(`API_WORKERS must be a whole number of processes from 1 to 64, or auto (one per core), not ${JSON.stringify(workersText)}`);
  const databaseUrl = set(env.DATABASE_URL);
  const replicaUrl = set(env.DATABASE_REPLICA_URL);
  problems.push(...replicaProblems(databaseUrl, replicaUrl));
  const maxLagText = set(env.REPLICA_MAX_LAG_SECONDS);
  const replicaMaxLagSeconds = maxLagText === null ? DEFAULT_REPLICA_MAX_LAG_SECONDS : Number(maxLagText);
  if (!(Number.isFinite(replicaMaxLagSeconds) && replicaMaxLagSeconds > 0))
    problems.push(`REPLICA_MAX_LAG_SECONDS must be a positive number of seconds, not ${JSON.stringify(maxLagText)}`);
  if (problems.length > 0) throw new ConfigError(problems);

  const secret = secretText === null ? null : new TextEncoder().encode(secretText);
  return {
    mode,
    production,
    databaseUrl,
    replicaUrl,
    replicaMaxLagSeconds,
    dataDir: env.DATA_DIR ?? path.join(root, '.data', 'postgres'),
    port,
    pgPort: Number(env.PG_PORT ?? 54329),
    secret,
    tokens: { secret, jwksUrl, oidcIssuer, issuer, audience, claimMap: claimMap.map },
    policyOverridesFile: set(env.POLICY_OVERRIDES_FILE),
    demoScale,
    workers,
  };
}
