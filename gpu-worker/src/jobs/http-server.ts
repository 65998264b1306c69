// The worker's health and Prometheus endpoint: GET /health (200 while serving and the database
// answers, 503 otherwise) and GET /metrics.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { hasMetricsToken } from '../../../shared/observability/metrics-access.ts';

/** This machine's names; the worker cannot import the local stack's guard, so it is repeated here. */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

export async function startHealthServer(options: {
  port: number;
  host: string;
  registry: Registry;
  health: () => Promise<{ ok: boolean; detail: Record<string, unknown> }>;
  /** Bearer token /metrics requires when set (decision 039); default ROOST_METRICS_TOKEN. */
  metricsToken?: string;
}): Promise<HealthServer> {
  const metricsToken = options.metricsToken ?? process.env.ROOST_METRICS_TOKEN;
  // Bound to loopback, a request naming another host is a DNS-rebinding page reading /metrics.
  const loopbackOnly = ['127.0.0.1', 'localhost', '::1'].includes(options.host);
  const server: Server = createServer((req, res) => {
    if (loopbackOnly && !LOOPBACK_HOST.test(req.headers.host ?? '')) {
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"host_not_allowed"}');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      if (metricsToken && !hasMetricsToken(req, metricsToken)) {
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"metrics_token_required"}');
        return;
      }
      options.registry
        .metrics()
        .then((body) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(body))
        .catch((error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message));
      return;
    }
    if (path === '/health') {
      options
        .health()
        .catch((error: Error) => ({ ok: false, detail: { error: error.message } }))
        .then(({ ok, detail }) =>
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...detail })),
        );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
