// supabase/config.toml turns on secure_password_change: as upstream, a session signed in more
// than a day ago changes its password only with the nonce Auth emails (reauthenticate); a
// fresh session needs none. The web app's account page asks for the code either way.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf, freshEmail, PASSWORD, useAuthStack, waitForMail } from './test-support.ts';

const stack = useAuthStack();

describe('secure password change', () => {
  it('is on in the project configuration', () => {
    const config = readFileSync(new URL('../../config.toml', import.meta.url), 'utf8');
    expect(config).toMatch(/^\[auth\.email\][^[]*^secure_password_change = true$/m);
  });

  it('asks a session older than a day for the emailed nonce', async () => {
    const email = freshEmail('aged-session');
    const admin = stack.client(stack.keys.secret_key);
    expect((await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true })).error).toBeNull();
    const client = stack.client();
    const signedIn = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(signedIn.error, 'signed in').toBeNull();
    const fresh = await client.auth.updateUser({ password: 'changed-password-1' });
    expect(fresh.error, 'a fresh session changes it directly').toBeNull();

    await stack.admin`
      update auth.sessions set created_at = now() - interval '2 days' where user_id = ${signedIn.data.user?.id ?? ''}`;
    const aged = await client.auth.updateUser({ password: 'changed-password-2' });
    expect(aged.error?.code, 'a day-old session without a nonce').toBe('reauthentication_needed');
    expect(aged.error?.status).toBe(400);
    expect((await client.auth.reauthenticate()).error, 'reauthenticate').toBeNull();
    const nonce = codeOf(await waitForMail(stack, email));
    const withNonce = await client.auth.updateUser({ password: 'changed-password-2', nonce });
    expect(withNonce.error, 'with the emailed nonce').toBeNull();
    const again = await stack.client().auth.signInWithPassword({ email, password: 'changed-password-2' });
    expect(again.error, 'the new password works').toBeNull();
  });
});
