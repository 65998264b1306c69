// The invite function through supabase-js `functions.invoke`, on the real runtime and database:
// owners and admins invite (row + email with the accept link), everyone else is refused with a
// stable code, bad input answers 400 codes, and a refusal writes nothing (no row, no mail).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, tokenClient, useFunctionsStack, userClient } from '../../supabase/local/functions/test-support.ts';
import { signJwt } from '../../supabase/local/gateway/jwt.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { userClaims } from '../../supabase/local/rls-request.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { createUser } from '../../supabase/tests/support/db.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';

const SITE_URL = 'http://app.roost.test';
const output: string[] = [];
const stack = useFunctionsStack({
  functionsDir: join(projectRoot, 'functions'),
  secrets: `SITE_URL=${SITE_URL}\n`,
  mail: true,
  output,
});

let tenant: Tenant;
let other: Tenant;
beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'inv');
  other = await createTenant(stack.admin, 'oth');
});

/** A fresh address, mixed case: the invitation keeps it lowercased. */
const newEmail = () => `Invitee-${randomBytes(5).toString('hex')}@Example.test`;

async function as(role: keyof Tenant['members'], of: () => Tenant = () => tenant): Promise<SupabaseClient> {
  return userClient(stack, of().members[role]);
}

/** Invitations and queued mail for an address: what a refusal must leave untouched. */
async function writtenFor(email: string) {
  const [row] = await stack.admin`
    select (select count(*)::int from public.invitations where email = ${email.toLowerCase()}) as invitations,
           (select count(*)::int from private.mail_outbox where recipient = ${email.toLowerCase()}) as mails`;
  return row;
}

describe('invite', () => {
  it('lets an owner and an admin invite: 201 {id}, the invitation row, the email with the accept link', async () => {
    for (const [role, invitedRole] of [
      ['owner', 'admin'],
      ['admin', 'staff'],
    ] as const) {
      const email = newEmail();
      const client = await as(role);
      const { data, error, response } = await client.functions.invoke<{ id: string }>('invite', {
        body: { organization_id: tenant.organizationId, email, role: invitedRole },
      });
      expect(error ? (await errorOf({ error, response })).body : null, `${role} invites`).toBeNull();
      expect(response?.status, 'created').toBe(201);
      const [row] = await stack.admin`
        select organization_id, email::text, role::text, invited_by, accepted_at, revoked_at
        from public.invitations where id = ${data?.id ?? null}`;
      expect(row, 'the invitation row').toEqual({
        organization_id: tenant.organizationId,
        email: email.toLowerCase(),
        role: invitedRole,
        invited_by: tenant.members[role].id,
        accepted_at: null,
        revoked_at: null,
      });
      const mail = await waitFor('the invitation email in the mailbox', async () => {
        const [delivered] = await stack.admin`
          select subject, text, links from private.mailbox where recipient = ${email.toLowerCase()}`;
        return delivered;
      });
      expect(mail.subject, 'subject names the organization').toBe(`Join Org inv on Roost`);
      const link = (mail.links as string[]).find((href) => href.startsWith(`${SITE_URL}/invitations/accept?token=`));
      expect(link, 'an accept link to the site').toBeDefined();
      const token = new URL(link ?? SITE_URL).searchParams.get('token') ?? '';
      const [matches] = await stack.admin`
        select count(*)::int as n from public.invitations
        where id = ${data?.id ?? null} and token_hash = extensions.digest(${token}, 'sha256')`;
      expect(matches?.n, 'the link carries the token of this invitation').toBe(1);
      expect(mail.text, 'the role is named').toContain(`as ${invitedRole}`);
    }
  });

  it('restricts the invitation to the listed properties, and refuses another tenant’s property with 404', async () => {
    const client = await as('admin');
    const email = newEmail();
    const { data, response } = await client.functions.invoke<{ id: string }>('invite', {
      body: { organization_id: tenant.organizationId, email, role: 'staff', property_ids: [tenant.propertyIds[1]] },
    });
    expect(response?.status, 'created').toBe(201);
    const rows = await stack.admin`
      select i.all_properties, a.property_id from public.invitations i
      join public.invitation_property_access a on a.invitation_id = i.id where i.id = ${data?.id ?? null}`;
    expect(rows, 'restricted to the listed property').toEqual([
      { all_properties: false, property_id: tenant.propertyIds[1] },
    ]);
    const foreign = newEmail();
    const refused = await errorOf(
      await client.functions.invoke('invite', {
        body: {
          organization_id: tenant.organizationId,
          email: foreign,
          role: 'staff',
          property_ids: [other.propertyIds[0]],
        },
      }),
    );
    expect({ status: refused.status, code: (refused.body as { code?: string }).code }, 'foreign property').toEqual({
      status: 404,
      code: 'property_not_found',
    });
    expect(await writtenFor(foreign), 'no invitation, no mail').toEqual({ invitations: 0, mails: 0 });
  });

  it('refuses members below admin with 403 insufficient_role, and writes nothing', async () => {
    for (const role of ['manager', 'staff', 'viewer'] as const) {
      const email = newEmail();
      const result = await (await as(role)).functions.invoke('invite', {
        body: { organization_id: tenant.organizationId, email, role: 'viewer' },
      });
      const { status, body } = await errorOf(result);
      expect({ status, code: (body as { code?: string }).code }, `${role} is refused`).toEqual({
        status: 403,
        code: 'insufficient_role',
      });
      expect(await writtenFor(email), 'no invitation, no mail').toEqual({ invitations: 0, mails: 0 });
    }
  });

  it('refuses an admin inviting an admin (only owners manage admins) with 403', async () => {
    const email = newEmail();
    const result = await (await as('admin')).functions.invoke('invite', {
      body: { organization_id: tenant.organizationId, email, role: 'admin' },
    });
    const { status, body } = await errorOf(result);
    expect({ status, code: (body as { code?: string }).code }, 'admin → admin').toEqual({
      status: 403,
      code: 'insufficient_role',
    });
    expect(await writtenFor(email), 'nothing written').toEqual({ invitations: 0, mails: 0 });
  });

  it("answers 404 organization_not_found for another tenant's organization, and writes nothing", async () => {
    const email = newEmail();
    const result = await (await as('owner')).functions.invoke('invite', {
      body: { organization_id: other.organizationId, email, role: 'staff' },
    });
    const { status, body } = await errorOf(result);
    expect({ status, code: (body as { code?: string }).code }, 'not a member there').toEqual({
      status: 404,
      code: 'organization_not_found',
    });
    expect(await writtenFor(email), 'nothing written').toEqual({ invitations: 0, mails: 0 });
  });

  it("answers PostgreSQL's own privilege errors with a generic 403, logging the detail", async () => {
    // A missing grant (this test database's own): the read after invite_member is refused.
    await stack.admin`revoke select on public.profiles from authenticated`;
    try {
      const email = newEmail();
      const result = await (await as('owner')).functions.invoke('invite', {
        body: { organization_id: tenant.organizationId, email, role: 'staff' },
      });
      const { status, body } = await errorOf(result);
      expect({ status, body }, 'no table names in the answer').toEqual({
        status: 403,
        body: { code: 'invalid_request', message: 'This request is not allowed.' },
      });
      expect(
        output.some((line) => line.includes('permission denied for table profiles')),
        'the detail is logged',
      ).toBe(true);
      expect(await writtenFor(email), 'nothing written').toEqual({ invitations: 0, mails: 0 });
    } finally {
      await stack.admin`grant select on public.profiles to authenticated`;
    }
  });

  it('answers 409 already_member for a current member', async () => {
    const result = await (await as('owner')).functions.invoke('invite', {
      body: { organization_id: tenant.organizationId, email: tenant.members.staff.email, role: 'staff' },
    });
    const { status, body } = await errorOf(result);
    expect({ status, code: (body as { code?: string }).code }, 'already a member').toEqual({
      status: 409,
      code: 'already_member',
    });
  });

  it('answers 400 with a stable code for bad input, and writes nothing', async () => {
    const client = await as('owner');
    const email = newEmail();
    const cases: [string, unknown, string][] = [
      ['not a uuid', { organization_id: 'nope', email, role: 'staff' }, 'invalid_organization_id'],
      ['missing organization', { email, role: 'staff' }, 'invalid_organization_id'],
      ['bad email', { organization_id: tenant.organizationId, email: 'not-an-email', role: 'staff' }, 'invalid_email'],
      // Issue 12: addresses GoTrue refuses, and NUL characters PostgreSQL cannot store, are 400s too.
      [
        'colon and semicolon',
        { organization_id: tenant.organizationId, email: 'xx:;x@x.x', role: 'staff' },
        'invalid_email',
      ],
      [
        'NUL in the email',
        { organization_id: tenant.organizationId, email: 'a\u0000b@example.com', role: 'staff' },
        'invalid_email',
      ],
      ['NUL in the role', { organization_id: tenant.organizationId, email, role: 'staff\u0000' }, 'invalid_role'],
      ['unknown role', { organization_id: tenant.organizationId, email, role: 'chef' }, 'invalid_role'],
      ['extra field', { organization_id: tenant.organizationId, email, role: 'staff', admin: true }, 'unknown_field'],
      [
        'empty property list',
        { organization_id: tenant.organizationId, email, role: 'staff', property_ids: [] },
        'invalid_property_ids',
      ],
      [
        'property id not a uuid',
        { organization_id: tenant.organizationId, email, role: 'staff', property_ids: ['x'] },
        'invalid_property_ids',
      ],
      ['an array', [1, 2], 'invalid_body'],
      ['a string', 'hello', 'unsupported_media_type'],
    ];
    for (const [what, body, code] of cases) {
      const result = await client.functions.invoke('invite', { body: body as Record<string, unknown> });
      const error = await errorOf(result);
      expect({ status: error.status, code: (error.body as { code?: string }).code }, `${what} → ${code}`).toEqual({
        status: code === 'unsupported_media_type' ? 415 : 400,
        code,
      });
      expect(typeof (error.body as { message?: unknown }).message, `${what}: a message for people`).toBe('string');
    }
    const broken = await client.functions.invoke('invite', {
      body: '{"organization_id": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect((await errorOf(broken)).body, 'malformed JSON').toMatchObject({ code: 'invalid_json' });
    expect(await writtenFor(email), 'nothing written').toEqual({ invitations: 0, mails: 0 });
  });

  it('answers 413 as soon as a streamed body passes the limit, without waiting for its end', async () => {
    const token = await signJwt(stack.keys, userClaims(tenant.members.owner));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 20 KiB of JSON-ish bytes, then nothing more: the body never ends.
        if (sent < 20) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        sent += 1;
        return sent <= 20 ? undefined : new Promise(() => {});
      },
    });
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5000);
    try {
      const response = await fetch(`${stack.url}/functions/v1/invite`, {
        method: 'POST',
        headers: {
          apikey: stack.keys.publishable_key,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: endless,
        duplex: 'half',
        signal: abort.signal,
      } as RequestInit);
      expect(response.status, 'refused while the body still flows').toBe(413);
      expect(await response.json(), 'its code').toMatchObject({ code: 'payload_too_large' });
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  });

  it('answers 405 for another method, 401 without a user token', async () => {
    const owner = await as('owner');
    const get = await owner.functions.invoke('invite', { method: 'GET' });
    expect(await errorOf(get), 'GET').toEqual({
      status: 405,
      body: { code: 'method_not_allowed', message: 'Use POST.' },
    });
    const body = { organization_id: tenant.organizationId, email: newEmail(), role: 'staff' };
    const anonymous = await stack.client().functions.invoke('invite', { body });
    expect((await errorOf(anonymous)).status, 'verify_jwt: no token at all').toBe(401);
    const legacyKey = await tokenClient(stack, stack.keys.anon_key).functions.invoke('invite', { body });
    expect(await errorOf(legacyKey), 'a key is not a user').toEqual({
      status: 401,
      body: { code: 'invalid_jwt', message: 'Sign in: a user access token is required.' },
    });
    const stranger = await userClient(stack, await createUser(stack.admin, 'stranger'));
    const notMember = await stranger.functions.invoke('invite', { body });
    expect((await errorOf(notMember)).body, 'a signed-in stranger').toMatchObject({ code: 'organization_not_found' });
  });
});
