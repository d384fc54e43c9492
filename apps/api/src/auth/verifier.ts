/**
 * The deployment's token verifier: a real identity provider's tokens (RS256 or ES256, checked
 * against its JWKS with jose, then mapped to a viewer by JWT_CLAIM_MAP) and, only when a
 * JWT_SECRET is set, our own HS256 tokens (development, mint-cli, or a deployment that chose a
 * shared secret). The algorithms are fixed per key kind: a provider's key never verifies an HS256
 * token, `alg: none` is never accepted, and HS256 without a secret is refused by name.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { TokenSettings } from '../config';
import { AppError } from '../errors';
import { ClaimMappingError, viewerFromClaims } from './claim-map';
import { hs256Verifier, type TokenVerifier } from './tokens';

/** The asymmetric algorithms a provider's tokens may use. */
export const PROVIDER_ALGORITHMS = ['RS256', 'ES256'] as const;
/** A provider's clock and ours may differ by this much (seconds) on `exp` and `nbf`. */
const CLOCK_TOLERANCE_S = 30;

export interface DeploymentVerifier {
  readonly verify: TokenVerifier;
  /** the provider's issuer whose tokens are accepted; null when only HS256 is */
  readonly issuer: string | null;
  readonly jwksUrl: string | null;
  /** our own HS256 tokens are accepted (a JWT_SECRET is set) */
  readonly hs256: boolean;
}

const invalid = (en: string, zh: string) => new AppError('UNAUTHENTICATED', en, zh);

/** The provider's key set URL: JWT_JWKS_URL, or the jwks_uri of OIDC_ISSUER's discovery document (fetched once, at start-up). */
export async function discoverJwksUrl(settings: TokenSettings, fetchImpl: typeof fetch = fetch): Promise<string | null> {
  if (settings.jwksUrl !== null) return settings.jwksUrl;
  if (settings.oidcIssuer === null) return null;
  const where = `${settings.oidcIssuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const res = await fetchImpl(where, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`answered ${res.status}`);
    doc = (await res.json()) as typeof doc;
  } catch (e) {
    throw new Error(`OIDC_ISSUER: could not read ${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof doc.jwks_uri !== 'string') throw new Error(`OIDC_ISSUER: ${where} has no jwks_uri`);
  // OpenID Connect Discovery 1.0 §4.3: the document's issuer is exactly the issuer it was fetched for.
  if (doc.issuer !== settings.oidcIssuer) throw new Error(`OIDC_ISSUER: ${where} names the issuer ${JSON.stringify(doc.issuer)}, not ${settings.oidcIssuer}`);
  return doc.jwks_uri;
}

export async function createVerifier(settings: TokenSettings, fetchImpl: typeof fetch = fetch): Promise<DeploymentVerifier> {
  const jwksUrl = await discoverJwksUrl(settings, fetchImpl);
  const hs = settings.secret === null ? null : hs256Verifier(settings.secret);
  const keys: JWTVerifyGetKey | null = jwksUrl === null ? null : createRemoteJWKSet(new URL(jwksUrl));
  const providerVerify: TokenVerifier | null =
    keys === null
      ? null
      : async (token) => {
          let payload;
          try {
            ({ payload } = await jwtVerify(token, keys, {
              algorithms: [...PROVIDER_ALGORITHMS],
              issuer: settings.issuer ?? undefined,
              audience: settings.audience ?? undefined,
              requiredClaims: ['exp'],
              clockTolerance: CLOCK_TOLERANCE_S,
            }));
          } catch (e) {
            throw providerError(e);
          }
          try {
            return { viewer: viewerFromClaims(payload, settings.claimMap), expiresAtMs: payload.exp! * 1000 };
          } catch (e) {
            if (e instanceof ClaimMappingError) throw invalid(e.messageEn, e.messageZh);
            throw e;
          }
        };

  const verify: TokenVerifier = async (token) => {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw invalid('Invalid token', '令牌无效');
    }
    if (alg === 'HS256') {
      if (hs === null)
        throw invalid(
          'HS256 tokens are not accepted by this deployment (no JWT_SECRET): use a token of the identity provider',
          '本部署不接受 HS256 令牌（未设置 JWT_SECRET），请使用身份提供方签发的令牌',
        );
      return hs(token);
    }
    if (providerVerify !== null && (PROVIDER_ALGORITHMS as readonly unknown[]).includes(alg)) return providerVerify(token);
    throw invalid(
      `Tokens signed with ${JSON.stringify(alg)} are not accepted (accepted: ${[...(providerVerify ? PROVIDER_ALGORITHMS : []), ...(hs ? ['HS256'] : [])].join(', ')})`,
      '令牌的签名算法不被接受',
    );
  };
  return { verify, issuer: keys === null ? null : settings.issuer, jwksUrl, hs256: hs !== null };
}

/** jose's refusals as our codes: the token's fault is UNAUTHENTICATED, the provider being unreachable is RETRYABLE. */
function providerError(e: unknown): AppError {
  if (e instanceof joseErrors.JWTExpired) return invalid('Token expired', '令牌已过期');
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    const what = e.claim === 'iss' ? 'issuer' : e.claim === 'aud' ? 'audience' : `claim ${e.claim}`;
    return invalid(`Invalid token: its ${what} is not accepted (${e.reason})`, `令牌无效：${what} 不被接受`);
  }
  if (
    e instanceof joseErrors.JWKSTimeout ||
    (e instanceof TypeError && e.message === 'fetch failed') ||
    (e instanceof joseErrors.JOSEError && /Expected 200 OK/.test(e.message))
  ) {
    const e = new AppError('RETRYABLE', 'The identity provider’s keys could not be fetched; retry', '暂时无法获取身份提供方的密钥，请重试');
    // Refused while the context is built, it would answer 500; 503 says "try again" to a proxy or client (Apollo reads it, formatError drops it).
    (e.extensions as Record<string, unknown>).http = { status: 503 };
    return e;
  }
  if (e instanceof joseErrors.JWKSNoMatchingKey)
    return invalid('Invalid token: signed with a key the identity provider does not publish', '令牌无效：签名密钥不属于身份提供方');
  return invalid('Invalid token', '令牌无效');
}
