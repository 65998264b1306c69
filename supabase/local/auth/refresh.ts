// grant_type=refresh_token: each refresh token is spent once and swapped for a child in the same
// session. A spent token presented again gets its live child back (the client lost the answer),
// is swapped once more within the reuse interval (two tabs racing), and later means a leak: every
// token of the session is revoked (with rotation on) and the grant fails.
import { currentCall } from './call-scope.ts';
import { ErrorCode } from './error-codes.ts';
import { AuthError } from './errors.ts';
import { amrOfSession, insertRefreshToken, type SessionResponse, sessionResponse } from './sessions.ts';
import { authSettingsOf } from './settings.ts';
import { isBanned } from './user-writes.ts';
import { findUserById } from './users.ts';

interface TokenRow {
  id: string;
  token: string;
  revoked: boolean;
  updated_at: Date;
  session_id: string | null;
  user_id: string;
  aal: string | null;
  not_after: Date | null;
}

const notFound = () =>
  new AuthError(400, ErrorCode.refreshTokenNotFound, 'Invalid Refresh Token: Refresh Token Not Found');

type Outcome = { session: SessionResponse } | { reused: true };

export async function refreshGrant(refreshToken: string): Promise<SessionResponse> {
  const call = currentCall();
  const settings = authSettingsOf(call.context.config);
  const outcome = await call.sql.begin(async (tx): Promise<Outcome> => {
    const [row] = await tx<TokenRow[]>`
      select rt.id::text, rt.token, rt.revoked, rt.updated_at, rt.session_id, s.user_id::text, s.aal::text as aal, s.not_after
      from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
      where rt.token = ${refreshToken}
      for update of rt, s`;
    if (!row?.session_id) throw notFound();
    if (row.not_after && row.not_after.getTime() < Date.now()) {
      throw new AuthError(400, ErrorCode.sessionExpired, 'Invalid Refresh Token: Session Expired');
    }
    const user = await findUserById(tx, row.user_id);
    if (!user) throw notFound();
    if (isBanned(user)) throw new AuthError(400, ErrorCode.userBanned, 'Invalid Refresh Token: User Banned');
    const session = { id: row.session_id, aal: row.aal };
    let token: string | null = null;
    if (row.revoked) {
      const [live] = await tx<{ token: string; parent: string | null }[]>`
        select token, parent from auth.refresh_tokens where session_id = ${row.session_id} and not revoked
        order by id desc limit 1`;
      const reuseUntil = row.updated_at.getTime() + settings.refreshReuseIntervalS * 1000;
      // The client lost the answer of its last refresh: it gets that answer's token again.
      if (live?.parent === row.token) token = live.token;
      else if (Date.now() > reuseUntil) {
        if (settings.refreshRotation) {
          // Every token of the family, also those spent moments ago, dated before the reuse
          // window, so none can be swapped again.
          await tx`
            update auth.refresh_tokens set revoked = true,
              updated_at = least(updated_at, now() - make_interval(secs => ${settings.refreshReuseIntervalS + 1}))
            where session_id = ${row.session_id}`;
        }
        return { reused: true };
      }
    }
    if (token === null) {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id}`;
      token = await insertRefreshToken(tx, user.id, row.session_id, row.token);
    }
    await tx`
      update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(),
        user_agent = ${call.context.req.headers['user-agent'] ?? null}, ip = ${call.ip}::inet
      where id = ${row.session_id}`;
    const amr = await amrOfSession(tx, row.session_id);
    return { session: await sessionResponse(user, session, amr, token) };
  });
  // Thrown after the commit, so the family stays revoked.
  if ('reused' in outcome)
    throw new AuthError(400, ErrorCode.refreshTokenAlreadyUsed, 'Invalid Refresh Token: Already Used');
  return outcome.session;
}
