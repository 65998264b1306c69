/// <reference lib="deno.window" />
// Every input of the widget API, validated at the boundary with zod. Codes are stable and match
// the RPCs' own where both check a value (invalid_party_size, invalid_idempotency_key, …).
import { z } from 'npm:zod@^4.6.7';
import { WidgetError } from './http.ts';

/** Text without control characters (NUL, CR, LF, tab, DEL…): single-line values only here. */
const singleLine = (code: string, max: number) =>
  z
    .string({ error: code })
    .trim()
    .min(1, { error: code })
    .max(max, { error: code })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: code });

const date = (code: string) => z.iso.date({ error: code });
const id = (code: string) => z.guid({ error: code });
const count = (code: string) =>
  z
    .union([z.number({ error: code }), z.string({ error: code }).regex(/^[0-9]{1,3}$/, { error: code })], {
      error: code,
    })
    .transform((value) => Number(value))
    .pipe(z.number({ error: code }).int({ error: code }).min(1, { error: code }).max(50, { error: code }));

export const idempotencyKey = z
  .string({ error: 'invalid_idempotency_key' })
  .regex(/^[A-Za-z0-9_-]{8,128}$/, { error: 'invalid_idempotency_key' });
export const holdToken = z
  .string({ error: 'invalid_hold_token' })
  .regex(/^ht_[A-Za-z0-9_-]{20,100}$/, { error: 'invalid_hold_token' });
export const widgetKey = /^wk_[A-Za-z0-9_-]{8,64}$/;

const guest = z.strictObject(
  {
    name: singleLine('invalid_guest_name', 120),
    email: z.email({ error: 'invalid_email' }).max(254, { error: 'invalid_email' }),
    phone: z
      .string({ error: 'invalid_phone' })
      .regex(/^\+?[0-9 ()-]{6,30}$/, { error: 'invalid_phone' })
      .nullable()
      .optional(),
  },
  { error: 'invalid_guest' },
);

/** A guest who books (a stay, a table) may say the language they booked in: their emails use it. */
const bookingGuest = guest.extend({
  language: z
    .string({ error: 'invalid_language' })
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'invalid_language' })
    .optional(),
});

const consent = z.strictObject(
  {
    terms: z.literal(true, { error: 'terms_not_accepted' }),
    marketing: z.boolean({ error: 'invalid_marketing_consent' }),
  },
  { error: 'terms_not_accepted' },
);

export const stayQuery = z.strictObject({
  from: date('invalid_arrival'),
  to: date('invalid_departure'),
  guests: count('invalid_party_size'),
});

export const quoteQuery = stayQuery.extend({ resource_type_id: id('invalid_resource_type_id') });

export const holdBody = z.strictObject({
  resource_type_id: id('invalid_resource_type_id'),
  from: date('invalid_arrival'),
  to: date('invalid_departure'),
  guests: count('invalid_party_size'),
  idempotency_key: idempotencyKey,
});

export const confirmBody = z.strictObject({
  hold_token: holdToken,
  guest: bookingGuest,
  consent,
  idempotency_key: idempotencyKey,
});

export const statusQuery = z.strictObject({ hold_token: holdToken });

const reference = z
  .string({ error: 'invalid_reference' })
  .trim()
  .regex(/^[A-Za-z0-9]{8}$/, { error: 'invalid_reference' });
const email = z.email({ error: 'invalid_email' }).max(254, { error: 'invalid_email' });

export const lookupBody = z.strictObject({ reference, email });
export const cancelBody = z.strictObject({ reference, email, idempotency_key: idempotencyKey });

export const tablesQuery = z.strictObject({ date: date('invalid_date'), party: count('invalid_party_size') });

export const tableReservationBody = z.strictObject({
  resource_type_id: id('invalid_resource_type_id'),
  date: date('invalid_date'),
  time: z.string({ error: 'invalid_time' }).regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'invalid_time' }),
  party: count('invalid_party_size'),
  guest: bookingGuest,
  consent,
  idempotency_key: idempotencyKey,
});

// Online orders (decision 042): the client names items, options and quantities, never a price.
const orderLine = z.strictObject(
  {
    item_id: id('invalid_item_id'),
    quantity: z
      .number({ error: 'invalid_quantity' })
      .int({ error: 'invalid_quantity' })
      .min(1, { error: 'invalid_quantity' })
      .max(99, { error: 'invalid_quantity' }),
    modifier_ids: z
      .array(id('invalid_modifier_ids'), { error: 'invalid_modifier_ids' })
      .max(20, { error: 'invalid_modifier_ids' })
      .optional(),
    note: singleLine('invalid_note', 200).optional(),
  },
  { error: 'invalid_items' },
);

export const orderBody = z.strictObject({
  mode: z.enum(['takeaway', 'room_service'], { error: 'invalid_mode' }),
  pickup_at: z.iso.datetime({ offset: true, error: 'invalid_pickup_at' }).optional(),
  booking_reference: reference.optional(),
  surname: singleLine('invalid_surname', 100).optional(),
  items: z
    .array(orderLine, { error: 'invalid_items' })
    .min(1, { error: 'invalid_items' })
    .max(50, { error: 'invalid_items' }),
  guest,
  idempotency_key: idempotencyKey,
});

export const orderStatusQuery = z.strictObject({
  token: z
    .string({ error: 'invalid_order_token' })
    .regex(/^ot_[A-Za-z0-9_-]{20,100}$/, { error: 'invalid_order_token' }),
});

const MESSAGES: Record<string, string> = {
  invalid_arrival: 'from must be a date (YYYY-MM-DD).',
  invalid_departure: 'to must be a date (YYYY-MM-DD) after from.',
  invalid_date: 'date must be a date (YYYY-MM-DD).',
  invalid_party_size: 'The number of guests must be a whole number from 1 to 50.',
  invalid_resource_type_id: 'resource_type_id must be an id from the availability answer.',
  invalid_idempotency_key: 'idempotency_key must be 8 to 128 letters, digits, - or _.',
  invalid_hold_token: 'hold_token must be the token the hold answered.',
  invalid_guest: 'guest must be {name, email, phone?} (and language? when booking a stay or a table).',
  invalid_guest_name: 'The name is 1 to 120 characters on one line.',
  invalid_email: 'The email address is not valid.',
  invalid_phone: 'The phone number may hold digits, spaces, +, (, ) and - (6 to 30).',
  invalid_language: 'guest.language must be a language tag such as de or pt-PT.',
  terms_not_accepted: 'consent must be {terms: true, marketing: true|false}.',
  invalid_marketing_consent: 'consent.marketing must be true or false.',
  invalid_reference: 'The booking reference is 8 letters and digits.',
  invalid_time: 'time must be HH:MM.',
  invalid_mode: "mode must be 'takeaway' or 'room_service'.",
  invalid_pickup_at: 'pickup_at must be a time from the pickup list (ISO 8601 with an offset).',
  invalid_surname: 'The surname is 1 to 100 characters on one line.',
  invalid_items: 'items must be 1 to 50 lines of {item_id, quantity, modifier_ids?, note?}.',
  invalid_item_id: 'item_id must be an id from the menu.',
  invalid_quantity: 'quantity must be a whole number from 1 to 99.',
  invalid_modifier_ids: 'modifier_ids must be at most 20 option ids from the menu.',
  invalid_note: 'A note is 1 to 200 characters on one line.',
  invalid_order_token: 'token must be the order token that POST /orders answered.',
  unknown_field: 'The request has a field this route does not take.',
  invalid_body: 'Send a JSON object.',
  invalid_query: 'The query string is not valid for this route.',
};

/** The parsed input, or 400 with the stable code of the first problem. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new WidgetError(400, 'invalid_body', MESSAGES.invalid_body ?? '');
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const raw = issue?.code === 'unrecognized_keys' ? 'unknown_field' : (issue?.message ?? 'invalid_body');
  const code = raw in MESSAGES ? raw : 'invalid_body';
  throw new WidgetError(400, code, MESSAGES[code] ?? '');
}

/** A query string as an object; a repeated parameter is refused rather than guessed at. */
export function queryOf(url: URL, skip: string[] = ['key']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (skip.includes(name)) continue;
    if (name in out) throw new WidgetError(400, 'invalid_query', MESSAGES.invalid_query ?? '');
    out[name] = value;
  }
  return out;
}
