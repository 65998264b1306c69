// The gateway's own endpoints, outside the five services (decision 039):
// - GET /metrics: Prometheus text of the gateway and of every service that keeps metrics
//   (Realtime); loopback only, or a bearer ROOST_METRICS_TOKEN (shared/observability/metrics-access.ts);
// - GET /health: 200 while every dependency check of the services answers (the database, the
//   Realtime replication slot), else 503, with each check's result; open, as monitors need it;
// - GET /_operator/statements: the slowest statements (pg_stat_statements) of this database, for
//   the operator only: the service role's key (secret key or legacy service_role JWT) from a
//   server, never a tenant's token. Statement texts can hold literals of tenant data.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sql } from 'postgres';
import { Registry } from 'prom-client';
import { mayReadMetrics } from '../../../shared/observability/metrics-access.ts';
import { sendJson } from './http.ts';
import { callerInputOf, type KeyRing, resolveCaller } from './resolve-caller.ts';
import { refuseSecretKeyFromBrowser } from './secret-key-guard.ts';
import type { Service } from './services.ts';

export const OWN_PATHS = ['/metrics', '/health', '/_operator/statements'];
const CHECK_TIMEOUT_MS = 2000;

export interface OwnRouteContext {
  services: Service[];
  gatewayMetrics: Registry;
  ring: KeyRing;
  secretKey: string;
}

async function runCheck(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every service's checks, run together: `{database: true, replication_slot: false}`. */
export async function healthOf(services: Service[]): Promise<{ ok: boolean; checks: Record<string, boolean> }> {
  const named = services.flatMap((service) => Object.entries(service.observability?.checks ?? {}));
  const results = await Promise.all(named.map(([, check]) => runCheck(check)));
  const checks = Object.fromEntries(named.map(([name], index) => [name, results[index] as boolean]));
  return { ok: results.every(Boolean), checks };
}

export interface SlowStatement {
  calls: number;
  total_ms: number;
  mean_ms: number;
  max_ms: number;
  rows: number;
  query: string;
}

/** The slowest statements (by mean time) run in this database since the statistics were reset. */
export async function slowStatements(sql: Sql, limit = 25): Promise<SlowStatement[]> {
  return sql<SlowStatement[]>`
    select s.calls::float8 as calls, round(s.total_exec_time::numeric, 2)::float8 as total_ms,
      round(s.mean_exec_time::numeric, 2)::float8 as mean_ms, round(s.max_exec_time::numeric, 2)::float8 as max_ms,
      s.rows::float8 as rows, left(s.query, 2000) as query
    from extensions.pg_stat_statements s
    join pg_catalog.pg_database d on d.oid = s.dbid
    where d.datname = current_database() and s.calls > 0
    order by s.mean_exec_time desc
    limit ${limit}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function statementsPage(rows: SlowStatement[]): string {
  const body = rows
    .map(
      (row) =>
        `<tr><td>${row.mean_ms}</td><td>${row.max_ms}</td><td>${row.calls}</td><td>${row.total_ms}</td><td>${row.rows}</td><td><pre>${escapeHtml(row.query)}</pre></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slowest statements</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:right;vertical-align:top}td:last-child{text-align:left}pre{margin:0;white-space:pre-wrap;max-width:70ch}</style></head>
<body><h1>Slowest statements (pg_stat_statements, this database)</h1>
<table><thead><tr><th scope="col">mean ms</th><th scope="col">max ms</th><th scope="col">calls</th><th scope="col">total ms</th><th scope="col">rows</th><th scope="col">statement</th></tr></thead>
<tbody>${body || '<tr><td colspan="6">No statements recorded yet.</td></tr>'}</tbody></table></body></html>`;
}

async function answerStatements(req: IncomingMessage, res: ServerResponse, url: URL, context: OwnRouteContext) {
  const input = callerInputOf(req.headers, url);
  const browserSecret = refuseSecretKeyFromBrowser(req, input, context.secretKey);
  const caller = browserSecret ? null : await resolveCaller(context.ring, input, { requireApiKey: true });
  if (!caller?.ok || caller.role !== 'service_role') {
    return sendJson(res, 403, {
      code: 'operator_only',
      message: 'Only the service role may read statement statistics.',
    });
  }
  const database = context.services.find((service) => service.observability?.database)?.observability?.database;
  if (!database)
    return sendJson(res, 503, { code: 'no_database', message: 'No database is attached to this gateway.' });
  const limit = Math.min(100, Math.max(1, Number.parseInt(url.searchParams.get('limit') ?? '25', 10) || 25));
  let rows: SlowStatement[];
  try {
    rows = await slowStatements(database, limit);
  } catch (error) {
    // 42P01: the extension is missing; 55000: not in shared_preload_libraries (cluster not restarted).
    const { message } = error as Error;
    return sendJson(res, 503, { code: 'pg_stat_statements_unavailable', message });
  }
  if ((req.headers.accept ?? '').includes('application/json')) return sendJson(res, 200, rows);
  const html = statementsPage(rows);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(html);
}

/** Answers the gateway's own paths; false for any other path (the services' routing goes on). */
export async function answerOwnRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: OwnRouteContext,
): Promise<boolean> {
  if (!OWN_PATHS.includes(url.pathname)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { message: 'Method not allowed' }, { Allow: 'GET, HEAD' });
    return true;
  }
  if (url.pathname === '/metrics') {
    if (!mayReadMetrics(req)) {
      sendJson(res, 403, {
        code: 'metrics_forbidden',
        message: 'Metrics are served to loopback or with the metrics token.',
      });
      return true;
    }
    const registries = [context.gatewayMetrics, ...context.services.flatMap((s) => s.observability?.metrics ?? [])];
    const text = await Registry.merge(registries).metrics();
    res.writeHead(200, { 'Content-Type': Registry.PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
    return true;
  }
  if (url.pathname === '/health') {
    const { ok, checks } = await healthOf(context.services);
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks }, { 'Cache-Control': 'no-store' });
    return true;
  }
  await answerStatements(req, res, url, context);
  return true;
}
