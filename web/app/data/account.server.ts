// The signed-in user's account at Auth, through supabase-js as that user: the user record (email,
// a pending change of address, when a reauthentication code was sent), changing the address
// (Auth mails a link to the old and to the new address: both must be followed), the password
// (after a code Auth emails, the nonce), and ending the user's other sessions.
// Each write answers Auth's error code (or null) for the screen to explain.
import type { Supabase } from '../utils/load-context.server.ts';

export interface Account {
  id: string;
  email: string;
  /** The address a change waits to move to, until both confirmation links are followed. */
  newEmail: string | null;
  emailChangeSentAt: string | null;
  reauthenticationSentAt: string | null;
}

/** The user's record from Auth (asked every time: it knows whether this session still exists). */
export async function getAccount(supabase: Supabase): Promise<Account | null> {
  const { data, error } = await supabase.auth.getUser();
  if (error || !data.user) return null;
  const user = data.user as typeof data.user & { reauthentication_sent_at?: string };
  return {
    id: user.id,
    email: user.email ?? '',
    newEmail: user.new_email ?? null,
    emailChangeSentAt: user.email_change_sent_at ?? null,
    reauthenticationSentAt: user.reauthentication_sent_at ?? null,
  };
}

type AuthRefusal = string | null;

const codeOf = (error: { code?: string | undefined; status?: number | undefined } | null): AuthRefusal =>
  error ? (error.code ?? `status_${error.status ?? 'unknown'}`) : null;

/** Asks Auth to move the account to `email`; the links in its mails come back to `redirectTo`. */
export async function requestEmailChange(supabase: Supabase, email: string, redirectTo: string): Promise<AuthRefusal> {
  const { error } = await supabase.auth.updateUser({ email }, { emailRedirectTo: redirectTo });
  return codeOf(error);
}

/** Auth emails a one-time code to the current address (the nonce a password change needs). */
export async function sendReauthenticationCode(supabase: Supabase): Promise<AuthRefusal> {
  const { error } = await supabase.auth.reauthenticate();
  return codeOf(error);
}

export async function changePassword(supabase: Supabase, password: string, nonce: string): Promise<AuthRefusal> {
  const { error } = await supabase.auth.updateUser({ password, nonce });
  return codeOf(error);
}

/** Ends every other session of the user: their refresh tokens stop working at once. */
export async function signOutOtherDevices(supabase: Supabase): Promise<AuthRefusal> {
  const { error } = await supabase.auth.signOut({ scope: 'others' });
  return codeOf(error);
}

/** Clears this browser's session cookies (Auth may already have ended the session). */
export async function forgetSession(supabase: Supabase): Promise<void> {
  await supabase.auth.signOut({ scope: 'local' });
}
