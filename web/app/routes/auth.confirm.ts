// Where email links land. Auth's /verify sends a PKCE sign-up or magic link here with `?code=`
// (exchanged with the verifier cookie this browser holds); a link built from the token hash
// (`?token_hash=&type=`, Supabase's SSR email template) is verified directly. Either way the
// session cookies go out with the redirect to `next`, a path on this site.
//
// A change of address (`type=email_change`, put in the link by the account page) needs both
// links when double_confirm_changes is on: the first one followed comes back with neither a code
// nor an error (Auth's "confirm the other link too" is in the URL fragment, which no server
// sees), so it goes to the page that says so. After the second, Auth has moved the address even
// when this browser cannot exchange the code (another device): that page says so too.

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
  const emailChange = type === 'email_change';
  if (emailChange && url.searchParams.has('error')) throw redirect('/email-change?step=failed');
  if (code) {
    const ok = !(await context.supabase.auth.exchangeCodeForSession(code)).error;
    if (emailChange) throw redirect(ok ? next : '/email-change?step=done');
    throw redirect(ok ? next : '/sign-in?notice=link-invalid');
  }
  if (tokenHash && type && OTP_TYPES.includes(type)) {
    const { data, error } = await context.supabase.auth.verifyOtp({ type, token_hash: tokenHash });
    if (emailChange)
      throw redirect(error ? '/email-change?step=failed' : data.session ? next : '/email-change?step=first');
    throw redirect(error ? '/sign-in?notice=link-invalid' : next);
  }
  if (emailChange) throw redirect('/email-change?step=first');
  throw redirect('/sign-in?notice=link-invalid');
}
