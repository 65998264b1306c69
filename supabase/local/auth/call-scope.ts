// The request being served and its service's state, for code deep in a flow that needs keys,
// config, the API URL or the rate limits but is called without the call (issueSession from MFA):
// the router runs every handler inside `runInCall`.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RateLimits } from './rate-limit.ts';
import type { AuthCall } from './routes.ts';

interface Scope {
  call: AuthCall;
  limits: RateLimits;
  /** Undone if the handler fails (see runInCall). */
  onFailure: (() => void)[];
}

const scope = new AsyncLocalStorage<Scope>();

export async function runInCall<T>(call: AuthCall, limits: RateLimits, fn: () => Promise<T>): Promise<T> {
  const state: Scope = { call, limits, onFailure: [] };
  try {
    return await scope.run(state, fn);
  } catch (error) {
    // Handlers queue their emails in their last transaction, so a failed call rolled them back.
    for (const undo of state.onFailure) undo();
    throw error;
  }
}

/** Runs `undo` if the current request fails (e.g. gives back the email budget of a rolled-back mail). */
export function onCallFailure(undo: () => void): void {
  current().onFailure.push(undo);
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
