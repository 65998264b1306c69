// A folio's invoice as a PDF (pdf-lib, standard Helvetica: no font files to ship). One A4 page
// per 30 entries or so; text the standard fonts cannot encode (WinAnsi) is replaced by '?'.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { formatDate, formatDateSpan } from '../utils/calendar-dates.ts';
import { formatMoney } from '../utils/money.ts';
import type { Folio } from './folios.server.ts';

export interface InvoiceParties {
  organizationName: string;
  propertyName: string;
  timeZone: string;
  invoiceNumber: string;
  issuedOn: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

export async function renderInvoicePdf(folio: Folio, parties: InvoiceParties): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${parties.invoiceNumber}`);
  pdf.setAuthor(parties.organizationName);
  pdf.setCreator('Roost');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const encodable = new Map<string, boolean>();
  const safe = (text: string, font: PDFFont) =>
    [...text.replace(/[\u00a0\u202f\u2009]/g, ' ')]
      .map((char) => {
        if (!encodable.has(char)) {
          try {
            font.encodeText(char);
            encodable.set(char, true);
          } catch {
            encodable.set(char, false);
          }
        }
        return encodable.get(char) ? char : '?';
      })
      .join('');
  const money = (minor: number) => formatMoney(minor, folio.currency);

  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, x: number, options: { size?: number; font?: PDFFont; right?: boolean } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 10;
    const clean = safe(text, font);
    const at = options.right ? x - font.widthOfTextAtSize(clean, size) : x;
    page.drawText(clean, { x: at, y, size, font, color: rgb(0.1, 0.1, 0.12) });
  };
  const newLine = (height = 14) => {
    y -= height;
    if (y < MARGIN + 40) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const right = A4[0] - MARGIN;

  write(parties.organizationName, MARGIN, { size: 16, font: bold });
  write(`Invoice ${parties.invoiceNumber}`, right, { size: 16, font: bold, right: true });
  newLine(20);
  write(parties.propertyName, MARGIN, { size: 11 });
  write(`Date: ${formatDate(parties.issuedOn)}`, right, { right: true });
  newLine(28);
  write('Guest', MARGIN, { font: bold });
  write('Stay', 300, { font: bold });
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

  write('Date', MARGIN, { font: bold });
  write('Description', 130, { font: bold });
  write('Amount', 440, { font: bold, right: true });
  write('Balance', right, { font: bold, right: true });
  newLine(6);
  page.drawLine({ start: { x: MARGIN, y }, end: { x: right, y }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
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
  page.drawLine({ start: { x: 300, y }, end: { x: right, y }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
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
  write('Balance due', 300, { font: bold, size: 12 });
  write(money(folio.balance_minor), right, { font: bold, size: 12, right: true });
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
