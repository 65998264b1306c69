// A top-to-bottom A4 writer over pdf-lib for Roost's printed documents (invoices, the daily
// manager report): standard Helvetica (no font files to ship), text the standard fonts cannot
// encode (WinAnsi) replaced by '?', a new page when the current one is full. In shared/ because
// the web app (downloads) and the mail jobs (attachments, decision 029) both draw with it.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;
const INK = rgb(0.1, 0.1, 0.12);
const RULE = rgb(0.6, 0.6, 0.6);
const BAR = rgb(0.06, 0.36, 0.36);

export interface WriteOptions {
  size?: number;
  bold?: boolean;
  /** Align the text's right edge on x. */
  right?: boolean;
}

export interface PdfWriter {
  /** The right margin's x. */
  readonly right: number;
  write(text: string, x: number, options?: WriteOptions): void;
  /** Moves down a line (or to a new page when the page is full). */
  newLine(height?: number): void;
  rule(fromX: number, toX: number): void;
  /** A filled bar on the current line, `height` tall from the baseline up (report bars). */
  bar(x: number, width: number, height?: number): void;
  save(): Promise<Uint8Array>;
}

export async function createPdfWriter(meta: { title: string; author: string }): Promise<PdfWriter> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(meta.title);
  pdf.setAuthor(meta.author);
  pdf.setCreator('Roost');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const encodable = new Map<string, boolean>();
  const safe = (text: string, font: PDFFont) =>
    [...text.replace(/[\u00a0\u202f\u2009]/g, ' ')]
      .map((char) => {
        const key = `${font.name}:${char}`;
        if (!encodable.has(key)) {
          try {
            font.encodeText(char);
            encodable.set(key, true);
          } catch {
            encodable.set(key, false);
          }
        }
        return encodable.get(key) ? char : '?';
      })
      .join('');

  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  return {
    right: A4[0] - MARGIN,
    write(text, x, options = {}) {
      const font = options.bold ? bold : regular;
      const size = options.size ?? 10;
      const clean = safe(text, font);
      const at = options.right ? x - font.widthOfTextAtSize(clean, size) : x;
      page.drawText(clean, { x: at, y, size, font, color: INK });
    },
    newLine(height = 14) {
      y -= height;
      if (y < MARGIN + 40) {
        page = pdf.addPage(A4);
        y = A4[1] - MARGIN;
      }
    },
    rule(fromX, toX) {
      page.drawLine({ start: { x: fromX, y }, end: { x: toX, y }, thickness: 0.5, color: RULE });
    },
    bar(x, width, height = 8) {
      if (width > 0) page.drawRectangle({ x, y, width, height, color: BAR });
    },
    save: () => pdf.save(),
  };
}
