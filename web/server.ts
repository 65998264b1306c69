// The web app's server: node:http around Remix's request handler, no framework. Each request
// gets a CSP nonce and the security headers; its Supabase client is made once and its claims
// verified once (getLoadContext), and the cookies that client sets go out on the response.
// `node web/server.ts` serves development (Vite as middleware, hot reload); with `--prod` (or
// NODE_ENV=production) it serves `build/` from `npm run build -w web`.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { readWebEnv, type WebEnv } from './app/utils/env.server.ts';
import { createLoadContext } from './app/utils/load-context.server.ts';
import { createWebObservability, type WebObservability } from './app/utils/observability.server.ts';
import { securityHeaders } from './app/utils/security-headers.server.ts';

const webDir = dirname(fileURLToPath(import.meta.url));
const root = join(webDir, '..');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A file of build/client for GET/HEAD, or false; fingerprinted assets are cached for a year. */
async function serveStatic(
  clientDir: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(clientDir, pathname));
  if (!file.startsWith(clientDir + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const immutable = pathname.startsWith('/assets/');
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') res.end();
  else await pipeline(createReadStream(file), res);
  return true;
}

function toRequest(req: IncomingMessage, res: ServerResponse): Request {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

async function sendResponse(res: ServerResponse, response: Response, extra: Headers, headers: Record<string, string>) {
  const out = new Headers(response.headers);
  for (const cookie of extra.getSetCookie()) out.append('Set-Cookie', cookie);
  for (const [key, value] of extra) if (key !== 'set-cookie') out.set(key, value);
  for (const [key, value] of Object.entries(headers)) if (!out.has(key)) out.set(key, value);
  const flat: Record<string, string | string[]> = {};
  for (const [key, value] of out) if (key !== 'set-cookie') flat[key] = value;
  const cookies = out.getSetCookie();
  if (cookies.length > 0) flat['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText, flat);
  if (!response.body) return void res.end();
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res);
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** Request log, /metrics and /health; by default made from the environment (decision 039). */
  observability?: WebObservability;
}

export async function startWebServer(env: WebEnv, options: WebServerOptions = {}): Promise<WebServer> {
  const server = createServer();
  const observability =
    options.observability ??
    createWebObservability({ supabaseUrl: env.project.SUPABASE_URL, apiKey: env.project.clientKey });
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let vite: import('vite').ViteDevServer | undefined;
  if (env.mode === 'development') {
    const { createServer: createVite } = await import('vite');
    vite = await createVite({
      configFile: join(webDir, 'vite.config.ts'),
      root: webDir,
      server: { middlewareMode: true, hmr: { server } },
      appType: 'custom',
    });
    const dev = vite;
    build = () => dev.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>;
  } else {
    const entry = join(webDir, env.buildDir, 'server', 'index.js');
    if (!existsSync(entry)) throw new Error(`web/${env.buildDir} is missing: run \`npm run build -w web\` first.`);
    build = (await import(pathToFileURL(entry).href)) as ServerBuild;
  }
  const handle = createRequestHandler(build, env.mode);
  const clientDir = join(webDir, env.buildDir, 'client');

  const remix = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    const nonce = randomBytes(16).toString('base64');
    const headers = securityHeaders(env, nonce);
    try {
      if (env.mode === 'production' && (await serveStatic(clientDir, req, res, headers))) return;
      const request = toRequest(req, res);
      const context = await createLoadContext(request, env, nonce, requestId);
      const response = await handle(request, { ...context });
      await sendResponse(res, response, context.responseHeaders, headers);
    } catch (error) {
      observability.log.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal Server Error');
    }
  };
  server.on('request', (req, res) => {
    const requestId = observability.begin(req, res);
    void observability.answer(req, res).then((answered) => {
      if (answered) return;
      if (vite) vite.middlewares(req, res, () => void remix(req, res, requestId));
      else void remix(req, res, requestId);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  return {
    url: `http://${env.host}:${port}`,
    async close() {
      await vite?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const prod = process.argv.includes('--prod') || process.env.NODE_ENV === 'production';
  if (prod) process.env.NODE_ENV = 'production';
  let env: WebEnv;
  try {
    env = readWebEnv(process.env, root, prod ? 'production' : 'development');
  } catch (error) {
    process.stderr.write(`roost web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const web = await startWebServer(env, {
    observability: createWebObservability({
      supabaseUrl: env.project.SUPABASE_URL,
      apiKey: env.project.clientKey,
      processMetrics: true,
    }),
  });
  process.stdout.write(`roost web: listening on ${web.url} (${env.mode})\n`);
  const stop = () => void web.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by npm start over IPC: leave when it goes away.
  process.on('disconnect', stop);
}
