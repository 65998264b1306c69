// Signing and verifying JWTs with the local keys: HS256 with the JWT secret, ES256/RS256 with the
// signing keys (by `kid`). Auth signs access tokens here; the gateway verifies them here.
import {
  createLocalJWKSet,
  importJWK,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import { type LocalKeys, publicJwks } from '../keys.ts';

export type JwtAlgorithm = 'HS256' | 'ES256' | 'RS256';

const ACCEPTED: JwtAlgorithm[] = ['HS256', 'ES256', 'RS256'];

export type VerifyJwt = (token: string) => Promise<JWTPayload>;

/** How many verified tokens a verifier remembers (the oldest is forgotten first). */
const VERIFIED_TOKENS = 10_000;

/** Whether a verified payload is still inside its validity window (`exp`, `nbf`). */
function stillValid(payload: JWTPayload): boolean {
  const now = Date.now() / 1000;
  return typeof payload.exp === 'number' && payload.exp > now && (payload.nbf === undefined || payload.nbf <= now);
}

/**
 * A verifier for the keys in effect: HS256 with the secret, asymmetric keys from the JWK set.
 * A token verified once is remembered until it expires: every API request carries the same
 * access token for an hour, and an ES256 check costs more than the rest of a small Data API
 * request's own work. A token is immutable, so the cached answer is the verified one; an expired
 * entry goes back to jose, which rejects it as expired.
 */
export function jwtVerifier(keys: Pick<LocalKeys, 'jwt_secret' | 'signing_keys'>): VerifyJwt {
  const secret = new TextEncoder().encode(keys.jwt_secret);
  const jwks = createLocalJWKSet(publicJwks(keys));
  const getKey: JWTVerifyGetKey = (header, token) => (header.alg === 'HS256' ? secret : jwks(header, token));
  const verified = new Map<string, JWTPayload>();
  return async (token) => {
    const known = verified.get(token);
    if (known && stillValid(known)) return structuredClone(known);
    verified.delete(token);
    const { payload } = await jwtVerify(token, getKey, { algorithms: ACCEPTED, requiredClaims: ['exp'] });
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string);
    verified.set(token, structuredClone(payload));
    return payload;
  };
}

/** Signs `claims` with the first signing key (ES256/RS256, `kid` in the header) or the HS256 secret. */
export async function signJwt(
  keys: Pick<LocalKeys, 'jwt_secret' | 'signing_keys'>,
  claims: JWTPayload,
  algorithm: 'asymmetric' | 'HS256' = 'asymmetric',
): Promise<string> {
  if (algorithm === 'HS256') {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(keys.jwt_secret));
  }
  const jwk = keys.signing_keys[0] as JWK & { alg: JwtAlgorithm; kid: string };
  // Key files from other tools may list `verify` too, which WebCrypto refuses on a private key.
  const { key_ops: _ops, use: _use, ...material } = jwk;
  const key = await importJWK(material, jwk.alg);
  return new SignJWT(claims).setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' }).sign(key);
}
