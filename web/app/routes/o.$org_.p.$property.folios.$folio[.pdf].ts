// A folio's invoice as a PDF, generated on the server as the signed-in user (RLS decides the
// folio as on the screen): staff of the property, 404 for a folio they cannot see.
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { getFolio } from '../data/folios.server.ts';
import { renderInvoicePdf } from '../data/invoice-pdf.server.ts';
import { todayIn } from '../utils/calendar-dates.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args);
  const folio = await getFolio(args.context.supabase, property.id, args.params.folio ?? '');
  if (!folio) throw data({ message: 'No such folio at this property.' }, { status: 404 });
  // The booking's reference names the invoice; a tab's folio its id.
  const invoiceNumber = folio.booking
    ? `${folio.booking.reference}-${folio.id.slice(0, 4).toUpperCase()}`
    : folio.id.slice(0, 8);
  const issuedOn = folio.settled_at
    ? todayIn(property.time_zone, new Date(folio.settled_at))
    : todayIn(property.time_zone);
  const pdf = await renderInvoicePdf(folio, {
    organizationName: organization.name,
    propertyName: property.name,
    timeZone: property.time_zone,
    invoiceNumber,
    issuedOn,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="invoice-${invoiceNumber}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
