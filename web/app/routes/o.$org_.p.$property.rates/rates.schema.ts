// The rates page's inputs: a room type's bounds (prices typed in the property's currency), the
// suggestions a manager ticks to accept, and the nights shown (?from=&to=). The table's
// constraints (rate_bounds_*) and accept_rate_suggestions repeat these rules in the database.
import { z } from 'zod';
import { addDays, daysBetween, isIsoDate } from '../../utils/calendar-dates.ts';
import { parsePrice } from '../../utils/prices.ts';

export const DEFAULT_NIGHTS = 30;
/** The database refuses more (public.rate_suggestions). */
export const MAX_NIGHTS = 93;
export const MAX_ITEMS = 500;

const price = (currency: string, message: string) =>
  z
    .string()
    .trim()
    .min(1, message)
    .transform((text, ctx) => {
      const minor = parsePrice(text, currency);
      if (minor === null || minor > 100_000_000_000) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return minor;
    });

export function boundsSchema(currency: string) {
  return z
    .object({
      resource_type_id: z.uuid('Choose a room type.'),
      floor: price(currency, 'Enter the lowest price, such as 80.'),
      ceiling: price(currency, 'Enter the highest price, such as 180.'),
      step: price(currency, 'Enter the most one change may move the price, such as 15.'),
    })
    .refine((bounds) => bounds.ceiling >= bounds.floor, {
      path: ['ceiling'],
      message: 'The highest price cannot be below the lowest.',
    })
    .refine((bounds) => bounds.step > 0, { path: ['step'], message: 'The step must be more than zero.' });
}

/** A ticked suggestion: "<room type id>|<YYYY-MM-DD>|<price in minor units>". */
const choice = z
  .string()
  .regex(/^[0-9a-f-]{36}\|\d{4}-\d{2}-\d{2}\|\d{1,12}$/i, 'Choose suggestions from the table.')
  .transform((value) => {
    const [resource_type_id = '', stay_date = '', minor = '0'] = value.split('|');
    return { resource_type_id, stay_date, price_minor: Number(minor) };
  })
  .refine((item) => isIsoDate(item.stay_date), 'Choose suggestions from the table.');

export const AcceptSchema = z
  .array(choice)
  .min(1, 'Tick at least one suggestion to accept.')
  .max(MAX_ITEMS, `Accept at most ${MAX_ITEMS} suggestions at a time.`);

export const choiceValue = (item: { resource_type_id: string; stay_date: string; suggested_minor: number }) =>
  `${item.resource_type_id}|${item.stay_date}|${item.suggested_minor}`;

export interface RatesPeriod {
  from: string;
  to: string;
}

/** The nights shown: from the address when valid (from today on, at most 93 nights), else the next 30. */
export function ratesPeriod(search: URLSearchParams, today: string): RatesPeriod {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  if (isIsoDate(from) && isIsoDate(to) && from >= today && to >= from && daysBetween(from, to) < MAX_NIGHTS) {
    return { from, to };
  }
  return { from: today, to: addDays(today, DEFAULT_NIGHTS - 1) };
}
