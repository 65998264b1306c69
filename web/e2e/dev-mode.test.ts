// `npm start` serves the web app in development: the sources through Vite as middleware, with hot
// reload. In Chromium against a throwaway stack: the page renders on the server, hydrates (the
// sign-in schema answers in the browser before anything is posted), Vite's hot-reload client
// connects its WebSocket to the app's own origin under the page's CSP, and a sign-in lands on
// the organization picker, with no console error, page error or CSP violation on the way.
import { describe, expect, it } from 'vitest';
import { openPage } from './support/browser.ts';
import { createUser, startWebStack } from './support/stack.ts';

const web = startWebStack({ mode: 'development' });

describe('development mode', () => {
  it('renders, hydrates, opens the hot-reload socket and signs in', async () => {
    const user = await createUser(web.stack, 'dev', 'Dana Developer');
    const watched = await openPage(web.browser);
    const { page } = watched;
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));

    // The first request compiles the routes on demand: allow it the time a cold Vite needs.
    await page.goto(`${web.url}/sign-in`, { timeout: 90_000 });
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect
      .poll(() => sockets.some((url) => new URL(url).host === new URL(web.url).host), {
        message: 'Vite’s hot-reload socket to the app’s origin',
        timeout: 30_000,
      })
      .toBe(true);

    // Hydrated: the schema refuses the empty form in the browser.
    let posted = false;
    page.on('request', (request) => {
      if (request.method() === 'POST') posted = true;
    });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your email address.').waitFor();
    expect(posted, 'nothing was posted').toBe(false);

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${web.url}/`);
    await page
      .getByRole('heading', { name: /organization/i })
      .first()
      .waitFor();
    expect(watched.problems, 'console errors, page errors or CSP violations').toEqual([]);
    await watched.context.close();
  }, 180_000);
});
