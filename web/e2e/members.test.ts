// Members and invitations in Chromium against a throwaway stack: an owner invites a manager by
// email (the invite function queues the mail, the local mailbox receives it), resends it (the
// old link stops working), and the invitee creates an account from the link, confirms it, accepts
// and lands in the organization with a manager's navigation. The owner then changes the role,
// limits the member to one property and removes them after a confirmation; the last owner's own
// controls are disabled with the reason, and the database refuses a forged demotion too. Each
// new page passes axe (no serious or critical violation) and is photographed at both sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, openPage, screenshots, TABLET } from './support/browser.ts';
import { expectAccessible, signIn } from './support/session.ts';
import { createOrganization, createUser, mailLink, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('members and invitations', () => {
  let owner: SeededUser;
  let admin: SeededUser;
  let organizationId: string;
  const org = { slug: `harbour-m-${Date.now().toString(36)}`, name: 'Harbour Hotels' };
  const members = () => `${web.url}/o/${org.slug}/members`;

  beforeAll(async () => {
    owner = await createUser(web.stack, 'owner', 'Olivia Owner');
    const staff = await createUser(web.stack, 'staff', 'Sam Staff');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    organizationId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: staff, role: 'staff' },
    ]);
    await web.stack.admin`
      insert into public.properties (organization_id, name, kind)
      values (${organizationId}, 'Harbour Inn', 'hotel'), (${organizationId}, 'Quay Bistro', 'restaurant')`;
  });

  it('invites a manager who signs up from the email and joins; the owner changes, limits and removes them', async () => {
    const ownerPage = await openPage(web.browser, DESKTOP);
    const { page } = ownerPage;
    await signIn(web.url, ownerPage, owner);
    await page.getByRole('heading', { name: 'Harbour Hotels' }).waitFor();
    await page.goto(members());
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();

    // The only owner: their role and removal are disabled, with the reason beside them.
    const ownRole = page.getByLabel('Role of Olivia Owner', { exact: true });
    await expect(ownRole.isDisabled(), 'the last owner’s role select').resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Remove Olivia Owner' }).isDisabled()).resolves.toBe(true);
    const reason = page.getByText('The only owner. Make another member an owner');
    await reason.waitFor();
    const reasonId = await reason.getAttribute('id');
    await expect(ownRole.getAttribute('aria-describedby'), 'the reason is announced').resolves.toBe(reasonId);
    await expect(page.getByText('No invitation is waiting for an answer.').count()).resolves.toBe(1);
    await expectAccessible(page, 'members (owner)');
    await screenshots(page, 'members-owner');

    // The schema checks the form in the browser first.
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Enter the email address to invite.').waitFor();

    const email = `nina-${Date.now().toString(36)}@e2e.roost.test`;
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('manager');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    await page.getByRole('cell', { name: email, exact: true }).waitFor();
    const firstLink = await mailLink(web.stack, email, '/invitations/accept?token=');
    expect(firstLink.startsWith(`${web.url}/invitations/accept?token=`), 'the link points at this app').toBe(true);

    // Resending replaces the invitation: a new link, the first one void.
    await page.getByRole('button', { name: `Resend the invitation to ${email}` }).click();
    await page.getByText(`A new invitation was sent to ${email}`).waitFor();
    const link = await waitForOtherLink(email, firstLink);
    await expectAccessible(page, 'members with a pending invitation');
    await screenshots(page, 'members-invited');

    // The invitee, in another browser context: signed out, the link offers sign-in or sign-up.
    const invitee = await openPage(web.browser, TABLET);
    const guest = invitee.page;
    await guest.goto(firstLink);
    await guest.getByRole('heading', { name: 'You are invited to Roost' }).waitFor();
    await expectAccessible(guest, 'invitation, signed out');
    await screenshots(guest, 'invitation-signed-out');
    await guest.getByRole('link', { name: 'Create an account' }).click();
    await guest.getByLabel('Your name').fill('Nina Newcomer');
    await guest.getByLabel('Email').fill(email);
    await guest.getByLabel('Password').fill('a-long-enough-password');
    await guest.getByRole('button', { name: 'Create account' }).click();
    await guest.getByRole('heading', { name: 'Check your email' }).waitFor();
    await guest.goto(await mailLink(web.stack, email, '/auth/v1/verify'));
    // Confirmed and signed in, back on the (first, now void) invitation.
    await guest.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    expect(new URL(guest.url()).search, 'back on the link it came from').toBe(new URL(firstLink).search);
    await guest.getByRole('button', { name: 'Accept the invitation' }).click();
    await guest.getByText('This invitation was withdrawn, or replaced by a newer one.').waitFor();
    await expectAccessible(guest, 'invitation refused');
    await screenshots(guest, 'invitation-replaced');

    await guest.goto(link);
    await guest.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await expectAccessible(guest, 'invitation, signed in');
    await screenshots(guest, 'invitation-accept');
    await guest.getByRole('button', { name: 'Accept the invitation' }).click();
    await guest.waitForURL(`${web.url}/o/${org.slug}`);
    await guest.getByRole('heading', { name: 'Harbour Hotels' }).waitFor();
    const nav = guest.getByRole('navigation', { name: 'Portal' });
    await nav.getByRole('link', { name: 'Members' }).waitFor();
    await expect(nav.getByRole('link', { name: 'Settings' }).count(), 'no admin sections for a manager').resolves.toBe(
      0,
    );
    await nav.getByRole('link', { name: 'Members' }).click();
    await guest.getByRole('rowheader', { name: /Olivia Owner/ }).waitFor();
    await expect(
      guest.getByRole('button', { name: 'Send invitation' }).count(),
      'read-only for a manager',
    ).resolves.toBe(0);
    await guest.getByText('Only admins and owners invite or change members.').waitFor();
    await expectAccessible(guest, 'members (manager, read-only)');
    await screenshots(guest, 'members-manager');
    expect(invitee.problems, 'console errors on the invitee’s pages').toEqual([]);
    await invitee.context.close();

    // Back to the owner: the newcomer is a manager; make them staff.
    const [joined] = await web.stack.admin<{ id: string }[]>`select id from auth.users where email = ${email}`;
    const newcomer = joined?.id ?? '';
    await page.goto(members());
    const role = page.getByLabel('Role of Nina Newcomer', { exact: true });
    await expect(role.inputValue()).resolves.toBe('manager');
    await expect(page.getByText('No invitation is waiting for an answer.').count(), 'accepted').resolves.toBe(1);
    await role.selectOption('staff');
    await page.getByRole('button', { name: 'Change role of Nina Newcomer' }).click();
    await page.getByText('Nina Newcomer’s role was changed.').waitFor();
    expect(await roleOf(newcomer), 'saved by change_member_role').toBe('staff');

    // Limit them to one property.
    await page.getByRole('link', { name: 'Change properties of Nina Newcomer' }).click();
    await page.getByRole('heading', { name: 'Where Nina Newcomer works' }).waitFor();
    await page.getByLabel('Only the properties ticked below').check();
    await page.getByLabel('Harbour Inn').check();
    await expectAccessible(page, 'properties of a member');
    await screenshots(page, 'member-properties');
    await page.getByRole('button', { name: 'Save properties' }).click();
    await page.getByText('Nina Newcomer’s properties were saved.').waitFor();
    const access = await web.stack.admin<{ name: string; all_properties: boolean }[]>`
      select p.name, m.all_properties
      from public.memberships m
      join public.member_property_access a on a.organization_id = m.organization_id and a.user_id = m.user_id
      join public.properties p on p.id = a.property_id
      where m.organization_id = ${organizationId} and m.user_id = ${newcomer}`;
    expect(access, 'restricted to Harbour Inn').toEqual([{ name: 'Harbour Inn', all_properties: false }]);

    // Remove them, after a confirmation (cancel first: nothing happens).
    await page.getByRole('link', { name: 'Remove Nina Newcomer' }).click();
    await page.getByRole('heading', { name: 'Remove Nina Newcomer from Harbour Hotels?' }).waitFor();
    await expectAccessible(page, 'remove confirmation');
    await screenshots(page, 'member-remove-confirm');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page
      .getByRole('heading', { name: 'Remove Nina Newcomer from Harbour Hotels?' })
      .waitFor({ state: 'detached' });
    expect(await roleOf(newcomer), 'still a member').toBe('staff');
    await page.getByRole('link', { name: 'Remove Nina Newcomer' }).click();
    await page.getByRole('button', { name: 'Remove Nina Newcomer' }).click();
    await page.getByText('Nina Newcomer was removed from the organization.').waitFor();
    expect(await roleOf(newcomer), 'removed by remove_member').toBeNull();

    // Revoke an invitation nobody answered.
    const other = `late-${Date.now().toString(36)}@e2e.roost.test`;
    await page.getByLabel('Email address').fill(other);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${other}.`).waitFor();
    await page.getByRole('button', { name: `Revoke the invitation to ${other}` }).click();
    await page.getByText(`The invitation to ${other} was revoked.`).waitFor();
    const [revoked] = await web.stack.admin<{ open: number }[]>`
      select count(*)::int as open from public.invitations
      where email = ${other} and revoked_at is null and accepted_at is null`;
    expect(revoked?.open, 'no open invitation left').toBe(0);
    expect(ownerPage.problems, 'console errors on the owner’s pages').toEqual([]);
    await ownerPage.context.close();
  }, 180_000);

  it('refuses a forged demotion of the last owner with the rule, not a generic error', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, owner);
    await page.getByRole('heading', { name: 'Harbour Hotels' }).waitFor();
    const response = await page.request.post(members(), {
      form: { intent: 'role', userId: owner.id, role: 'admin', name: 'Olivia Owner' },
      headers: { Origin: web.url },
    });
    expect(response.status(), 'refused').toBe(400);
    expect(await response.text()).toContain('An organization must keep an owner');
    expect(await roleOf(owner.id), 'still the owner').toBe('owner');
    await watched.context.close();
  });

  it('shows an admin that owners are not theirs to change, and offers only the roles below admin', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, admin);
    await page.getByRole('heading', { name: 'Harbour Hotels' }).waitFor();
    await page.goto(members());
    const ownerRole = page.getByLabel('Role of Olivia Owner', { exact: true });
    await expect(ownerRole.isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Remove Olivia Owner' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByText('The only owner: an organization always keeps one.').count()).resolves.toBe(1);
    await expect(page.getByText('Only owners change admins.').count(), 'their own row too').resolves.toBe(1);
    const offered = await page.getByLabel('Role', { exact: true }).locator('option').allTextContents();
    expect(offered, 'roles an admin may give').toEqual(['Manager', 'Staff', 'Viewer']);
    await expectAccessible(page, 'members (admin)');
    await screenshots(page, 'members-admin');

    // An invitation opened under another account: refused with the reason; signing out keeps the link.
    const someoneElse = `viewer-${Date.now().toString(36)}@e2e.roost.test`;
    await page.getByLabel('Email address').fill(someoneElse);
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${someoneElse}.`).waitFor();
    const link = await mailLink(web.stack, someoneElse, '/invitations/accept?token=');
    await page.goto(link);
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.getByText('This invitation was sent to another email address.').waitFor();
    await expectAccessible(page, 'invitation for another address');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    expect(new URL(page.url()).searchParams.get('redirectTo'), 'back to the invitation after signing in').toBe(
      new URL(link).pathname + new URL(link).search,
    );
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  it('invites a staff member to one property only: on joining they see just that property', async () => {
    const watched = await openPage(web.browser, DESKTOP);
    const { page } = watched;
    await signIn(web.url, watched, owner);
    await page.getByRole('heading', { name: 'Harbour Hotels' }).waitFor();
    await page.goto(members());
    const staffer = await createUser(web.stack, 'quay', 'Quinn Quay');
    await page.getByLabel('Email address').fill(staffer.email);
    await page.getByLabel('Role', { exact: true }).selectOption('staff');
    await page.getByLabel('Only some properties').check();
    // Nothing ticked: the schema's rule, in the browser, on the list.
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Tick at least one property.').waitFor();
    await page.getByRole('checkbox', { name: 'Quay Bistro' }).check();
    await expectAccessible(page, 'invite form with properties');
    await screenshots(page, 'members-invite-properties');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${staffer.email}.`).waitFor();
    await page.getByText('Only Quay Bistro').waitFor();
    // An admin role hides the choice: admins work in every property.
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await expect(page.getByLabel('Only some properties').count(), 'no choice for an admin').resolves.toBe(0);

    const invitee = await openPage(web.browser, TABLET);
    const link = await mailLink(web.stack, staffer.email, '/invitations/accept?token=');
    await signIn(web.url, invitee, staffer);
    await invitee.page.waitForURL(`${web.url}/`);
    await invitee.page.goto(link);
    await invitee.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await invitee.page.waitForURL(`${web.url}/o/${org.slug}`);
    await invitee.page.goto(`${web.url}/o/${org.slug}/properties`);
    await invitee.page.getByRole('cell', { name: 'Quay Bistro', exact: true }).waitFor();
    await expect(invitee.page.getByText('Harbour Inn').count(), 'the other property stays hidden').resolves.toBe(0);
    const [membership] = await web.stack.admin<{ all_properties: boolean }[]>`
      select all_properties from public.memberships where organization_id = ${organizationId} and user_id = ${staffer.id}`;
    expect(membership?.all_properties, 'restricted in the database').toBe(false);
    expect([...watched.problems, ...invitee.problems]).toEqual([]);
    await invitee.context.close();
    await watched.context.close();
  });

  it('pages the members, 50 at a time, and keeps the page for a row’s step', async () => {
    // 50 more people (written as the superuser: fixtures), named so they sort after the others.
    await web.stack.admin`
      with people as (
        insert into auth.users (id, email, raw_user_meta_data)
        select gen_random_uuid(), format('guest-%s-%s@e2e.roost.test', n, ${org.slug}::text),
               jsonb_build_object('display_name', format('Pat Porter %s', n))
        from generate_series(1, 50) as n
        returning id
      )
      insert into public.memberships (organization_id, user_id, role)
      select ${organizationId}::uuid, id, 'viewer' from people`;
    const watched = await openPage(web.browser, DESKTOP);
    const { page } = watched;
    await signIn(web.url, watched, owner);
    await page.getByRole('heading', { name: 'Harbour Hotels' }).waitFor();
    await page.goto(members());
    const [count] = await web.stack.admin<{ count: number }[]>`
      select count(*)::int as count from public.memberships where organization_id = ${organizationId}`;
    await page.getByText(`${count?.count} people have access to Harbour Hotels.`).waitFor();
    const pages = page.getByRole('navigation', { name: 'Member pages' });
    await pages.getByText(`Page 1 of 2`).waitFor();
    await expect(page.getByRole('rowheader').count(), 'a full first page').resolves.toBe(50);
    await expect(page.getByRole('rowheader', { name: /Olivia Owner/ }).count(), 'owners first').resolves.toBe(1);
    await pages.getByRole('link', { name: 'Next' }).click();
    await pages.getByText('Page 2 of 2').waitFor();
    const rest = (count?.count ?? 0) - 50;
    await expect(page.getByRole('rowheader').count(), 'the rest').resolves.toBe(rest);
    await page
      .getByRole('link', { name: /^Remove Pat Porter/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Remove Pat Porter \d+ from Harbour Hotels\?$/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('page'), 'still on page 2').toBe('2');
    await expectAccessible(page, 'members, page 2');
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  async function roleOf(userId: string): Promise<string | null> {
    const [row] = await web.stack.admin<{ role: string }[]>`
      select role::text from public.memberships where organization_id = ${organizationId} and user_id = ${userId}`;
    return row?.role ?? null;
  }

  async function waitForOtherLink(email: string, previous: string): Promise<string> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const link = await mailLink(web.stack, email, '/invitations/accept?token=');
      if (link !== previous) return link;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no second invitation email to ${email}`);
  }
});
