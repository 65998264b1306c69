// Sign-up through supabase-js with email confirmations on: the bare user comes back, the emailed
// link confirms and signs in; password sign-in before and after; duplicates and weak passwords.
import { describe, expect, it } from 'vitest';
import { follow, freshEmail, PASSWORD, useAuthStack, verifyLinkOf, waitForMail } from './test-support.ts';

const stack = useAuthStack();

describe('sign-up with confirmations on', () => {
  it('returns the unconfirmed user, emails a link that confirms and signs in', async () => {
    const email = freshEmail('signup');
    const client = stack.client();
    const { data, error } = await client.auth.signUp({ email, password: PASSWORD, options: { data: { name: 'Ada' } } });
    expect(error, 'sign-up succeeds').toBeNull();
    expect(data.session, 'no session before confirmation').toBeNull();
    expect(data.user?.email, 'the user is returned').toBe(email);
    expect(data.user?.email_confirmed_at, 'not confirmed yet').toBeUndefined();
    expect(data.user?.user_metadata.name, 'metadata kept').toBe('Ada');
    expect(data.user?.identities?.[0]?.provider, 'an email identity').toBe('email');

    const early = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(early.error?.code, 'sign-in before confirming is refused').toBe('email_not_confirmed');

    const mail = await waitForMail(stack, email);
    expect(mail.subject, 'the confirmation email').toBe('Confirm Your Signup');
    const link = verifyLinkOf(mail);
    expect(link.searchParams.get('type'), 'link type').toBe('signup');
    const { location, fragment } = await follow(link);
    expect(location.origin, 'lands on the site URL').toBe('http://127.0.0.1:3000');
    expect(fragment.get('type'), 'fragment type').toBe('signup');
    const token = fragment.get('access_token') ?? '';
    const { data: me } = await client.auth.getUser(token);
    expect(me.user?.email_confirmed_at, 'confirmed after following the link').toBeTruthy();

    const again = await follow(link);
    expect(again.fragment.get('error_code'), 'a link works once').toBe('otp_expired');

    const signIn = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(signIn.error, 'password sign-in after confirmation').toBeNull();
    expect(signIn.data.session?.user.id, 'same user').toBe(data.user?.id);
  });

  it('hides an existing confirmed address behind a look-alike user without identities', async () => {
    const email = freshEmail('dup');
    const admin = stack.client(stack.keys.secret_key);
    await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
    const { data, error } = await stack.client().auth.signUp({ email, password: PASSWORD });
    expect(error, 'no error, as upstream').toBeNull();
    expect(data.user?.identities, 'no identities: the address is taken').toEqual([]);
  });

  it('keeps the password and data of an unconfirmed address that signs up again', async () => {
    const email = freshEmail('again');
    const client = stack.client();
    const first = await client.auth.signUp({ email, password: PASSWORD, options: { data: { name: 'Ada' } } });
    expect(first.error, 'the owner signs up').toBeNull();
    await stack.admin`update auth.users set confirmation_sent_at = now() - interval '2 minutes' where email = ${email}`;
    const other = await client.auth.signUp({
      email,
      password: 'someone-elses-password-1',
      options: { data: { name: 'M' } },
    });
    expect(other.error, 'answered as upstream').toBeNull();
    expect(other.data.user?.id, 'the same user').toBe(first.data.user?.id);
    expect(other.data.user?.user_metadata.name, 'data unchanged').toBe('Ada');
    await follow(verifyLinkOf(await waitForMail(stack, email, 2)));
    const taken = await client.auth.signInWithPassword({ email, password: 'someone-elses-password-1' });
    expect(taken.error?.code, "the second caller's password does not sign in").toBe('invalid_credentials');
    const owner = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(owner.error, "the owner's password still works").toBeNull();
  });

  it('refuses a weak password with the reasons', async () => {
    const { error } = await stack.client().auth.signUp({ email: freshEmail('weak'), password: 'short' });
    expect(error?.code, 'weak_password').toBe('weak_password');
    expect(error?.status, '422').toBe(422);
    expect((error as unknown as { reasons: string[] }).reasons, 'reasons').toContain('length');
  });

  it('refuses wrong passwords and unknown users alike', async () => {
    const { error } = await stack.client().auth.signInWithPassword({ email: freshEmail('nobody'), password: PASSWORD });
    expect(error?.code, 'invalid_credentials').toBe('invalid_credentials');
    expect(error?.status, '400').toBe(400);
  });

  it('resends the confirmation no sooner than max_frequency allows', async () => {
    const email = freshEmail('resend');
    const client = stack.client();
    await client.auth.signUp({ email, password: PASSWORD });
    const { error } = await client.auth.resend({ type: 'signup', email });
    expect(error?.code, 'within a minute of the first email').toBe('over_email_send_rate_limit');
    expect(error?.status, '429').toBe(429);
  });
});
