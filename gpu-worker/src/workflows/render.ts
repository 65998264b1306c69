// How a workflow send becomes a message. The templates work (issue 17 item 1) provides
// `renderBookingMessage(sql, { template, bookingId, extra })` in shared/mail/booking-messages.ts;
// until it is there this folder renders a plain fallback with the same signature, so the
// sender, its tests and the portal's test-send work either way.
import type { Sql, TransactionSql } from 'postgres';

export interface RenderedBookingMessage {
  to: string | null;
  subject: string;
  html: string;
  text: string;
  template: string;
  from?: string;
  replyTo?: string;
  attachments?: unknown[];
}

export interface RenderBookingMessageInput {
  template: string;
  bookingId: string | null;
  extra?: Record<string, unknown>;
}

export type RenderBookingMessage = (
  sql: Sql | TransactionSql,
  input: RenderBookingMessageInput,
) => Promise<RenderedBookingMessage>;

const SUBJECTS: Record<string, string> = {
  booking_confirmation: 'Your booking {ref} is confirmed',
  booking_modified: 'Your booking {ref} has changed',
  booking_cancelled: 'Your booking {ref} is cancelled',
  pre_arrival_reminder: 'See you soon: booking {ref}',
  post_stay_thank_you: 'Thank you for staying with us',
  booking_receipt: 'Receipt for booking {ref}',
  order_ready: 'Your order is ready',
};

interface BookingFacts {
  reference: string;
  arrival_date: string;
  departure_date: string;
  guest_name: string | null;
  guest_email: string | null;
  property_name: string;
  resource_name: string;
}

/** A plain rendering of every workflow template (used until the React Email templates land). */
export const fallbackRenderBookingMessage: RenderBookingMessage = async (sql, { template, bookingId, extra }) => {
  const [facts] = bookingId
    ? await sql<BookingFacts[]>`
        select b.reference, b.arrival_date::text, b.departure_date::text, g.full_name as guest_name,
          g.email::text as guest_email, p.name as property_name, r.name as resource_name
        from public.bookings b
        join public.properties p on p.id = b.property_id
        join public.resources r on r.id = b.resource_id
        left join public.guests g on g.id = b.guest_id
        where b.id = ${bookingId}`
    : [];
  const f: BookingFacts = facts ?? {
    reference: 'SAMPLE00',
    arrival_date: '2027-01-01',
    departure_date: '2027-01-03',
    guest_name: 'Sample Guest',
    guest_email: null,
    property_name: 'Your property',
    resource_name: 'Room 1',
  };
  const subject = (SUBJECTS[template] ?? 'A message about your booking {ref}').replace('{ref}', f.reference);
  const lines = [
    `Hello ${f.guest_name ?? 'there'},`,
    `${f.property_name} · ${f.resource_name} · ${f.arrival_date} to ${f.departure_date} · booking ${f.reference}`,
  ];
  const unsubscribeUrl = typeof extra?.unsubscribeUrl === 'string' ? extra.unsubscribeUrl : null;
  const text = [...lines, ...(unsubscribeUrl ? [`Unsubscribe: ${unsubscribeUrl}`] : [])].join('\n\n');
  const body =
    lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    (unsubscribeUrl ? `<p><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>` : '');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${body}</body></html>`;
  return { to: f.guest_email, subject, html, text, template };
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
