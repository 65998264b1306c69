// The catalogue forms (categories, items, where an item is sold), checked in the browser and
// again in the action. Amounts are typed as decimals of the currency and leave here as minor
// units; the tables' constraints (catalogue_*, item_availability_*) repeat every rule.
import { z } from 'zod';
import { currencyDigits, decimalToMinor, minorToDecimal } from '../../utils/money.ts';

export const name = (what: string) =>
  z.string().trim().min(1, `Enter the ${what}’s name.`).max(120, 'Use at most 120 characters.');

/** An example amount of the currency as typed: 12.50, or 1250 where it has no minor unit. */
const example = (currency: string) => {
  const digits = currencyDigits(currency);
  return minorToDecimal(1250 * 10 ** Math.max(0, digits - 2), digits);
};

/** An amount typed in `currency`, as minor units; `signed` lets it start with a minus (a discount). */
export function amount(currency: string, what: string, signed = false) {
  const message = `Enter ${what} such as ${signed ? `${example(currency)} or -${example(currency)}` : example(currency)}.`;
  return z
    .string()
    .trim()
    .transform((text, context) => {
      const minor = decimalToMinor(text, currencyDigits(currency));
      if (minor === null || (!signed && text.startsWith('-'))) {
        context.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return minor;
    });
}

/** Blank, or an amount (a price override). */
const optionalAmount = (currency: string, what: string) =>
  z.union([z.literal('').transform(() => null), amount(currency, what)]);

/** A whole number typed in; blank gives `blank`. */
function wholeNumber<B extends number | null>(message: string, blank: B) {
  return z
    .string()
    .trim()
    .transform((text, context) => {
      if (text === '') return blank;
      if (!/^\d{1,10}$/.test(text)) {
        context.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return Number(text);
    });
}

/** A checkbox: sent as "on" when ticked, absent otherwise. */
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on');

export const CategorySchema = z.object({ name: name('category') });

export const RenameCategorySchema = z.object({ category_id: z.uuid('Choose a category.'), name: name('category') });

export const CategoryRefSchema = z.object({ category_id: z.uuid('Choose a category.') });

export const MoveCategorySchema = z.object({
  category_id: z.uuid('Choose a category.'),
  direction: z.enum(['up', 'down']),
});

/** A new item: what it is called, where it goes and what it costs; the rest on its page. */
export const newItemSchema = (currency: string) =>
  z.object({
    name: name('item'),
    category_id: z.uuid('Choose a category.'),
    price_minor: amount(currency, 'a price'),
  });

export const itemSchema = (currency: string) =>
  z.object({
    name: name('item'),
    category_id: z.uuid('Choose a category.'),
    description: z
      .string()
      .trim()
      .max(2000, 'Use at most 2,000 characters.')
      .transform((text) => text || null),
    price_minor: amount(currency, 'a price'),
    // Percent with up to two decimals, as basis points (7.5 % → 750).
    tax_rate_bp: z
      .string()
      .trim()
      .transform((text, context) => {
        const bp = text === '' ? 0 : decimalToMinor(text, 2);
        if (bp === null || bp < 0) {
          context.addIssue({ code: 'custom', message: 'Enter a percentage such as 10 or 7.5.' });
          return z.NEVER;
        }
        return bp;
      }),
    active: checkbox,
  });

/** Where the item is sold: `sold` off removes the property's row. */
export const availabilitySchema = (currency: string) =>
  z.object({
    sold: checkbox,
    price_override_minor: optionalAmount(currency, 'a price'),
    stock_count: wholeNumber('Enter a whole number of items, or leave it blank.', null),
    low_stock_threshold: wholeNumber('Enter a whole number of items.', 0),
  });
