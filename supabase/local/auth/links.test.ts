// The emailed flows through supabase-js: PKCE sign-up (link → ?code= → exchangeCodeForSession),
// magic link, typed email OTP, create_user: false, password recovery and a double-confirmed
// email change.
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import {
  codeOf,
  follow,
  freshEmail,
  mailCount,
  PASSWORD,
  useAuthStack,
  verifyLinkOf,
  waitForMail,
} from './test-support.ts';

const stack = useAuthStack();

function pkceClient() {
  return createClient(stack.url, stack.keys.publishable_key, {
    auth: { flowType: 'pkce', persistSession: false, autoRefreshToken: false },
  });
}

async function confirmedUser(label: string) {
  const email = freshEmail(label);
  const admin = stack.client(stack.keys.secret_key);
  const { error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  expect(error, 'admin creates the user').toBeNull();
  return email;
}

describe('PKCE', () => {
  it('confirms a sign-up through ?code= and exchangeCodeForSession', async () => {
    const email = freshEmail('pkce');
    const client = pkceClient();
    const { error } = await client.auth.signUp({
      email,
      password: PASSWORD,
      options: { emailRedirectTo: 'http://127.0.0.1:3000/welcome' },
    });
    expect(error, 'PKCE sign-up').toBeNull();
    const [flow] = await stack.admin`
      select code_challenge_method::text as method from auth.flow_state f join auth.users u on u.id = f.user_id
      where u.email = ${email}`;
    expect(flow?.method, 'the challenge is kept in auth.flow_state').toBe('s256');
    const link = verifyLinkOf(await waitForMail(stack, email));
    expect(link.searchParams.get('token')?.startsWith('pkce_'), 'a PKCE token').toBe(true);
    const { location, query } = await follow(link);
    expect(location.pathname, 'lands on the redirect').toBe('/welcome');
    const code = query.get('code') as string;
    expect(code, 'an auth code in the query').toBeTruthy();
    const exchanged = await client.auth.exchangeCodeForSession(code);
    expect(exchanged.error, 'the exchange works').toBeNull();
    expect(exchanged.data.session?.user.email, 'signed in as the new user').toBe(email);
    expect(exchanged.data.user?.email_confirmed_at, 'and confirmed').toBeTruthy();
    const reused = await follow(link);
    expect(reused.query.get('error_code'), 'a spent PKCE link reports in the query').toBe('otp_expired');
    expect(reused.fragment.get('error'), 'and in the fragment').toBe('access_denied');
    const twice = await pkceClient().auth.exchangeCodeForSession(code);
    expect(twice.error, 'a code is spent once (and needs the verifier)').not.toBeNull();
  });

  it('refuses a code with the wrong verifier', async () => {
    const email = await confirmedUser('pkce-bad');
    const client = pkceClient();
    await client.auth.signInWithOtp({ email });
    const { query } = await follow(verifyLinkOf(await waitForMail(stack, email)));
    const res = await fetch(`${stack.url}/auth/v1/token?grant_type=pkce`, {
      method: 'POST',
      headers: { apikey: stack.keys.publishable_key, 'content-type': 'application/json' },
      body: JSON.stringify({ auth_code: query.get('code'), code_verifier: 'x'.repeat(50) }),
    });
    expect(res.status, '400').toBe(400);
    expect(res.headers.get('x-sb-error-code'), 'bad_code_verifier').toBe('bad_code_verifier');
  });
});

describe('magic link and email OTP', () => {
  it('signs in an existing user with the magic link', async () => {
    const email = await confirmedUser('magic');
    const { error } = await stack.client().auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(error, 'otp request').toBeNull();
    const mail = await waitForMail(stack, email);
    expect(mail.subject, 'magic link email').toBe('Your Magic Link');
    const link = verifyLinkOf(mail);
    expect(link.searchParams.get('type'), 'magiclink type').toBe('magiclink');
    const { fragment } = await follow(link);
    expect(fragment.get('access_token'), 'tokens in the fragment').toBeTruthy();
    expect(fragment.get('refresh_token'), 'refresh token too').toBeTruthy();
  });

  it('signs in with the typed 6-digit code, once', async () => {
    const email = await confirmedUser('code');
    const client = stack.client();
    await client.auth.signInWithOtp({ email });
    const code = codeOf(await waitForMail(stack, email));
    expect(code, 'six digits').toMatch(/^\d{6}$/);
    const wrong = await client.auth.verifyOtp({ email, token: code === '000000' ? '111111' : '000000', type: 'email' });
    expect(wrong.error?.code, 'a wrong code').toBe('otp_expired');
    const { data, error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(error, 'the right code').toBeNull();
    expect(data.session?.user.email, 'a session').toBe(email);
    const again = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(again.error?.code, 'spent').toBe('otp_expired');
  });

  it('creates the user on first OTP unless create_user is false', async () => {
    const refused = await stack
      .client()
      .auth.signInWithOtp({ email: freshEmail('none'), options: { shouldCreateUser: false } });
    expect(refused.error?.code, 'no sign-up through OTP').toBe('otp_disabled');
    const email = freshEmail('otp-new');
    expect((await stack.client().auth.signInWithOtp({ email })).error, 'creates').toBeNull();
    const mail = await waitForMail(stack, email);
    expect(mail.subject, 'a new address gets the signup confirmation').toBe('Confirm Your Signup');
    const { data } = await stack.client().auth.verifyOtp({ email, token: codeOf(mail), type: 'email' });
    expect(data.user?.email_confirmed_at, 'confirmed by the code').toBeTruthy();
  });
});

describe('recovery', () => {
  it('emails a reset link that signs in for a password change; unknown addresses get the same answer', async () => {
    const email = await confirmedUser('recover');
    const client = stack.client();
    expect((await client.auth.resetPasswordForEmail(email)).error, 'recover').toBeNull();
    const unknown = freshEmail('ghost');
    expect((await client.auth.resetPasswordForEmail(unknown)).error, 'no hint about unknown addresses').toBeNull();
    const mail = await waitForMail(stack, email);
    expect(mail.subject, 'reset email').toBe('Reset Your Password');
    const { fragment } = await follow(verifyLinkOf(mail));
    expect(fragment.get('type'), 'recovery type').toBe('recovery');
    await client.auth.setSession({
      access_token: fragment.get('access_token') as string,
      refresh_token: fragment.get('refresh_token') as string,
    });
    expect((await client.auth.updateUser({ password: 'brand-new-password' })).error, 'new password').toBeNull();
    const signIn = await stack.client().auth.signInWithPassword({ email, password: 'brand-new-password' });
    expect(signIn.error, 'the new password works').toBeNull();
    expect(await mailCount(stack, unknown), 'nothing sent to an unknown address').toBe(0);
  });
});

describe('email change', () => {
  it('needs both the old and the new address to confirm (double_confirm_changes)', async () => {
    const email = await confirmedUser('old');
    const next = freshEmail('new');
    const client = stack.client();
    await client.auth.signInWithPassword({ email, password: PASSWORD });
    const { data, error } = await client.auth.updateUser({ email: next });
    expect(error, 'change requested').toBeNull();
    expect(data.user?.new_email, 'pending new address').toBe(next);
    expect(data.user?.email, 'address unchanged so far').toBe(email);
    const toNew = await follow(verifyLinkOf(await waitForMail(stack, next)));
    expect(toNew.fragment.get('message'), 'first half accepted').toMatch(/other email/);
    const toOld = await follow(verifyLinkOf(await waitForMail(stack, email)));
    expect(toOld.fragment.get('access_token'), 'second half signs in').toBeTruthy();
    const { data: me } = await stack.client().auth.getUser(toOld.fragment.get('access_token') as string);
    expect(me.user?.email, 'the address changed').toBe(next);
    const [identity] = await stack.admin`
      select identity_data ->> 'email' as email from auth.identities where user_id = ${me.user?.id as string}`;
    expect(identity?.email, 'the identity follows').toBe(next);
  });
});

describe('reauthentication', () => {
  it('emails a code that authorises a password change as its nonce', async () => {
    const email = await confirmedUser('reauth');
    const client = stack.client();
    await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect((await client.auth.reauthenticate()).error, 'reauthenticate').toBeNull();
    const mail = await waitForMail(stack, email);
    expect(mail.subject, 'the code email').toBe('Confirm Reauthentication');
    const nonce = codeOf(mail);
    const wrong = await client.auth.updateUser({
      password: 'changed-password-1',
      nonce: nonce === '000000' ? '111111' : '000000',
    });
    expect(wrong.error?.code, 'a wrong nonce').toBe('reauthentication_not_valid');
    expect(wrong.error?.status, 'upstream answers 422').toBe(422);
    const right = await client.auth.updateUser({ password: 'changed-password-1', nonce });
    expect(right.error, 'the emailed nonce').toBeNull();
  });

  it('spends the nonce after five wrong guesses', async () => {
    const email = await confirmedUser('reauth-guess');
    const client = stack.client();
    await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect((await client.auth.reauthenticate()).error, 'reauthenticate').toBeNull();
    const nonce = codeOf(await waitForMail(stack, email));
    const wrongs = ['000000', '111111', '222222', '333333', '444444', '555555'].filter((n) => n !== nonce);
    const guesses = await Promise.all(
      wrongs.slice(0, 5).map((wrong) => client.auth.updateUser({ password: 'changed-password-1', nonce: wrong })),
    );
    expect(
      guesses.map((g) => g.error?.code),
      'five wrong nonces',
    ).toEqual(Array(5).fill('reauthentication_not_valid'));
    const late = await client.auth.updateUser({ password: 'changed-password-1', nonce });
    expect(late.error?.code, 'the right nonce, after five wrong ones').toBe('reauthentication_not_valid');
    expect(late.error?.status).toBe(422);
    const { error } = await stack.client().auth.signInWithPassword({ email, password: PASSWORD });
    expect(error, 'the password is unchanged').toBeNull();
  });
});
