// Service-role email flows: inviteUserByEmail emails an invite that signs the user in, and
// generateLink returns the link, code and hashed token of each type without sending; anon gets not_admin.
import { describe, expect, it } from 'vitest';
import { follow, freshEmail, mailCount, PASSWORD, useAuthStack, verifyLinkOf, waitForMail } from './test-support.ts';

const stack = useAuthStack();

describe('invite', () => {
  it('invites by email as the service role only', async () => {
    const email = freshEmail('invitee');
    const denied = await stack.client().auth.admin.inviteUserByEmail(email);
    expect(denied.error?.code, 'anon is not an admin').toBe('not_admin');
    const admin = stack.client(stack.keys.secret_key);
    const { data, error } = await admin.auth.admin.inviteUserByEmail(email, { data: { team: 'front desk' } });
    expect(error, 'invite').toBeNull();
    expect(data.user?.invited_at, 'invited_at set').toBeTruthy();
    const mail = await waitForMail(stack, email);
    expect(mail.subject, 'invite email').toBe('You Have Been Invited');
    const { fragment } = await follow(verifyLinkOf(mail));
    expect(fragment.get('type'), 'invite type').toBe('invite');
    const { data: me } = await stack.client().auth.getUser(fragment.get('access_token') as string);
    expect(me.user?.email_confirmed_at, 'accepting confirms').toBeTruthy();
    expect(me.user?.user_metadata.team, 'invite data kept').toBe('front desk');
  });
});

describe('generate_link', () => {
  it('returns the properties of each link type and sends nothing', async () => {
    const admin = stack.client(stack.keys.secret_key);
    const email = freshEmail('gen');
    const signup = await admin.auth.admin.generateLink({ type: 'signup', email, password: PASSWORD });
    expect(signup.error, 'signup link').toBeNull();
    expect(signup.data.properties?.verification_type, 'type').toBe('signup');
    expect(signup.data.properties?.email_otp, 'a code').toMatch(/^\d{6}$/);
    expect(signup.data.properties?.action_link, 'link to /verify').toContain('/auth/v1/verify?token=');
    expect(signup.data.user?.email, 'the user').toBe(email);
    const verified = await stack
      .client()
      .auth.verifyOtp({ token_hash: signup.data.properties?.hashed_token as string, type: 'signup' });
    expect(verified.error, 'the hashed token verifies').toBeNull();

    const magic = await admin.auth.admin.generateLink({ type: 'magiclink', email });
    expect(magic.data.properties?.verification_type, 'magiclink').toBe('magiclink');
    const { fragment } = await follow(magic.data.properties?.action_link as string);
    expect(fragment.get('access_token'), 'the action link signs in').toBeTruthy();

    const recovery = await admin.auth.admin.generateLink({ type: 'recovery', email });
    expect(recovery.data.properties?.verification_type, 'recovery').toBe('recovery');
    const next = freshEmail('gen-new');
    const change = await admin.auth.admin.generateLink({ type: 'email_change_new', email, newEmail: next });
    expect(change.error, 'email change link').toBeNull();
    expect(change.data.properties?.verification_type, 'email_change_new').toBe('email_change_new');
    expect(change.data.user?.new_email, 'pending address').toBe(next);
    expect(await mailCount(stack, email), 'generate_link sends no email').toBe(0);

    const missing = await admin.auth.admin.generateLink({ type: 'recovery', email: freshEmail('nobody') });
    expect(missing.error?.code, 'unknown user').toBe('user_not_found');
    const denied = await stack.client().auth.admin.generateLink({ type: 'magiclink', email });
    expect(denied.error?.code, 'anon').toBe('not_admin');
  });
});
