// The forms of the rate plans page, checked in the browser and again in the action; the
// constraints of rate_plans and rate_overrides repeat each rule. Amounts are typed in the
// property's currency and become minor units here, so each schema is made for a currency.
import { z } from 'zod';
import { isIsoDate } from '../../utils/calendar-dates.ts';
import { parsePrice } from '../../utils/prices.ts';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** Form field names of the weekday prices, Monday (ISO 1) first. */
export const WEEKDAY_FIELDS = ['price_1', 'price_2', 'price_3', 'price_4', 'price_5', 'price_6', 'price_7'] as const;

const AMOUNT_MESSAGE = 'Enter an amount such as 120 or 120.50.';

/** A required amount in `currency`, as minor units. */
function amount(currency: string) {
  return z
    .string()
    .trim()
    .min(1, AMOUNT_MESSAGE)
    .transform((text, context) => {
      const minor = parsePrice(text, currency);
      if (minor === null) {
        context.addIssue({ code: 'custom', message: AMOUNT_MESSAGE });
        return z.NEVER;
      }
      return minor;
    });
}

/** An optional amount: empty is null. */
function optionalAmount(currency: string) {
  return z.union([z.literal('').transform(() => null), amount(currency)]);
}

function wholeNumber(min: number, max: number, message: string) {
  return z
    .string()
    .trim()
    .min(1, message)
    .pipe(z.coerce.number<string>(message).int(message).min(min, message).max(max, message));
}

const optionalWholeNumber = (min: number, max: number, message: string) =>
  z.union([
    z
      .string()
      .trim()
      .length(0)
      .transform(() => null),
    wholeNumber(min, max, message),
  ]);

const uuid = (message: string) => z.uuid(message);
const isoDate = (message: string) => z.string().refine(isIsoDate, message);

export function ratePlanSchema(currency: string) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'Enter the plan’s name, such as Flexible.')
        .max(120, 'Use at most 120 characters.'),
      resource_type_id: uuid('Choose what the plan prices.'),
      base_price: amount(currency),
      min_stay: wholeNumber(1, 365, 'Enter a whole number of nights from 1 to 365.'),
      max_stay: optionalWholeNumber(1, 365, 'Leave empty for no limit, or enter 1 to 365 nights.'),
      included_guests: wholeNumber(1, 1000, 'Enter a whole number of guests from 1 to 1000.'),
      extra_guest: optionalAmount(currency),
      price_1: optionalAmount(currency),
      price_2: optionalAmount(currency),
      price_3: optionalAmount(currency),
      price_4: optionalAmount(currency),
      price_5: optionalAmount(currency),
      price_6: optionalAmount(currency),
      price_7: optionalAmount(currency),
    })
    .refine((plan) => plan.max_stay === null || plan.max_stay >= plan.min_stay, {
      path: ['max_stay'],
      message: 'The longest stay cannot be shorter than the shortest.',
    })
    .transform((plan) => ({
      plan: {
        name: plan.name,
        resource_type_id: plan.resource_type_id,
        base_price_minor: plan.base_price,
        min_stay: plan.min_stay,
        max_stay: plan.max_stay,
        included_guests: plan.included_guests,
        extra_guest_minor: plan.extra_guest ?? 0,
      },
      weekdays: WEEKDAY_FIELDS.map((field) => plan[field]),
    }));
}

export const PlanIdSchema = z.object({ plan_id: uuid('Choose a rate plan.') });

export const PlanActiveSchema = PlanIdSchema.extend({
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export function dateOverrideSchema(currency: string) {
  return z
    .object({
      rate_plan_id: uuid('Choose a rate plan.'),
      first: isoDate('Enter the first night, such as 2026-12-24.'),
      last: isoDate('Enter the last night, such as 2026-12-26.'),
      price: amount(currency),
      priority: wholeNumber(-1000, 1000, 'Enter a whole number from -1000 to 1000.'),
    })
    .refine((override) => override.last >= override.first, {
      path: ['last'],
      message: 'The last night cannot be before the first.',
    })
    .transform(({ price, ...override }) => ({ ...override, price_minor: price }));
}

export const OverrideIdSchema = z.object({ override_id: uuid('Choose a date price.') });

const guests = wholeNumber(1, 1000, 'Enter a whole number of guests from 1 to 1000.');

/** The price check of a stay (rooms, priced per night): a GET form, read from the URL. */
export const StayCheckSchema = z
  .object({
    check: z.literal('stay'),
    resource_type_id: uuid('Choose a room type.'),
    arrival: isoDate('Enter the arrival date.'),
    departure: isoDate('Enter the departure date.'),
    guests,
  })
  .refine((stay) => stay.departure > stay.arrival, {
    path: ['departure'],
    message: 'Departure must be after arrival.',
  });

/** The price check of a slot (tables and spaces). */
export const SlotCheckSchema = z.object({
  check: z.literal('slot'),
  resource_type_id: uuid('Choose a table or space type.'),
  arrival: isoDate('Enter the date.'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time, such as 19:30.'),
  duration: wholeNumber(15, 1440, 'Enter 15 to 1440 minutes.'),
  guests,
});
