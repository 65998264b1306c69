// Staff screens in one Chromium: users signed in through the app's own form (their session
// cookies handed to browser contexts), pages opened on a screen and waited for until live, and
// the clock of each page compared with node's so that a page's "painted" time and node's
// "committed" time can be subtracted.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROBE_SCRIPT, type Watch, type WatchResult } from './probe.ts';

export const STAFF_VIEWPORT = { width: 1280, height: 800 };

/** Node's clock in the pages' terms: ms since the epoch, sub-millisecond, monotonic since start. */
export const nodeClock = () => performance.timeOrigin + performance.now();

export interface Screen {
  page: Page;
  /** e.g. `grid`, `kitchen`. */
  kind: string;
  /** page clock − node clock (ms), estimated from the quickest of a few round trips. */
  offset: number;
  /** Half that round trip: how far off `offset` can be. */
  uncertainty: number;
  problems: string[];
}

/** Signs in through the app's form (POST /sign-in with an Origin) and returns its session cookies. */
export async function sessionCookies(webUrl: string, email: string, password: string): Promise<string[]> {
  const response = await fetch(`${webUrl}/sign-in`, {
    method: 'POST',
    headers: { Origin: webUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, redirectTo: '/' }),
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  if (response.status >= 400 || !cookies.some((cookie) => cookie.includes('auth-token'))) {
    throw new Error(`staff bench: sign-in of ${email} answered ${response.status} without a session cookie`);
  }
  return cookies;
}

/** A browser context carrying a user's session cookies, every page of it probed. */
export async function staffContext(browser: Browser, webUrl: string, cookies: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: STAFF_VIEWPORT });
  await context.addCookies(
    cookies.map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: webUrl };
    }),
  );
  await context.addInitScript({ content: PROBE_SCRIPT });
  return context;
}

/**
 * Opens `url` as its own device would show it: the front tab of a browser context (a window) of
 * its own, carrying the user's session. Chromium draws a window's other tabs only now and then,
 * though they report themselves visible and focused (measured here: the frame after a DOM change
 * came 500–1,200 ms late in a window's other tabs, ~1 ms in its front tab), so screens sharing a
 * window would measure Chromium's tab throttling instead of the app. Closing the screen's page
 * context closes its window.
 */
export async function openScreenInWindow(
  browser: Browser,
  webUrl: string,
  cookies: string[],
  url: string,
  kind: string,
): Promise<Screen> {
  const context = await staffContext(browser, webUrl, cookies);
  try {
    return await openScreen(context, url, kind);
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Closes the screens' windows. */
export async function closeScreens(screens: Screen[]): Promise<void> {
  await Promise.all(screens.map((screen) => screen.page.context().close()));
}

/** True once a live badge (role=status) of the screen says it follows changes. */
function isLive(): boolean {
  const page = globalThis as unknown as {
    document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
  };
  return Array.from(page.document.querySelectorAll('[role="status"], [aria-live]')).some((element) =>
    /\bLive\b/.test(element.textContent ?? ''),
  );
}

/** Opens `url` in a new page of `context` and waits until the screen is live. */
export async function openScreen(context: BrowserContext, url: string, kind: string): Promise<Screen> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${kind}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
      problems.push(`${kind}: ${message.text()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (response?.status() !== 200) throw new Error(`staff bench: ${url} answered ${response?.status()}`);
  await page.waitForFunction(isLive, undefined, { timeout: 120_000 });
  const { offset, uncertainty } = await clockOffset(page);
  return { page, kind, offset, uncertainty, problems };
}

/**
 * page clock − node clock, NTP style: node reads its clock, asks the page for its own, reads
 * again; the page's reading is taken to fall halfway. The quickest of seven round trips wins.
 * (Both clocks are this machine's wall clock at their origin plus a monotonic counter, so the
 * offset is near zero; measuring it bounds the error instead of assuming it.)
 */
export async function clockOffset(page: Page): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: 0, uncertainty: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 7; i++) {
    const before = nodeClock();
    const inPage = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = nodeClock();
    const half = (after - before) / 2;
    if (half < best.uncertainty) best = { offset: inPage - (before + half), uncertainty: half };
  }
  return best;
}

export async function watch(screens: Screen[], key: string, what: Watch): Promise<void> {
  await Promise.all(
    screens.map((screen) =>
      screen.page.evaluate(
        ([k, w]) => {
          (globalThis as unknown as { __staffBench: { watch(k: string, w: Watch): void } }).__staffBench.watch(k, w);
        },
        [key, what] as const,
      ),
    ),
  );
}

/**
 * Waits for the watch on every screen; returns when each screen's DOM changed and when that was
 * painted, on node's clock (null where it did not happen within `timeoutMs`).
 */
export async function watchedOn(screens: Screen[], key: string, timeoutMs: number): Promise<(WatchResult | null)[]> {
  return Promise.all(
    screens.map(async (screen) => {
      const result = (await screen.page.evaluate(
        ([k, t]) =>
          (
            globalThis as unknown as { __staffBench: { until(k: string, t: number): Promise<WatchResult | null> } }
          ).__staffBench.until(k, t),
        [key, timeoutMs] as const,
      )) as WatchResult | null;
      return result ? { changed: result.changed - screen.offset, painted: result.painted - screen.offset } : null;
    }),
  );
}

/** watchedOn's painted times only. */
export async function paintedOn(screens: Screen[], key: string, timeoutMs: number): Promise<(number | null)[]> {
  return (await watchedOn(screens, key, timeoutMs)).map((result) => result?.painted ?? null);
}

/** Node-clock time of the last tap on the POS page's Send button. */
export async function lastSend(screen: Screen): Promise<number | null> {
  const sends = (await screen.page.evaluate(
    () => (globalThis as unknown as { __staffBench: { state: { sends: number[] } } }).__staffBench.state.sends,
  )) as number[];
  const last = sends.at(-1);
  return last === undefined ? null : last - screen.offset;
}

/** DOM mutation records each screen has seen so far (the probe's MutationObserver). */
export async function mutationCounts(screens: Screen[]): Promise<number[]> {
  return Promise.all(
    screens.map(
      (screen) =>
        screen.page.evaluate(
          () =>
            (globalThis as unknown as { __staffBench: { state: { mutations: number } } }).__staffBench.state.mutations,
        ) as Promise<number>,
    ),
  );
}

/**
 * DOM mutation records per second of each kind of screen while nothing changes in the database
 * (clocks, countdowns and timers are what remains): a screen that redraws when idle shows here.
 */
export async function idleMutationRates(screens: Screen[], ms: number): Promise<Record<string, number>> {
  const before = await mutationCounts(screens);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await mutationCounts(screens);
  const rates: Record<string, number[]> = {};
  screens.forEach((screen, i) => {
    const list = rates[screen.kind] ?? [];
    list.push((((after[i] ?? 0) - (before[i] ?? 0)) * 1000) / ms);
    rates[screen.kind] = list;
  });
  return Object.fromEntries(
    Object.entries(rates).map(([kind, list]) => [kind, list.reduce((a, b) => a + b, 0) / list.length]),
  );
}

/** Mean DOM mutation records per screen of each kind between two `mutationCounts` readings, per sample. */
export function mutationsPerSample(
  screens: Screen[],
  before: number[],
  after: number[],
  samples: number,
): Record<string, number> {
  const sums: Record<string, { total: number; count: number }> = {};
  screens.forEach((screen, i) => {
    const entry = sums[screen.kind] ?? { total: 0, count: 0 };
    entry.total += (after[i] ?? 0) - (before[i] ?? 0);
    entry.count += 1;
    sums[screen.kind] = entry;
  });
  return Object.fromEntries(
    Object.entries(sums).map(([kind, { total, count }]) => [kind, total / count / Math.max(1, samples)]),
  );
}
