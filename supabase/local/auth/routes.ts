// The contract between Auth's router and the modules that serve its endpoints: each module exports
// a list of routes; the router matches method and path, parses the body and calls `handle`.
import type { ServerResponse } from 'node:http';
import type { Sql } from 'postgres';
import type { ServiceContext } from '../gateway/services.ts';

export type AuthMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AuthCall {
  context: ServiceContext;
  res: ServerResponse;
  /** Superuser pool: Auth owns the `auth` schema, as GoTrue does with supabase_auth_admin. */
  sql: Sql;
  /** Named parts of the matched path (`/admin/users/:id` → `{ id }`). */
  params: Record<string, string>;
  /** The parsed JSON body, `undefined` when there is none (invalid JSON is answered by the router). */
  body: unknown;
  /** The client's address, for rate limits and `auth.sessions.ip`. */
  ip: string;
}

export interface AuthRoute {
  method: AuthMethod;
  /** A path after `/auth/v1`, with `:name` parts, e.g. `/factors/:id/verify`. */
  path: string;
  handle(call: AuthCall): Promise<void>;
}
