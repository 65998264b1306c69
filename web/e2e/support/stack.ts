// A throwaway stack for browser tests: every platform service on a clone of the template
// database, the mailer and its mailbox, Auth's site URL pointing at the web app, and the web
// app's production build served on a free port (as `npm start -- --prod` serves it), or its
// sources through Vite in development mode.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startPlatformServices } from '../../../supabase/local/platform-services.ts';
import { type TestStack, useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { waitFor } from '../../../supabase/local/testing/wait-for.ts';
import { freePort } from '../../../supabase/local/throwaway.ts';
import { startWebProcess, type WebProcess } from '../../../supabase/local/web-process.ts';
import { launchChromium } from './browser.ts';

export interface WebStack {
  stack: TestStack;
  /** The web app's origin, e.g. http://127.0.0.1:41234. */
  url: string;
  browser: Browser;
}

/** `development` serves the sources through Vite (hot reload) as `npm start` does by default. */
export function startWebStack({ mode = 'production' }: { mode?: 'production' | 'development' } = {}): WebStack {
  const web = {} as WebStack;
  let port = 0;
  let server: WebProcess | undefined;
  beforeAll(async () => {
    port = await freePort();
  });
  // biome-ignore lint/correctness/useHookAtTopLevel: a Vitest helper (beforeAll/afterAll), not a React hook.
  web.stack = useTestStack({
    mail: true,
    services: (deps) => startPlatformServices(deps),
    config: (config) => ({
      ...config,
      auth: {
        ...config.auth,
        site_url: `http://127.0.0.1:${port}`,
        additional_redirect_urls: [`http://127.0.0.1:${port}/**`],
      },
    }),
  });
  beforeAll(async () => {
    const { stack } = web;
    server = startWebProcess({
      project: {
        SUPABASE_URL: stack.url,
        SUPABASE_PUBLISHABLE_KEY: stack.keys.publishable_key,
        SUPABASE_SECRET_KEY: stack.keys.secret_key,
        SUPABASE_DB_URL: stack.dbUrl,
      },
      port,
      mode,
      logFile: join(mkdtempSync(join(tmpdir(), 'roost-web-')), 'web.log'),
      onEvent: (line) => console.warn(line),
    });
    web.url = server.url;
    const [browser] = await Promise.all([launchChromium(), server.ready()]);
    web.browser = browser;
  });
  afterAll(async () => {
    await web.browser?.close();
    await server?.stop();
  });
  return web;
}

export interface SeededUser {
  id: string;
  email: string;
  password: string;
}

/** A confirmed user made through Auth's admin API (the secret key), with a display name. */
export async function createUser(stack: TestStack, label: string, displayName: string): Promise<SeededUser> {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@e2e.roost.test`;
  const password = 'correct-horse-battery';
  const { data, error } = await stack.client(stack.keys.secret_key).auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: displayName },
  });
  if (error || !data.user) throw new Error(`createUser: ${error?.message}`);
  return { id: data.user.id, email, password };
}

/** An organization with its owner and other members, written as the superuser (fixtures). */
export async function createOrganization(
  stack: TestStack,
  org: { slug: string; name: string },
  members: { user: SeededUser; role: 'owner' | 'admin' | 'manager' | 'staff' | 'viewer' }[],
): Promise<string> {
  return stack.admin.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into public.organizations (slug, name, time_zone, currency) values (${org.slug}, ${org.name}, 'Europe/Lisbon', 'EUR')
      returning id`;
    const id = (row as { id: string }).id;
    for (const { user, role } of members) {
      await tx`insert into public.memberships (organization_id, user_id, role) values (${id}, ${user.id}, ${role})`;
    }
    return id;
  });
}

/** The newest link in the mailbox for `to` whose URL contains `contains`. */
export async function mailLink(stack: TestStack, to: string, contains: string): Promise<string> {
  return waitFor(`an email to ${to} with a ${contains} link`, async () => {
    const list = (await (await fetch(`${stack.mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`)).json()) as {
      messages: { id: string }[];
    };
    for (const { id } of list.messages) {
      const message = (await (await fetch(`${stack.mailboxUrl}/api/messages/${id}`)).json()) as { links?: string[] };
      const link = message.links?.find((candidate) => candidate.includes(contains));
      if (link) return link;
    }
    return undefined;
  });
}
