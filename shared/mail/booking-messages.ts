// The guest's booking emails, rendered from the database: `renderBookingMessage(sql, { template,
// bookingId, extra })` loads the booking, its guest (language), property and organization
// (branding) with the connection it is given (the service role or the postgres role; a
// transaction to read what it has written so far) and returns what `enqueueMail` takes.
// Callers: the workflow jobs (gpu-worker/src/workflows), the portal's test-send and previews.
import type { Sql, TransactionSql } from 'postgres';
import { renderInvoicePdf } from '../pdf/invoice.ts';
import { type Brand, brandFromOrganization, DEFAULT_SENDER, fromHeader } from './brand.ts';
import { type Language, pickLanguage } from './i18n.ts';
import { bookingIcs } from './ics.ts';
import { loadTemplates } from './load.ts';
import { BOOKING_TEMPLATES, type BookingTemplate } from './template-names.ts';
import type { BookingEmailData } from './templates/booking.tsx';

export { BOOKING_TEMPLATES, type BookingTemplate } from './template-names.ts';

/** A file for `enqueueMail`'s `attachments` (content in base64, so a job payload can carry it). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface BookingMessage {
  /** The guest's address; '' when the guest has none (the caller then picks a recipient). */
  to: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  attachments?: MailAttachment[];
  /** `"<sender name>" <address of MAIL_FROM>`: the organization names the sender. */
  from?: string;
  replyTo?: string;
}

export interface BookingMessageInput {
  template: BookingTemplate;
  /** null: a sample booking (a test send without a booking); extra.organizationId brands it. */
  bookingId: string | null;
  /** `orderId` for order_ready; `unsubscribeUrl` for marketing mail; `organizationId` for samples. */
  extra?: Record<string, unknown>;
}

export interface BookingMessageOptions {
  /** Public Storage URL for logos (default `${SUPABASE_URL}/storage/v1`). */
  storageUrl?: string;
  /** The installation's sender (default MAIL_FROM, else Roost's). */
  defaultFrom?: string;
  now?: Date;
}

/** A booking email that cannot be rendered: `code` is stable. */
export class BookingMessageError extends Error {
  readonly code: 'invalid_template' | 'booking_not_found' | 'order_not_found';
  constructor(code: BookingMessageError['code'], message: string) {
    super(`${code}: ${message}`);
    this.name = 'BookingMessageError';
    this.code = code;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface BookingRow {
  id: string;
  reference: string;
  arrival_date: string;
  departure_date: string;
  starts_at: Date;
  ends_at: Date;
  party_size: number;
  currency: string;
  total_minor: string;
  cancellation_fee_minor: string | null;
  cancellation_reason: string | null;
  sequence: number;
  resource_name: string;
  property_name: string;
  time_zone: string;
  address: Record<string, unknown>;
  organization_id: string;
  organization_name: string;
  organization_locale: string;
  logo_path: string | null;
  email_brand_color: string | null;
  email_sender_name: string | null;
  email_reply_to: string | null;
  guest_name: string | null;
  guest_email: string | null;
  guest_language: string | null;
}

type Db = Sql | TransactionSql;

function env(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return process?.env?.[name];
}

function addressLine(address: Record<string, unknown>): string | undefined {
  const part = (key: string) => (typeof address[key] === 'string' ? (address[key] as string).trim() : '');
  const city = [part('postal_code'), part('city')].filter(Boolean).join(' ');
  const line = [part('line1'), part('line2'), city].filter(Boolean).join(', ');
  return line || undefined;
}

async function loadBooking(sql: Db, bookingId: string): Promise<BookingRow | undefined> {
  const [row] = await sql<BookingRow[]>`
    select b.id, b.reference, b.arrival_date::text as arrival_date, b.departure_date::text as departure_date,
      lower(b.period) as starts_at, upper(b.period) as ends_at, b.party_size, b.currency,
      b.total_minor::text as total_minor, b.cancellation_fee_minor::text as cancellation_fee_minor,
      b.cancellation_reason,
      greatest(0, floor(extract(epoch from b.updated_at - b.created_at)))::int as sequence,
      r.name as resource_name, p.name as property_name, p.time_zone, p.address,
      o.id as organization_id, o.name as organization_name, o.locale as organization_locale, o.logo_path,
      o.email_brand_color, o.email_sender_name, o.email_reply_to::text as email_reply_to,
      g.full_name as guest_name, g.email::text as guest_email, g.language as guest_language
    from public.bookings b
    join public.resources r on r.id = b.resource_id
    join public.properties p on p.id = b.property_id
    join public.organizations o on o.id = b.organization_id
    left join public.guests g on g.id = b.guest_id
    where b.id = ${bookingId}`;
  return row;
}

async function loadOrder(sql: Db, orderId: unknown, bookingId: string | null): Promise<BookingEmailData['order']> {
  if (typeof orderId !== 'string' || !UUID.test(orderId)) {
    throw new BookingMessageError('order_not_found', 'order_ready needs extra.orderId, the id of an order.');
  }
  const [order] = await sql<{ booking_id: string | null; total_minor: string }[]>`
    select booking_id, total_minor::text as total_minor from public.orders where id = ${orderId}`;
  if (!order || (bookingId !== null && order.booking_id !== bookingId)) {
    throw new BookingMessageError('order_not_found', 'No such order for this booking.');
  }
  const items = await sql<{ name: string; quantity: number; total_minor: string }[]>`
    select item_name as name, quantity, line_total_minor::text as total_minor
    from public.order_items
    where order_id = ${orderId} and status <> 'voided'
    order by created_at, id`;
  return {
    items: items.map((item) => ({ name: item.name, quantity: item.quantity, totalMinor: Number(item.total_minor) })),
    totalMinor: Number(order.total_minor),
  };
}

interface Receipt {
  summary: NonNullable<BookingEmailData['receipt']>;
  pdf: Uint8Array;
}

/** The booking's folio as the invoice PDF the folio screen downloads; undefined without a folio. */
async function loadReceipt(sql: Db, row: BookingRow, now: Date): Promise<Receipt | undefined> {
  const [folio] = await sql<
    {
      id: string;
      status: string;
      currency: string;
      balance_minor: string;
      charges_minor: string;
      settled_at: Date | null;
    }[]
  >`
    select id, status::text as status, currency, balance_minor::text as balance_minor,
      charges_minor::text as charges_minor, settled_at
    from public.folios where booking_id = ${row.id}`;
  if (!folio) return undefined;
  const entries = await sql<
    {
      kind: string;
      amount_minor: string;
      tax_minor: string;
      description: string;
      night: string | null;
      created_at: Date;
    }[]
  >`
    select kind::text as kind, amount_minor::text as amount_minor, tax_minor::text as tax_minor, description,
      night::text as night, created_at
    from public.folio_entries where folio_id = ${folio.id}
    order by created_at, night nulls last, id`;
  let balance = 0;
  let paid = 0;
  const withBalance = entries.map((entry) => {
    const amount = Number(entry.amount_minor);
    balance += amount;
    if (entry.kind === 'payment') paid -= amount;
    if (entry.kind === 'refund') paid -= amount;
    return {
      kind: entry.kind,
      amount_minor: amount,
      tax_minor: Number(entry.tax_minor),
      balance_minor: balance,
      description: entry.description,
      night: entry.night,
      created_at: entry.created_at.toISOString(),
    };
  });
  const invoiceNumber = `${row.reference}-${folio.id.slice(0, 4).toUpperCase()}`;
  const issuedOn = new Intl.DateTimeFormat('en-CA', { timeZone: row.time_zone }).format(folio.settled_at ?? now);
  const pdf = await renderInvoicePdf(
    {
      id: folio.id,
      status: folio.status,
      currency: folio.currency,
      balance_minor: Number(folio.balance_minor),
      booking: {
        reference: row.reference,
        arrival_date: row.arrival_date,
        departure_date: row.departure_date,
        party_size: row.party_size,
        resource_name: row.resource_name,
      },
      guest: row.guest_name ? { full_name: row.guest_name, email: row.guest_email } : null,
      entries: withBalance,
    },
    {
      organizationName: row.organization_name,
      propertyName: row.property_name,
      timeZone: row.time_zone,
      invoiceNumber,
      issuedOn,
    },
  );
  return {
    summary: {
      invoiceNumber,
      chargesMinor: Number(folio.charges_minor),
      paidMinor: paid,
      balanceMinor: Number(folio.balance_minor),
    },
    pdf,
  };
}

function base64(bytes: Uint8Array | string): string {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A booking nobody made: what a test send without a booking shows (and the previews). */
export function sampleBookingRow(organization?: Partial<BookingRow>): BookingRow {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    reference: 'SAMPLE23',
    arrival_date: '2027-03-12',
    departure_date: '2027-03-14',
    starts_at: new Date('2027-03-12T15:00:00Z'),
    ends_at: new Date('2027-03-14T11:00:00Z'),
    party_size: 2,
    currency: 'EUR',
    total_minor: '38000',
    cancellation_fee_minor: '9500',
    cancellation_reason: null,
    sequence: 0,
    resource_name: 'Room 12',
    property_name: 'Your property',
    time_zone: 'UTC',
    address: {},
    organization_id: '00000000-0000-4000-8000-000000000000',
    organization_name: 'Roost',
    organization_locale: 'en',
    logo_path: null,
    email_brand_color: null,
    email_sender_name: null,
    email_reply_to: null,
    guest_name: 'Alex Sample',
    guest_email: null,
    guest_language: null,
    ...organization,
  };
}

async function sampleRow(sql: Db, organizationId: unknown): Promise<BookingRow> {
  if (typeof organizationId !== 'string' || !UUID.test(organizationId)) return sampleBookingRow();
  const [org] = await sql<Partial<BookingRow>[]>`
    select o.id as organization_id, o.name as organization_name, o.locale as organization_locale, o.logo_path,
      o.email_brand_color, o.email_sender_name, o.email_reply_to::text as email_reply_to,
      coalesce(p.name, o.name) as property_name, coalesce(p.time_zone, o.time_zone) as time_zone,
      coalesce(p.currency, o.currency) as currency
    from public.organizations o
    left join lateral (select name, time_zone, currency from public.properties where organization_id = o.id
      order by created_at limit 1) p on true
    where o.id = ${organizationId}`;
  return sampleBookingRow(org ?? {});
}

export async function renderBookingMessage(
  sql: Db,
  input: BookingMessageInput,
  options: BookingMessageOptions = {},
): Promise<BookingMessage> {
  const { template, bookingId, extra = {} } = input;
  if (!(BOOKING_TEMPLATES as readonly string[]).includes(template)) {
    throw new BookingMessageError('invalid_template', `Unknown booking template ${String(template)}.`);
  }
  let row: BookingRow | undefined;
  if (bookingId === null) row = await sampleRow(sql, extra.organizationId);
  else if (UUID.test(bookingId)) row = await loadBooking(sql, bookingId);
  if (!row) throw new BookingMessageError('booking_not_found', 'No such booking.');

  const now = options.now ?? new Date();
  const supabaseUrl = env('SUPABASE_URL');
  const storageUrl = options.storageUrl ?? (supabaseUrl ? `${supabaseUrl.replace(/\/+$/, '')}/storage/v1` : undefined);
  const brand: Brand = brandFromOrganization(
    {
      name: row.organization_name,
      logo_path: row.logo_path,
      email_brand_color: row.email_brand_color,
      email_sender_name: row.email_sender_name,
      email_reply_to: row.email_reply_to,
    },
    storageUrl,
  );
  const language: Language = pickLanguage(row.guest_language ?? row.organization_locale);
  const attachments: MailAttachment[] = [];
  const calendar =
    template === 'booking_confirmation' || template === 'booking_modified' || template === 'booking_cancelled';
  if (calendar) {
    const cancelled = template === 'booking_cancelled';
    const ics = bookingIcs({
      bookingId: row.id,
      summary: `${row.property_name}: ${row.resource_name} (${row.reference})`,
      location: [row.property_name, addressLine(row.address)].filter(Boolean).join(', '),
      description: `Booking ${row.reference}, ${row.party_size} guest(s).`,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      sequence: row.sequence,
      cancelled,
      organizer: brand.replyTo ? { name: brand.senderName, email: brand.replyTo } : undefined,
      now,
    });
    attachments.push({
      filename: `booking-${row.reference}.ics`,
      contentType: `text/calendar; method=${cancelled ? 'CANCEL' : 'PUBLISH'}`,
      content: base64(ics),
    });
  }
  const receipt = template === 'booking_receipt' && bookingId !== null ? await loadReceipt(sql, row, now) : undefined;
  if (receipt) {
    attachments.push({
      filename: `invoice-${receipt.summary.invoiceNumber}.pdf`,
      contentType: 'application/pdf',
      content: base64(receipt.pdf),
    });
  }
  const order =
    template === 'order_ready'
      ? bookingId === null && extra.orderId === undefined
        ? { items: [{ name: 'Club sandwich', quantity: 2, totalMinor: 2800 }], totalMinor: 2800 }
        : await loadOrder(sql, extra.orderId, bookingId)
      : undefined;

  const data: BookingEmailData = {
    brand,
    language,
    guestName: row.guest_name ?? 'Guest',
    property: { name: row.property_name, timeZone: row.time_zone, address: addressLine(row.address) },
    booking: {
      reference: row.reference,
      resourceName: row.resource_name,
      arrivalDate: row.arrival_date,
      departureDate: row.departure_date,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      partySize: row.party_size,
      currency: row.currency,
      totalMinor: Number(row.total_minor),
      cancellationFeeMinor: row.cancellation_fee_minor === null ? null : Number(row.cancellation_fee_minor),
      cancellationReason: row.cancellation_reason,
    },
    receipt: receipt?.summary,
    order,
    withCalendar: calendar && template !== 'booking_cancelled',
    unsubscribeUrl: typeof extra.unsubscribeUrl === 'string' ? extra.unsubscribeUrl : undefined,
    dataRequestUrl: typeof extra.dataRequestUrl === 'string' ? extra.dataRequestUrl : undefined,
  };
  const { renderBookingEmail } = await loadTemplates();
  const mail = await renderBookingEmail(template, data);
  return {
    to: row.guest_email ?? '',
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    template: mail.template,
    ...(attachments.length > 0 ? { attachments } : {}),
    from: fromHeader(brand, options.defaultFrom ?? env('MAIL_FROM') ?? DEFAULT_SENDER),
    ...(brand.replyTo ? { replyTo: brand.replyTo } : {}),
  };
}
