// Shared by the Data API tests: a stack serving /rest/v1 on a cloned database, two complete tenants
// (every role, properties, bookings, catalogue, …) and supabase-js clients signed in as their members.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { beforeAll } from 'vitest';
import type { TestUser } from '../../tests/support/db.ts';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { accessToken, userClient } from '../testing/clients.ts';
import { type TestStack, type TestStackOptions, useTestStack } from '../testing/test-stack.ts';
import { createRestService, type RestService } from './index.ts';

export interface RestStack extends TestStack {
  rest: RestService;
}

export function useRestStack(options: Omit<TestStackOptions, 'services'> = {}): RestStack {
  const holder = {} as { rest: RestService };
  const stack = useTestStack({
    ...options,
    services: async (deps) => {
      holder.rest = createRestService(deps);
      await holder.rest.cache();
      return { services: { rest: holder.rest.service }, close: holder.rest.close };
    },
  }) as RestStack;
  Object.defineProperty(stack, 'rest', { get: () => holder.rest });
  return stack;
}

/** Two tenants, A and B, built once per file after the stack is up. */
export function useTenants(stack: TestStack): { a: Tenant; b: Tenant } {
  const tenants = {} as { a: Tenant; b: Tenant };
  beforeAll(async () => {
    tenants.a = await createTenant(stack.admin, 'rest-a');
    tenants.b = await createTenant(stack.admin, 'rest-b');
  });
  return tenants;
}

/** Signed-in clients and their access tokens: the stack tests' one implementation. */
export { accessToken as userToken, userClient };

/** Untyped supabase-js for the tests' own tables: anon, or signed in as `user`. */
export async function plainClient(stack: TestStack, user?: TestUser): Promise<SupabaseClient> {
  const headers: Record<string, string> = user ? { Authorization: `Bearer ${await accessToken(stack, user)}` } : {};
  return createClient(stack.url, stack.keys.publishable_key, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers },
  });
}

/** A raw request to /rest/v1 (for what supabase-js cannot send). */
export function restFetch(stack: TestStack, path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has('apikey')) headers.set('apikey', stack.keys.publishable_key);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return fetch(`${stack.url}/rest/v1${path}`, { ...init, headers });
}
