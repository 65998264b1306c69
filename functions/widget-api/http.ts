/// <reference lib="deno.window" />
// The widget API's answers: JSON, errors as {error: {code, message}}, CORS for allowed origins
// only, and the client's address as the proxy in front of the function saw it.

export class WidgetError extends Error {
  status: number;
  code: string;
  headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const MAX_BODY_BYTES = 16_384;

const BASE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  Vary: 'Origin',
};

/** CORS headers echoing an allowed origin (nothing for others: the browser then hides the answer). */
export function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Headers': 'content-type, x-roost-widget-key',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Expose-Headers': 'Retry-After',
    'Access-Control-Max-Age': '600',
  };
}

export function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, ...(status === 204 ? {} : { 'Content-Type': 'application/json' }), ...headers },
  });
}

export function errorAnswer(error: WidgetError, headers: Record<string, string> = {}): Response {
  return answer(
    error.status,
    { error: { code: error.code, message: error.message } },
    { ...headers, ...error.headers },
  );
}

const ADDRESS = /^[0-9A-Fa-f:.]{2,64}$/;

/**
 * The client's address: the last entry of x-forwarded-for (what the proxy in front of the function
 * appended; entries a client sent itself sit on its left and are ignored), else the socket's peer.
 */
export function clientAddress(req: Request, peer: string | undefined): string {
  const forwarded = req.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  if (last && ADDRESS.test(last)) return last;
  return peer && ADDRESS.test(peer) ? peer : 'unknown';
}

/** The request body as JSON, at most MAX_BODY_BYTES (413), JSON only (415), well-formed (400). */
export async function readBody(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new WidgetError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const tooLarge = () => new WidgetError(413, 'payload_too_large', `The body is limited to ${MAX_BODY_BYTES} bytes.`);
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (!Number.isFinite(declared) || declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  try {
    for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
      size += next.value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader?.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(next.value);
    }
  } catch (error) {
    if (error instanceof WidgetError) throw error;
    throw new WidgetError(400, 'invalid_body', 'The body could not be read.');
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new WidgetError(400, 'invalid_json', 'The body is not UTF-8 JSON.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new WidgetError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}
