// A property's bookings as the no-show model sees them: every booking that is not an expired hold, with
// the local date it was made (lead time), its guest (for the guest's earlier record) and whether money was on
// its folio before the local arrival day (a deposit; a payment at the desk on the day is not one).
import type { Sql } from 'postgres';
import { PredictionError } from '../forecast/errors.ts';
import type { BookingRow } from './features.ts';

/** `today` (YYYY-MM-DD) stands for now when deciding which holds expired (benchmarks read a fixed day). */
export async function loadBookingHistory(
  sql: Sql,
  propertyId: string,
  options: { today?: string } = {},
): Promise<BookingRow[]> {
  const [property] = await sql`select 1 from public.properties where id = ${propertyId}`;
  if (!property) throw new PredictionError('property_not_found', `property ${propertyId} does not exist`);
  const rows = await sql<(Omit<BookingRow, 'totalMinor'> & { totalMinor: string })[]>`
    select b.id::text as "bookingId", b.guest_id::text as "guestId", b.status::text as status,
      b.arrival_date::text as "arrivalDate", b.departure_date::text as "departureDate",
      (b.created_at at time zone p.time_zone)::date::text as "bookedDate",
      b.party_size as "partySize", b.source::text as source, b.total_minor::text as "totalMinor",
      coalesce((
        select sum(-e.amount_minor) > 0 from public.folios f
        join public.folio_entries e on e.organization_id = f.organization_id and e.folio_id = f.id
          and e.kind in ('payment', 'refund')
        where f.booking_id = b.id and e.created_at < b.arrival_date::timestamp at time zone p.time_zone
      ), false) as "depositPaid"
    from public.bookings b join public.properties p on p.id = b.property_id
    where b.property_id = ${propertyId} and (b.status <> 'held'
      or b.hold_expires_at > coalesce(${options.today ?? null}::date at time zone p.time_zone, now()))
    order by b.arrival_date, b.id`;
  return rows.map((row) => ({ ...row, totalMinor: Number(row.totalMinor) }));
}
