/** @jsxImportSource react */
// The guest's booking emails: confirmation, modification, cancellation (with the fee), the
// reminder before arrival, the thank-you after the stay, the receipt and "your order is ready".
// One component: the templates differ in title, introduction and which details they show.
import { Link, Text } from '@react-email/components';
import type { Brand } from '../brand.ts';
import { formatDay, formatDayTime, formatMoney, formatTime } from '../format.ts';
import { CATALOGUES, type Language } from '../i18n.ts';
import type { BookingTemplate } from '../template-names.ts';
import { Details, Frame, small, text } from './frame.tsx';
import { type RenderedMail, renderMail } from './render.ts';

export { BOOKING_TEMPLATES, type BookingTemplate } from '../template-names.ts';

/** Everything a booking email shows, already loaded (booking-messages.ts reads it from the database). */
export interface BookingEmailData {
  brand: Brand;
  language: Language;
  guestName: string;
  property: { name: string; timeZone: string; address?: string | undefined };
  booking: {
    reference: string;
    resourceName: string;
    /** Local calendar days; equal for a slot (a table, a space). */
    arrivalDate: string;
    departureDate: string;
    /** The booked period's instants (check-in and check-out, or the slot). */
    startsAt: Date;
    endsAt: Date;
    partySize: number;
    currency: string;
    totalMinor: number;
    cancellationFeeMinor?: number | null | undefined;
    cancellationReason?: string | null | undefined;
  };
  receipt?: { invoiceNumber: string; chargesMinor: number; paidMinor: number; balanceMinor: number } | undefined;
  order?: { items: { name: string; quantity: number; totalMinor: number }[]; totalMinor: number } | undefined;
  /** True when an .ics file is attached (the email says so). */
  withCalendar?: boolean | undefined;
  /** Marketing emails (the thank-you) carry the guest's unsubscribe link. */
  unsubscribeUrl?: string | undefined;
  /** The confirmation links the self-service data request page (`/data-request`, decision 037). */
  dataRequestUrl?: string | undefined;
}

function stayRows(data: BookingEmailData): [string, string][] {
  const t = CATALOGUES[data.language];
  const { booking, property, language } = data;
  const money = (minor: number) => formatMoney(minor, booking.currency, language);
  const rows: [string, string][] = [
    [t.details.reference, booking.reference],
    [t.details.property, property.address ? `${property.name}, ${property.address}` : property.name],
    [t.details.resource, booking.resourceName],
  ];
  if (booking.arrivalDate === booking.departureDate) {
    const until = formatTime(booking.endsAt, property.timeZone, language);
    rows.push([t.details.when, `${formatDayTime(booking.startsAt, property.timeZone, language)} – ${until}`]);
  } else {
    rows.push(
      [
        t.details.arrival,
        `${formatDay(booking.arrivalDate, language)}, ${t.from(formatTime(booking.startsAt, property.timeZone, language))}`,
      ],
      [
        t.details.departure,
        `${formatDay(booking.departureDate, language)}, ${t.until(formatTime(booking.endsAt, property.timeZone, language))}`,
      ],
    );
  }
  rows.push([t.details.guests, String(booking.partySize)], [t.details.total, money(booking.totalMinor)]);
  return rows;
}

function Body({ template, data }: { template: BookingTemplate; data: BookingEmailData }) {
  const t = CATALOGUES[data.language];
  const money = (minor: number) => formatMoney(minor, data.booking.currency, data.language);
  switch (template) {
    case 'booking_cancelled': {
      const c = t.booking_cancelled;
      const fee = data.booking.cancellationFeeMinor ?? 0;
      return (
        <>
          <Text style={text}>{c.intro}</Text>
          <Details rows={stayRows(data).slice(0, -1)} />
          <Text style={{ ...text, fontWeight: 600 }}>{fee > 0 ? c.fee(money(fee)) : c.noFee}</Text>
          {data.booking.cancellationReason ? (
            <Text style={small}>{c.reason(data.booking.cancellationReason)}</Text>
          ) : null}
        </>
      );
    }
    case 'booking_receipt': {
      const r = t.booking_receipt;
      const receipt = data.receipt;
      return (
        <>
          <Text style={text}>{r.intro}</Text>
          <Details
            rows={[
              ...stayRows(data).slice(0, -1),
              ...(receipt
                ? ([
                    [r.invoice, receipt.invoiceNumber],
                    [r.charges, money(receipt.chargesMinor)],
                    [r.paid, money(receipt.paidMinor)],
                    [r.balance, money(receipt.balanceMinor)],
                  ] as [string, string][])
                : []),
            ]}
          />
        </>
      );
    }
    case 'order_ready': {
      const o = t.order_ready;
      const items = data.order?.items ?? [];
      return (
        <>
          <Text style={text}>{o.intro}</Text>
          <Details
            amounts
            rows={[
              ...items.map((item) => [`${item.quantity} × ${item.name}`, money(item.totalMinor)] as [string, string]),
              [t.details.total, money(data.order?.totalMinor ?? 0)],
            ]}
          />
          <Text style={small}>
            {t.details.reference}: {data.booking.reference} · {data.booking.resourceName}
          </Text>
        </>
      );
    }
    case 'post_stay_thank_you':
      return (
        <>
          <Text style={text}>{t.post_stay_thank_you.intro}</Text>
          <Text style={small}>
            {t.details.reference}: {data.booking.reference}
          </Text>
        </>
      );
    default:
      return (
        <>
          <Text style={text}>{t[template].intro}</Text>
          <Details rows={stayRows(data)} />
          {data.withCalendar ? <Text style={small}>{t.calendarHint}</Text> : null}
        </>
      );
  }
}

export function BookingEmail({ template, data }: { template: BookingTemplate; data: BookingEmailData }) {
  const t = CATALOGUES[data.language];
  return (
    <Frame
      brand={data.brand}
      language={data.language}
      preview={preview(template, data)}
      title={t[template].title}
      footer={t.footer(data.brand.name)}
    >
      <Text style={text}>{t.hello(data.guestName)}</Text>
      <Body template={template} data={data} />
      {data.brand.replyTo ? <Text style={small}>{t.replyHint}</Text> : null}
      {template === 'booking_confirmation' && data.dataRequestUrl ? (
        <Text style={small}>
          <Link href={data.dataRequestUrl} style={{ color: small.color, textDecoration: 'underline' }}>
            {t.dataRequest}
          </Link>
        </Text>
      ) : null}
      {data.unsubscribeUrl ? (
        <Text style={small}>
          <Link href={data.unsubscribeUrl} style={{ color: small.color, textDecoration: 'underline' }}>
            {t.unsubscribe}
          </Link>
        </Text>
      ) : null}
    </Frame>
  );
}

function preview(template: BookingTemplate, data: BookingEmailData): string {
  const t = CATALOGUES[data.language];
  const { booking, property, language } = data;
  switch (template) {
    case 'booking_confirmation':
    case 'booking_modified':
    case 'post_stay_thank_you':
      return t[template].preview(property.name);
    case 'booking_cancelled':
      return t.booking_cancelled.preview(booking.reference);
    case 'pre_arrival_reminder':
      return t.pre_arrival_reminder.preview(formatDay(booking.arrivalDate, language));
    case 'booking_receipt':
      return t.booking_receipt.preview(formatMoney(booking.totalMinor, booking.currency, language));
    case 'order_ready':
      return t.order_ready.preview(data.order?.items.reduce((n, item) => n + item.quantity, 0) ?? 0);
  }
}

export function bookingSubject(template: BookingTemplate, data: BookingEmailData): string {
  const t = CATALOGUES[data.language];
  const { property, booking } = data;
  switch (template) {
    case 'booking_confirmation':
    case 'booking_modified':
    case 'booking_cancelled':
    case 'booking_receipt':
      return t[template].subject(property.name, booking.reference);
    case 'pre_arrival_reminder':
    case 'post_stay_thank_you':
    case 'order_ready':
      return t[template].subject(property.name);
  }
}

export function renderBookingEmail(template: BookingTemplate, data: BookingEmailData): Promise<RenderedMail> {
  return renderMail(<BookingEmail template={template} data={data} />, bookingSubject(template, data), template);
}
