// The request id that follows one request through the web app, the gateway, the services, SQL
// (jobs.request_id) and the worker's log lines. An incoming `x-request-id` is kept only when it is
// short and made of safe characters: it is copied into log lines, response headers and the
// database, so CR/LF/NUL (header or log injection), quotes and anything long are replaced.
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const MAX_LENGTH = 128;
const SAFE = /^[A-Za-z0-9._:@/+=-]+$/;

/** Whether `value` may be kept as a request id as it is. */
export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_LENGTH && SAFE.test(value);
}

/** The incoming id when it is valid, else a new one (a UUID). Arrays (repeated headers) are refused. */
export function acceptRequestId(incoming: string | string[] | null | undefined): string {
  return isValidRequestId(incoming) ? incoming : randomUUID();
}
