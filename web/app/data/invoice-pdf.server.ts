// A folio's invoice as a PDF (pdf-writer.server.ts: A4, standard Helvetica, unencodable text as
// '?'), a new page every 30 entries or so.
import { formatDate, formatDateSpan } from '../utils/calendar-dates.ts';
import { formatMoney } from '../utils/money.ts';
import type { Folio } from './folios.server.ts';
import { createPdfWriter, MARGIN } from './pdf-writer.server.ts';

export interface InvoiceParties {
  organizationName: string;
  propertyName: string;
  timeZone: string;
  invoiceNumber: string;
  issuedOn: string;
}

export async function renderInvoicePdf(folio: Folio, parties: InvoiceParties): Promise<Uint8Array> {
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
