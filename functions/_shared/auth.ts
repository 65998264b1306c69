/// <reference lib="deno.window" />
// The caller of a function: a signed-in user's access token, verified here against the project's
// public signing keys (SUPABASE_JWKS) whatever `verify_jwt` says, because the claims go to the
// database as `request.jwt.claims` and RLS decides on them.
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'npm:jose@^6.2.17';
import { HttpError } from './http.ts';
import { settings } from './settings.ts';

let keySet: ReturnType<typeof createLocalJWKSet> | undefined;

function jwks(): ReturnType<typeof createLocalJWKSet> {
  keySet ??= createLocalJWKSet(settings().SUPABASE_JWKS as JSONWebKeySet);
  return keySet;
}

/** A user's verified claims (`role` authenticated, `sub` set), or 401 `invalid_jwt`. */
export async function requireUser(req: Request): Promise<JWTPayload & { sub: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!token) throw new HttpError(401, 'invalid_jwt', 'Sign in: a user access token is required.');
  // Outside the try: bad settings are the operator's 500, not the caller's 401.
  const keys = jwks();
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['ES256', 'RS256'],
      audience: 'authenticated',
      requiredClaims: ['exp', 'sub'],
    });
    if (payload.role !== 'authenticated') throw new Error('not a user token');
    return payload as JWTPayload & { sub: string };
  } catch (error) {
    const expired = error instanceof errors.JWTExpired;
    throw new HttpError(
      401,
      'invalid_jwt',
      expired ? 'The access token expired.' : 'Sign in: a user access token is required.',
    );
  }
}
