// The zip of a guest export (admins), read from Storage as the user: the guest-exports bucket lets
// admins read their organization's folder only, and the row must be a finished export of the guest.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { downloadGuestExport, getGuestDataRequest } from '../data/guest-data-requests.server.ts';
import { requireMember } from '../utils/auth.server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMember(request, context, params.org, 'admin');
  const guestId = params.id ?? '';
  const id = params.request ?? '';
  const found = UUID.test(id) && UUID.test(guestId) ? await getGuestDataRequest(context.supabase, guestId, id) : null;
  if (found?.kind !== 'export' || found.status !== 'succeeded' || !found.object_name) {
    throw data({ message: 'No such export, or it is not ready.' }, { status: 404 });
  }
  const zip = await downloadGuestExport(context.supabase, found.object_name);
  if (!zip) throw data({ message: 'The export file is no longer stored.' }, { status: 404 });
  return new Response(zip, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="guest-data-${found.created_at.slice(0, 10)}.zip"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
