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

/** A verifier for the keys in effect: HS256 with the secret, asymmetric keys from the JWK set. */
export function jwtVerifier(keys: Pick<LocalKeys, 'jwt_secret' | 'signing_keys'>): VerifyJwt {
  const secret = new TextEncoder().encode(keys.jwt_secret);
  const jwks = createLocalJWKSet(publicJwks(keys));
  const getKey: JWTVerifyGetKey = (header, token) => (header.alg === 'HS256' ? secret : jwks(header, token));
  return async (token) => {
    const { payload } = await jwtVerify(token, getKey, { algorithms: ACCEPTED, requiredClaims: ['exp'] });
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
