// A user's MFA factors through the admin API (supabase-js `auth.admin.mfa.*`): list, rename,
// delete. Deleting here leaves the user's sessions as they are, as upstream does.
import { loadUser, requireAdmin } from './admin-guard.ts';
import { UUID, updateFactorBody } from './admin-input.ts';
import { ErrorCode } from './error-codes.ts';
import { sendAuthError, sendAuthJson } from './errors.ts';
import { parseInput } from './input.ts';
import { deleteFactor, type FactorRow, factorJson, findOwnedFactor, listFactors, renameFactor } from './mfa-queries.ts';
import type { AuthCall, AuthRoute } from './routes.ts';

async function loadUserFactor(call: AuthCall): Promise<FactorRow | null> {
  if (!requireAdmin(call)) return null;
  const user = await loadUser(call);
  if (!user) return null;
  const id = call.params.factor_id ?? '';
  if (!UUID.test(id)) {
    sendAuthError(call, 404, ErrorCode.validationFailed, 'factor_id must be an UUID');
    return null;
  }
  const factor = await findOwnedFactor(call.sql, user.id, id);
  if (!factor) {
    sendAuthError(call, 404, ErrorCode.mfaFactorNotFound, 'Factor not found');
    return null;
  }
  return factor;
}

async function list(call: AuthCall): Promise<void> {
  if (!requireAdmin(call)) return;
  const user = await loadUser(call);
  if (!user) return;
  sendAuthJson(call, 200, (await listFactors(call.sql, user.id)).map(factorJson));
}

async function remove(call: AuthCall): Promise<void> {
  const factor = await loadUserFactor(call);
  if (!factor) return;
  await deleteFactor(call.sql, factor.id);
  sendAuthJson(call, 200, factorJson(factor));
}

async function rename(call: AuthCall): Promise<void> {
  const factor = await loadUserFactor(call);
  if (!factor) return;
  const body = parseInput(call, updateFactorBody);
  const updated = body.friendly_name ? await renameFactor(call.sql, factor.id, body.friendly_name) : factor;
  sendAuthJson(call, 200, factorJson(updated));
}

export const adminFactorRoutes: AuthRoute[] = [
  { method: 'GET', path: '/admin/users/:id/factors', handle: list },
  { method: 'DELETE', path: '/admin/users/:id/factors/:factor_id', handle: remove },
  { method: 'PUT', path: '/admin/users/:id/factors/:factor_id', handle: rename },
];
