// supabase-js clients for stack tests: signed in as a test user with an access token minted from
// the stack's own keys (Auth is another service, so tests that exercise Storage, Functions or the
// Data API do not sign in through it), or carrying any raw bearer token.
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../database.types.ts';
import type { TestUser } from '../../tests/support/db.ts';
import { signJwt } from '../gateway/jwt.ts';
import { userClaims } from '../rls-request.ts';
import type { TestStack } from './test-stack.ts';

/** A fresh access token for `user` (its own session id), with `extra` claims on top. */
export function accessToken(stack: TestStack, user: TestUser, extra: Record<string, unknown> = {}): Promise<string> {
  return signJwt(stack.keys, userClaims(user, { session_id: randomUUID(), ...extra }));
}

/** supabase-js with `Authorization: Bearer <token>` (a user's token, a key, an expired or forged one). */
export function tokenClient(
  stack: TestStack,
  token: string,
  key = stack.keys.publishable_key,
): SupabaseClient<Database> {
  return createClient<Database>(stack.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}

/** supabase-js signed in as `user` (a freshly minted access token). */
export async function userClient(
  stack: TestStack,
  user: TestUser,
  extra: Record<string, unknown> = {},
): Promise<SupabaseClient<Database>> {
  return tokenClient(stack, await accessToken(stack, user, extra));
}
