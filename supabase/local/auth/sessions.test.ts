// Sessions through supabase-js: password sign-in, the access token's claims (checked against the
// JWKS), refresh rotation with the reuse interval and reuse detection, logout scopes, and an access
// token acting under RLS in the database.
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { asRequest } from '../rls-request.ts';
import { freshEmail, PASSWORD, useAuthStack } from './test-support.ts';
import { hashPassword } from './users.ts';

const stack = useAuthStack();

async function confirmedUser(label: string) {
  const email = freshEmail(label);
  const admin = stack.client(stack.keys.secret_key);
  const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  expect(error, 'admin creates the user').toBeNull();
  return { email, id: data.user?.id as string };
}

async function signIn(email: string) {
  const client = stack.client();
  const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
  expect(error, 'password sign-in').toBeNull();
  return { client, session: data.session as NonNullable<typeof data.session> };
}

describe('password sign-in and the access token', () => {
  it('signs an ES256 token with upstream claims that verifies against the JWKS', async () => {
    const { email, id } = await confirmedUser('claims');
    const { session } = await signIn(email);
    const jwks = (await (await fetch(`${stack.url}/auth/v1/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(session.access_token, createLocalJWKSet(jwks));
    expect(protectedHeader.alg, 'asymmetric signature').toBe('ES256');
    expect(payload, 'claims as upstream').toMatchObject({
      sub: id,
      aud: 'authenticated',
      role: 'authenticated',
      email,
      aal: 'aal1',
      is_anonymous: false,
      iss: `${stack.url}/auth/v1`,
      app_metadata: { provider: 'email', providers: ['email'] },
    });
    expect(typeof payload.session_id, 'session_id claim').toBe('string');
    expect((payload.amr as { method: string }[])[0]?.method, 'amr says password').toBe('password');
    expect(session.expires_in, 'jwt_expiry').toBe(3600);
    const viaClient = await signIn(email);
    const { data: verified, error } = await viaClient.client.auth.getClaims();
    expect(error, 'supabase-js verifies the token with the JWKS itself').toBeNull();
    expect(verified?.claims.sub, 'getClaims').toBe(id);
    const [row] = await stack.admin`select user_id from auth.sessions where id = ${payload.session_id as string}`;
    expect(row?.user_id, 'the session row exists').toBe(id);
  });

  it('gives the token to the database as PostgREST would: auth.uid() is the user', async () => {
    const { email, id } = await confirmedUser('rls');
    const { session } = await signIn(email);
    const claims = JSON.parse(Buffer.from(session.access_token.split('.')[1] as string, 'base64url').toString());
    const [row] = await asRequest(stack.admin, 'authenticated', claims, (tx) => tx`select auth.uid() as uid`);
    expect(row?.uid, 'auth.uid() under the token').toBe(id);
  });

  it('answers getUser and updateUser for the signed-in user', async () => {
    const { email, id } = await confirmedUser('me');
    const { client } = await signIn(email);
    const { data } = await client.auth.getUser();
    expect(data.user?.id, 'getUser').toBe(id);
    const updated = await client.auth.updateUser({ data: { locale: 'fr' } });
    expect(updated.error, 'updateUser data').toBeNull();
    expect(updated.data.user?.user_metadata.locale, 'metadata merged').toBe('fr');
    const same = await client.auth.updateUser({ password: PASSWORD });
    expect(same.error?.code, 'the same password is refused').toBe('same_password');
    const changed = await client.auth.updateUser({ password: 'another-good-password' });
    expect(changed.error, 'a new password').toBeNull();
    const again = await stack.client().auth.signInWithPassword({ email, password: 'another-good-password' });
    expect(again.error, 'the new password signs in').toBeNull();
  });
});

describe('weak passwords', () => {
  it('signs in a password that the rules now refuse, and says why', async () => {
    const { email, id } = await confirmedUser('weak');
    await stack.admin`update auth.users set encrypted_password = ${await hashPassword('abc')} where id = ${id}`;
    const { data, error } = await stack.client().auth.signInWithPassword({ email, password: 'abc' });
    expect(error, 'still signs in').toBeNull();
    expect(data.weakPassword?.reasons, 'weak_password reasons').toContain('length');
  });
});

describe('refresh tokens', () => {
  it('rotates: a refresh returns a new token, the old one within the interval gets the live one', async () => {
    const { email } = await confirmedUser('rotate');
    const { client, session } = await signIn(email);
    const { data, error } = await client.auth.refreshSession();
    expect(error, 'refresh works').toBeNull();
    const next = data.session?.refresh_token as string;
    expect(next, 'a new refresh token').not.toBe(session.refresh_token);
    const raced = await stack.client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(raced.error, 'the parent within the reuse interval still works').toBeNull();
    expect(raced.data.session?.refresh_token, 'and yields the live child').toBe(next);
  });

  it('revokes the whole session when a spent token comes back after the interval', async () => {
    const { email } = await confirmedUser('reuse');
    const { client, session } = await signIn(email);
    const first = await client.auth.refreshSession();
    const second = await client.auth.refreshSession({ refresh_token: first.data.session?.refresh_token as string });
    expect(second.error, 'a second rotation').toBeNull();
    const live = second.data.session?.refresh_token as string;
    await stack.admin`
      update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = ${session.refresh_token}`;
    const reused = await stack.client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(reused.error?.code, 'reuse of a grandparent after the interval').toBe('refresh_token_already_used');
    const liveAfter = await stack.client().auth.refreshSession({ refresh_token: live });
    expect(liveAfter.error?.code, 'the live token was revoked with its family').toBe('refresh_token_already_used');
    const parent = await stack
      .client()
      .auth.refreshSession({ refresh_token: first.data.session?.refresh_token as string });
    expect(parent.error?.code, 'a token spent within the interval is dead too').toBe('refresh_token_already_used');
    const unknown = await stack.client().auth.refreshSession({ refresh_token: 'not-a-token' });
    expect(unknown.error?.code, 'unknown token').toBe('refresh_token_not_found');
  });
});

describe('logout scopes', () => {
  it('local ends this session only; others ends the rest; global ends all', async () => {
    const { email } = await confirmedUser('logout');
    const a = await signIn(email);
    const b = await signIn(email);
    const c = await signIn(email);
    expect((await a.client.auth.signOut({ scope: 'local' })).error, 'local sign-out').toBeNull();
    const aUser = await stack.client().auth.getUser(a.session.access_token);
    // supabase-js turns upstream's session_not_found into AuthSessionMissingError.
    expect(aUser.error?.name, 'the signed-out token is refused').toBe('AuthSessionMissingError');
    expect((await stack.client().auth.getUser(b.session.access_token)).error, 'b is still in').toBeNull();

    expect((await b.client.auth.signOut({ scope: 'others' })).error, 'others sign-out').toBeNull();
    const cRefresh = await stack.client().auth.refreshSession({ refresh_token: c.session.refresh_token });
    expect(cRefresh.error, "another session's refresh token died").not.toBeNull();
    expect((await stack.client().auth.getUser(b.session.access_token)).error, 'b kept its session').toBeNull();

    const d = await signIn(email);
    expect((await b.client.auth.signOut()).error, 'global sign-out').toBeNull();
    const dRefresh = await stack.client().auth.refreshSession({ refresh_token: d.session.refresh_token });
    expect(dRefresh.error, 'every session ended').not.toBeNull();
  });
});
