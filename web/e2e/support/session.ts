// What every browser test does around a page: sign a user in, check the page for accessibility
// problems and browser errors, and take staff-size screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOT_DIR, seriousViolations, TABLET, type WatchedPage } from './browser.ts';

/** The wider landscape tablet the staff screens are drawn for, next to `TABLET` (1024×768). */
export const TABLET_WIDE = { width: 1280, height: 800 };

interface Credentials {
  email: string;
  password: string;
}

/**
 * Fills in the sign-in form and submits it; with `redirectTo` the app goes there afterwards.
 * It does not wait for the answer, so a test can expect a refusal as well as a session.
 */
export async function signIn(
  webUrl: string,
  target: Page | WatchedPage,
  user: Credentials,
  redirectTo?: string,
): Promise<void> {
  const page = 'page' in target ? target.page : target;
  const query = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : '';
  await page.goto(`${webUrl}/sign-in${query}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** `signIn`, then waits until the app has left the sign-in page (the session cookies are set). */
export async function signedIn(
  webUrl: string,
  target: Page | WatchedPage,
  user: Credentials,
  redirectTo?: string,
): Promise<void> {
  await signIn(webUrl, target, user, redirectTo);
  const page = 'page' in target ? target.page : target;
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Zero serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `${name}: serious or critical axe violations`).toEqual([]);
}

/** No console error, page error or CSP violation seen on the page so far. */
export function expectNoProblems(watched: WatchedPage): void {
  expect(watched.problems, 'console errors, page errors or CSP violations').toEqual([]);
}

/** Screenshots at the two landscape tablet sizes, under .roost/screenshots/ (gitignored). */
export async function staffScreenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top: a page the test scrolled draws its sticky staff bar mid-way down a full-page shot.
  await page.evaluate('window.scrollTo(0, 0)');
  for (const size of [TABLET, TABLET_WIDE]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
  await page.setViewportSize(TABLET);
}

/**
 * Follows a page's loader reads (Remix single fetch: `<path>.data`); `settled()` resolves once
 * none is in flight and none began for `quietMs`. Screens read their loaders again after each
 * change, and a drag measured while they redraw can start on a moved element.
 */
export function loaderReads(page: Page, quietMs = 300): { settled(): Promise<void> } {
  let inFlight = 0;
  let lastChange = Date.now();
  const isRead = (url: string) => new URL(url).pathname.endsWith('.data');
  page.on('request', (request) => {
    if (!isRead(request.url())) return;
    inFlight += 1;
    lastChange = Date.now();
  });
  const done = (request: { url(): string }) => {
    if (!isRead(request.url())) return;
    inFlight = Math.max(0, inFlight - 1);
    lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async settled() {
      const deadline = Date.now() + 15_000;
      while (inFlight > 0 || Date.now() - lastChange < quietMs) {
        if (Date.now() > deadline) throw new Error('the page kept reading its loaders for 15 s');
        await page.waitForTimeout(50);
      }
    },
  };
}
