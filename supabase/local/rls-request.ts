// Runs work on behalf of a caller exactly as PostgREST does: one transaction that first sets the
// database role and `request.jwt.claims`, so RLS and auth.uid() see that caller.
import type { Sql, TransactionSql } from 'postgres';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';

export interface ClaimsSubject {
  id: string;
  email: string;
}

/** Access-token claims as Supabase Auth issues them for a signed-in email user. */
export function userClaims(user: ClaimsSubject, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'http://127.0.0.1:54321/auth/v1',
    aud: 'authenticated',
    sub: user.id,
    email: user.email,
    role: 'authenticated',
    aal: 'aal1',
    iat: now,
    exp: now + 3600,
    is_anonymous: false,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    ...extra,
  };
}

/** The claims of an API key acting as anon or the service role. */
export function keyClaims(role: Exclude<ApiRole, 'authenticated'>): Record<string, unknown> {
  return { role, iss: 'supabase' };
}

/**
 * Runs `fn` in one transaction as `role` with `claims` (committed unless `fn` throws). A request
 * id goes into `roost.request_id`, which jobs created in the transaction keep (decision 039).
 */
export async function asRequest<T>(
  sql: Sql,
  role: ApiRole,
  claims: Record<string, unknown>,
  fn: (tx: TransactionSql) => Promise<T>,
  requestId?: string,
): Promise<T> {
  return (await sql.begin(async (tx) => {
    const claimsJson = JSON.stringify(claims);
    if (requestId === undefined) {
      await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${claimsJson}, true)`;
    } else {
      await tx`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${claimsJson}, true),
        set_config('roost.request_id', ${requestId}, true)`;
    }
    return fn(tx);
  })) as T;
}
