// The invitation flow: an admin invites by email, only the signed-in user with that confirmed
// email accepts, once, before expiry, unless revoked; the token itself is never stored.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, createUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'inv');
});

async function invite(email: string, role = 'staff', inviter: TestUser = tenant.members.admin) {
  const [row] = await asUser(
    db.admin,
    inviter,
    (tx) => tx<{ invitation_id: string; token: string; expires_at: Date }[]>`
      select * from public.invite_member(${tenant.organizationId}, ${email}, ${role})`,
  );
  if (!row) throw new Error('invite_member returned no row');
  return row;
}

function accept(user: TestUser, token: string, claims = {}) {
  return asUser(db.admin, user, (tx) => tx`select * from public.accept_invitation(${token})`, claims);
}

async function membershipOf(user: TestUser) {
  const [row] = await db.admin`
    select role::text from public.memberships where organization_id = ${tenant.organizationId} and user_id = ${user.id}`;
  return row?.role as string | undefined;
}

describe('invitations', () => {
  it('lets the invited user join with the invited role, and stores only the token hash', async () => {
    const invitee = await createUser(db.admin, 'invitee');
    const { token, invitation_id } = await invite(invitee.email, 'manager');
    expect(token, 'the token is long and URL-safe').toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] =
      await db.admin`select token_hash, to_jsonb(i)::text as row_text from public.invitations i where id = ${invitation_id}`;
    expect(Buffer.from(stored?.token_hash).toString('hex'), 'the hash is stored').toBe(
      createHash('sha256').update(token).digest('hex'),
    );
    expect(stored?.row_text, 'the token itself is not stored').not.toContain(token);

    const [membership] = await accept(invitee, token);
    expect(membership?.role, 'the new membership carries the invited role').toBe('manager');
    expect(await membershipOf(invitee), 'the membership exists').toBe('manager');
    const [invitation] =
      await db.admin`select accepted_by, accepted_at from public.invitations where id = ${invitation_id}`;
    expect(invitation?.accepted_by, 'the invitation records who accepted it').toBe(invitee.id);
  });

  it('matches the email case-insensitively', async () => {
    const invitee = await createUser(db.admin, 'casey');
    const { token } = await invite(invitee.email.toUpperCase());
    await accept(invitee, token);
    expect(await membershipOf(invitee), 'joined despite the different case').toBe('staff');
  });

  it('refuses a token used twice', async () => {
    const invitee = await createUser(db.admin, 'twice');
    const { token } = await invite(invitee.email);
    await accept(invitee, token);
    const error = await pgError(accept(invitee, token));
    expect(error, 'second use').toMatchObject({ code: 'P0001', message: 'invitation_used' });
  });

  it('refuses a user whose email is not the invited one, and writes nothing', async () => {
    const invitee = await createUser(db.admin, 'rightful');
    const stranger = await createUser(db.admin, 'stranger');
    const { token } = await invite(invitee.email);
    const error = await pgError(accept(stranger, token));
    expect(error, 'wrong email').toMatchObject({ code: '42501', message: 'invitation_email_mismatch' });
    expect(await membershipOf(stranger), 'no membership for the stranger').toBeUndefined();
    await accept(invitee, token);
    expect(await membershipOf(invitee), 'the rightful invitee can still accept').toBe('staff');
  });

  it('refuses a user who has not confirmed the invited email', async () => {
    const unconfirmed = await createUser(db.admin, 'unconfirmed', { confirmed: false });
    const { token } = await invite(unconfirmed.email);
    const error = await pgError(accept(unconfirmed, token));
    expect(error, 'unconfirmed email').toMatchObject({ code: '42501', message: 'invitation_email_mismatch' });
  });

  it('refuses anonymous sessions', async () => {
    const invitee = await createUser(db.admin, 'anonymous');
    const { token } = await invite(invitee.email);
    const error = await pgError(accept(invitee, token, { is_anonymous: true }));
    expect(error, 'anonymous caller').toMatchObject({ code: '42501', message: 'not_authenticated' });
  });

  it('refuses an expired invitation', async () => {
    const invitee = await createUser(db.admin, 'late');
    const { token, invitation_id } = await invite(invitee.email);
    await db.admin`
      update public.invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day'
      where id = ${invitation_id}`;
    const error = await pgError(accept(invitee, token));
    expect(error, 'expired').toMatchObject({ code: 'P0001', message: 'invitation_expired' });
    expect(await membershipOf(invitee), 'no membership').toBeUndefined();
  });

  it('refuses a revoked invitation', async () => {
    const invitee = await createUser(db.admin, 'revoked');
    const { token, invitation_id } = await invite(invitee.email);
    await asUser(db.admin, tenant.members.admin, (tx) => tx`select public.revoke_invitation(${invitation_id})`);
    const error = await pgError(accept(invitee, token));
    expect(error, 'revoked').toMatchObject({ code: 'P0001', message: 'invitation_revoked' });
  });

  it('replaces an open invitation when the same person is invited again', async () => {
    const invitee = await createUser(db.admin, 'again');
    const first = await invite(invitee.email, 'viewer');
    const second = await invite(invitee.email, 'manager');
    const error = await pgError(accept(invitee, first.token));
    expect(error, 'the first token no longer works').toMatchObject({ message: 'invitation_revoked' });
    await accept(invitee, second.token);
    expect(await membershipOf(invitee), 'the second invitation counts').toBe('manager');
  });

  it('refuses an unknown token and an invitation of someone already a member', async () => {
    const unknown = await pgError(accept(tenant.members.viewer, 'x'.repeat(43)));
    expect(unknown, 'unknown token').toMatchObject({ code: 'PT404', message: 'invitation_not_found' });
    const member = await pgError(invite(tenant.members.viewer.email));
    expect(member, 'inviting a member').toMatchObject({ code: '23505', message: 'already_member' });
  });

  it('lets only one of two concurrent acceptances of a token win', async () => {
    const invitee = await createUser(db.admin, 'race');
    const { token } = await invite(invitee.email);
    const results = await Promise.allSettled([accept(invitee, token), accept(invitee, token)]);
    expect(results.filter((r) => r.status === 'fulfilled').length, 'exactly one acceptance succeeds').toBe(1);
    const [{ n }] = (await db.admin`
      select count(*)::int as n from public.memberships
      where organization_id = ${tenant.organizationId} and user_id = ${invitee.id}`) as unknown as [{ n: number }];
    expect(n, 'one membership').toBe(1);
  });
});
