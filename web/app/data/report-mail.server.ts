// "Mail me this report": the daily manager report (the dashboard's PDF) sent to the signed-in
// user's own address through the mail outbox (decision 029). The web server renders the email
// and the PDF from the figures it read as the user; public.mail_daily_report checks the caller
// may see the property, addresses it to them and limits how often.
import { formatDay } from '../../../shared/mail/format.ts';
import { pickLanguage } from '../../../shared/mail/i18n.ts';
import { renderManagerReportEmail } from '../../../shared/mail/templates/index.tsx';
import type { Dashboard } from '../routes/o.$org_.p.$property.dashboard/dashboard.server.ts';
import {
  type ReportHeading,
  renderManagerReport,
} from '../routes/o.$org_.p.$property.dashboard/manager-report.server.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { formatMoney } from '../utils/money.ts';
import { brandOf, getEmailBranding } from './email-branding.server.ts';
import type { Saved } from './properties.server.ts';

const LABELS = {
  en: {
    occupancy: 'Occupancy',
    movements: 'Arrivals / departures / in house',
    rooms: 'Room revenue',
    fnb: 'Food and beverage',
    covers: 'Covers booked / seated',
  },
  de: {
    occupancy: 'Belegung',
    movements: 'Anreisen / Abreisen / im Haus',
    rooms: 'Zimmerumsatz',
    fnb: 'Speisen und Getränke',
    covers: 'Gedecke gebucht / platziert',
  },
};

export interface ReportMailInput {
  organizationId: string;
  organizationLocale: string;
  propertyId: string;
  dashboard: Dashboard;
  heading: ReportHeading;
  /** Absolute URL of the dashboard, for the email's button. */
  dashboardUrl: string;
}

/** Queues the report to the caller; the outbox id, or the database's refusal. */
export async function mailDailyReport(supabase: Supabase, input: ReportMailInput): Promise<Saved<string>> {
  const language = pickLanguage(input.organizationLocale);
  const labels = LABELS[language];
  const { today } = input.dashboard;
  const money = (minor: number) => formatMoney(minor, input.heading.currency);
  const figures: [string, string][] = [];
  if (input.dashboard.hasRooms) {
    figures.push(
      [labels.occupancy, today.occupancy === null ? '-' : `${(today.occupancy * 100).toFixed(1)} %`],
      [labels.movements, `${today.arrivals} / ${today.departures} / ${today.inHouse}`],
      [labels.rooms, money(today.roomRevenueMinor)],
    );
  }
  if (input.dashboard.hasTables) figures.push([labels.covers, `${today.coversBooked} / ${today.coversSeated}`]);
  figures.push([labels.fnb, money(today.foodRevenueMinor + today.beverageRevenueMinor)]);

  const [branding, pdf] = await Promise.all([
    getEmailBranding(supabase, input.organizationId),
    renderManagerReport(input.dashboard, input.heading),
  ]);
  const mail = await renderManagerReportEmail({
    brand: brandOf(supabase, branding),
    language,
    propertyName: input.heading.propertyName,
    dayLabel: formatDay(input.heading.today, language),
    figures,
    dashboardUrl: input.dashboardUrl,
  });
  const { data, error } = await supabase.rpc('mail_daily_report', {
    p_property_id: input.propertyId,
    p_subject: mail.subject,
    p_html: mail.html,
    p_text: mail.text,
    p_pdf: Buffer.from(pdf).toString('base64'),
  });
  return error ? { error } : { row: data };
}
