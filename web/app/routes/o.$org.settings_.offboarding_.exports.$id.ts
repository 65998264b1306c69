// The zip of an organization export (owners), read from Storage as the user: the exports bucket
// lets owners read their organization's folder only, and the row must be a finished export of it.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { downloadExport, getExport } from '../data/offboarding.server.ts';
import { requireMember } from '../utils/auth.server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'owner');
  const id = params.id ?? '';
  const found = UUID.test(id) ? await getExport(context.supabase, organization.id, id) : null;
  if (found?.status !== 'succeeded' || !found.object_name) {
    throw data({ message: 'No such export, or it is not ready.' }, { status: 404 });
  }
  const zip = await downloadExport(context.supabase, found.object_name);
  if (!zip) throw data({ message: 'The export file is no longer stored.' }, { status: 404 });
  const day = found.created_at.slice(0, 10);
  return new Response(zip, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="roost-export-${organization.slug}-${day}.zip"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
