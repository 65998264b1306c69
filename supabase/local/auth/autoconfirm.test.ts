// With email confirmations off: sign-up answers a session at once, a taken address is
// `user_already_exists`, anonymous sign-in gives an is_anonymous user that can later add an email.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { freshEmail, PASSWORD, settledOrBlocked, useAuthStack } from './test-support.ts';

const stack = useAuthStack((config) => ({
  ...config,
  auth: {
    ...config.auth,
    enable_anonymous_sign_ins: true,
    email: { ...config.auth.email, enable_confirmations: false },
  },
}));

describe('sign-up without confirmations', () => {
  it('signs the new user in at once', async () => {
    const email = freshEmail('auto');
    const { data, error } = await stack.client().auth.signUp({ email, password: PASSWORD });
    expect(error, 'sign-up').toBeNull();
    expect(data.session?.access_token, 'a session right away').toBeTruthy();
    expect(data.user?.email_confirmed_at, 'confirmed').toBeTruthy();
    const again = await stack.client().auth.signUp({ email, password: PASSWORD });
    expect(again.error?.code, 'the address is taken').toBe('user_already_exists');
    expect(again.error?.status, '422').toBe(422);
  });
});

describe('anonymous sign-in', () => {
  it('creates an anonymous user whose token says so, and links an email later', async () => {
    const client = stack.client();
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { cart: 3 } } });
    expect(error, 'anonymous sign-in').toBeNull();
    expect(data.user?.is_anonymous, 'is_anonymous user').toBe(true);
    expect(data.user?.identities, 'no identities').toEqual([]);
    const claims = decodeJwt(data.session?.access_token as string);
    expect(claims.is_anonymous, 'is_anonymous claim').toBe(true);
    expect((claims.amr as { method: string }[])[0]?.method, 'amr anonymous').toBe('anonymous');
    const email = freshEmail('anon-linked');
    const linked = await client.auth.updateUser({ email });
    expect(linked.error, 'adding an email').toBeNull();
    expect(linked.data.user?.email, 'applied at once without confirmations').toBe(email);
    expect(linked.data.user?.is_anonymous, 'no longer anonymous').toBe(false);
  });
});

describe('email change', () => {
  it('answers email_exists when the address is taken while the change is applied', async () => {
    const admin = stack.client(stack.keys.secret_key);
    const email = freshEmail('changer');
    const other = await admin.auth.admin.createUser({ email: freshEmail('taker'), password: PASSWORD });
    expect(other.error, 'the other user').toBeNull();
    await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
    const client = stack.client();
    await client.auth.signInWithPassword({ email, password: PASSWORD });
    const wanted = freshEmail('wanted');
    // The other user takes the address after the in-use check and before the change is applied.
    let changing: ReturnType<typeof client.auth.updateUser> | undefined;
    await stack.admin.begin(async (tx) => {
      await tx`update auth.users set email = ${wanted} where id = ${other.data.user?.id as string}`;
      changing = client.auth.updateUser({ email: wanted });
      await settledOrBlocked(stack, changing);
    });
    const result = await changing;
    expect(result?.error?.code, 'upstream code, not a 500').toBe('email_exists');
    expect(result?.error?.status).toBe(422);
  });
});
