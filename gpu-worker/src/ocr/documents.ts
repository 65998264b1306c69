// What Roost reads out of an OCR result: the MRZ of an ID document, a receipt's supplier, date and total, a paper
// menu's items. All work on rows (boxes on the same line joined), since the detector splits "Soup ..... 6.50".
import { amountsIn, currencyIn, dateIn } from './amounts.ts';
import type { OcrResult } from './engine.ts';
import { type IdDocumentFields, parseMrzRows } from './mrz.ts';
import { rowTexts } from './reading-order.ts';

export type { IdDocumentFields } from './mrz.ts';

export function parseIdDocument(result: OcrResult): IdDocumentFields | null {
  return parseMrzRows(rowTexts(result.lines));
}

export interface ReceiptFields {
  supplier: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** The total in minor units (cents). */
  totalMinor: number | null;
  /** ISO 4217 code when a symbol or code is printed. */
  currency: string | null;
}

const totalLabel =
  /\b(grand\s*total|total\s*due|amount\s*due|balance\s*due|to\s*pay|total|sum|summe|gesamt|montant|totale)\b/i;
const notTheTotal = /\b(sub\s*-?\s*total|subtotal|tax|vat|tva|mwst|tip|change|cash|tendered|discount|items?)\b/i;
const noise = /^[\W\d_]*$/;

export function parseReceipt(result: OcrResult): ReceiptFields {
  return parseReceiptRows(rowTexts(result.lines));
}

export function parseReceiptRows(rows: string[]): ReceiptFields {
  const supplier =
    rows
      .find(
        (row) =>
          /[A-Za-z].*[A-Za-z].*[A-Za-z]/.test(row) && !dateIn(row) && !amountsIn(row).length && !totalLabel.test(row),
      )
      ?.trim() ?? null;
  let date: string | null = null;
  for (const row of rows) {
    date = dateIn(row);
    if (date) break;
  }
  // The last labelled total wins (a grand total follows the subtotal); without a label, the largest amount.
  let totalMinor: number | null = null;
  let totalRow: string | null = null;
  for (const row of rows) {
    if (!totalLabel.test(row) || notTheTotal.test(row)) continue;
    const amounts = amountsIn(row);
    if (amounts.length) {
      totalMinor = amounts.at(-1) as number;
      totalRow = row;
    }
  }
  if (totalMinor === null) {
    const all = rows.flatMap(amountsIn);
    totalMinor = all.length ? Math.max(...all) : null;
  }
  const currency = (totalRow && currencyIn(totalRow)) || rows.map(currencyIn).find(Boolean) || null;
  return { supplier: supplier && !noise.test(supplier) ? supplier : null, date, totalMinor, currency };
}

export interface MenuFields {
  items: { name: string; priceMinor: number }[];
}

export function parseMenu(result: OcrResult): MenuFields {
  return parseMenuRows(rowTexts(result.lines));
}

/** A row that ends in a price: "Tomato soup ....... 6.50", "Espresso € 2,80", "Burger 12". */
const menuRow = /^(.*?[A-Za-zÀ-ÿ].*?)[\s.·…_-]*(?:€|£|\$|EUR)?\s*(\d{1,4})(?:[.,](\d{2}))?\s*(?:€|EUR)?$/;

export function parseMenuRows(rows: string[]): MenuFields {
  const items: MenuFields['items'] = [];
  for (const row of rows) {
    const match = row.trim().match(menuRow);
    if (!match) continue;
    const name = (match[1] as string).replace(/[\s.·…_€$£-]+$/, '').trim();
    // A name ending in a digit is a range or a time ("Open daily 12-22"), not a dish.
    if ((name.match(/[A-Za-zÀ-ÿ]/g) ?? []).length < 2 || /\d$/.test(name) || totalLabel.test(name)) continue;
    items.push({ name, priceMinor: Number(match[2]) * 100 + Number(match[3] ?? 0) });
  }
  return { items };
}
