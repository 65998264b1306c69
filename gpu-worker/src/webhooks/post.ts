// One POST of a webhook: no redirects followed (a 3xx is a failure), a timeout over the whole
// exchange, the DNS answer checked at connect time (addresses.ts), and an excerpt of the answer.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isBlockedAddress, TargetNotAllowedError } from './addresses.ts';

export interface PostOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
}

export interface PostOptions {
  timeoutMs: number;
  allowPrivateTargets: boolean;
  /** Keep-alive agents of the sender; without them each POST opens its own connection. */
  agents?: { http: http.Agent; https: https.Agent };
}

const EXCERPT_BYTES = 1000;

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string, statusCode: number | null = null, excerpt: string | null = null): PostOutcome => ({
    ok: false,
    statusCode,
    latencyMs: elapsed(),
    excerpt,
    error,
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failed('invalid_url: the endpoint URL does not parse'));
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    return Promise.resolve(failed('invalid_url: only http(s) is sent'));
  }
  if (target.username || target.password) {
    return Promise.resolve(failed('invalid_url: credentials in the URL are not sent'));
  }
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(hostname) !== 0 && !options.allowPrivateTargets && isBlockedAddress(hostname)) {
    return Promise.resolve(failed(`target_not_allowed: ${hostname} is a private or reserved address`));
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      {
        protocol: target.protocol,
        hostname,
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Roost-Webhooks/1',
        },
        // New connections resolve through the guard; a pooled one was checked when it opened.
        lookup: guardedLookup(options.allowPrivateTargets) as never,
        agent: options.agents ? options.agents[target.protocol === 'https:' ? 'https' : 'http'] : false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
          const statusCode = response.statusCode ?? null;
          const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
          finish({ ok, statusCode, latencyMs: elapsed(), excerpt, error: ok ? null : `HTTP ${statusCode}` });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`timeout: no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    request.on('error', (error) => {
      const refused =
        error instanceof TargetNotAllowedError || (error as { code?: string }).code === 'target_not_allowed';
      finish(failed(refused ? `target_not_allowed: ${error.message}` : `request_failed: ${error.message}`));
    });
    request.end(body);
  });
}
