// The checks in front of every admin endpoint: the caller acts as the service role (upstream's
// requireAdminCredentials) and the user named in the path exists (loadUser).
import { UUID } from './admin-input.ts';
import { ErrorCode } from './error-codes.ts';
import { sendAuthError } from './errors.ts';
import type { AuthCall } from './routes.ts';
import { findUserById } from './users.ts';

/** True when the caller may use the admin API; otherwise answers 403 and returns false. */
export function requireAdmin(call: AuthCall): boolean {
  const caller = call.context.caller;
  if (!caller.ok) {
    sendAuthError(call, 403, ErrorCode.badJwt, `invalid JWT: unable to parse or verify signature, ${caller.message}`);
    return false;
  }
  if (caller.role !== 'service_role') {
    sendAuthError(call, 403, ErrorCode.notAdmin, 'User not allowed');
    return false;
  }
  return true;
}

/** The user named by the path's `:id`, or null once 404 was answered. */
export async function loadUser(call: AuthCall) {
  const id = call.params.id ?? '';
  if (!UUID.test(id)) {
    sendAuthError(call, 404, ErrorCode.validationFailed, 'user_id must be an UUID');
    return null;
  }
  const user = await findUserById(call.sql, id);
  if (!user) {
    sendAuthError(call, 404, ErrorCode.userNotFound, 'User not found');
    return null;
  }
  return user;
}
