// Who is calling: the role and claims a request acts with, from its `apikey` (header, or query
// parameter for websockets) and `Authorization`. The rules of Supabase's gateway:
// - a `Bearer` user JWT always wins (HS256 with the secret, ES256/RS256 from the JWK set; `exp`
//   required); expired or forged tokens are rejected;
// - a `Bearer sb_…` value is an API key, not a user token: the role comes from the `apikey`
//   (secret → service_role, publishable → anon, a legacy JWT key → its own role);
// - unknown keys (`sb_…` or otherwise) are rejected.
import { errors } from 'jose';
import { type LocalKeys, legacyKeyClaims } from '../keys.ts';
import type { ApiRole } from '../rls-request.ts';
import { jwtVerifier, type VerifyJwt } from './jwt.ts';

export type ApiKeyKind = 'publishable' | 'secret' | 'legacy_anon' | 'legacy_service_role';

interface KnownKey {
  kind: ApiKeyKind;
  role: Exclude<ApiRole, 'authenticated'>;
  claims: Record<string, unknown>;
}

/** The keys of one installation, indexed for lookups. */
export interface KeyRing {
  byValue: Map<string, KnownKey>;
  verify: VerifyJwt;
}

export interface CallerInput {
  apikey: string | null;
  authorization: string | null;
}

export interface Caller {
  ok: true;
  role: ApiRole;
  claims: Record<string, unknown>;
  /** The API key the request carried, if any. */
  apiKey: ApiKeyKind | null;
  /** The verified user JWT when the role came from one (what services hand to the database). */
  jwt: string | null;
}

export type RejectionReason = 'no_api_key' | 'invalid_api_key' | 'invalid_jwt' | 'expired_jwt';

export interface Rejection {
  ok: false;
  reason: RejectionReason;
  message: string;
}

export type Resolution = Caller | Rejection;

const ROLES: readonly string[] = ['anon', 'authenticated', 'service_role'];

export function createKeyRing(keys: LocalKeys): KeyRing {
  const anon = legacyKeyClaims(keys.anon_key);
  const service = legacyKeyClaims(keys.service_role_key);
  const byValue = new Map<string, KnownKey>([
    [keys.anon_key, { kind: 'legacy_anon', role: 'anon', claims: anon }],
    [keys.service_role_key, { kind: 'legacy_service_role', role: 'service_role', claims: service }],
    [keys.publishable_key, { kind: 'publishable', role: 'anon', claims: anon }],
    [keys.secret_key, { kind: 'secret', role: 'service_role', claims: service }],
  ]);
  return { byValue, verify: jwtVerifier(keys) };
}

function reject(reason: RejectionReason, message: string): Rejection {
  return { ok: false, reason, message };
}

function fromKey(key: KnownKey, apiKey: ApiKeyKind | null): Caller {
  return { ok: true, role: key.role, claims: key.claims, apiKey, jwt: null };
}

async function fromUserJwt(ring: KeyRing, token: string, apiKey: ApiKeyKind | null): Promise<Resolution> {
  try {
    const claims = await ring.verify(token);
    if (typeof claims.role !== 'string' || !ROLES.includes(claims.role)) {
      return reject('invalid_jwt', 'Invalid JWT: the role claim is missing or unknown');
    }
    return { ok: true, role: claims.role as ApiRole, claims: { ...claims }, apiKey, jwt: token };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return reject('expired_jwt', 'JWT expired');
    const detail = error instanceof Error ? error.message : String(error);
    return reject('invalid_jwt', `Invalid JWT: ${detail}`);
  }
}

/**
 * Resolves a request's caller. With `requireApiKey` (every route but the open ones), a request
 * without an `apikey` is rejected even when it carries a valid user JWT, as Supabase's gateway does.
 */
export async function resolveCaller(
  ring: KeyRing,
  input: CallerInput,
  options: { requireApiKey: boolean } = { requireApiKey: true },
): Promise<Resolution> {
  const apikey = input.apikey?.trim() || null;
  const known = apikey === null ? null : ring.byValue.get(apikey);
  if (apikey !== null && !known) return reject('invalid_api_key', 'Invalid API key');
  if (apikey === null && options.requireApiKey) return reject('no_api_key', 'No API key found in request');
  const apiKey = known?.kind ?? null;

  const authorization = input.authorization?.trim() || null;
  if (authorization === null) {
    return known ? fromKey(known, apiKey) : reject('no_api_key', 'No API key found in request');
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!bearer) return reject('invalid_jwt', 'Invalid JWT: the Authorization header must be "Bearer <token>"');
  if (bearer.startsWith('sb_')) {
    // An opaque key is never a user token: the role comes from the apikey.
    const bearerKey = ring.byValue.get(bearer);
    if (!bearerKey) return reject('invalid_api_key', 'Invalid API key');
    return fromKey(known ?? bearerKey, apiKey);
  }
  // A legacy JWT key as the bearer acts with its own role (it is a JWT, as PostgREST sees it).
  const bearerKey = ring.byValue.get(bearer);
  if (bearerKey) return { ...fromKey(bearerKey, apiKey), jwt: bearer };
  return fromUserJwt(ring, bearer, apiKey);
}

/** The caller input of an HTTP request: `apikey` header or query parameter, `Authorization`. */
export function callerInputOf(headers: Record<string, string | string[] | undefined>, url: URL): CallerInput {
  const header = (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  return {
    apikey: header('apikey') ?? url.searchParams.get('apikey'),
    authorization: header('authorization'),
  };
}
