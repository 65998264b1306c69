// All SQL of the admin users API on upstream's auth.users, auth.identities and friends.
import { createHash, randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';

type Db = Sql | TransactionSql;

export interface NewAdminUser {
  id: string;
  aud: string;
  role: string;
  email: string | null;
  phone: string | null;
  encryptedPassword: string;
  emailConfirmed: boolean;
  phoneConfirmed: boolean;
  userMetadata: Record<string, unknown>;
  appMetadata: Record<string, unknown>;
  bannedUntil: Date | null;
}

export interface UserPage {
  ids: string[];
  total: number;
}

/** Newest first, as upstream sorts by default; `filter` matches the email or full name. */
export async function listUserIds(
  db: Db,
  aud: string,
  page: number,
  perPage: number,
  filter: string,
): Promise<UserPage> {
  const pattern = `%${filter.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = filter
    ? db`aud = ${aud} and (email ilike ${pattern} or raw_user_meta_data ->> 'full_name' ilike ${pattern})`
    : db`aud = ${aud}`;
  const [count] = await db<{ total: string }[]>`select count(*)::text as total from auth.users where ${where}`;
  const rows = await db<{ id: string }[]>`
    select id from auth.users where ${where}
    order by created_at desc, id desc
    limit ${perPage} offset ${(page - 1) * perPage}`;
  return { ids: rows.map((r) => r.id), total: Number(count?.total ?? 0) };
}

export async function emailTaken(db: Db, email: string, exceptUserId: string | null = null): Promise<boolean> {
  const [row] = await db<{ taken: boolean }[]>`
    select exists (
      select 1 from auth.users
      where lower(email) = lower(${email}) and is_sso_user = false and id is distinct from ${exceptUserId}::uuid
    ) as taken`;
  return row?.taken ?? false;
}

export async function phoneTaken(db: Db, phone: string, exceptUserId: string | null = null): Promise<boolean> {
  const [row] = await db<{ taken: boolean }[]>`
    select exists (select 1 from auth.users where phone = ${phone} and id is distinct from ${exceptUserId}::uuid) as taken`;
  return row?.taken ?? false;
}

export async function insertUser(db: Db, user: NewAdminUser): Promise<void> {
  await db`
    insert into auth.users (
      instance_id, id, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at,
      raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at,
      confirmation_token, recovery_token, email_change_token_new, email_change
    ) values (
      '00000000-0000-0000-0000-000000000000', ${user.id}, ${user.aud}, ${user.role}, ${user.email}, ${user.phone},
      ${user.encryptedPassword},
      ${user.emailConfirmed ? db`now()` : null}, ${user.phoneConfirmed ? db`now()` : null},
      ${db.json(user.appMetadata as never)}, ${db.json(user.userMetadata as never)}, ${user.bannedUntil},
      now(), now(), '', '', '', ''
    )`;
  if (user.email) await insertIdentity(db, user.id, 'email', { email: user.email });
  if (user.phone) await insertIdentity(db, user.id, 'phone', { phone: user.phone });
}

/** An identity of the email or phone provider (provider_id is the user id, as upstream). */
export async function insertIdentity(
  db: Db,
  userId: string,
  provider: 'email' | 'phone',
  claims: Record<string, unknown>,
): Promise<void> {
  const data = { sub: userId, ...claims, email_verified: false, phone_verified: false };
  await db`
    insert into auth.identities (id, provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (${randomUUID()}, ${userId}, ${userId}, ${db.json(data as never)}, ${provider}, now(), now())`;
}

/** Merges `data` into the provider identity's `identity_data`, or creates that identity. */
export async function upsertIdentity(
  db: Db,
  userId: string,
  provider: 'email' | 'phone',
  data: Record<string, unknown>,
): Promise<void> {
  const updated = await db`
    update auth.identities set identity_data = identity_data || ${db.json(data as never)}, updated_at = now()
    where user_id = ${userId} and provider = ${provider}`;
  if (updated.count === 0) await insertIdentity(db, userId, provider, data);
}

/** Columns an admin update may set; only those given change. */
export interface UserChanges {
  role?: string;
  email?: string;
  phone?: string;
  encryptedPassword?: string;
  confirmEmail?: boolean;
  confirmPhone?: boolean;
  clearAnonymous?: boolean;
  appMetadata?: Record<string, unknown>;
  userMetadata?: Record<string, unknown>;
  bannedUntil?: Date | null;
}

export async function updateUser(db: Db, userId: string, c: UserChanges): Promise<void> {
  const keep = (column: string, value: unknown) => (value === undefined ? db(column) : db`${value as never}`);
  await db`
    update auth.users set
      role = ${keep('role', c.role)},
      email = ${keep('email', c.email)},
      phone = ${keep('phone', c.phone)},
      encrypted_password = ${keep('encrypted_password', c.encryptedPassword)},
      banned_until = ${keep('banned_until', c.bannedUntil)},
      is_anonymous = ${c.clearAnonymous ? db`false` : db`is_anonymous`},
      email_confirmed_at = ${c.confirmEmail ? db`coalesce(email_confirmed_at, now())` : db`email_confirmed_at`},
      phone_confirmed_at = ${c.confirmPhone ? db`coalesce(phone_confirmed_at, now())` : db`phone_confirmed_at`},
      raw_app_meta_data = ${mergeJson(db, 'raw_app_meta_data', c.appMetadata)},
      raw_user_meta_data = ${mergeJson(db, 'raw_user_meta_data', c.userMetadata)},
      updated_at = now()
    where id = ${userId}`;
}

/**
 * Upstream merges metadata key by key and drops keys set to null (UpdateUserMetaData); the
 * same merge in SQL.
 */
function mergeJson(db: Db, column: 'raw_app_meta_data' | 'raw_user_meta_data', patch?: Record<string, unknown>) {
  if (patch === undefined) return db(column);
  return db`(select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
    from jsonb_each(coalesce(${db(column)}, '{}'::jsonb) || ${db.json(patch as never)}) where value <> 'null'::jsonb)`;
}

export async function deleteUser(db: Db, userId: string): Promise<void> {
  await db`delete from auth.users where id = ${userId}`;
}

/**
 * Upstream's soft delete: the row stays (so references survive) with email and phone replaced by
 * a hash, password and tokens cleared, metadata emptied, identities anonymised, factors and
 * sessions removed. The user can never sign in again and the address is free for a new account.
 */
export async function softDeleteUser(db: Db, userId: string): Promise<void> {
  const [user] = await db<{ email: string | null; phone: string | null; deleted_at: Date | null }[]>`
    select email, phone, deleted_at from auth.users where id = ${userId} for update`;
  if (!user || user.deleted_at) return;
  const hide = (value: string) =>
    createHash('sha256')
      .update(userId + value)
      .digest('base64url');
  await db`
    update auth.users set
      email = ${user.email ? hide(user.email) : null},
      phone = ${user.phone ? hide(user.phone).slice(0, 15) : null},
      email_change = '', phone_change = '', encrypted_password = null,
      confirmation_token = '', recovery_token = '', email_change_token_current = '', email_change_token_new = '',
      phone_change_token = '', reauthentication_token = '',
      raw_user_meta_data = '{}', raw_app_meta_data = '{}', deleted_at = now(), updated_at = now()
    where id = ${userId}`;
  const identities = await db<{ id: string; provider: string; provider_id: string }[]>`
    select id, provider, provider_id from auth.identities where user_id = ${userId}`;
  for (const identity of identities) {
    await db`
      update auth.identities set identity_data = '{}', provider_id = ${hide(`${identity.provider}:${identity.provider_id}`)}
      where id = ${identity.id}`;
  }
  await db`delete from auth.one_time_tokens where user_id = ${userId}`;
  await db`delete from auth.mfa_factors where user_id = ${userId}`;
  await db`delete from auth.sessions where user_id = ${userId}`;
}
