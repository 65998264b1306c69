// The vendor-quote function over HTTP, on the real runtime and database: a vendor's link answers
// once (201 then 422 quote_link_used), an expired or unknown link is refused, bad input answers 400
// codes (CR/LF/NUL, wrong types, unknown fields), a huge body 413, and a browser may call it from
// the web app's origin only. A refusal writes nothing. The attachment's upload through Storage:
// vendor-files.test.ts.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendQueuedVendorMail } from '../../gpu-worker/src/maintenance/vendor-mail.ts';
import { useFunctionsStack } from '../../supabase/local/functions/test-support.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';

const SITE_URL = 'http://app.roost.test:3000';
const stack = useFunctionsStack({
  functionsDir: join(projectRoot, 'functions'),
  secrets: `SITE_URL=${SITE_URL}\n`,
  config: (config) => ({ ...config, functions: { ...config.functions, 'vendor-quote': { verify_jwt: false } } }),
});

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'vq');
});

/** A fresh quote request for the tenant's work order; returns the link's token from the email. */
async function newLink(validFor = '7 days'): Promise<{ token: string; requestId: string }> {
  const ids = tenant.extra.maintenance ?? {};
  const [row] = await asUser(
    stack.admin,
    tenant.members.manager,
    (tx) => tx`
    select quote_request_id from public.request_vendor_quote(${ids.workOrderId ?? null}, ${ids.vendorId ?? null},
      ${SITE_URL}, ${validFor}::interval)`,
  );
  const requestId = row?.quote_request_id as string;
  // The worker renders queued vendor emails into the outbox (decision 041).
  await sendQueuedVendorMail(stack.admin);
  const [mail] = await stack.admin<{ text: string }[]>`
    select text from private.mail_outbox where tags ->> 'quote_request' = ${requestId}`;
  const token = /\/quote\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('no link in the email');
  return { token, requestId };
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}/functions/v1/vendor-quote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return {
    status: response.status,
    body: json as { code?: string; id?: string; upload?: { bucket: string; path: string } | null },
    headers: response.headers,
  };
}

const quotesOf = async (requestId: string) =>
  (await stack.admin`select count(*)::int as n from public.vendor_quotes where quote_request_id = ${requestId}`)[0]?.n;

describe('vendor-quote', () => {
  it('accepts one submission per link, with an attachment, then refuses the link', async () => {
    const { token, requestId } = await newLink();
    const first = await post({
      token,
      amount_minor: 45000,
      available_on: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      notes: 'Line one\r\nLine two',
      attachment: { name: 'quote.pdf', type: 'application/pdf', size: 16 },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const [row] = await stack.admin`
      select amount_minor::int, notes, attachment_type, attachment_size::int, attachment
      from public.vendor_quotes where id = ${first.body.id ?? null}`;
    expect(row).toEqual({
      amount_minor: 45000,
      notes: 'Line one\r\nLine two',
      attachment_type: 'application/pdf',
      attachment_size: 16,
      attachment: null,
    });
    // The file goes to Storage at the path handed back (vendor-files.test.ts uploads it).
    expect(first.body.upload?.path).toMatch(new RegExp(`/quotes/${first.body.id}/[0-9a-f-]{36}-quote\\.pdf$`));
    const again = await post({ token, amount_minor: 1 });
    expect([again.status, again.body.code]).toEqual([422, 'quote_link_used']);
    expect(await quotesOf(requestId)).toBe(1);
  });

  it('refuses an expired link and an unknown one', async () => {
    const { token, requestId } = await newLink();
    await stack.admin`update public.quote_requests set expires_at = now() - interval '1 minute' where id = ${requestId}`;
    const expired = await post({ token, amount_minor: 100 });
    expect([expired.status, expired.body.code]).toEqual([422, 'quote_link_expired']);
    const unknown = await post({ token: 'x'.repeat(43), amount_minor: 100 });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'quote_request_not_found']);
    expect(await quotesOf(requestId)).toBe(0);
  });

  it('answers bad input with 400 codes and writes nothing', async () => {
    const { token, requestId } = await newLink();
    const cases: [unknown, string][] = [
      [{ token: `${token}\r\n`, amount_minor: 100 }, 'invalid_token'],
      [{ token: `${token}\u0000`, amount_minor: 100 }, 'invalid_token'],
      [{ token, amount_minor: 100, notes: 'nul \u0000 byte' }, 'invalid_notes'],
      [{ token, amount_minor: 100, notes: 'x'.repeat(2001) }, 'invalid_notes'],
      [{ token, amount_minor: 1.5 }, 'invalid_amount'],
      [{ token, amount_minor: '100' }, 'invalid_amount'],
      [{ token, amount_minor: 0 }, 'invalid_amount'],
      [{ token, amount_minor: 100, available_on: '2026-13-40' }, 'invalid_available_on'],
      [
        { token, amount_minor: 100, attachment: { name: 'a\r\nb.pdf', type: 'application/pdf', size: 10 } },
        'invalid_attachment_name',
      ],
      [
        { token, amount_minor: 100, attachment: { name: '../a.pdf', type: 'application/pdf', size: 10 } },
        'invalid_attachment_name',
      ],
      [
        { token, amount_minor: 100, attachment: { name: 'a.exe', type: 'application/x-msdownload', size: 10 } },
        'invalid_attachment_type',
      ],
      [
        { token, amount_minor: 100, attachment: { name: 'a.pdf', type: 'application/pdf', size: '10' } },
        'invalid_attachment',
      ],
      [
        { token, amount_minor: 100, attachment: { name: 'a.webp', type: 'image/webp', size: 10 } },
        'invalid_attachment_type',
      ],
      [
        {
          token,
          amount_minor: 100,
          attachment: { name: 'a.pdf', type: 'application/pdf', size: 10 * 1024 * 1024 + 1 },
        },
        'attachment_too_large',
      ],
      [
        {
          token,
          amount_minor: 100,
          attachment: { name: 'a.pdf', type: 'application/pdf', size: 10, data: 'JVBERg==' },
        },
        'unknown_field',
      ],
      [{ token, amount_minor: 100, role: 'service_role' }, 'unknown_field'],
      [[token], 'invalid_body'],
    ];
    for (const [body, code] of cases) {
      const answer = await post(body);
      expect([answer.status, answer.body.code], JSON.stringify(body).slice(0, 80)).toEqual([400, code]);
    }
    const notJson = await post('{"token":');
    expect([notJson.status, notJson.body.code]).toEqual([400, 'invalid_json']);
    expect(await quotesOf(requestId)).toBe(0);
  });

  it('refuses a huge body with 413 (the file never travels in it)', async () => {
    const { token, requestId } = await newLink();
    const huge = await post({ token, amount_minor: 100, notes: 'x'.repeat(4_000_000) });
    expect([huge.status, huge.body.code]).toEqual([413, 'payload_too_large']);
    expect(await quotesOf(requestId)).toBe(0);
  });

  it('lets browsers call it from the web app origin only', async () => {
    // The local gateway answers preflights itself for any origin (decision 009), so the function's
    // own check is the guard: a POST from another origin is refused before anything is read.
    const { token, requestId } = await newLink();
    const foreign = await post({ token, amount_minor: 100 }, { origin: 'https://evil.example' });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'origin_not_allowed']);
    expect(await quotesOf(requestId)).toBe(0);
    const fromSite = await post({ token, amount_minor: 100 }, { origin: SITE_URL });
    expect(fromSite.status).toBe(201);
    expect(fromSite.headers.get('access-control-allow-origin')).toBe(SITE_URL);
  });
});
