// The edge functions' database access (functions/_shared/db.ts) through a transaction-mode pooler,
// as hosted functions reach Supavisor's port 6543 (decision 040): the real vendor-quote function
// gets SUPABASE_DB_URL pointing at Debian's PgBouncer in transaction mode with two server
// connections, and its role-switching transactions (set_config(..., true)) and refusals behave as
// on a direct connection, under concurrency.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFunctionsService } from '../supabase/local/functions/index.ts';
import { projectRoot } from '../supabase/local/paths.ts';
import { type Pooler, startPooler } from '../supabase/local/testing/pgbouncer.ts';
import { useTestStack } from '../supabase/local/testing/test-stack.ts';
import { asUser } from '../supabase/tests/support/db.ts';
import { createTenant, type Tenant } from '../supabase/tests/support/tenants.ts';

const SITE_URL = 'http://app.roost.test:3000';
let pooler: Pooler | undefined;
let database = '';

const stack = useTestStack({
  config: (config) => ({ ...config, functions: { ...config.functions, 'vendor-quote': { verify_jwt: false } } }),
  services: async (deps) => {
    const { port, password } = inject('database');
    database = new URL(deps.dbUrl).pathname.slice(1);
    pooler = await startPooler({ serverPort: port, user: 'postgres', password, poolSize: 2 });
    const envFile = join(deps.dataDir, 'functions.env');
    writeFileSync(envFile, `SITE_URL=${SITE_URL}\n`);
    const functions = createFunctionsService({
      ...deps,
      // SUPABASE_DB_URL of the functions (also when ROOST_TEST_POOLER gives the stack a pooler of its own).
      poolerDbUrl: pooler.url(database),
      functionsDir: join(projectRoot, 'functions'),
      envFile,
      denoDir: join(deps.dataDir, 'deno'),
      log: () => {},
    });
    return { services: { functions: functions.service }, close: functions.close };
  },
});

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'pooled');
});
afterAll(async () => {
  await pooler?.stop();
});

async function newToken(): Promise<string> {
  const ids = tenant.extra.maintenance ?? {};
  const [row] = await asUser(
    stack.admin,
    tenant.members.manager,
    (tx) => tx`
    select quote_request_id from public.request_vendor_quote(${ids.workOrderId ?? null}, ${ids.vendorId ?? null},
      ${SITE_URL}, '7 days'::interval)`,
  );
  const requestId = row?.quote_request_id as string;
  // The link is in the outbox, or still in the vendor mail queue until a worker renders it.
  const [mail] = await stack.admin<{ text: string | null }[]>`
    select coalesce(
      (select text from private.mail_outbox where tags ->> 'quote_request' = ${requestId} limit 1),
      (select link from private.vendor_mail_queue where tags ->> 'quote_request' = ${requestId} limit 1)) as text`;
  const token = /\/quote\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('no link in the email');
  return token;
}

async function post(body: unknown): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${stack.url}/functions/v1/vendor-quote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { code?: string };
  return { status: response.status, ...(json.code ? { code: json.code } : {}) };
}

describe('functions through a transaction-mode pooler', () => {
  it('run their anon transactions and refusals as on a direct connection, concurrently', async () => {
    const tokens = await Promise.all(Array.from({ length: 6 }, () => newToken()));
    // Each link once, all at once, beside a second use of each: six 201s, six 422 quote_link_used.
    const first = await Promise.all(tokens.map((token) => post({ token, amount_minor: 1000 })));
    expect(first.map((answer) => answer.status)).toEqual(tokens.map(() => 201));
    const again = await Promise.all(tokens.map((token) => post({ token, amount_minor: 1 })));
    expect(again).toEqual(tokens.map(() => ({ status: 422, code: 'quote_link_used' })));
    const unknown = await Promise.all(
      Array.from({ length: 8 }, () => post({ token: 'x'.repeat(43), amount_minor: 1 })),
    );
    expect(new Set(unknown.map((answer) => answer.status)), 'refusals, never a 500').not.toContain(500);
    const [saved] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.vendor_quotes where amount_minor = 1000`;
    expect(saved?.n, 'one quote per link').toBe(6);
    // The role switch stayed inside each transaction: the pooler's server connections are back to postgres.
    expect(await pooler?.clients(database), 'the function process held pooler connections').toBeGreaterThan(0);
  });
});
