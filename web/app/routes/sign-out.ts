// POST only: sign out of this device, or of every device (`scope=global` ends every session of
// the user, so their refresh tokens stop working everywhere).
import { type ActionFunctionArgs, redirect } from '@remix-run/node';

export function loader() {
  throw redirect('/');
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const scope = form.get('scope') === 'global' ? 'global' : 'local';
  // The cookies are cleared whatever Auth answers (an already ended session is still signed out).
  await context.supabase.auth.signOut({ scope });
  throw redirect(`/sign-in?notice=${scope === 'global' ? 'signed-out-everywhere' : 'signed-out'}`);
}
