// A small loopback load balancer for the scale-out test and bench/scale: round-robin over HTTP
// upstreams, as a cloud load balancer or nginx (`proxy_next_upstream error`) spreads requests over
// stateless web servers. It retries on the next upstream what provably did not reach the dead one
// (the connection was refused or reset before any response), for any method when the connection
// never opened and for idempotent methods otherwise, and rests an upstream that failed for a
// while. Each response says which upstream served it (`x-upstream`, the index).
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { freePort } from '../throwaway.ts';

export interface RoundRobinProxy {
  url: string;
  /** Requests each upstream answered. */
  served: number[];
  /** Requests retried on another upstream after a failure. */
  retried: number;
  close(): Promise<void>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

export async function startRoundRobinProxy(
  upstreams: string[],
  options: { restMs?: number } = {},
): Promise<RoundRobinProxy> {
  const restMs = options.restMs ?? 2_000;
  const downUntil = upstreams.map(() => 0);
  const state = { served: upstreams.map(() => 0), retried: 0 };
  let next = 0;

  const pick = (tried: Set<number>): number | undefined => {
    for (let step = 0; step < upstreams.length; step++) {
      const index = (next + step) % upstreams.length;
      if (!tried.has(index) && (downUntil[index] ?? 0) <= Date.now()) {
        next = index + 1;
        return index;
      }
    }
    // All resting: try one that has not failed this request yet anyway.
    return upstreams.findIndex((_, index) => !tried.has(index));
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tried: Set<number>) => {
    const index = pick(tried);
    if (index === undefined || index < 0) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no upstream answered');
      return;
    }
    tried.add(index);
    const target = new URL(req.url ?? '/', upstreams[index]);
    const headers: Record<string, string | string[] | undefined> = {
      ...req.headers,
      'content-length': String(body.length),
    };
    for (const name of HOP_BY_HOP) delete headers[name];
    let connected = false;
    const upstream = request(target, { method: req.method, headers, agent: false });
    upstream.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    upstream.on('response', (answer) => {
      state.served[index] = (state.served[index] ?? 0) + 1;
      const out: Record<string, string | string[] | undefined> = { ...answer.headers, 'x-upstream': String(index) };
      for (const name of HOP_BY_HOP) delete out[name];
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy();
      downUntil[index] = Date.now() + restMs;
      if (!connected || IDEMPOTENT.has(req.method ?? 'GET')) {
        state.retried += 1;
        forward(req, res, body, tried);
      } else {
        res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream failed mid-request');
      }
    });
    upstream.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    get served() {
      return state.served;
    },
    get retried() {
      return state.retried;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
