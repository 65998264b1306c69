// The Stripe objects the stand-in keeps, in Stripe's shapes (the fields Roost and the SDK read),
// and the errors in Stripe's shape: `{ "error": { type, code?, message, param? } }`.
import { randomBytes } from 'node:crypto';

export type StripeObject = Record<string, unknown> & { id: string; object: string };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id like Stripe's: the prefix and 24 base62 characters. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${id}`;
}

export const now = (): number => Math.floor(Date.now() / 1000);

export class StripeApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly param: string | undefined;
  constructor(status: number, type: string, message: string, code?: string, param?: string) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  body(): Record<string, unknown> {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code
          ? { code: this.code, doc_url: `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}` }
          : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

export const invalid = (message: string, param?: string, code = 'parameter_invalid_string') =>
  new StripeApiError(400, 'invalid_request_error', message, code, param);

export const missingParam = (param: string) =>
  new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param);

export const noSuch = (kind: string, id: string, param = 'id') =>
  new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param);

/** A positive integer amount in minor units, as Stripe checks it. */
export function amountParam(value: unknown, param: string, required = true): number | undefined {
  if (value === undefined || value === '') {
    if (required) throw missingParam(param);
    return undefined;
  }
  const amount = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(amount))
    throw invalid(`Invalid integer: ${String(value)}`, param, 'parameter_invalid_integer');
  return amount;
}

export function currencyParam(value: unknown): string {
  if (value === undefined) throw missingParam('currency');
  if (typeof value !== 'string' || !/^[a-zA-Z]{3}$/.test(value))
    throw invalid(`Invalid currency: ${String(value)}`, 'currency');
  return value.toLowerCase();
}

/** Metadata: up to 50 string keys and values, as Stripe allows. */
export function metadataParam(value: unknown): Record<string, string> {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('Invalid metadata', 'metadata');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 50) throw invalid('Metadata can have at most 50 keys.', 'metadata');
  const metadata: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (typeof item !== 'string' || key.length > 40 || item.length > 500)
      throw invalid('Invalid metadata', `metadata[${key}]`);
    metadata[key] = item;
  }
  return metadata;
}

export function stringParam(value: unknown, param: string, required = false): string | undefined {
  if (value === undefined || value === '') {
    if (required) throw missingParam(param);
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(`Invalid string: ${param}`, param);
  return value;
}

export function urlParam(value: unknown, param: string, required = false): string | undefined {
  const url = stringParam(value, param, required);
  if (url === undefined) return undefined;
  if (!/^https?:\/\/\S+$/.test(url)) throw invalid('Not a valid URL', param, 'url_invalid');
  return url;
}

export function booleanParam(value: unknown, param: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalid(`Invalid boolean: ${String(value)}`, param, 'parameter_invalid_boolean');
}

export function list(data: StripeObject[], url: string): Record<string, unknown> {
  return { object: 'list', data, has_more: false, url };
}
