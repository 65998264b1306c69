// Fixed example data for every template: the portal's preview (in the organization's branding)
// and the snapshot and screenshot tests render these. Imports the .tsx templates directly, so
// only Vite (the web app) and Vitest use it; Node code renders through load.ts.
import type { Brand } from './brand.ts';
import type { Language } from './i18n.ts';
import { BOOKING_TEMPLATES, type PreviewTemplate } from './template-names.ts';
import {
  type BookingEmailData,
  type BookingTemplate,
  type RenderedMail,
  renderAuthEmail,
  renderBookingEmail,
  renderInvitationEmail,
  renderManagerReportEmail,
} from './templates/index.tsx';

export { PREVIEW_TEMPLATES, type PreviewTemplate, TEMPLATE_NOTES, TEMPLATE_TITLES } from './template-names.ts';

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
    dataRequestUrl: 'https://example.test/data-request',
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
      brand: { ...brand, logoUrl: undefined },
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
