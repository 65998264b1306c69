/// <reference lib="deno.window" />
// The caller of a function: a signed-in user's access token, verified here against the project's
// public signing keys (SUPABASE_JWKS) whatever `verify_jwt` says, because the claims go to the
// database as `request.jwt.claims` and RLS decides on them.
import { createLocalJWKSet, errors, type JWTPayload, jwtVerify } from 'npm:jose@^6.2.17';
import { HttpError } from './http.ts';

let keySet: ReturnType<typeof createLocalJWKSet> | undefined;

function jwks(): ReturnType<typeof createLocalJWKSet> {
  if (!keySet) {
    const raw = JSON.parse(Deno.env.get('SUPABASE_JWKS') ?? '{"keys":[]}');
    keySet = createLocalJWKSet(Array.isArray(raw) ? { keys: raw } : raw);
  }
  return keySet;
}

/** A user's verified claims (`role` authenticated, `sub` set), or 401 `invalid_jwt`. */
export async function requireUser(req: Request): Promise<JWTPayload & { sub: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!token) throw new HttpError(401, 'invalid_jwt', 'Sign in: a user access token is required.');
  try {
    const { payload } = await jwtVerify(token, jwks(), {
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
