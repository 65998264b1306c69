// The browser's one Supabase client: the session from the same cookies the server reads (not
// httpOnly, as @supabase/ssr needs), the project URL and publishable key from window.ENV (the
// browser allow-list). Used for what only a browser can do: Realtime subscriptions and uploads
// with progress. Reads and writes still go through loaders and actions.
import { createBrowserClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';

declare global {
  interface Window {
    ENV?: { SUPABASE_URL: string; SUPABASE_KEY: string } | null;
  }
}

let client: SupabaseClient<Database> | undefined;

export function browserSupabase(): SupabaseClient<Database> {
  if (client) return client;
  const env = window.ENV;
  if (!env) throw new Error('window.ENV is missing: the root loader did not render it.');
  client = createBrowserClient<Database>(env.SUPABASE_URL, env.SUPABASE_KEY);
  return client;
}
