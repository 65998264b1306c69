// Who may read a `/metrics` endpoint (decision 039): a scraper that sends
// `Authorization: Bearer $ROOST_METRICS_TOKEN` when that variable is set, or, without a token, a
// request that comes from this machine (loopback peer) and names it in `Host` (a DNS-rebinding
// page names its own host). Metrics carry no tenant data, but route names, volumes and latencies
// are still nobody else's business.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isLoopbackHostHeader(host: string | undefined): boolean {
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::\d{1,5})?$/i.exec(host?.trim() ?? '');
  return LOOPBACK_NAMES.has(match?.[1]?.toLowerCase() ?? '');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the request carries `Authorization: Bearer <token>`. */
export function hasMetricsToken(req: IncomingMessage, token: string): boolean {
  const authorization = req.headers.authorization ?? '';
  return authorization.startsWith('Bearer ') && sameSecret(authorization.slice(7).trim(), token);
}

/** Whether the request may read metrics; `token` is ROOST_METRICS_TOKEN (empty: loopback only). */
export function mayReadMetrics(
  req: IncomingMessage,
  token: string | undefined = process.env.ROOST_METRICS_TOKEN,
): boolean {
  if (token) return hasMetricsToken(req, token);
  return LOOPBACK_PEERS.has(req.socket.remoteAddress ?? '') && isLoopbackHostHeader(req.headers.host);
}
