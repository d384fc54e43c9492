/**
 * A test identity provider: RS256 and ES256 key pairs (jose generateKeyPair), their public keys
 * served as a JWKS by a loopback http server, with an OpenID discovery document beside it, and
 * tokens signed for a viewer with the claims a provider would send. Used by the production-mode
 * tests; an end-to-end production test can start one, point JWT_JWKS_URL (or OIDC_ISSUER) at it
 * and sign in with `provider.sign({ sub, role, city, district })`.
 */
import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export type ProviderAlg = 'RS256' | 'ES256';

export interface TestProvider {
  /** http://127.0.0.1:<port>: the issuer (`iss`) and the OIDC_ISSUER */
  readonly issuer: string;
  /** the JWKS: the JWT_JWKS_URL */
  readonly jwksUrl: string;
  /** the audience tokens are signed for unless told otherwise */
  readonly audience: string;
  /** env settings that make the API take this provider's tokens */
  readonly env: Readonly<Record<string, string>>;
  /** how many times the key set was fetched */
  readonly fetches: () => number;
  /** a token with these claims (sub, role, city, district, institution … or the provider's own names), signed by the provider */
  sign: (claims: JWTPayload, opts?: SignOptions) => Promise<string>;
  stop: () => Promise<void>;
}

export interface SignOptions {
  alg?: ProviderAlg;
  issuer?: string;
  audience?: string;
  /** seconds from now; negative for an expired token */
  expiresIn?: number;
  /** sign with a key of the same kind that the JWKS does not publish (under the published kid) */
  foreignKey?: boolean;
}

interface KeyEntry {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function keyOf(alg: ProviderAlg, kid: string): Promise<KeyEntry> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export async function startTestProvider(audience = 'liangbing-api'): Promise<TestProvider> {
  const published = { RS256: await keyOf('RS256', 'rs-1'), ES256: await keyOf('ES256', 'es-1') };
  const foreign = { RS256: await keyOf('RS256', 'rs-1'), ES256: await keyOf('ES256', 'es-1') };
  let fetches = 0;
  let issuer = '';
  const server = http.createServer((req, res) => {
    if (req.url === '/jwks.json') {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [published.RS256.jwk, published.ES256.jwk] }));
    } else if (req.url === '/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('test provider: no address');
  issuer = `http://127.0.0.1:${address.port}`;
  const jwksUrl = `${issuer}/jwks.json`;
  return {
    issuer,
    jwksUrl,
    audience,
    env: { JWT_JWKS_URL: jwksUrl, JWT_ISSUER: issuer, JWT_AUDIENCE: audience },
    fetches: () => fetches,
    sign: async (claims, opts = {}) => {
      const alg = opts.alg ?? 'RS256';
      const key = (opts.foreignKey ? foreign : published)[alg];
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(opts.issuer ?? issuer)
        .setAudience(opts.audience ?? audience)
        .setIssuedAt(now - 5)
        .setExpirationTime(now + (opts.expiresIn ?? 3600))
        .sign(key.privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
