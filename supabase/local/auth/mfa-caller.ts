// Who may manage factors: a signed-in, non-anonymous user whose token names a live session
// (upstream's requireAuthentication + requireNotAnonymous in front of /factors).

import { ErrorCode } from './error-codes.ts';
import { sendAuthError } from './errors.ts';
import type { AuthCall } from './routes.ts';
import { requireUser } from './sessions.ts';

export interface Caller {
  user: { id: string; email: string | null; phone: string | null; is_anonymous: boolean };
  sessionId: string;
}

/** The caller, or null once an error has been answered. */
export async function requireSignedIn(call: AuthCall): Promise<Caller | null> {
  const found = await requireUser(call);
  if (!found) return null;
  if (found.user.is_anonymous) {
    sendAuthError(call, 403, ErrorCode.noAuthorization, 'Anonymous user not allowed to perform these actions');
    return null;
  }
  return { user: found.user, sessionId: found.session.id };
}
