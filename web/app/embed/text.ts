// The widget pages' texts (decision 044): `useWidgetText()` gives `t(key, vars)` for plain text
// (aria labels, placeholders, button labels) and `t.rich(key, vars)` where a variable is markup
// (a <strong> amount, a link). The catalogue of the page's language arrives as loader data
// (messages/catalogue.server.ts), so this module holds no texts: only the lookup.
import { createElement, Fragment, type ReactNode } from 'react';
import { WidgetApiError } from './api.ts';
import { useEmbed } from './context.tsx';
import type { Catalogue, Message, MessageKey } from './messages/en.ts';

export type { Catalogue, MessageKey } from './messages/en.ts';

type Vars = Record<string, string | number>;

export interface Translate {
  (key: MessageKey, vars?: Vars): string;
  /** Like `t`, but variables may be elements: "{amount}" → <strong>…</strong>. */
  rich(key: MessageKey, vars: Record<string, ReactNode>): ReactNode;
  /** The catalogue's language ("en", "de", …). */
  language: string;
}

function pick(message: Message | undefined, count: unknown, plural: Intl.PluralRules): string | undefined {
  if (message === undefined || typeof message === 'string') return message;
  const form = typeof count === 'number' ? plural.select(count) : 'other';
  return message[form] ?? message.other;
}

/** A translator over one catalogue; an unknown key reads as the key itself (never a crash). */
export function translator(messages: Catalogue, language: string): Translate {
  const plural = new Intl.PluralRules(language);
  const template = (key: MessageKey, count: unknown) => pick(messages[key], count, plural) ?? key;
  const t = ((key, vars = {}) =>
    template(key, vars.count).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    )) as Translate;
  t.rich = (key, vars) => {
    const parts = template(key, vars.count).split(/\{(\w+)\}/);
    // split with a group: odd indexes are placeholder names.
    return createElement(
      Fragment,
      null,
      ...parts.map((part, index) => (index % 2 === 1 ? (part in vars ? vars[part] : `{${part}}`) : part)),
    );
  };
  t.language = language;
  return t;
}

/** The page's translator (inside the /embed layout). */
export function useWidgetText(): Translate {
  return useEmbed().t;
}

/** API codes that have their own message; the rest read as `error.unexpected`. */
const ERROR_KEYS: Record<string, MessageKey> = {
  network: 'error.network',
  rate_limited: 'error.rate_limited',
  try_again: 'error.try_again',
  unavailable: 'error.unavailable',
  hold_expired: 'error.hold_expired',
  not_available: 'error.not_available',
  no_availability: 'error.not_available',
  booking_not_found: 'error.booking_not_found',
  origin_not_allowed: 'error.origin_not_allowed',
  invalid_key: 'error.widget_key',
  widget_key_invalid: 'error.widget_key',
  widget_key_revoked: 'error.widget_key',
  payment_unavailable: 'error.payment_unavailable',
  terms_not_accepted: 'error.terms_not_accepted',
  invalid_email: 'error.invalid_email',
  invalid_full_name: 'error.invalid_full_name',
  invalid_name: 'error.invalid_full_name',
  invalid_party_size: 'error.invalid_party_size',
  party_size_not_accepted: 'error.party_size_not_accepted',
  invalid_date: 'error.invalid_date',
  invalid_stay_date: 'error.invalid_date',
  outside_service_hours: 'error.outside_service_hours',
  guest_conflict: 'error.guest_conflict',
  idempotency_key_reused: 'error.idempotency_key_reused',
  outside_booking_window: 'error.outside_booking_window',
  stay_length_not_accepted: 'error.stay_length_not_accepted',
  stay_not_found: 'error.stay_not_found',
  pickup_time_not_accepted: 'error.pickup_time_not_accepted',
  payments_not_configured: 'error.payments_not_configured',
  out_of_stock: 'error.out_of_stock',
  item_not_found: 'error.item_not_found',
  invalid_phone: 'guest.error.phone',
  invalid_booking_reference: 'order.error.reference',
  invalid_surname: 'order.error.surname',
};

/** The catalogue key for a failed API call (its stable code), or the network's when it never answered. */
export function errorKey(error: unknown): MessageKey {
  if (error instanceof WidgetApiError) return ERROR_KEYS[error.code] ?? 'error.unexpected';
  return 'error.network';
}
