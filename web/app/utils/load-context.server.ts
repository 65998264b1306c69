// What every loader and action gets as `context`: the request's one Supabase server client
// (cookies in, cookies out), the verified claims of its session (getClaims() awaited once per
// request, before any loader runs: a refresh happens at most once and its cookies are kept),
// the CSP nonce and the browser allow-list of settings.
import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr';
import type { JwtPayload, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { WebEnv } from './env.server.ts';

export type Supabase = SupabaseClient<Database>;

export interface RoostLoadContext {
  supabase: Supabase;
  /** The session's verified JWT claims, or null when signed out (or the cookie was bad). */
  claims: JwtPayload | null;
  nonce: string;
  browserEnv: WebEnv['browser'];
  /** Set-Cookie and cache headers the server adds to the response on the way out. */
  responseHeaders: Headers;
}

declare module '@remix-run/node' {
  interface AppLoadContext extends RoostLoadContext {}
}

export async function createLoadContext(
  request: Request,
  env: WebEnv,
  nonce: string,
  requestId?: string,
): Promise<RoostLoadContext> {
  const responseHeaders = new Headers();
  const secure = new URL(request.url).protocol === 'https:';
  const supabase = createServerClient<Database>(env.project.SUPABASE_URL, env.project.clientKey, {
    cookieOptions: { secure },
    // The request's id goes with every call to Supabase: the gateway keeps it, SQL and jobs see it.
    ...(requestId ? { global: { headers: { 'x-request-id': requestId } } } : {}),
    cookies: {
      getAll: () =>
        parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({ name, value: value ?? '' })),
      setAll: (cookies, cacheHeaders) => {
        for (const { name, value, options } of cookies) {
          responseHeaders.append('Set-Cookie', serializeCookieHeader(name, value, options));
        }
        // A response that carries tokens must never be cached for someone else.
        for (const [key, value] of Object.entries(cacheHeaders ?? {})) responseHeaders.set(key, value);
      },
    },
  });
  const { data } = await supabase.auth.getClaims();
  return { supabase, claims: data?.claims ?? null, nonce, browserEnv: env.browser, responseHeaders };
}
