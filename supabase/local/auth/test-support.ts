// Shared pieces of the Auth tests: the stack with Auth and the mailer, fresh addresses, reading
// the mailbox (the emailed code and /verify link) and following a link as a browser would.
import { expect } from 'vitest';
import type { ProjectConfig } from '../config.ts';
import type { MailboxMessage } from '../mail/mailbox-server.ts';
import { type TestStack, useTestStack } from '../testing/test-stack.ts';
import { waitFor } from '../testing/wait-for.ts';
import { createAuthService } from './service.ts';

export function useAuthStack(config?: (config: ProjectConfig) => ProjectConfig): TestStack {
  return useTestStack({
    services: (deps) => {
      const auth = createAuthService(deps);
      return { services: { auth: auth.service }, close: auth.close };
    },
    mail: true,
    config,
  });
}

/** supabase/config.toml with some [auth] keys replaced. */
export function withAuth(change: Partial<ProjectConfig['auth']>) {
  return (config: ProjectConfig): ProjectConfig => ({ ...config, auth: { ...config.auth, ...change } });
}

let counter = 0;
export function freshEmail(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now().toString(36)}@example.com`;
}

export const PASSWORD = 'correct-horse-battery-1';

/** Waits for the `nth` (1-based) message to `to`, as delivered to the local mailbox. */
export function waitForMail(stack: TestStack, to: string, nth = 1): Promise<MailboxMessage> {
  return waitFor(
    `message number ${nth} for ${to}`,
    async () => {
      const res = await fetch(`${stack.mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`);
      const list = ((await res.json()) as { messages: MailboxMessage[] }).messages;
      const sorted = [...list].sort((a, b) => a.deliveredAt.localeCompare(b.deliveredAt));
      return sorted[nth - 1];
    },
    10_000,
    50,
  );
}

export async function mailCount(stack: TestStack, to: string): Promise<number> {
  const res = await fetch(`${stack.mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: MailboxMessage[] }).messages.length;
}

export function verifyLinkOf(message: MailboxMessage): URL {
  const link = message.links.find((l) => l.includes('/auth/v1/verify'));
  expect(link, `the email "${message.subject}" carries a /verify link`).toBeTruthy();
  return new URL(link as string);
}

export function codeOf(message: MailboxMessage): string {
  const match = /code\D*(\d{6,10})/.exec(message.text ?? '');
  expect(match, `the email "${message.subject}" carries a code`).toBeTruthy();
  return (match as RegExpExecArray)[1] as string;
}

/** Follows a link without following the redirect: the Location, its query and fragment params. */
export async function follow(link: URL | string) {
  const res = await fetch(link, { redirect: 'manual' });
  expect(res.status, 'the link redirects').toBe(303);
  const location = new URL(res.headers.get('location') ?? '');
  return {
    location,
    query: location.searchParams,
    fragment: new URLSearchParams(location.hash.slice(1)),
  };
}

/** Resolves once `request` settles or a session of the stack's database waits on a lock (≤ 5 s). */
export async function settledOrBlocked(stack: TestStack, request: Promise<unknown>): Promise<void> {
  let settled = false;
  request.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let attempt = 0; attempt < 250 && !settled; attempt += 1) {
    const [row] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
