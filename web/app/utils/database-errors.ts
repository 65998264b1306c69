// Database refusals as messages a person can act on. Roost's SQL raises stable snake_case codes
// (decision 003); PostgreSQL's own constraint errors name the constraint. Each form says which
// field a code or constraint belongs to; anything else becomes a message for the whole form.
import type { PostgrestError } from '@supabase/supabase-js';
import type { FormFailure } from './forms.ts';

export interface ErrorPlacement {
  field?: string;
  message: string;
}

/** Codes and constraints any form may meet, with what to tell the user. */
const COMMON: Record<string, ErrorPlacement> = {
  insufficient_role: { message: 'Your role does not allow this change.' },
  not_authenticated: { message: 'Your session has ended. Sign in again.' },
  organization_not_found: { message: 'This organization no longer exists, or you are no longer a member.' },
  mfa_required: {
    message:
      'This organization requires two-step verification for this: confirm a code from your authenticator app first.',
  },
  PGRST116: { message: 'Nothing was saved: you may no longer have the right to change this.' },
  '42501': { message: 'You are not allowed to make this change.' },
  '23505': { message: 'This value is already taken.' },
  '23514': { message: 'One of the values is not allowed.' },
};

/** The code to look up: the constraint name of a 23xxx error, else the message code, else the SQLSTATE. */
function keysOf(error: Pick<PostgrestError, 'code' | 'message'>): string[] {
  const keys: string[] = [];
  const constraint = /constraint "([a-z0-9_]+)"/.exec(error.message)?.[1];
  if (constraint) keys.push(constraint);
  if (/^[a-z_]+$/.test(error.message)) keys.push(error.message);
  keys.push(error.code);
  return keys;
}

export function databaseFailure(
  error: Pick<PostgrestError, 'code' | 'message'>,
  placements: Record<string, ErrorPlacement> = {},
): FormFailure {
  for (const key of keysOf(error)) {
    const placement = placements[key] ?? COMMON[key];
    if (!placement) continue;
    return placement.field
      ? { fieldErrors: { [placement.field]: [placement.message] } }
      : { fieldErrors: {}, formError: placement.message };
  }
  return { fieldErrors: {}, formError: `The change was not saved (error ${error.code}). Try again.` };
}
