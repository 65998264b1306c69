// The local API gateway: one `node:http` server (127.0.0.1, [api].port of supabase/config.toml)
// that answers CORS, checks the API key as Supabase's gateway does, resolves the caller and routes
// `/auth/v1`, `/storage/v1`, `/functions/v1`, `/realtime/v1` and `/rest/v1` to their services.
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { createLogger, type Logger, logLevel } from '../../../shared/observability/logger.ts';
import { acceptRequestId, REQUEST_ID_HEADER } from '../../../shared/observability/request-id.ts';
import { routeTemplate } from '../../../shared/observability/route-template.ts';
import { type ProjectConfig, readProjectConfig } from '../config.ts';
import { ensureLocalKeys, type LocalKeys } from '../keys.ts';
import { authPublic, OPEN_AUTH_PATHS } from './auth-public.ts';
import { answerPreflight, sendJson, setCorsHeaders } from './http.ts';
import { createGatewayMetrics } from './observability.ts';
import { answerOwnRoute } from './own-routes.ts';
import { callerInputOf, createKeyRing, type Rejection, resolveCaller } from './resolve-caller.ts';
import { refuseSecretKeyFromBrowser } from './secret-key-guard.ts';
import { notImplemented, SERVICE_NAMES, type Service, type ServiceContext, type ServiceName } from './services.ts';

export interface GatewayOptions {
  port: number;
  host?: string;
  /** The keys to serve; by default those of `.roost/keys.json` (generated on first use). */
  keys?: LocalKeys;
  config?: ProjectConfig;
  /** Real services replace the 501 placeholders here as they are built. */
  services?: Partial<Record<ServiceName, Service>>;
  /**
   * Where the request log goes (npm start: .roost/dev/gateway.log). By default stdout at
   * ROOST_LOG_LEVEL, else `warn`: stacks in tests and benchmarks log no line per request.
   */
  logger?: Logger;
}

export interface Gateway {
  url: string;
  keys: LocalKeys;
  close(): Promise<void>;
}

const HINTS: Record<string, string> = {
  no_api_key: 'No `apikey` request header or url param was found.',
  invalid_api_key: 'Double check your Supabase `anon` or `service_role` API key.',
};

/** `/storage/v1/bucket` → storage, `/bucket`; null for paths outside the five services. */
function routeOf(pathname: string): { service: ServiceName; path: string } | null {
  const match = /^\/([a-z]+)\/v1(\/.*)?$/.exec(pathname);
  const service = match?.[1] as ServiceName | undefined;
  if (!service || !SERVICE_NAMES.includes(service)) return null;
  return { service, path: match?.[2] ?? '/' };
}

/**
 * Storage paths reached from plain links (public objects, signed URLs, signed uploads): upstream's
 * gateway asks no key there, the Storage API checks the bucket's public flag or the URL's token.
 */
const OPEN_STORAGE_PATHS = [
  '/object/public/',
  '/object/sign/',
  '/object/upload/sign/',
  '/render/image/public/',
  '/render/image/sign/',
];

/** Whether a request may come without an `apikey` (Auth's open paths; Functions check their own). */
function apiKeyPolicy(service: ServiceName, path: string): 'open' | 'optional' | 'required' {
  if (service === 'auth' && OPEN_AUTH_PATHS.some((open) => path === open || path.startsWith(`${open}/`))) {
    return 'open';
  }
  if (service === 'storage' && OPEN_STORAGE_PATHS.some((open) => path.startsWith(open))) return 'optional';
  return service === 'functions' ? 'optional' : 'required';
}

type Prepared =
  | { kind: 'answer'; status: number; body: unknown }
  | { kind: 'route'; service: ServiceName; context: ServiceContext };

function isKeyRejection(rejection: Rejection, policy: 'open' | 'optional' | 'required'): boolean {
  if (policy === 'open') return false;
  if (rejection.reason === 'invalid_api_key') return true;
  return rejection.reason === 'no_api_key' && policy === 'required';
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? '127.0.0.1';
  const keys = options.keys ?? (await ensureLocalKeys());
  const config = options.config ?? readProjectConfig();
  const ring = createKeyRing(keys);
  const services: Record<ServiceName, Service> = {
    auth: authPublic,
    storage: notImplemented('storage'),
    functions: notImplemented('functions'),
    realtime: notImplemented('realtime'),
    rest: notImplemented('rest'),
    ...options.services,
  };
  let apiUrl = '';
  const log = options.logger ?? createLogger('gateway', { level: process.env.ROOST_LOG_LEVEL ? logLevel() : 'warn' });
  const metrics = createGatewayMetrics();
  const ownRoutes = {
    services: Object.values(services),
    gatewayMetrics: metrics.registry,
    ring,
    secretKey: keys.secret_key,
  };

  /**
   * Gives the request its id (a valid incoming `x-request-id`, else a new one) on the request the
   * services see (REST puts it in `request.headers`, Functions forward it) and on the answer, and
   * logs and counts the request once it ends.
   */
  function trace(req: IncomingMessage, res: ServerResponse | null): (status?: number) => void {
    const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res?.setHeader(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    let done = false;
    return (status = res?.statusCode ?? 0) => {
      if (done) return;
      done = true;
      const pathname = new URL(req.url ?? '/', 'http://gateway').pathname;
      const route = routeOf(pathname);
      const service = route?.service ?? 'gateway';
      const template = route ? routeTemplate(route.path) : pathname.length <= 32 ? pathname : 'other';
      const seconds = (performance.now() - started) / 1000;
      metrics.record({ service, route: template, method: req.method ?? 'GET', status, seconds });
      log.info(
        { requestId, service, route: template, method: req.method, status, ms: Math.round(seconds * 10_000) / 10 },
        'request',
      );
    };
  }

  /** The route and caller of a request, or the gateway's own answer (status and body). */
  async function prepare(req: IncomingMessage): Promise<Prepared> {
    const url = new URL(req.url ?? '/', apiUrl);
    const route = routeOf(url.pathname);
    if (!route) return { kind: 'answer', status: 404, body: { message: 'no Route matched with those values' } };
    const policy = apiKeyPolicy(route.service, route.path);
    const input = callerInputOf(req.headers, url);
    const browserSecret = refuseSecretKeyFromBrowser(req, input, keys.secret_key);
    if (browserSecret) return { kind: 'answer', status: 401, body: browserSecret };
    const caller = await resolveCaller(ring, input, { requireApiKey: policy === 'required' });
    if (!caller.ok && isKeyRejection(caller, policy)) {
      return { kind: 'answer', status: 401, body: { message: caller.message, hint: HINTS[caller.reason] } };
    }
    const context: ServiceContext = { req, url, path: route.path, caller, keys, ring, config, apiUrl };
    return { kind: 'route', service: route.service, context };
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      return answerPreflight(req, res);
    }
    setCorsHeaders(req, res);
    const finished = trace(req, res);
    res.once('close', () => finished());
    if (await answerOwnRoute(req, res, new URL(req.url ?? '/', apiUrl), ownRoutes)) return;
    const prepared = await prepare(req);
    if (prepared.kind === 'answer') return sendJson(res, prepared.status, prepared.body);
    await services[prepared.service].handle(prepared.context, res);
  }

  // Upgraded sockets leave the server's bookkeeping: close() ends them itself.
  const upgraded = new Set<Duplex>();
  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    const finished = trace(req, null);
    const prepared = await prepare(req);
    const upgrade = prepared.kind === 'route' ? services[prepared.service].upgrade : undefined;
    if (prepared.kind === 'route' && upgrade) {
      finished(101);
      return upgrade(prepared.context, socket, head);
    }
    const { status, body } =
      prepared.kind === 'answer'
        ? prepared
        : { status: 501, body: { code: 'not_implemented', message: 'websockets are not served yet' } };
    const text = JSON.stringify(body);
    finished(status);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }

  const fail = (res: ServerResponse | Duplex, error: unknown) => {
    process.stderr.write(`gateway: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if ('headersSent' in res && !res.headersSent)
      sendJson(res, 500, { code: 'unexpected_failure', message: 'Internal error' });
    else res.destroy();
  };
  const server = createServer((req, res) => void onRequest(req, res).catch((error) => fail(res, error)));
  server.on('upgrade', (req, socket, head) => void onUpgrade(req, socket, head).catch((error) => fail(socket, error)));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  apiUrl = `http://${host}:${typeof address === 'object' && address ? address.port : options.port}`;
  return {
    url: apiUrl,
    keys,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
}
