// Tokens of signed URLs, as upstream: a JWT signed with the project's keys carrying `url`
// (`bucket/key`) and `exp`; upload tokens add `owner` and `upsert`. Verified with the gateway's key
// ring, so a token from another installation, a forged or an expired one is InvalidJWT, and a
// token for another object is InvalidSignature.
import { errors } from 'jose';
import { signJwt } from '../gateway/jwt.ts';
import type { KeyRing } from '../gateway/resolve-caller.ts';
import type { LocalKeys } from '../keys.ts';
import { ERRORS } from './errors.ts';

export interface DownloadClaims {
  url: string;
  transformations?: string;
  /** Set on verified tokens (seconds since the epoch). */
  exp?: number;
}

export interface UploadClaims {
  url: string;
  owner: string | null;
  upsert: boolean;
}

export async function signToken(
  keys: LocalKeys,
  claims: DownloadClaims | UploadClaims,
  expiresInSeconds: number,
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return signJwt(keys, { ...claims, iat, exp: iat + expiresInSeconds });
}

function jwtMessage(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'jwt expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid signature';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'jwt malformed';
  return error instanceof Error ? error.message : 'Invalid JWT';
}

async function verify(ring: KeyRing, token: string | null, url: string): Promise<Record<string, unknown>> {
  if (!token) throw ERRORS.invalidJwt('jwt must be provided');
  let payload: Record<string, unknown>;
  try {
    payload = { ...(await ring.verify(token)) };
  } catch (error) {
    throw ERRORS.invalidJwt(jwtMessage(error));
  }
  if (payload.url !== url) throw ERRORS.invalidSignature();
  return payload;
}

/** The claims of a download token for `url`; an upload token is not one. */
export async function verifyDownloadToken(ring: KeyRing, token: string | null, url: string): Promise<DownloadClaims> {
  const payload = await verify(ring, token, url);
  if ('upsert' in payload) throw ERRORS.invalidSignature();
  return payload as unknown as DownloadClaims;
}

/** The claims of an upload token for `url`; a download token is not one. */
export async function verifyUploadToken(ring: KeyRing, token: string | null, url: string): Promise<UploadClaims> {
  const payload = await verify(ring, token, url);
  if (typeof payload.upsert !== 'boolean') throw ERRORS.invalidSignature();
  return { url, owner: typeof payload.owner === 'string' ? payload.owner : null, upsert: payload.upsert };
}
