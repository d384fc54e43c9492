/**
 * Bearer tokens: HS256 JWTs signed with the deployment's secret (jose). A token names the user,
 * the role and the scope; the server trusts nothing else about the caller.
 */
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { AppError } from '../errors';

export type Role = 'city_leadership' | 'district_bureau' | 'institution_operator' | 'auditor';
export const ROLES: readonly Role[] = ['city_leadership', 'district_bureau', 'institution_operator', 'auditor'];

export interface Viewer {
  readonly userId: string;
  readonly role: Role;
  readonly cityCode: string;
  readonly districtCode: string | null;
  readonly institutionId: string | null;
}

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
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const role = payload.role as Role;
    if (!ROLES.includes(role) || typeof payload.sub !== 'string' || typeof payload.city !== 'string') throw new Error('claims');
    const districtCode = typeof payload.district === 'string' ? payload.district : null;
    const institutionId = typeof payload.institution === 'string' ? payload.institution : null;
    if ((role === 'district_bureau' || role === 'institution_operator') && districtCode === null) throw new Error('claims');
    if (role === 'institution_operator' && institutionId === null) throw new Error('claims');
    return { userId: payload.sub, role, cityCode: payload.city, districtCode, institutionId };
  } catch (e) {
    const expired = e instanceof joseErrors.JWTExpired;
    throw new AppError('UNAUTHENTICATED', expired ? 'Token expired' : 'Invalid token', expired ? '令牌已过期' : '令牌无效');
  }
}
