// Money and dates as printed on receipts and menus, read into minor units and ISO dates.

/** Amounts with two decimals, with or without thousands separators: "1,234.50", "1.234,50", "18.50", "18,50". */
const amountPattern = /(?<![\d.,])(\d{1,3}(?:[ .,']\d{3})+|\d+)[.,](\d{2})(?![\d.,]*\d)/g;

export function amountsIn(text: string): number[] {
  const values: number[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const whole = (match[1] as string).replace(/[ .,']/g, '');
    values.push(Number(whole) * 100 + Number(match[2]));
  }
  return values;
}

const currencySymbols: [RegExp, string][] = [
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/\bUS\$|\$/, 'USD'],
  [/¥/, 'JPY'],
  [/\b(EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK|HUF|JPY|CAD|AUD)\b/, ''],
];

export function currencyIn(text: string): string | null {
  for (const [pattern, code] of currencySymbols) {
    const match = text.match(pattern);
    if (match) return code || (match[1] as string);
  }
  return null;
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(year: number, month: number, day: number): string | null {
  const y = year < 100 ? 2000 + year : year;
  if (month < 1 || month > 12 || day < 1 || day > 31 || y < 1990 || y > 2100) return null;
  const date = new Date(Date.UTC(y, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The first date in the text, as YYYY-MM-DD. YYYY-MM-DD is read as it is; DD.MM.YYYY, DD/MM/YY… day first
 * (European receipts) unless the second number cannot be a month (11/25/2026 is November 25); "21 Nov 2026" and
 * "Nov 21, 2026" by the month's name.
 */
export function dateIn(text: string): string | null {
  let m = text.match(/\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})\b/);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = text.match(/\b(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b/);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    return b > 12 && a <= 12 ? iso(year, a, b) : iso(year, b, a);
  }
  m = text.match(/\b(\d{1,2})\.?\s*([A-Za-z]{3})[a-z]*\.?,?\s*(\d{4})\b/);
  if (m && months.includes((m[2] as string).toLowerCase())) {
    return iso(Number(m[3]), months.indexOf((m[2] as string).toLowerCase()) + 1, Number(m[1]));
  }
  m = text.match(/\b([A-Za-z]{3})[a-z]*\.?\s*(\d{1,2}),?\s*(\d{4})\b/);
  if (m && months.includes((m[1] as string).toLowerCase())) {
    return iso(Number(m[3]), months.indexOf((m[1] as string).toLowerCase()) + 1, Number(m[2]));
  }
  return null;
}
