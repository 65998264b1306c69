// A vendor quote's attachment (PDF or image), downloaded by managers of the property: RLS on
// vendor_quotes decides who may read it; sent as an attachment, never rendered inline.
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { getQuoteAttachment } from '../data/vendors.server.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';

export async function loader(args: LoaderFunctionArgs) {
  await requireStaffProperty(args, 'manager');
  const file = await getQuoteAttachment(args.context.supabase, args.params.quote ?? '');
  if (!file) throw data({ message: 'No such attachment.' }, { status: 404 });
  const safeName = file.name.replace(/[^\w.\- ]+/g, '_');
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'Content-Type': file.type,
      'Content-Disposition': `attachment; filename="${safeName}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
