/// <reference lib="deno.window" />
// POST /functions/v1/vendor-quote {token, amount_minor, available_on?, notes?, attachment?: {name,
// type, size}} → 201 {id, upload: {bucket, path, expires_at} | null}: a vendor answers a quote
// request through the emailed link, without an account (verify_jwt = false). The body is
// validated here, then public.submit_vendor_quote runs as `anon`: a narrow security definer RPC
// that reaches only the request the token names (its hash), once, before the link expires. The
// file's bytes never pass here: the RPC hands back a one-time path that anon may upload to
// through the Storage API for 15 minutes (decision 043). No service role and no table is touched
// from here. Browsers may call it from the web app's origin (SITE_URL) only: the form at
// /quote/<token> posts here.
import { db, httpErrorOf, withRequestId } from '../_shared/db.ts';
import { errorResponse, HttpError, methodNotAllowed, readJson } from '../_shared/http.ts';
import { settings } from '../_shared/settings.ts';
import { MAX_BODY_BYTES, parseQuoteInput, type QuoteInput } from './input.ts';

/** CORS for the web app's origin only; other origins get no Access-Control-Allow-Origin. */
function corsFor(req: Request): { headers: Record<string, string>; allowed: boolean } {
  const site = settings().SITE_URL;
  const allowedOrigin = site ? new URL(site).origin : null;
  const origin = req.headers.get('origin');
  const headers: Record<string, string> = {
    'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Max-Age': '3600',
    Vary: 'Origin',
  };
  if (origin && origin === allowedOrigin) headers['Access-Control-Allow-Origin'] = origin;
  // No Origin: not a browser's cross-origin call (a server, a test); a browser always sends one.
  return { headers, allowed: origin === null || origin === allowedOrigin };
}

interface Submitted {
  id: string;
  upload: { bucket: string; path: string; expires_at: string } | null;
}

async function submit(input: QuoteInput): Promise<Submitted> {
  return (await db().begin(async (tx) => {
    await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
    const [row] = await tx`
      select quote_id, upload_bucket, upload_path, upload_expires_at
      from public.submit_vendor_quote(${input.token}, ${input.amount_minor}, ${input.available_on ?? null}::date,
        ${input.notes ?? null}, ${input.attachment?.name ?? null}, ${input.attachment?.type ?? null},
        ${input.attachment?.size ?? null})`;
    if (!row?.quote_id) throw new Error('submit_vendor_quote returned no id');
    return {
      id: row.quote_id as string,
      upload: row.upload_path
        ? {
            bucket: row.upload_bucket as string,
            path: row.upload_path as string,
            expires_at: new Date(row.upload_expires_at as string).toISOString(),
          }
        : null,
    };
  })) as Submitted;
}

async function handle(req: Request): Promise<Response> {
  const cors = corsFor(req);
  const answer = (status: number, body: unknown) => Response.json(body, { status, headers: cors.headers });
  if (!cors.allowed) return answer(403, { code: 'origin_not_allowed', message: 'Submit the quote from its page.' });
  if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors.headers });
  if (req.method !== 'POST') return methodNotAllowed(['POST']);
  try {
    const input = parseQuoteInput(await readJson(req, MAX_BODY_BYTES));
    return answer(201, await submit(input));
  } catch (error) {
    const refusal = error instanceof HttpError ? error : httpErrorOf(error);
    if (refusal) {
      const response = errorResponse(refusal);
      return answer(response.status, await response.json());
    }
    console.error('vendor-quote failed', error);
    return answer(500, { code: 'internal_error', message: 'The quote could not be saved.' });
  }
}

Deno.serve(withRequestId(handle));
