// The request being served and its service's state, for code deep in a flow that needs keys,
// config, the API URL or the rate limits but is called without the call (issueSession from MFA):
// the router runs every handler inside `runInCall`.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RateLimits } from './rate-limit.ts';
import type { AuthCall } from './routes.ts';

interface Scope {
  call: AuthCall;
  limits: RateLimits;
}

const scope = new AsyncLocalStorage<Scope>();

export function runInCall<T>(call: AuthCall, limits: RateLimits, fn: () => Promise<T>): Promise<T> {
  return scope.run({ call, limits }, fn);
}

function current(): Scope {
  const found = scope.getStore();
  if (!found) throw new Error('Auth code ran outside a request (runInCall)');
  return found;
}

export function currentCall(): AuthCall {
  return current().call;
}

export function currentLimits(): RateLimits {
  return current().limits;
}
