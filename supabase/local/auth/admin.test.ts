// The admin users API (service role only) through supabase-js's `auth.admin`, plus the raw
// headers and error shapes that upstream gives and the client reads.
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './admin-input.ts';
import { useAuthStack } from './test-support.ts';

const stack = useAuthStack();

const PASSWORD = 'correct-horse-battery';
let counter = 0;

function email(tag: string) {
  counter += 1;
  return `${tag}-${counter}-${Date.now()}@example.com`;
}

const admin = () => stack.client(stack.keys.secret_key);

async function createConfirmed(address: string, extra: Record<string, unknown> = {}) {
  const { data, error } = await admin().auth.admin.createUser({
    email: address,
    password: PASSWORD,
    email_confirm: true,
    ...extra,
  });
  expect(error, `createUser ${address}`).toBeNull();
  return data.user as NonNullable<typeof data.user>;
}

async function signIn(address: string, password = PASSWORD) {
  return stack.client().auth.signInWithPassword({ email: address, password });
}

/** A raw call to Auth with the secret key (for headers and shapes the client hides). */
function raw(path: string, init: RequestInit = {}, key = stack.keys.secret_key) {
  const headers = new Headers(init.headers);
  headers.set('apikey', key);
  headers.set('authorization', `Bearer ${key}`);
  return fetch(`${stack.url}/auth/v1${path}`, { ...init, headers });
}

describe('who may call it', () => {
  it('refuses the publishable key and a signed-in user with 403 not_admin', async () => {
    const anon = await stack.client().auth.admin.listUsers();
    expect(anon.error?.code, 'publishable key').toBe('not_admin');
    expect(anon.error?.status).toBe(403);

    const address = email('plain');
    await createConfirmed(address);
    const user = stack.client();
    await user.auth.signInWithPassword({ email: address, password: PASSWORD });
    const { data } = await user.auth.getSession();
    const asUser = await fetch(`${stack.url}/auth/v1/admin/users`, {
      headers: {
        apikey: stack.keys.publishable_key,
        authorization: `Bearer ${data.session?.access_token}`,
        'x-supabase-api-version': '2024-01-01',
      },
    });
    expect(asUser.status, 'user JWT').toBe(403);
    expect(await asUser.json(), 'error shape of the dated API').toMatchObject({ code: 'not_admin' });
  });

  it('accepts the legacy service_role key as well as the secret key', async () => {
    const legacy = stack.client(stack.keys.service_role_key);
    const { error } = await legacy.auth.admin.listUsers();
    expect(error, 'legacy key').toBeNull();
  });
});

describe('POST /admin/users', () => {
  it('creates a confirmed user with metadata who can sign in', async () => {
    const address = email('Create').toUpperCase();
    const user = await createConfirmed(address, {
      user_metadata: { full_name: 'Ada' },
      app_metadata: { org: 'roost' },
    });
    expect(user.email, 'email stored lower-case').toBe(address.toLowerCase());
    expect(user.email_confirmed_at, 'email_confirm confirms').toBeTruthy();
    expect(user.role).toBe('authenticated');
    expect(user.aud).toBe('authenticated');
    expect(user.user_metadata).toMatchObject({ full_name: 'Ada' });
    expect(user.app_metadata, 'providers kept, extra app metadata merged').toMatchObject({
      providers: ['email'],
      org: 'roost',
    });
    expect(
      user.identities?.map((i) => i.provider),
      'an email identity',
    ).toEqual(['email']);
    const { data, error } = await signIn(address.toLowerCase());
    expect(error, 'sign in with the given password').toBeNull();
    expect(data.user?.id).toBe(user.id);
  });

  it('creates an unconfirmed user without a password when asked to', async () => {
    const { data, error } = await admin().auth.admin.createUser({ email: email('bare') });
    expect(error).toBeNull();
    expect(data.user?.email_confirmed_at ?? null, 'not confirmed').toBeNull();
  });

  it('answers upstream errors: email_exists, validation_failed, bad_json', async () => {
    const address = email('dup');
    await createConfirmed(address);
    const again = await admin().auth.admin.createUser({ email: address, password: PASSWORD });
    expect(again.error?.code, 'duplicate').toBe('email_exists');
    expect(again.error?.status).toBe(422);

    const nothing = await admin().auth.admin.createUser({ password: PASSWORD });
    expect(nothing.error?.code, 'no email nor phone').toBe('validation_failed');
    expect(nothing.error?.status).toBe(400);

    const invalid = await admin().auth.admin.createUser({ email: 'not an email' });
    expect(invalid.error?.code, 'bad email').toBe('validation_failed');
    expect(invalid.error?.status).toBe(400);

    const ban = await admin().auth.admin.createUser({ email: email('ban'), ban_duration: 'forever' });
    expect(ban.error?.code, 'bad ban duration').toBe('validation_failed');

    const long = await admin().auth.admin.createUser({ email: email('long'), password: 'x'.repeat(73) });
    expect(long.error?.code, 'bcrypt limit').toBe('validation_failed');

    const typed = await raw('/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 42 }),
    });
    expect(typed.status, 'wrong JSON type').toBe(400);
    expect(typed.headers.get('x-sb-error-code'), 'undated error shape carries the header').toBe('bad_json');
    expect(await typed.json(), 'undated error body').toMatchObject({ code: 400, error_code: 'bad_json' });
    const malformed = await raw('/admin/users/%E0%A4%A');
    expect(malformed.status, 'a malformed escape in the id is a bad id, not a failure').toBe(404);
    expect(malformed.headers.get('x-sb-error-code')).toBe('validation_failed');
    const [count] = await stack.admin`select count(*)::int as n from auth.users where email like 'long-%'`;
    expect(count?.n, 'nothing written on refusal').toBe(0);
  });

  it('answers email_exists to the loser of two concurrent creates', async () => {
    const address = email('race');
    const results = await Promise.all(
      [admin(), admin()].map((c) => c.auth.admin.createUser({ email: address, password: PASSWORD })),
    );
    const codes = results.map((r) => r.error?.code ?? 'ok').sort();
    expect(codes, 'one create wins').toEqual(['email_exists', 'ok']);
  });

  it('creates a phone user', async () => {
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const { data, error } = await admin().auth.admin.createUser({ phone, phone_confirm: true });
    expect(error).toBeNull();
    expect(data.user?.phone, 'stored without the plus').toBe(phone.slice(1));
    expect(data.user?.app_metadata.providers).toEqual(['phone']);
  });
});

describe('GET /admin/users', () => {
  it('pages newest first with x-total-count and link headers that listUsers parses', async () => {
    for (let i = 0; i < 3; i++) await createConfirmed(email('page'));
    const [total] = await stack.admin`select count(*)::int as n from auth.users where aud = 'authenticated'`;
    const n = total?.n as number;
    const { data, error } = await admin().auth.admin.listUsers({ page: 1, perPage: 2 });
    expect(error).toBeNull();
    expect(data.users.length, 'page size').toBe(2);
    expect(data, 'pagination from headers').toMatchObject({ total: n, nextPage: 2, lastPage: Math.ceil(n / 2) });
    const newest = await stack.admin`select id from auth.users order by created_at desc, id desc limit 2`;
    expect(
      data.users.map((u) => u.id),
      'newest first',
    ).toEqual(newest.map((r) => r.id));

    const response = await raw('/admin/users?page=2&per_page=2');
    expect(response.headers.get('x-total-count')).toBe(String(n));
    const link = response.headers.get('link') ?? '';
    expect(link, 'next link').toContain('page=3');
    expect(link, 'last link').toContain(`page=${Math.ceil(n / 2)}&per_page=2>; rel="last"`);
    const body = (await response.json()) as { aud: string };
    expect(body.aud, 'list carries the audience').toBe('authenticated');

    const last = await admin().auth.admin.listUsers({ page: Math.ceil(n / 2), perPage: 2 });
    expect(last.data.users.length, 'last page').toBe(n % 2 === 0 ? 2 : 1);
    expect('nextPage' in last.data && last.data.nextPage, 'no next page on the last one').toBeNull();

    const bad = await raw('/admin/users?per_page=0');
    expect(bad.status, 'per_page 0').toBe(400);
  });
});

describe('GET, PUT, DELETE /admin/users/:id', () => {
  it('reads one user and answers user_not_found for an unknown id', async () => {
    const user = await createConfirmed(email('get'));
    const { data } = await admin().auth.admin.getUserById(user.id);
    expect(data.user?.email, 'found').toBe(user.email);
    const missing = await admin().auth.admin.getUserById(crypto.randomUUID());
    expect(missing.error?.code, 'unknown id').toBe('user_not_found');
    expect(missing.error?.status).toBe(404);
    const garbage = await raw('/admin/users/not-a-uuid');
    expect(garbage.status, 'malformed id').toBe(404);
  });

  it('updates email, password, metadata and confirmation', async () => {
    const user = await createConfirmed(email('upd'), { user_metadata: { a: 1, b: 2 } });
    const next = email('updated');
    const { data, error } = await admin().auth.admin.updateUserById(user.id, {
      email: next,
      password: 'another-long-password',
      user_metadata: { b: null, c: 3 },
      app_metadata: { plan: 'pro' },
    });
    expect(error, 'update').toBeNull();
    expect(data.user?.email, 'new email').toBe(next);
    expect(data.user?.user_metadata, 'merged, null removes').toEqual({ a: 1, c: 3 });
    expect(data.user?.app_metadata).toMatchObject({ plan: 'pro', provider: 'email' });
    expect((await signIn(next, 'another-long-password')).error, 'new password works').toBeNull();
    expect((await signIn(next)).error?.code, 'old password no longer').toBe('invalid_credentials');
    const [identity] = await stack.admin`
      select identity_data ->> 'email' as email from auth.identities where user_id = ${user.id} and provider = 'email'`;
    expect(identity?.email, 'identity follows the email').toBe(next);

    const weak = await admin().auth.admin.updateUserById(user.id, { password: 'short' });
    expect(weak.error?.code, 'weak password').toBe('weak_password');
    expect(weak.error?.status).toBe(422);
    expect((weak.error as { reasons?: string[] }).reasons, 'reasons').toContain('length');

    const other = await createConfirmed(email('taken'));
    const clash = await admin().auth.admin.updateUserById(user.id, { email: other.email });
    expect(clash.error?.code, 'email of someone else').toBe('email_exists');

    const unconfirmed = await admin().auth.admin.createUser({ email: email('later') });
    const confirmed = await admin().auth.admin.updateUserById(unconfirmed.data.user?.id as string, {
      email_confirm: true,
    });
    expect(confirmed.data.user?.email_confirmed_at, 'email_confirm on update').toBeTruthy();
    const missing = await admin().auth.admin.updateUserById(crypto.randomUUID(), { user_metadata: {} });
    expect(missing.error?.code).toBe('user_not_found');
  });

  it('bans and unbans: a banned user cannot sign in or refresh', async () => {
    const address = email('ban');
    const user = await createConfirmed(address);
    const client = stack.client();
    await client.auth.signInWithPassword({ email: address, password: PASSWORD });

    const { data, error } = await admin().auth.admin.updateUserById(user.id, { ban_duration: '24h' });
    expect(error, 'ban').toBeNull();
    const until = new Date((data.user as { banned_until?: string }).banned_until as string).getTime();
    expect(until, 'banned for about a day').toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const refused = await signIn(address);
    expect(refused.error?.code, 'banned sign-in').toBe('user_banned');
    const refresh = await client.auth.refreshSession();
    expect(refresh.error, 'banned refresh').not.toBeNull();

    const lifted = await admin().auth.admin.updateUserById(user.id, { ban_duration: 'none' });
    expect((lifted.data.user as { banned_until?: string | null }).banned_until ?? null, 'ban lifted').toBeNull();
    expect((await signIn(address)).error, 'signs in again').toBeNull();

    const bad = await admin().auth.admin.updateUserById(user.id, { ban_duration: '1 day' });
    expect(bad.error?.code, 'Go duration syntax only').toBe('validation_failed');
  });

  it('deletes for good, or softly so the address is free and the row stays', async () => {
    const hard = await createConfirmed(email('hard'));
    const removed = await admin().auth.admin.deleteUser(hard.id);
    expect(removed.error, 'hard delete').toBeNull();
    const [gone] = await stack.admin`select count(*)::int as n from auth.users where id = ${hard.id}`;
    expect(gone?.n, 'row removed').toBe(0);

    const address = email('soft');
    const soft = await createConfirmed(address, { user_metadata: { full_name: 'Gone' } });
    const softly = await admin().auth.admin.deleteUser(soft.id, true);
    expect(softly.error, 'soft delete').toBeNull();
    const [row] = await stack.admin`
      select email, deleted_at, raw_user_meta_data, encrypted_password from auth.users where id = ${soft.id}`;
    expect(row?.deleted_at, 'deleted_at set').toBeTruthy();
    expect(row?.email, 'email obfuscated').not.toBe(address);
    expect(row?.raw_user_meta_data, 'metadata emptied').toEqual({});
    expect(row?.encrypted_password, 'password cleared').toBeNull();
    expect((await signIn(address)).error, 'cannot sign in').not.toBeNull();
    const again = await admin().auth.admin.createUser({ email: address, password: PASSWORD });
    expect(again.error, 'the address is free again').toBeNull();

    const missing = await admin().auth.admin.deleteUser(crypto.randomUUID());
    expect(missing.error?.code, 'unknown id').toBe('user_not_found');
  });
});

describe('admin MFA factors', () => {
  it('lists and deletes a user factor', async () => {
    const address = email('factors');
    const user = await createConfirmed(address);
    const client = stack.client();
    await client.auth.signInWithPassword({ email: address, password: PASSWORD });
    const enrolled = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone' });
    expect(enrolled.error).toBeNull();
    const factorId = enrolled.data?.id as string;

    const listed = await admin().auth.admin.mfa.listFactors({ userId: user.id });
    expect(
      listed.data?.factors.map((f) => f.id),
      'admin sees the factor',
    ).toEqual([factorId]);
    const deleted = await admin().auth.admin.mfa.deleteFactor({ userId: user.id, id: factorId });
    expect(deleted.error, 'admin deletes it').toBeNull();
    const after = await admin().auth.admin.mfa.listFactors({ userId: user.id });
    expect(after.data?.factors, 'none left').toEqual([]);
    const again = await admin().auth.admin.mfa.deleteFactor({ userId: user.id, id: factorId });
    expect(again.error?.code, 'unknown factor').toBe('mfa_factor_not_found');
  });
});

describe('ban durations in Go syntax', () => {
  it('parses what time.ParseDuration accepts and refuses the rest', () => {
    const cases: [string, number | null][] = [
      ['24h', 86_400_000],
      ['876000h', 876_000 * 3_600_000],
      ['1h30m', 5_400_000],
      ['1.5h', 5_400_000],
      ['90s', 90_000],
      ['250ms', 250],
      ['-1s', -1000],
      ['0', 0],
      ['', null],
      ['1 day', null],
      ['10', null],
      ['h', null],
      ['1d', null],
    ];
    for (const [text, ms] of cases) expect(parseGoDuration(text), `parse ${JSON.stringify(text)}`).toBe(ms);
  });
});
