// Fixed example data for every template: the portal's preview (in the organization's branding)
// and the snapshot and screenshot tests render these. Imports the .tsx templates directly, so
// only Vite (the web app) and Vitest use it; Node code renders through load.ts.
import type { Brand } from './brand.ts';
import type { Language } from './i18n.ts';
import {
  AUTH_TEMPLATES,
  BOOKING_TEMPLATES,
  type BookingEmailData,
  type BookingTemplate,
  type RenderedMail,
  renderAuthEmail,
  renderBookingEmail,
  renderInvitationEmail,
  renderManagerReportEmail,
} from './templates/index.tsx';

export const PREVIEW_TEMPLATES = [...BOOKING_TEMPLATES, 'invitation', ...AUTH_TEMPLATES, 'manager_report'] as const;
export type PreviewTemplate = (typeof PREVIEW_TEMPLATES)[number];

/** What the portal calls each template. */
export const TEMPLATE_TITLES: Record<PreviewTemplate, string> = {
  booking_confirmation: 'Booking confirmation',
  booking_modified: 'Booking changed',
  booking_cancelled: 'Booking cancelled',
  pre_arrival_reminder: 'Reminder before arrival',
  post_stay_thank_you: 'Thank you after the stay',
  booking_receipt: 'Receipt (invoice PDF)',
  order_ready: 'Order ready',
  invitation: 'Staff invitation',
  confirm_signup: 'Sign-up confirmation',
  magic_link: 'Magic link',
  recovery: 'Password reset',
  email_change: 'Email change',
  invite: 'Account invitation (Auth)',
  reauthentication: 'Reauthentication code',
  manager_report: 'Daily manager report',
};

/** Who receives it and what it carries, for the portal's list. */
export const TEMPLATE_NOTES: Record<PreviewTemplate, string> = {
  booking_confirmation: 'Guest · with the booking as a calendar file (.ics)',
  booking_modified: 'Guest · with the updated calendar file',
  booking_cancelled: 'Guest · with the cancellation fee',
  pre_arrival_reminder: 'Guest · sent by a workflow before arrival',
  post_stay_thank_you: 'Guest · marketing: needs consent, has an unsubscribe link',
  booking_receipt: 'Guest · with the invoice as a PDF',
  order_ready: 'Guest · when a room-service order is ready',
  invitation: 'New staff member · Roost branding with your name',
  confirm_signup: 'User · Roost branding',
  magic_link: 'User · Roost branding',
  recovery: 'User · Roost branding',
  email_change: 'User · Roost branding',
  invite: 'User · Roost branding',
  reauthentication: 'User · Roost branding',
  manager_report: 'Manager · with the daily report as a PDF',
};

export function sampleBookingData(
  brand: Brand,
  language: Language,
  propertyName = 'Harbour View Hotel',
): BookingEmailData {
  return {
    brand,
    language,
    guestName: 'Ana Costa',
    property: { name: propertyName, timeZone: 'Europe/Lisbon', address: 'Rua do Cais 12, Lisboa' },
    booking: {
      reference: 'K7M2Q9XD',
      resourceName: 'Room 204 · Double',
      arrivalDate: '2027-03-12',
      departureDate: '2027-03-14',
      startsAt: new Date('2027-03-12T15:00:00Z'),
      endsAt: new Date('2027-03-14T11:00:00Z'),
      partySize: 2,
      currency: 'EUR',
      totalMinor: 38_000,
      cancellationFeeMinor: 9_500,
      cancellationReason: 'Change of travel plans',
    },
    receipt: { invoiceNumber: 'K7M2Q9XD-3F1A', chargesMinor: 41_250, paidMinor: 41_250, balanceMinor: 0 },
    order: {
      items: [
        { name: 'Club sandwich', quantity: 2, totalMinor: 2_800 },
        { name: 'Sparkling water 0.75 l', quantity: 1, totalMinor: 450 },
      ],
      totalMinor: 3_250,
    },
    withCalendar: true,
    unsubscribeUrl: 'https://example.test/unsubscribe/sample',
  };
}

const isBooking = (name: PreviewTemplate): name is BookingTemplate =>
  (BOOKING_TEMPLATES as readonly string[]).includes(name);

export function renderSample(
  name: PreviewTemplate,
  brand: Brand,
  language: Language,
  propertyName?: string,
): Promise<RenderedMail> {
  if (isBooking(name)) {
    const data = sampleBookingData(brand, language, propertyName);
    return renderBookingEmail(name, {
      ...data,
      withCalendar: name === 'booking_confirmation' || name === 'booking_modified',
      unsubscribeUrl: name === 'post_stay_thank_you' ? data.unsubscribeUrl : undefined,
    });
  }
  if (name === 'invitation') {
    return renderInvitationEmail({
      organizationName: brand.name,
      role: 'staff',
      acceptUrl: 'https://app.example.test/invitations/accept?token=sample',
      inviterName: 'Marta Silva',
      expiresAt: new Date('2027-03-19T10:00:00Z'),
      language,
    });
  }
  if (name === 'manager_report') {
    return renderManagerReportEmail({
      brand,
      language,
      propertyName: propertyName ?? 'Harbour View Hotel',
      dayLabel: language === 'de' ? 'Fr., 12. März 2027' : 'Fri, 12 Mar 2027',
      figures:
        language === 'de'
          ? [
              ['Belegung', '82 %'],
              ['Anreisen', '14'],
              ['Abreisen', '11'],
              ['Umsatz', '6.420,00 €'],
            ]
          : [
              ['Occupancy', '82%'],
              ['Arrivals', '14'],
              ['Departures', '11'],
              ['Revenue', '€6,420.00'],
            ],
      dashboardUrl: 'https://app.example.test/o/harbour/p/hotel/dashboard',
    });
  }
  return renderAuthEmail(name, {
    confirmationUrl:
      name === 'reauthentication' ? undefined : `https://app.example.test/auth/v1/verify?token=sample&type=${name}`,
    token: '482913',
    email: 'ana@example.test',
    newEmail: 'ana.costa@example.test',
    language,
  });
}
