/**
 * Bearer tokens: HS256 JWTs signed with the deployment's secret (jose). A token names the user,
 * the role and the scope; the server trusts nothing else about the caller. Tokens of a real
 * identity provider (RS256/ES256 against its JWKS) are verified in verifier.ts, and cached here too.
 */
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { AppError } from '../errors';

/** history_importer: loads a bureau's past years (modules/history), of its city or of its token's district; it may back-date and may do nothing else */
export type Role = 'city_leadership' | 'district_bureau' | 'institution_operator' | 'auditor' | 'history_importer';
export const ROLES: readonly Role[] = ['city_leadership', 'district_bureau', 'institution_operator', 'auditor', 'history_importer'];

export interface Viewer {
  readonly userId: string;
  readonly role: Role;
  readonly cityCode: string;
  readonly districtCode: string | null;
  readonly institutionId: string | null;
}

/** What a viewer of this role lacks ('district' or 'institution'), or null when it is complete. */
export function viewerProblem(v: Viewer): 'district' | 'institution' | null {
  if ((v.role === 'district_bureau' || v.role === 'institution_operator') && v.districtCode === null) return 'district';
  if (v.role === 'institution_operator' && v.institutionId === null) return 'institution';
  return null;
}

/** A verified token's viewer and when it stops being valid. */
export interface VerifiedToken {
  readonly viewer: Viewer;
  readonly expiresAtMs: number;
}

/** Verifies a token or throws UNAUTHENTICATED; HS256 with a secret (below) or a provider's keys (verifier.ts). */
export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

const ISSUER = 'liangbing';
const AUDIENCE = 'liangbing-api';

export async function signToken(secret: Uint8Array, viewer: Viewer, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({ role: viewer.role, city: viewer.cityCode, district: viewer.districtCode, institution: viewer.institutionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

export async function verifyToken(secret: Uint8Array, token: string): Promise<Viewer> {
  return (await verified(secret, token)).viewer;
}

/** Our own HS256 tokens (signToken's), signed with the deployment's JWT_SECRET. */
export function hs256Verifier(secret: Uint8Array): TokenVerifier {
  return (token) => verified(secret, token);
}

async function verified(secret: Uint8Array, token: string): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const role = payload.role as Role;
    if (!ROLES.includes(role) || typeof payload.sub !== 'string' || typeof payload.city !== 'string') throw new Error('claims');
    const districtCode = typeof payload.district === 'string' ? payload.district : null;
    const institutionId = typeof payload.institution === 'string' ? payload.institution : null;
    const viewer: Viewer = { userId: payload.sub, role, cityCode: payload.city, districtCode, institutionId };
    if (viewerProblem(viewer) !== null) throw new Error('claims');
    if (typeof payload.exp !== 'number') throw new Error('claims');
    return { viewer, expiresAtMs: payload.exp * 1000 };
  } catch (e) {
    const expired = e instanceof joseErrors.JWTExpired;
    throw new AppError('UNAUTHENTICATED', expired ? 'Token expired' : 'Invalid token', expired ? '令牌已过期' : '令牌无效');
  }
}

/**
 * Verified tokens kept until they expire, so that a client's every request does not pay for the
 * signature check again (HMAC through WebCrypto was 9 % of the API's CPU under the read mix). Only
 * tokens that verified are kept, keyed by the whole token text, and each is dropped at its expiry:
 * an entry answers exactly what the verifier would. Bounded: the oldest entries go first. Built on
 * a secret (HS256 only) or on any verifier (verifier.ts: HS256 and a provider's JWKS).
 */
export class TokenCache {
  private readonly entries = new Map<string, VerifiedToken>();
  private readonly verifier: TokenVerifier;

  constructor(
    source: Uint8Array | TokenVerifier,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.verifier = source instanceof Uint8Array ? hs256Verifier(source) : source;
  }

  async verify(token: string): Promise<Viewer> {
    const hit = this.entries.get(token);
    if (hit !== undefined) {
      if (this.now() < hit.expiresAtMs) return hit.viewer;
      this.entries.delete(token);
    }
    const v = await this.verifier(token);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, v);
    return v.viewer;
  }

  get size(): number {
    return this.entries.size;
  }
}
