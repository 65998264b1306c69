// The user as upstream shows it (`/user`, sessions, admin API), its lookups, and password hashing
// compatible with auth.users.encrypted_password (bcrypt, cost 10, `$2a$`/`$2b$` both verify). The native
// binding hashes on libuv's thread pool: a sign-in never stalls the gateway's event loop for ~70 ms.
import { hash as bcryptHash, verify as bcryptVerify } from '@node-rs/bcrypt';
import type { Fragment, Sql, TransactionSql } from 'postgres';

type Db = Sql | TransactionSql;

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  email: string | null;
}

export interface UserFactorRow {
  id: string;
  friendly_name: string | null;
  factor_type: string;
  status: string;
  created_at: string;
  updated_at: string;
  last_challenged_at: string | null;
}

/** A row of auth.users with the user's identities and factors (JSON timestamps as text). */
export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_token: string | null;
  confirmation_sent_at: Date | null;
  recovery_token: string | null;
  recovery_sent_at: Date | null;
  email_change_token_new: string | null;
  email_change_token_current: string | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  email_change_confirm_status: number | null;
  reauthentication_token: string | null;
  reauthentication_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | null;
  updated_at: Date | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  is_sso_user: boolean;
  identities: IdentityRow[];
  factors: UserFactorRow[];
}

const iso = (value: Date | string | null | undefined) =>
  value == null ? undefined : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

function identityJson(row: IdentityRow) {
  return {
    identity_id: row.id,
    id: row.provider_id,
    user_id: row.user_id,
    identity_data: row.identity_data,
    provider: row.provider,
    last_sign_in_at: iso(row.last_sign_in_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    email: row.email ?? undefined,
  };
}

/** Upstream's user object; absent optional timestamps are left out as upstream's `omitempty`. */
export function userJson(row: UserRow) {
  const factors = row.factors.map((f) => ({
    id: f.id,
    ...(f.friendly_name ? { friendly_name: f.friendly_name } : {}),
    factor_type: f.factor_type,
    status: f.status,
    created_at: iso(f.created_at),
    updated_at: iso(f.updated_at),
    last_challenged_at: iso(f.last_challenged_at) ?? null,
  }));
  return {
    id: row.id,
    aud: row.aud ?? '',
    role: row.role ?? '',
    email: row.email ?? '',
    email_confirmed_at: iso(row.email_confirmed_at),
    phone: row.phone ?? '',
    phone_confirmed_at: iso(row.phone_confirmed_at),
    confirmation_sent_at: iso(row.confirmation_sent_at),
    confirmed_at: iso(row.confirmed_at),
    recovery_sent_at: iso(row.recovery_sent_at),
    new_email: row.email_change || undefined,
    email_change_sent_at: iso(row.email_change_sent_at),
    invited_at: iso(row.invited_at),
    reauthentication_sent_at: iso(row.reauthentication_sent_at),
    last_sign_in_at: iso(row.last_sign_in_at),
    app_metadata: row.raw_app_meta_data ?? {},
    user_metadata: row.raw_user_meta_data ?? {},
    identities: row.identities.map(identityJson),
    ...(factors.length > 0 ? { factors } : {}),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    banned_until: iso(row.banned_until),
    is_anonymous: row.is_anonymous,
  };
}

export type UserJson = ReturnType<typeof userJson>;

function selectUsers(db: Db, where: Fragment) {
  return db<UserRow[]>`
    select u.*,
      coalesce((select json_agg(i order by i.created_at, i.id) from auth.identities i where i.user_id = u.id), '[]') as identities,
      coalesce((select json_agg(json_build_object('id', f.id, 'friendly_name', f.friendly_name,
          'factor_type', f.factor_type, 'status', f.status, 'created_at', f.created_at,
          'updated_at', f.updated_at, 'last_challenged_at', f.last_challenged_at) order by f.created_at, f.id)
        from auth.mfa_factors f where f.user_id = u.id), '[]') as factors
    from auth.users u where ${where}`;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await selectUsers(db, db`u.id = ${id}`);
  return row;
}

/** The (non-SSO) user with this address, compared case-insensitively as upstream does. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await selectUsers(db, db`lower(u.email) = ${email.trim().toLowerCase()} and u.is_sso_user = false`);
  return row;
}

/** Locks the user's row for the rest of the transaction (token and password changes). */
export async function lockUser(tx: TransactionSql, id: string): Promise<void> {
  await tx`select 1 from auth.users where id = ${id} for update`;
}

export const BCRYPT_COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcryptHash(password, BCRYPT_COST);
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash) return false;
  try {
    return await bcryptVerify(password, hash);
  } catch {
    return false;
  }
}
