// Money as the database keeps it (integer minor units plus a currency, decision 006) and as
// people read and type it: decimals in the currency's own number of fraction digits.
import { numberFormat } from './intl-formats.ts';

/** How many fraction digits a currency's minor unit has (EUR 2, JPY 0, BHD 3). */
export function currencyDigits(currency: string): number {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in minor units, formatted for reading (e.g. €12.50) in the given locale. */
export function formatMoney(minor: number, currency: string, locale = 'en-GB'): string {
  const digits = currencyDigits(currency);
  let format: Intl.NumberFormat;
  try {
    format = numberFormat(locale, { style: 'currency', currency });
  } catch {
    format = numberFormat('en-GB', { style: 'currency', currency });
  }
  // `+ 0` turns a negative zero (a negated sum of nothing) into zero: "€0.00", never "-€0.00".
  return format.format(minor / 10 ** digits + 0);
}

/** An amount in minor units as a form field shows it: 1250 → "12.50" (no grouping, a dot). */
export function minorToDecimal(minor: number, digits: number): string {
  const negative = minor < 0;
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const whole = digits ? text.slice(0, -digits) : text;
  const fraction = digits ? `.${text.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * A typed decimal ("12.5", "-0.75", "3") as minor units with `digits` fraction digits, exactly
 * (no floating point); null when it is not such a number or has more fraction digits.
 */
export function decimalToMinor(text: string, digits: number): number | null {
  const match = /^(-)?(\d{1,12})(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return sign && minor !== 0 ? -minor : minor;
}
