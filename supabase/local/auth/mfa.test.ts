// TOTP MFA through the official client: enroll, challenge, verify (a new aal2 session), listing,
// assurance levels, unenroll, the errors upstream gives, and RLS that demands aal2.
import type { SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { asRequest } from '../rls-request.ts';
import { qrMatrix, qrSvg } from './qr-svg.ts';
import { settledOrBlocked, useAuthStack } from './test-support.ts';
import { matchTotpStep, totpCode } from './totp.ts';

const stack = useAuthStack();

const PASSWORD = 'correct-horse-battery';
let counter = 0;

/** A confirmed user (made through the admin API) and a client signed in with a password. */
async function signedInUser(): Promise<{ client: SupabaseClient; email: string; id: string }> {
  counter += 1;
  const email = `mfa-${counter}-${Date.now()}@example.com`;
  const admin = stack.client(stack.keys.secret_key);
  const created = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  expect(created.error, 'admin createUser').toBeNull();
  const client = await signIn(email);
  return { client, email, id: created.data.user?.id as string };
}

async function signIn(email: string): Promise<SupabaseClient> {
  const client = stack.client();
  const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
  expect(error, 'password sign-in').toBeNull();
  return client;
}

async function enrollTotp(client: SupabaseClient, friendlyName?: string) {
  const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName });
  expect(error, 'enroll').toBeNull();
  if (data?.type !== 'totp') throw new Error('expected a TOTP enrollment');
  return data;
}

async function accessClaims(client: SupabaseClient) {
  const { data } = await client.auth.getSession();
  const token = data.session?.access_token;
  if (!token) throw new Error('no session');
  return decodeJwt(token);
}

/** A code from a different time step than `now`'s, i.e. one the server has not seen accepted. */
function nextStepCode(secret: string) {
  return totpCode(secret, Date.now() + 30_000);
}

describe('enroll', () => {
  it('returns the secret, an otpauth URI and an SVG QR code, and lists the factor as unverified', async () => {
    const { client, email } = await signedInUser();
    const factor = await enrollTotp(client, 'Phone app');
    expect(factor.friendly_name, 'friendly name echoed').toBe('Phone app');
    expect(factor.totp.secret, 'base32 secret').toMatch(/^[A-Z2-7]{32}$/);
    expect(factor.totp.uri, 'otpauth URI').toMatch(/^otpauth:\/\/totp\//);
    expect(factor.totp.uri, 'URI names the account').toContain(encodeURIComponent(email));
    expect(factor.totp.uri, 'URI carries the secret').toContain(`secret=${factor.totp.secret}`);
    expect(factor.totp.qr_code, 'auth-js turns the SVG into a data URI').toMatch(/^data:image\/svg\+xml;utf-8,<svg /);
    expect(factor.totp.qr_code, 'nothing that would end a data URI early').not.toContain('#');

    const { data: listed } = await client.auth.mfa.listFactors();
    expect(
      listed?.all.map((f) => [f.id, f.status]),
      'all factors, unverified included',
    ).toEqual([[factor.id, 'unverified']]);
    expect(listed?.totp, 'only verified factors under totp').toEqual([]);
    const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal, 'an unverified factor does not raise the next level').toMatchObject({
      currentLevel: 'aal1',
      nextLevel: 'aal1',
    });
  });

  it('refuses a duplicate friendly name and an unknown factor type', async () => {
    const { client } = await signedInUser();
    await enrollTotp(client, 'Same');
    const duplicate = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Same' });
    expect(duplicate.error?.code, 'duplicate name').toBe('mfa_factor_name_conflict');
    expect(duplicate.error?.status).toBe(422);
    const bad = await client.auth.mfa.enroll({ factorType: 'sms' as 'totp' });
    expect(bad.error?.code, 'unknown factor type').toBe('validation_failed');
    expect(bad.error?.status).toBe(400);
  });

  it('sweeps unverified factors nobody challenged within five minutes', async () => {
    const { client } = await signedInUser();
    const stale = await enrollTotp(client, 'Laptop');
    await stack.admin`update auth.mfa_factors set created_at = now() - interval '301 seconds' where id = ${stale.id}`;
    const again = await enrollTotp(client, 'Laptop');
    const { data } = await client.auth.mfa.listFactors();
    expect(
      data?.all.map((f) => f.id),
      'the stale factor made way for the new one',
    ).toEqual([again.id]);
  });

  it('caps the factors a user may hold', async () => {
    const { client } = await signedInUser();
    for (let i = 0; i < 10; i++) await enrollTotp(client, `factor ${i}`);
    const over = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'one too many' });
    expect(over.error?.code, 'eleventh factor').toBe('too_many_enrolled_mfa_factors');
    expect(over.error?.status).toBe(422);
  });

  it('is not open to anonymous users', async () => {
    const client = stack.client();
    const { error: signInError } = await client.auth.signInAnonymously();
    expect(signInError, 'anonymous sign-in').toBeNull();
    const { error } = await client.auth.mfa.enroll({ factorType: 'totp' });
    expect(error?.code, 'anonymous users cannot enroll').toBe('no_authorization');
    expect(error?.status).toBe(403);
  });

  it('needs a signed-in user', async () => {
    const anon = stack.client();
    const { error } = await anon.auth.mfa.enroll({ factorType: 'totp' });
    expect(error, 'no session, no enrollment').not.toBeNull();
  });
});

describe('challenge and verify', () => {
  it('verifies a code into a new aal2 session on the same session id and marks the factor verified', async () => {
    const { client, id } = await signedInUser();
    const before = await accessClaims(client);
    expect(before.aal, 'password sign-in is aal1').toBe('aal1');
    const factor = await enrollTotp(client);

    const { data: challenge, error: challengeError } = await client.auth.mfa.challenge({ factorId: factor.id });
    expect(challengeError, 'challenge').toBeNull();
    expect(challenge?.type, 'challenge type').toBe('totp');
    const now = Math.floor(Date.now() / 1000);
    expect(challenge?.expires_at, 'expires in about five minutes').toBeGreaterThan(now + 240);
    expect(challenge?.expires_at).toBeLessThanOrEqual(now + 301);

    const { data: verified, error } = await client.auth.mfa.verify({
      factorId: factor.id,
      challengeId: challenge?.id as string,
      code: totpCode(factor.totp.secret),
    });
    expect(error, 'verify').toBeNull();
    expect(verified?.user.id, 'session of the same user').toBe(id);
    const after = decodeJwt(verified?.access_token as string);
    expect(after.aal, 'verified session is aal2').toBe('aal2');
    expect(after.session_id, 'same session, upgraded').toBe(before.session_id);
    const methods = (after.amr as { method: string }[]).map((m) => m.method);
    expect(methods, 'amr lists totp and the password').toEqual(expect.arrayContaining(['totp', 'password']));
    expect((await accessClaims(client)).aal, 'the client stored the new session').toBe('aal2');

    const { data: aal } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal, 'levels after verification').toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    const { data: listed } = await client.auth.mfa.listFactors();
    expect(
      listed?.totp.map((f) => f.id),
      'factor now verified',
    ).toEqual([factor.id]);
    const { data: user } = await client.auth.getUser();
    expect(user.user?.factors?.[0], 'GET /user lists the factor').toMatchObject({
      id: factor.id,
      factor_type: 'totp',
      status: 'verified',
    });
    const [session] = await stack.admin`
      select aal::text, factor_id from auth.sessions where id = ${before.session_id as string}`;
    expect(session, 'the session row is upgraded').toEqual({ aal: 'aal2', factor_id: factor.id });
  });

  it('refuses a wrong code, a replayed code, a used challenge and an expired one', async () => {
    const { client } = await signedInUser();
    const factor = await enrollTotp(client);
    const secret = factor.totp.secret;
    const first = await client.auth.mfa.challenge({ factorId: factor.id });
    const firstId = first.data?.id as string;
    const code = totpCode(secret);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await client.auth.mfa.verify({ factorId: factor.id, challengeId: firstId, code: wrong });
    expect(refused.error?.code, 'wrong code').toBe('mfa_verification_failed');
    expect(refused.error?.status).toBe(422);

    const ok = await client.auth.mfa.verify({ factorId: factor.id, challengeId: firstId, code });
    expect(ok.error, 'right code').toBeNull();

    const second = await client.auth.mfa.challenge({ factorId: factor.id });
    const replay = await client.auth.mfa.verify({ factorId: factor.id, challengeId: second.data?.id as string, code });
    expect(replay.error?.code, 'a used code cannot be used again').toBe('mfa_verification_failed');

    const reused = await client.auth.mfa.verify({
      factorId: factor.id,
      challengeId: firstId,
      code: nextStepCode(secret),
    });
    expect(reused.error?.code, 'a verified challenge cannot be verified again (upstream answers so)').toBe(
      'mfa_ip_address_mismatch',
    );

    const third = await client.auth.mfa.challenge({ factorId: factor.id });
    await stack.admin`
      update auth.mfa_challenges set created_at = now() - interval '301 seconds' where id = ${third.data?.id as string}`;
    const expired = await client.auth.mfa.verify({
      factorId: factor.id,
      challengeId: third.data?.id as string,
      code: nextStepCode(secret),
    });
    expect(expired.error?.code, 'expired challenge').toBe('mfa_challenge_expired');
    expect(expired.error?.status).toBe(422);

    const unknownChallenge = await client.auth.mfa.verify({
      factorId: factor.id,
      challengeId: crypto.randomUUID(),
      code: nextStepCode(secret),
    });
    expect(unknownChallenge.error?.code, 'unknown challenge').toBe('mfa_factor_not_found');
    const unknownFactor = await client.auth.mfa.challenge({ factorId: crypto.randomUUID() });
    expect(unknownFactor.error?.code, 'unknown factor').toBe('mfa_factor_not_found');
    expect(unknownFactor.error?.status).toBe(404);
  });

  it('accepts a code once even when two verifies race', async () => {
    const { client } = await signedInUser();
    const factor = await enrollTotp(client);
    const code = totpCode(factor.totp.secret);
    // A second client on the same session, so the two requests are not queued behind one client's lock.
    const { data: current } = await client.auth.getSession();
    const twin = stack.client();
    await twin.auth.setSession({
      access_token: current.session?.access_token as string,
      refresh_token: current.session?.refresh_token as string,
    });
    const clients = [client, twin];
    const challenges = await Promise.all(clients.map((c) => c.auth.mfa.challenge({ factorId: factor.id })));
    const results = await Promise.all(
      clients.map((c, i) =>
        c.auth.mfa.verify({ factorId: factor.id, challengeId: challenges[i]?.data?.id as string, code }),
      ),
    );
    const codes = results.map((r) => r.error?.code ?? 'ok').sort();
    expect(codes, 'one verify wins, the other sees a used code').toEqual(['mfa_verification_failed', 'ok']);
  });

  it('leaves no unverified factor from an enroll that races the first verify', async () => {
    const { client, id } = await signedInUser();
    const factor = await enrollTotp(client, 'first');
    const { data: challenge } = await client.auth.mfa.challenge({ factorId: factor.id });
    // An aal1 enroll in flight: it holds the user row (as enroll does) and adds an unverified factor.
    let verifying: ReturnType<typeof client.auth.mfa.verify> | undefined;
    await stack.admin.begin(async (tx) => {
      await tx`select 1 from auth.users where id = ${id} for update`;
      await tx`
        insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
        values (${crypto.randomUUID()}, ${id}, 'racing', 'totp', 'unverified', now(), now(), 'SECRET')`;
      verifying = client.auth.mfa.verify({
        factorId: factor.id,
        challengeId: challenge?.id as string,
        code: totpCode(factor.totp.secret),
      });
      await settledOrBlocked(stack, verifying);
    });
    expect((await verifying)?.error, 'verify').toBeNull();
    const rows = await stack.admin`select friendly_name, status::text from auth.mfa_factors where user_id = ${id}`;
    expect(rows, 'only the verified factor is left').toEqual([{ friendly_name: 'first', status: 'verified' }]);
  });

  it("does not let one user challenge another user's factor", async () => {
    const owner = await signedInUser();
    const factor = await enrollTotp(owner.client);
    const other = await signedInUser();
    const { error } = await other.client.auth.mfa.challenge({ factorId: factor.id });
    expect(error?.code, 'foreign factor is not found').toBe('mfa_factor_not_found');
  });

  it('keeps aal2 across a refresh and signs out the aal1 sessions of the user', async () => {
    const { client, email } = await signedInUser();
    const elsewhere = await signIn(email);
    const factor = await enrollTotp(client);
    const { error } = await client.auth.mfa.challengeAndVerify({
      factorId: factor.id,
      code: totpCode(factor.totp.secret),
    });
    expect(error, 'challengeAndVerify').toBeNull();

    const { data: refreshed, error: refreshError } = await client.auth.refreshSession();
    expect(refreshError, 'refresh').toBeNull();
    const claims = decodeJwt(refreshed.session?.access_token as string);
    expect(claims.aal, 'refreshed token stays aal2').toBe('aal2');
    expect(
      (claims.amr as { method: string }[]).map((m) => m.method),
      'amr keeps totp',
    ).toContain('totp');

    const stale = await elsewhere.auth.refreshSession();
    expect(stale.error, 'the other aal1 session was signed out').not.toBeNull();
  });
});

describe('after a factor is verified', () => {
  it('requires aal2 to enroll another factor or unenroll, and downgrades the sessions on unenroll', async () => {
    const { client, email } = await signedInUser();
    const factor = await enrollTotp(client);
    await client.auth.mfa.challengeAndVerify({ factorId: factor.id, code: totpCode(factor.totp.secret) });

    const fresh = await signIn(email);
    const { data: aal } = await fresh.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal, 'a new password sign-in is aal1 with aal2 available').toMatchObject({
      currentLevel: 'aal1',
      nextLevel: 'aal2',
    });
    const enroll = await fresh.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'second' });
    expect(enroll.error?.code, 'enroll at aal1').toBe('insufficient_aal');
    expect(enroll.error?.status).toBe(403);
    const unenroll = await fresh.auth.mfa.unenroll({ factorId: factor.id });
    expect(unenroll.error?.code, 'unenroll at aal1').toBe('insufficient_aal');
    expect(unenroll.error?.status).toBe(422);

    const step = await fresh.auth.mfa.challengeAndVerify({
      factorId: factor.id,
      code: nextStepCode(factor.totp.secret),
    });
    expect(step.error, 'step up the new session').toBeNull();
    const sessionId = (await accessClaims(fresh)).session_id as string;
    const removed = await fresh.auth.mfa.unenroll({ factorId: factor.id });
    expect(removed.error, 'unenroll at aal2').toBeNull();
    expect(removed.data, 'answers the factor id').toEqual({ id: factor.id });

    const [session] = await stack.admin`select aal::text, factor_id from auth.sessions where id = ${sessionId}`;
    expect(session, 'the session falls back to aal1').toEqual({ aal: 'aal1', factor_id: null });
    const { data: refreshed } = await fresh.auth.refreshSession();
    expect(decodeJwt(refreshed.session?.access_token as string).aal, 'a refresh now gives aal1').toBe('aal1');
    const { data: listed } = await fresh.auth.mfa.listFactors();
    expect(listed?.all, 'no factors left').toEqual([]);
  });

  it('lets an unverified factor go without aal2', async () => {
    const { client } = await signedInUser();
    const factor = await enrollTotp(client);
    const { data, error } = await client.auth.mfa.unenroll({ factorId: factor.id });
    expect(error, 'unenroll unverified').toBeNull();
    expect(data).toEqual({ id: factor.id });
  });
});

describe('RLS can require aal2', () => {
  it('hides rows from an aal1 token and shows them to the aal2 token of the same user', async () => {
    await stack.admin.unsafe(`
      create table public.mfa_secrets (id int primary key, note text not null);
      alter table public.mfa_secrets enable row level security;
      create policy "signed-in users read secrets" on public.mfa_secrets for select to authenticated using (true);
      create policy "only with a second factor" on public.mfa_secrets as restrictive for select to authenticated
        using ((select auth.jwt() ->> 'aal') = 'aal2');
      grant select on public.mfa_secrets to authenticated;
      insert into public.mfa_secrets values (1, 'vault code');
    `);
    const { client } = await signedInUser();
    const aal1 = await accessClaims(client);
    const read = (claims: Record<string, unknown>) =>
      asRequest(stack.admin, 'authenticated', claims, (tx) => tx`select note from public.mfa_secrets`);
    expect(await read(aal1), 'aal1 sees nothing').toEqual([]);

    const factor = await enrollTotp(client);
    await client.auth.mfa.challengeAndVerify({ factorId: factor.id, code: totpCode(factor.totp.secret) });
    const aal2 = await accessClaims(client);
    expect(aal2.aal).toBe('aal2');
    expect(await read(aal2), 'aal2 reads the row').toEqual([{ note: 'vault code' }]);
  });
});

describe('TOTP and QR helpers', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const t = Date.UTC(2026, 10, 22, 8, 0, 10);
  const step = Math.floor(t / 30_000);

  it('matches codes of the current step and one step either side, nothing further', () => {
    expect(matchTotpStep(secret, totpCode(secret, t), t), 'current step').toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, t - 30_000), t), 'previous step').toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, t + 30_000), t), 'next step').toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, t - 60_000), t), 'two steps old').toBeNull();
    expect(matchTotpStep(secret, '12345', t), 'five digits').toBeNull();
    expect(matchTotpStep(secret, 'abcdef', t), 'not digits').toBeNull();
  });

  it('draws a QR code with finder patterns in three corners, sized for the text', () => {
    const uri = `otpauth://totp/localhost:someone%40example.com?secret=${secret}&issuer=localhost`;
    const matrix = qrMatrix(uri);
    const size = matrix.length;
    expect((size - 17) % 4, 'a QR size is 17 + 4 × version').toBe(0);
    const finder = (x: number, y: number) =>
      [0, 1, 2, 3, 4, 5, 6].map((dy) => [0, 1, 2, 3, 4, 5, 6].map((dx) => (matrix[y + dy]?.[x + dx] ? 1 : 0)).join(''));
    const pattern = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    expect(finder(0, 0), 'top left').toEqual(pattern);
    expect(finder(size - 7, 0), 'top right').toEqual(pattern);
    expect(finder(0, size - 7), 'bottom left').toEqual(pattern);
    expect(qrSvg(uri), 'SVG markup').toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<\/svg>$/);
  });
});
