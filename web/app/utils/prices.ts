// Prices and percentages as rate plans, taxes and fees keep them (minor units that are never
// negative; integer basis points, 600 = 6 %: decision 006) and as people read and type them.
import { currencyDigits, decimalToMinor, minorToDecimal } from './money.ts';

/** A price typed in `currency` ("120", "120.5", "120,50") as minor units; null when not a price (negative included). */
export function parsePrice(text: string, currency: string): number | null {
  const minor = decimalToMinor(text, currencyDigits(currency));
  return minor === null || minor < 0 || text.trim().startsWith('-') ? null : minor;
}

/** Minor units as the text of a price field: 12050 EUR → "120.50". */
export const priceToInput = (minor: number, currency: string) => minorToDecimal(minor, currencyDigits(currency));

/** A percentage typed in ("6", "12.5", "7,25") as basis points; null unless 0–100 with at most 2 decimals. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  const bps = Number(whole) * 100 + Number(fraction.padEnd(2, '0') || '0');
  return bps <= 10000 ? bps : null;
}

/** Basis points for reading: 600 → "6%", 1250 → "12.5%" (in the locale's way). */
export function formatPercent(bps: number, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10000);
}

/** Basis points as the text of a percentage field: 1250 → "12.5". */
export const bpsToInput = (bps: number) => String(bps / 100);
