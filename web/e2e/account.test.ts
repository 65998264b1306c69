// A newcomer's first steps and the account page in Chromium against a throwaway stack: sign up,
// confirm from the local mailbox, create an organization (a taken slug refused by the database
// on its field) and land in its portal; then, as a member, change the name (the account menu
// shows it), upload a photo (shown), sign out the other devices (a second browser's session is
// refused), change the password with the emailed code and sign in with it, change the email
// address from both confirmation emails and sign in with the new one. Every new page passes
// axe's WCAG A/AA rules with nothing serious or critical and is photographed at tablet and
// desktop sizes (.roost/screenshots/).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PNG_1X1 } from '../../supabase/local/storage/test-support.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { openPage, screenshots, TABLET } from './support/browser.ts';
import { expectAccessible, expectNoProblems } from './support/session.ts';
import { createOrganization, createUser, mailLink, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${web.url}/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Screenshots from the top of the page (a form's post keeps the scroll position, and the sticky
 * top bar would otherwise be drawn across the middle of a full-page picture). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
  await screenshots(page, name);
}

/** The reauthentication code in the newest email to `to` that has one. */
async function mailCode(to: string): Promise<string> {
  const { mailboxUrl } = web.stack;
  return waitFor(`an email to ${to} with a code`, async () => {
    const list = (await (await fetch(`${mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`)).json()) as {
      messages: { id: string }[];
    };
    for (const { id } of list.messages) {
      const message = (await (await fetch(`${mailboxUrl}/api/messages/${id}`)).json()) as { text: string | null };
      const code = /Enter this code to confirm it is you:\s+(\d{6})/.exec(message.text ?? '')?.[1];
      if (code) return code;
    }
    return undefined;
  });
}

const stamp = Date.now().toString(36);

describe('sign up and create an organization', () => {
  const taken = { slug: `taken-${stamp}`, name: 'Taken Name Ltd' };

  beforeAll(async () => {
    const someone = await createUser(web.stack, 'someone', 'Sol Someone');
    await createOrganization(web.stack, taken, [{ user: someone, role: 'owner' }]);
  });

  it('signs up, confirms from the mailbox, creates an organization and lands in its portal', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    const email = `founder-${stamp}@e2e.roost.test`;
    await page.goto(`${web.url}/sign-up`);
    await page.getByLabel('Your name').fill('Fiona Founder');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.goto(await mailLink(web.stack, email, '/auth/v1/verify'));
    await page.getByText('You are not a member of any organization yet.').waitFor();
    await expectAccessible(page, 'empty picker with create');
    await shoot(page, 'picker-empty-create');

    await page.getByRole('link', { name: 'Create an organization' }).click();
    await page.getByRole('heading', { name: 'Create an organization' }).waitFor();
    await expectAccessible(page, 'new organization');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('Enter the organization’s name.').waitFor();

    // The slug follows the name until edited.
    await page.getByLabel('Organization name').fill('Sunny Side Stays');
    await expect(page.getByLabel('Web address name').inputValue()).resolves.toBe('sunny-side-stays');
    await page.getByText('Your portal will be at /o/sunny-side-stays.').waitFor();
    // A malformed slug never leaves the browser; a taken one is refused by the database.
    await page.getByLabel('Web address name').fill('Not A Slug');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText(/Use lower-case letters, digits and hyphens/).waitFor();
    await page.getByLabel('Web address name').fill(taken.slug);
    await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('Another organization already uses this address. Choose another.').waitFor();
    await expect(page.getByLabel('Web address name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'new organization with a database refusal');
    await shoot(page, 'organization-new-errors');

    const slug = `sunny-${stamp}`;
    await page.getByLabel('Web address name').fill(slug);
    await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
    await page.getByLabel('Currency').selectOption('GBP');
    await shoot(page, 'organization-new');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(`${web.url}/o/${slug}`);
    await page.getByRole('heading', { name: 'Sunny Side Stays' }).waitFor();
    const [row] = await web.stack.admin<{ time_zone: string; currency: string; role: string; email: string }[]>`
      select o.time_zone, o.currency, m.role::text as role, u.email
      from public.organizations o
      join public.memberships m on m.organization_id = o.id
      join auth.users u on u.id = m.user_id
      where o.slug = ${slug}`;
    expect(row, 'created through the RPC with the founder as owner').toEqual({
      time_zone: 'Europe/Lisbon',
      currency: 'GBP',
      role: 'owner',
      email,
    });
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('refuses the forms to a visitor who is not signed in', async () => {
    const watched = await openPage(web.browser);
    for (const [path, form] of [
      ['/organizations/new', { name: 'X', slug: `x-${stamp}`, time_zone: 'UTC', currency: 'EUR' }],
      ['/account', { intent: 'others' }],
    ] as const) {
      const response = await watched.page.request.post(`${web.url}${path}`, { form, maxRedirects: 0 });
      expect(response.status(), `${path} signed out`).toBe(302);
      expect(response.headers().location, `${path} goes to sign in`).toMatch(/^\/sign-in/);
    }
    const [none] = await web.stack.admin`select 1 from public.organizations where slug = ${`x-${stamp}`}`;
    expect(none, 'nothing created').toBeUndefined();
    await watched.context.close();
  });
});

describe('the account page', () => {
  let member: SeededUser;
  const org = { slug: `acct-${stamp}`, name: 'Account Arms Hotel' };

  beforeAll(async () => {
    member = await createUser(web.stack, 'member', 'Rita Original');
    const owner = await createUser(web.stack, 'owner', 'Otis Owner');
    await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: member, role: 'manager' },
    ]);
  });

  // Six flows through Auth, Storage and the mailbox, each with a round trip: twice the default.
  it('changes the name, photo, password and email address, and signs out other devices', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(page, member);
    await page.getByRole('heading', { name: org.name }).waitFor();
    await page.locator('.account summary').click();
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByRole('link', { name: 'Two-factor authentication' }).waitFor();
    await expectAccessible(page, 'account');

    // The name: profile and Auth's metadata both, and the account menu shows it.
    await page.getByLabel('Your name').fill('');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Enter your name.').waitFor();
    await page.getByLabel('Your name').fill('Rita Renamed');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Name saved.').waitFor();
    const [names] = await web.stack.admin<{ profile: string; meta: string }[]>`
      select p.display_name as profile, u.raw_user_meta_data ->> 'display_name' as meta
      from public.profiles p join auth.users u on u.id = p.user_id where p.user_id = ${member.id}`;
    expect(names, 'profile and user_metadata in step').toEqual({ profile: 'Rita Renamed', meta: 'Rita Renamed' });
    await page.goto(`${web.url}/o/${org.slug}`);
    await page.locator('.account summary').click();
    await page.locator('.account-menu').getByText('Rita Renamed').waitFor();

    // The photo: a wrong type is refused in the browser, a PNG is stored under the user's id.
    await page.goto(`${web.url}/account`);
    await page
      .getByLabel('Photo', { exact: true })
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await page.getByText('Use a PNG, JPEG, WebP or GIF image.').waitFor();
    await page
      .getByLabel('Photo', { exact: true })
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await page.getByText('Photo saved.').waitFor();
    const photo = page.locator('img.avatar');
    await expect(photo.getAttribute('src')).resolves.toContain(`/storage/v1/object/public/avatars/${member.id}/`);
    await waitFor('the photo to load', async () =>
      (await photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0 ? true : undefined,
    );
    await expectAccessible(page, 'account with a photo');
    await shoot(page, 'account');

    // Other devices: a second browser signed in as the same user is refused afterwards.
    const other = await openPage(web.browser);
    await signIn(other.page, member);
    await other.page.getByRole('heading', { name: org.name }).waitFor();
    await page.getByRole('button', { name: 'Sign out of other devices' }).click();
    await page.getByText('Every other device is signed out.').waitFor();
    await other.page.goto(`${web.url}/account`);
    await other.page.waitForURL(/\/sign-in/);
    await other.context.close();
    await page.reload();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    // The password: a code by email first; a wrong code is refused on its field.
    const newPassword = 'a-newer-password-2026';
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByText(`We sent a code to ${member.email}.`).waitFor();
    const code = await mailCode(member.email);
    await page.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('That code is not right, or it has expired. Ask for a new one.').waitFor();
    await expectAccessible(page, 'account password with errors');
    await shoot(page, 'account-password-errors');
    await page.getByLabel('Code from the email').fill(code);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await page.getByRole('button', { name: 'Sign out of this device' }).click();
    await page.getByText('You are signed out.').waitFor();
    await signIn(page, member);
    await page.getByText('The email address or password is not right.').waitFor();
    await signIn(page, { email: member.email, password: newPassword });
    await page.getByRole('heading', { name: org.name }).waitFor();

    // The email address: links to both addresses; the change happens after the second.
    const newEmail = `moved-${stamp}@e2e.roost.test`;
    await page.goto(`${web.url}/account`);
    await page.getByLabel('New email address').fill(newEmail);
    await page.getByRole('button', { name: 'Change email address' }).click();
    await page.getByText('Confirm from both addresses.').waitFor();
    await expectAccessible(page, 'account with an email change pending');
    await shoot(page, 'account-email-pending');
    await page.goto(await mailLink(web.stack, newEmail, '/auth/v1/verify'));
    await page.getByRole('heading', { name: 'One more confirmation' }).waitFor();
    await expectAccessible(page, 'email change half confirmed');
    await shoot(page, 'email-change-first');
    const [halfway] = await web.stack.admin<{ email: string }[]>`select email from auth.users where id = ${member.id}`;
    expect(halfway?.email, 'not changed after one link').toBe(member.email);
    await page.goto(await mailLink(web.stack, member.email, 'type=email_change'));
    await page.getByText(`Your email address is changed. Sign in with ${newEmail} from now on.`).waitFor();
    await page.getByRole('button', { name: 'Sign out of this device' }).click();
    await page.getByText('You are signed out.').waitFor();
    await signIn(page, { email: newEmail, password: newPassword });
    await page.getByRole('heading', { name: org.name }).waitFor();

    // Removing the photo asks first, then the initials show and the file is gone.
    await page.goto(`${web.url}/account`);
    await page.getByText('Remove photo', { exact: true }).click();
    await page.getByRole('button', { name: 'Yes, remove the photo' }).click();
    await page.getByText('Photo removed.').waitFor();
    await expect(page.locator('img.avatar').count(), 'no photo').resolves.toBe(0);
    const files = await web.stack.admin`
      select name from storage.objects where bucket_id = 'avatars' and name like ${`${member.id}/%`}`;
    expect(files, 'the file is deleted too').toEqual([]);
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);
});
