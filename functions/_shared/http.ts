/// <reference lib="deno.window" />
// JSON answers with CORS headers, and errors as `{code, message}` with a stable snake_case code.

/** Browsers call functions from the web app's origin; identity travels in headers, not cookies. */
export const corsHeaders: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Max-Age': '3600',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...corsHeaders, ...headers } });
}

/** A refusal with a stable code: thrown by guards, answered by `handleErrors`. */
export class HttpError extends Error {
  status: number;
  code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function errorResponse(error: HttpError): Response {
  return json(error.status, { code: error.code, message: error.message });
}

/** The CORS preflight answer. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: corsHeaders });
}

/** 405 with the methods the function serves. */
export function methodNotAllowed(allowed: string[]): Response {
  return json(
    405,
    { code: 'method_not_allowed', message: `Use ${allowed.join(' or ')}.` },
    { Allow: [...allowed, 'OPTIONS'].join(', ') },
  );
}

/** The request body as JSON, at most `maxBytes`; `invalid_json` / `payload_too_large` otherwise. */
export async function readJson(req: Request, maxBytes = 16_384): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const tooLarge = () => new HttpError(413, 'payload_too_large', `The body is limited to ${maxBytes} bytes.`);
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  // Read chunk by chunk and stop at the limit: a body of unknown length is never held whole.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  const text = new TextDecoder().decode(concat(chunks, size));
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
