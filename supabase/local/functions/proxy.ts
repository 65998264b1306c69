// Forwards one request to a function's loopback port and streams both bodies through: the
// request body is piped as it arrives, the response is written chunk by chunk as the function
// produces it (nothing is buffered, so server-sent events and long downloads flow).
import { Agent, type IncomingMessage, type OutgoingHttpHeaders, request, type ServerResponse } from 'node:http';

/** Per-connection headers a proxy must not forward (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardable(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/**
 * The client's address appended to `x-forwarded-for`, as a proxy in front of hosted functions
 * does: what a client sent itself stays on the left, the last entry is the address this gateway
 * saw (public functions rate-limit by it; decision 034).
 */
function withForwardedFor(req: IncomingMessage): OutgoingHttpHeaders {
  const headers = forwardable(req.headers);
  const address = req.socket.remoteAddress?.replace(/^::ffff:/, '');
  if (address) {
    const earlier = headers['x-forwarded-for'];
    headers['x-forwarded-for'] = earlier ? `${String(earlier)}, ${address}` : address;
  }
  return headers;
}

export type ProxyOutcome =
  | { kind: 'done' }
  /** The function's side failed before it answered (no response headers were written). */
  | { kind: 'failed_before_response' }
  /** The function's side failed mid-response: the client's connection was cut. */
  | { kind: 'failed_mid_response' }
  /** The client went away first. */
  | { kind: 'client_gone' };

export interface ProxyRequest {
  req: IncomingMessage;
  res: ServerResponse;
  port: number;
  /** Path and query as the function sees them: `/<name>/rest?query`. */
  path: string;
  agent: Agent;
}

/**
 * Keep-alive to the function processes; an idle socket is dropped by us after 5 s, before the
 * function's server could close it under a request we are about to send on it.
 */
export function createProxyAgent(): Agent {
  return new Agent({ keepAlive: true, timeout: 5000, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' });
}

export function proxyRequest({ req, res, port, path, agent }: ProxyRequest): Promise<ProxyOutcome> {
  let settle: (outcome: ProxyOutcome) => void = () => {};
  const outcome = new Promise<ProxyOutcome>((resolve) => {
    settle = resolve;
  });
  const upstream = request({
    host: '127.0.0.1',
    port,
    method: req.method,
    path,
    headers: withForwardedFor(req),
    agent,
  });
  const fail = () => settle(res.headersSent ? { kind: 'failed_mid_response' } : { kind: 'failed_before_response' });

  upstream.on('response', (answer) => {
    const headers = forwardable(answer.headers);
    // Answered before the client finished sending (a refused or too large body): the rest of that
    // body would sit in front of the client's next request, so this connection ends here.
    if (!req.complete) headers.connection = 'close';
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
    // A streamed answer (no length): headers go out now, not with the first chunk, so a client
    // sees the status at once. A sized one goes out in one write with its body.
    if (answer.headers['content-length'] === undefined) res.flushHeaders();
    answer.pipe(res);
    answer.on('end', () => settle({ kind: 'done' }));
    // Closed before its end: the function's process died or cut the connection mid-answer.
    answer.on('close', () => {
      if (!answer.complete) fail();
    });
    answer.on('error', () => {});
  });
  upstream.on('error', fail);
  res.on('close', () => {
    if (!res.writableFinished) {
      upstream.destroy();
      settle({ kind: 'client_gone' });
    }
  });
  req.pipe(upstream);
  return outcome;
}
