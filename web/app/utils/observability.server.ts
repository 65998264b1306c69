// The web server's request log, metrics and health (decision 039), used by web/server.ts only:
// one JSON line per request (request id, method, route template, status, ms), Prometheus
// counters and latency histograms by route template and status, and a health check that asks
// the Supabase project's Auth health (which answers 503 while the database is down).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { createLogger, type Logger } from '../../../shared/observability/logger.ts';
import { mayReadMetrics } from '../../../shared/observability/metrics-access.ts';
import { acceptRequestId, REQUEST_ID_HEADER } from '../../../shared/observability/request-id.ts';
import { createRouteLabels, routeTemplate } from '../../../shared/observability/route-template.ts';

const HEALTH_TIMEOUT_MS = 2000;

/** `/assets/entry-3f9a.js` → `/assets/*`; `/o/<uuid>/p/<uuid>/bookings` → `/o/:id/p/:id/bookings`. */
export function webRouteTemplate(pathname: string): string {
  if (pathname.startsWith('/assets/')) return '/assets/*';
  return routeTemplate(pathname, 6);
}

export interface WebObservability {
  log: Logger;
  registry: Registry;
  /** Gives the request its id (kept on `req.headers` and the answer) and logs and counts it once it ends. */
  begin(req: IncomingMessage, res: ServerResponse): string;
  /** Answers /metrics and /health; false for every other path. */
  answer(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function createWebObservability(options: {
  supabaseUrl: string;
  apiKey: string;
  logger?: Logger;
  /** Process metrics (CPU, memory, event loop); off where several servers share a process (tests). */
  processMetrics?: boolean;
}): WebObservability {
  const log = options.logger ?? createLogger('web');
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'roost_web_' });
  const requests = new Counter({
    name: 'roost_web_requests_total',
    help: 'Requests the web app answered, by route template, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'roost_web_request_duration_seconds',
    help: 'Seconds from a request reaching the web app to its answer ending, by route template.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const label = createRouteLabels();

  async function healthy(): Promise<boolean> {
    const signal = AbortSignal.timeout(HEALTH_TIMEOUT_MS);
    const response = await fetch(`${options.supabaseUrl}/auth/v1/health`, {
      headers: { apikey: options.apiKey },
      signal,
    }).catch(() => null);
    await response?.arrayBuffer().catch(() => undefined);
    return response?.ok ?? false;
  }

  return {
    log,
    registry,
    begin(req, res) {
      const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      const started = performance.now();
      res.once('close', () => {
        const pathname = new URL(req.url ?? '/', 'http://web').pathname;
        const route = label(webRouteTemplate(pathname));
        const seconds = (performance.now() - started) / 1000;
        const status = res.statusCode;
        requests.inc({ route, method: req.method ?? 'GET', status: String(status) });
        duration.observe({ route }, seconds);
        log.info({ requestId, method: req.method, route, status, ms: Math.round(seconds * 10_000) / 10 }, 'request');
      });
      return requestId;
    },
    async answer(req, res) {
      const pathname = new URL(req.url ?? '/', 'http://web').pathname;
      if (pathname !== '/metrics' && pathname !== '/health') return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return true;
      }
      if (pathname === '/metrics') {
        if (!mayReadMetrics(req)) {
          res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden');
          return true;
        }
        const text = await registry.metrics();
        res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
        return true;
      }
      const ok = await healthy();
      const body = JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks: { supabase: ok } });
      res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
