// A folio's invoice as a PDF (pdf-writer.ts: A4, standard Helvetica, unencodable text as
// '?'), a new page every 30 entries or so. Shared: the web app's download and the receipt email's
// attachment (shared/mail/booking-messages.ts) are the same document.
import { createPdfWriter, MARGIN } from './pdf-writer.ts';

/** What the invoice shows of a folio (web/app/data/folios.server.ts's Folio has this shape). */
export interface InvoiceFolio {
  id: string;
  status: string;
  currency: string;
  balance_minor: number;
  booking: {
    reference: string;
    arrival_date: string;
    departure_date: string;
    party_size: number;
    resource_name: string;
  } | null;
  guest: { full_name: string; email: string | null } | null;
  entries: {
    kind: string;
    amount_minor: number;
    tax_minor: number;
    balance_minor: number;
    description: string;
    night: string | null;
    created_at: string;
  }[];
}

// The web app's formats (web/app/utils/money.ts, calendar-dates.ts), which shared/ cannot import.
function formatMoney(minor: number, currency: string): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
  } catch {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits + 0);
}

function formatDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

function formatDateSpan(first: string, last: string): string {
  const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const from = new Date(`${first}T00:00:00Z`);
  const text = first === last ? format.format(from) : format.formatRange(from, new Date(`${last}T00:00:00Z`));
  return text.replace(/\s/gu, ' ');
}

export interface InvoiceParties {
  organizationName: string;
  propertyName: string;
  timeZone: string;
  invoiceNumber: string;
  issuedOn: string;
}

export async function renderInvoicePdf(folio: InvoiceFolio, parties: InvoiceParties): Promise<Uint8Array> {
  const pdf = await createPdfWriter({ title: `Invoice ${parties.invoiceNumber}`, author: parties.organizationName });
  const { write, newLine, right } = pdf;
  const money = (minor: number) => formatMoney(minor, folio.currency);

  write(parties.organizationName, MARGIN, { size: 16, bold: true });
  write(`Invoice ${parties.invoiceNumber}`, right, { size: 16, bold: true, right: true });
  newLine(20);
  write(parties.propertyName, MARGIN, { size: 11 });
  write(`Date: ${formatDate(parties.issuedOn)}`, right, { right: true });
  newLine(28);
  write('Guest', MARGIN, { bold: true });
  write('Stay', 300, { bold: true });
  newLine();
  write(folio.guest?.full_name ?? 'Guest', MARGIN);
  if (folio.booking) {
    const { booking } = folio;
    write(`${booking.resource_name}, ${formatDateSpan(booking.arrival_date, booking.departure_date)}`, 300);
    newLine();
    if (folio.guest?.email) write(folio.guest.email, MARGIN);
    write(`Booking ${booking.reference}, ${booking.party_size} guest(s)`, 300);
  }
  newLine(30);

  write('Date', MARGIN, { bold: true });
  write('Description', 130, { bold: true });
  write('Amount', 440, { bold: true, right: true });
  write('Balance', right, { bold: true, right: true });
  newLine(6);
  pdf.rule(MARGIN, right);
  newLine(12);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: parties.timeZone });
  for (const entry of folio.entries) {
    write(formatDate(entry.night ?? day.format(new Date(entry.created_at))), MARGIN);
    write(entry.description.slice(0, 60), 130);
    write(money(entry.amount_minor), 440, { right: true });
    write(money(entry.balance_minor), right, { right: true });
    newLine();
  }
  newLine(6);
  pdf.rule(300, right);
  newLine(14);
  const sum = (kinds: string[]) =>
    folio.entries.filter((e) => kinds.includes(e.kind)).reduce((total, e) => total + e.amount_minor, 0);
  const taxes = folio.entries.reduce((total, e) => total + e.tax_minor, 0);
  const totals: [string, number][] = [
    ['Charges', sum(['room_charge', 'order', 'adjustment'])],
    ['of which taxes and fees', taxes],
    ['Payments', -sum(['payment'])],
    ['Refunds', sum(['refund'])],
  ];
  for (const [label, amount] of totals) {
    write(label, 300);
    write(money(amount), right, { right: true });
    newLine();
  }
  write('Balance due', 300, { bold: true, size: 12 });
  write(money(folio.balance_minor), right, { bold: true, size: 12, right: true });
  newLine(30);
  write(
    folio.status === 'settled' ? 'Settled. Thank you for your stay.' : 'Open folio: balance as of the date above.',
    MARGIN,
    {
      size: 9,
    },
  );
  return pdf.save();
}
