// Getting back into an account in Chromium against a throwaway stack: a forgotten password reset
// by the link in the local mailbox (the new password works, the old one no longer does), and
// signing in without the password by the emailed link or by the 6-digit code from the same
// email. Every new page passes axe's WCAG A/AA rules with nothing serious or critical and is
// photographed at tablet and desktop sizes (.roost/screenshots/).
import { beforeAll, describe, it } from 'vitest';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn } from './support/session.ts';
import { createUser, mailLink, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

/** The one-time code in the newest email to `to` that offers one. */
async function mailCode(to: string): Promise<string> {
  const { mailboxUrl } = web.stack;
  return waitFor(`an email to ${to} with a code`, async () => {
    const list = (await (await fetch(`${mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`)).json()) as {
      messages: { id: string }[];
    };
    for (const { id } of list.messages) {
      const message = (await (await fetch(`${mailboxUrl}/api/messages/${id}`)).json()) as { text: string | null };
      const code = /enter this code: (\d{6})/.exec(message.text ?? '')?.[1];
      if (code) return code;
    }
    return undefined;
  });
}

describe('account recovery', () => {
  let forgetful: SeededUser;
  let linkUser: SeededUser;
  let codeUser: SeededUser;

  beforeAll(async () => {
    // One user per flow: Auth sends one email per address a minute.
    [forgetful, linkUser, codeUser] = await Promise.all([
      createUser(web.stack, 'forgetful', 'Fred Forgetful'),
      createUser(web.stack, 'link', 'Lina Link'),
      createUser(web.stack, 'code', 'Cody Code'),
    ]);
  });

  it('resets a forgotten password from the mailbox link; the old password stops working', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    const newPassword = 'a-brand-new-password';

    await page.goto(`${web.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectAccessible(page, 'forgot password');
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByText('Enter your email address.').waitFor();
    await expectAccessible(page, 'forgot password with errors');
    await screenshots(page, 'forgot-password-errors');

    // An address without an account gets the same answer.
    await page.getByLabel('Email').fill(`nobody-${Date.now().toString(36)}@e2e.roost.test`);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.goto(`${web.url}/forgot-password`);
    await page.getByLabel('Email').fill(forgetful.email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible(page, 'forgot password sent');
    await screenshots(page, 'forgot-password-sent');

    const link = await mailLink(web.stack, forgetful.email, '/auth/v1/verify');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, 'reset password');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('New password again').fill('different');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    await page.getByText('The two passwords are not the same.').waitFor();
    await expectAccessible(page, 'reset password with errors');
    await screenshots(page, 'reset-password-errors');

    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('heading', { name: 'Choose an organization' }).waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByText('You are signed out.').waitFor();
    await screenshots(page, 'sign-in-with-recovery-links');
    await signIn(web.url, page, { email: forgetful.email, password: forgetful.password });
    await page.getByText('The email address or password is not right.').waitFor();
    await signIn(web.url, page, { email: forgetful.email, password: newPassword });
    await page.getByRole('heading', { name: 'Choose an organization' }).waitFor();

    // Without a session the page sends the visitor to sign in.
    await watched.context.clearCookies();
    await page.goto(`${web.url}/reset-password`);
    await page.waitForURL(/\/sign-in/);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('signs in by the link in the email', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await page.goto(`${web.url}/sign-in`);
    await page.getByRole('link', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Sign in by email' }).waitFor();
    await expectAccessible(page, 'email sign-in');
    await screenshots(page, 'email-sign-in');
    await page.getByLabel('Email').fill(linkUser.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = await mailLink(web.stack, linkUser.email, '/auth/v1/verify');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose an organization' }).waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('signs in by the code in the email', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await page.goto(`${web.url}/email-sign-in`);
    await page.getByLabel('Email').fill(codeUser.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible(page, 'email code');

    const code = await mailCode(codeUser.email);
    await page.getByLabel('Code from the email').fill('12345');
    await page.getByRole('button', { name: 'Sign in with the code' }).click();
    await page.getByText('The code is 6 digits.').waitFor();
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Code from the email').fill(wrong);
    await page.getByRole('button', { name: 'Sign in with the code' }).click();
    await page.getByText(/That code is not right/).waitFor();
    await expectAccessible(page, 'email code with errors');
    await screenshots(page, 'email-code-errors');

    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Sign in with the code' }).click();
    await page.getByRole('heading', { name: 'Choose an organization' }).waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  });
});
