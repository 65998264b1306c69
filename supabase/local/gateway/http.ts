// Small HTTP helpers shared by the gateway and its services: JSON answers and CORS.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request headers supabase-js and its parts send (allowed when a preflight names none). */
export const CLIENT_HEADERS = [
  'authorization',
  'apikey',
  'content-type',
  'x-client-info',
  'x-supabase-api-version',
  'x-supabase-client-platform',
  'range',
  'x-upsert',
  'x-metadata',
  'cache-control',
  'accept',
  'accept-profile',
  'content-profile',
  'prefer',
  'x-region',
  'if-none-match',
  'if-modified-since',
  'x-request-id',
];

/** Response headers a browser client may read. */
export const EXPOSED_HEADERS = [
  'content-range',
  'content-length',
  'content-type',
  'etag',
  'last-modified',
  'location',
  'link',
  'x-total-count',
  'x-sb-error-code',
  'x-supabase-api-version',
  'x-relay-error',
  'preference-applied',
  'content-profile',
  'x-request-id',
];

const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/** CORS headers on every answer: any origin (keys, not cookies, carry identity). */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
}

/** Answers a CORS preflight: the requested headers when they are well-formed, else the client's. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  const allowHeaders = requested && HEADER_LIST.test(requested.trim()) ? requested.trim() : CLIENT_HEADERS.join(', ');
  setCorsHeaders(req, res);
  res.setHeader('Access-Control-Allow-Methods', METHODS);
  res.setHeader('Access-Control-Allow-Headers', allowHeaders);
  res.setHeader('Access-Control-Max-Age', '3600');
  res.writeHead(200, { 'Content-Length': '0' });
  res.end();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
