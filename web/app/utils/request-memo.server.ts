// One answer per request for lookups every loader of a page repeats (the organization, the
// member's role, the property): a staff page's layout and screen loaders run in parallel and
// would each ask Supabase the same questions. Only reads share answers: an action (a POST) may
// change what it read, and the loaders that follow it in the same request must see the change.
import type { AppLoadContext } from '@remix-run/node';

const answers = new WeakMap<AppLoadContext, Map<string, Promise<unknown>>>();

/** `read()` once per request and key; a failed read is not kept (the next caller tries again). */
export function oncePerRequest<T>(request: Request, context: AppLoadContext, key: string, read: () => Promise<T>) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return read();
  const byKey = answers.get(context) ?? new Map<string, Promise<unknown>>();
  answers.set(context, byKey);
  const known = byKey.get(key) as Promise<T> | undefined;
  if (known) return known;
  const answer = read();
  byKey.set(key, answer);
  answer.catch(() => byKey.delete(key));
  return answer;
}
