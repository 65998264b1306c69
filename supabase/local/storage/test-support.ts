// Shared by the Storage tests: a stack with the Storage service, supabase-js clients for signed-in
// users (access tokens minted with the stack's keys, since Auth is another service), the service
// role client, and small byte helpers.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { type TestStack, type TestStackOptions, useTestStack } from '../testing/test-stack.ts';
import { createStorageService } from './index.ts';

/** Signed-in and raw-token clients: the stack tests' one implementation. */
export { accessToken, tokenClient, userClient } from '../testing/clients.ts';

export function useStorageStack(options: Omit<TestStackOptions, 'services'> = {}): TestStack {
  return useTestStack({
    ...options,
    services: (deps) => {
      const storage = createStorageService(deps);
      return { services: { storage: storage.service }, close: storage.close };
    },
  });
}

export function serviceClient(stack: TestStack): SupabaseClient {
  return stack.client(stack.keys.secret_key);
}

export function bytes(size: number): Buffer {
  return randomBytes(size);
}

/** Every file under the storage data folder (bytes and temp files), relative paths. */
export function filesOnDisk(stack: TestStack): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const relative = join(prefix, entry.name);
      if (entry.isDirectory()) walk(join(dir, entry.name), relative);
      else found.push(relative);
    }
  };
  for (const top of ['buckets', 'tmp']) walk(join(stack.dataDir, top), top);
  return found;
}

/** A 1×1 PNG, for buckets that only take images. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A fresh bucket made by the service role, open to any type and size within the global limit. */
export async function createBucket(
  stack: TestStack,
  options: { public?: boolean; fileSizeLimit?: number | string; allowedMimeTypes?: string[] } = {},
): Promise<string> {
  const id = `test-${randomBytes(4).toString('hex')}`;
  const { error } = await serviceClient(stack).storage.createBucket(id, { public: false, ...options });
  if (error) throw error;
  return id;
}

export interface ErrorBody {
  statusCode: string;
  code: string;
  error: string;
  message: string;
}

/** The JSON error body of a Storage answer. */
export async function errorBody(response: Response): Promise<ErrorBody> {
  return (await response.json()) as ErrorBody;
}
