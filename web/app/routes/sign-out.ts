// POST only: sign out of this device, or of every device (`scope=global` ends every session of
// the user, so their refresh tokens stop working everywhere).
import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { safeRedirectTo } from '../utils/redirect-to.ts';

export function loader() {
  throw redirect('/');
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const scope = form.get('scope') === 'global' ? 'global' : 'local';
  // The cookies are cleared whatever Auth answers (an already ended session is still signed out).
  await context.supabase.auth.signOut({ scope });
  const notice = scope === 'global' ? 'signed-out-everywhere' : 'signed-out';
  // A local redirectTo (an invitation opened under the wrong account) survives to the next sign-in.
  const redirectTo = safeRedirectTo(form.get('redirectTo'), '');
  throw redirect(`/sign-in?${new URLSearchParams(redirectTo ? { notice, redirectTo } : { notice })}`);
}
