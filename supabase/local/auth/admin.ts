// The admin users API (service role only), as Supabase Auth serves it under /admin/users:
// create, list (paged with `x-total-count` and `link`), read, update (incl. bans), delete
// (hard or soft), plus a user's MFA factors. supabase-js's `auth.admin.*` calls these.
import { randomBytes, randomUUID } from 'node:crypto';
import { adminFactorRoutes } from './admin-factors.ts';
import { loadUser, requireAdmin } from './admin-guard.ts';
import {
  type AdminUserBody,
  adminUserBody,
  banUntil,
  checkPhone,
  deleteUserBody,
  parseGoDuration,
  parsePaging,
  UUID,
} from './admin-input.ts';
import { checkPasswordStrength } from './admin-password.ts';
import {
  deleteUser,
  emailTaken,
  insertUser,
  listUserIds,
  phoneTaken,
  softDeleteUser,
  updateUser,
  upsertIdentity,
} from './admin-queries.ts';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthError, sendAuthJson } from './errors.ts';
import { checkEmail, parseInput } from './input.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { findUserById, hashPassword, userJson } from './users.ts';

/** Email, phone and ban of a body, checked as upstream does before touching the database. */
function checkContact(body: AdminUserBody) {
  const email = body.email ? checkEmail(body.email) : null;
  const phone = body.phone ? checkPhone(body.phone) : null;
  let bannedUntil: Date | null | undefined;
  if (body.ban_duration) {
    const ms = body.ban_duration === 'none' ? 0 : parseGoDuration(body.ban_duration);
    if (ms === null) {
      const reason = `time: invalid duration "${body.ban_duration}"`;
      throw new AuthError(400, ErrorCode.validationFailed, `invalid format for ban duration: ${reason}`);
    }
    bannedUntil = banUntil(ms);
  }
  return { email, phone, bannedUntil };
}

async function createUser(call: AuthCall): Promise<void> {
  if (!requireAdmin(call)) return;
  const body = parseInput(call, adminUserBody);
  if (!body.email && !body.phone) {
    return sendAuthError(
      call,
      400,
      ErrorCode.validationFailed,
      'Cannot create a user without either an email or phone',
    );
  }
  const contact = checkContact(body);
  if (contact.email && (await emailTaken(call.sql, contact.email))) {
    throw AUTH_ERRORS.emailExists();
  }
  if (contact.phone && (await phoneTaken(call.sql, contact.phone))) {
    throw AUTH_ERRORS.phoneExists();
  }
  if (body.password && body.password_hash) {
    return sendAuthError(
      call,
      400,
      ErrorCode.validationFailed,
      'Only a password or a password hash should be provided',
    );
  }
  if (body.password && Buffer.byteLength(body.password) > 72) {
    return sendAuthError(call, 400, ErrorCode.validationFailed, 'bcrypt: password length exceeds 72 bytes');
  }
  if (body.password_hash && !/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(body.password_hash)) {
    return sendAuthError(call, 400, ErrorCode.validationFailed, 'Only bcrypt password hashes are supported');
  }
  if (body.id !== undefined && !UUID.test(body.id)) {
    return sendAuthError(call, 400, ErrorCode.validationFailed, 'ID must conform to the uuid v4 format');
  }
  if (body.id === '00000000-0000-0000-0000-000000000000') {
    return sendAuthError(call, 400, ErrorCode.validationFailed, 'ID cannot be a nil uuid');
  }
  // Without a password the account gets a long random one nobody knows, as upstream.
  const encryptedPassword =
    body.password_hash ?? (await hashPassword(body.password || randomBytes(48).toString('base64url')));
  const providers = [...(contact.email ? ['email'] : []), ...(contact.phone ? ['phone'] : [])];
  const appMetadata = dropNulls({ provider: providers[0], providers, ...(body.app_metadata ?? {}) });
  const id = body.id?.toLowerCase() ?? randomUUID();
  try {
    await call.sql.begin((tx) =>
      insertUser(tx, {
        id,
        aud: body.aud || 'authenticated',
        role: body.role || 'authenticated',
        email: contact.email,
        phone: contact.phone,
        encryptedPassword,
        emailConfirmed: body.email_confirm === true,
        phoneConfirmed: body.phone_confirm === true,
        userMetadata: dropNulls(body.user_metadata ?? {}),
        appMetadata,
        bannedUntil: contact.bannedUntil ?? null,
      }),
    );
  } catch (error) {
    throw conflictOf(error);
  }
  await sendUser(call, id);
}

async function listUsers(call: AuthCall): Promise<void> {
  if (!requireAdmin(call)) return;
  const paging = parsePaging(call.context.url);
  if ('error' in paging) return sendAuthError(call, 400, ErrorCode.validationFailed, paging.error);
  const aud = audience(call);
  const filter = call.context.url.searchParams.get('filter') ?? '';
  const { ids, total } = await listUserIds(call.sql, aud, paging.page, paging.perPage, filter);
  const rows = await Promise.all(ids.map((id) => findUserById(call.sql, id)));
  const users = rows.flatMap((row) => (row ? [userJson(row)] : []));
  call.res.setHeader('link', paginationLink(call.context.url, paging.page, paging.perPage, total));
  call.res.setHeader('x-total-count', String(total));
  sendAuthJson(call, 200, { users, aud });
}

/** `<…?page=N+1…>; rel="next", <…?page=LAST…>; rel="last"`, query keys sorted as Go encodes them. */
function paginationLink(url: URL, page: number, perPage: number, total: number): string {
  const totalPages = Math.ceil(total / perPage);
  const at = (p: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set('page', String(p));
    query.sort();
    return `</admin/users?${query.toString()}>`;
  };
  return `${totalPages > page ? `${at(page + 1)}; rel="next", ` : ''}${at(totalPages)}; rel="last"`;
}

async function getUser(call: AuthCall): Promise<void> {
  if (!requireAdmin(call)) return;
  const user = await loadUser(call);
  if (!user) return;
  sendAuthJson(call, 200, userJson(user));
}

async function updateUserById(call: AuthCall): Promise<void> {
  if (!requireAdmin(call)) return;
  const body = parseInput(call, adminUserBody);
  const user = await loadUser(call);
  if (!user) return;
  const contact = checkContact(body);
  if (contact.email && (await emailTaken(call.sql, contact.email, user.id))) {
    throw AUTH_ERRORS.emailExists();
  }
  if (contact.phone && (await phoneTaken(call.sql, contact.phone, user.id))) {
    throw AUTH_ERRORS.phoneExists();
  }
  let encryptedPassword: string | undefined;
  if (typeof body.password === 'string') {
    const weak = checkPasswordStrength(call.context.config, body.password);
    if (weak)
      return sendAuthError(call, 422, ErrorCode.weakPassword, weak.message, {
        weak_password: { reasons: weak.reasons },
      });
    encryptedPassword = await hashPassword(body.password);
  }
  await call.sql
    .begin(async (tx) => {
      if (contact.email) {
        await upsertIdentity(tx, user.id, 'email', {
          email: contact.email,
          email_verified: body.email_confirm === true,
        });
      }
      if (contact.phone) {
        await upsertIdentity(tx, user.id, 'phone', {
          phone: contact.phone,
          phone_verified: body.phone_confirm === true,
        });
      }
      await updateUser(tx, user.id, {
        role: body.role || undefined,
        email: contact.email ?? undefined,
        phone: contact.phone ?? undefined,
        encryptedPassword,
        confirmEmail: body.email_confirm === true,
        confirmPhone: body.phone_confirm === true,
        clearAnonymous:
          user.is_anonymous === true &&
          ((contact.email !== null && body.email_confirm === true) ||
            (contact.phone !== null && body.phone_confirm === true)),
        appMetadata: body.app_metadata ?? undefined,
        userMetadata: body.user_metadata ?? undefined,
        bannedUntil: contact.bannedUntil,
      });
    })
    .catch((error) => {
      throw conflictOf(error);
    });
  await sendUser(call, user.id);
}

async function deleteUserById(call: AuthCall): Promise<void> {
  if (!requireAdmin(call)) return;
  const body = parseInput(call, deleteUserBody);
  const user = await loadUser(call);
  if (!user) return;
  await call.sql.begin((tx) => (body.should_soft_delete ? softDeleteUser(tx, user.id) : deleteUser(tx, user.id)));
  sendAuthJson(call, 200, {});
}

async function sendUser(call: AuthCall, id: string): Promise<void> {
  const row = await findUserById(call.sql, id);
  if (!row) throw AUTH_ERRORS.userNotFound();
  sendAuthJson(call, 200, userJson(row));
}

/** A unique violation from a concurrent write that won the race past the checks, as upstream's code. */
function conflictOf(error: unknown): unknown {
  const { code, constraint_name: constraint } = error as { code?: string; constraint_name?: string };
  if (code !== '23505') return error;
  if (constraint === 'users_email_partial_key') {
    return AUTH_ERRORS.emailExists();
  }
  if (constraint === 'users_phone_key') {
    return AUTH_ERRORS.phoneExists();
  }
  return AUTH_ERRORS.userAlreadyExists();
}

/** The audience asked for with `X-JWT-AUD`, else the default one. */
function audience(call: AuthCall): string {
  const header = call.context.req.headers['x-jwt-aud'];
  return (typeof header === 'string' && header) || 'authenticated';
}

function dropNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

export const adminRoutes: AuthRoute[] = [
  { method: 'GET', path: '/admin/users', handle: listUsers },
  { method: 'POST', path: '/admin/users', handle: createUser },
  { method: 'GET', path: '/admin/users/:id', handle: getUser },
  { method: 'PUT', path: '/admin/users/:id', handle: updateUserById },
  { method: 'DELETE', path: '/admin/users/:id', handle: deleteUserById },
  ...adminFactorRoutes,
];
