// Where email links land. Auth's /verify sends a PKCE sign-up or magic link here with `?code=`
// (exchanged with the verifier cookie this browser holds); a link built from the token hash
// (`?token_hash=&type=`, Supabase's SSR email template) is verified directly. Either way the
// session cookies go out with the redirect to `next`, a path on this site.

import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import type { EmailOtpType } from '@supabase/supabase-js';
import { safeRedirectTo } from '../utils/redirect-to.ts';

const OTP_TYPES: readonly EmailOtpType[] = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const next = safeRedirectTo(url.searchParams.get('next'));
  const code = url.searchParams.get('code');
  const tokenHash = url.searchParams.get('token_hash');
  const type = url.searchParams.get('type') as EmailOtpType | null;
  let ok = false;
  if (code) {
    ok = !(await context.supabase.auth.exchangeCodeForSession(code)).error;
  } else if (tokenHash && type && OTP_TYPES.includes(type)) {
    ok = !(await context.supabase.auth.verifyOtp({ type, token_hash: tokenHash })).error;
  }
  throw redirect(ok ? next : '/sign-in?notice=link-invalid');
}
