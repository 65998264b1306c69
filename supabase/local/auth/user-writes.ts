// Writes to auth.users and auth.identities that several flows share: creating an email (or
// anonymous) user with its identity, confirming an address, applying a confirmed email change.
import { randomUUID } from 'node:crypto';
import type { TransactionSql } from 'postgres';
import { AUTH_ERRORS } from './errors.ts';
import { findUserById, type UserRow } from './users.ts';

const INSTANCE = '00000000-0000-0000-0000-000000000000';

export interface NewUser {
  email: string | null;
  encryptedPassword: string | null;
  data?: Record<string, unknown>;
  confirmed: boolean;
  invited?: boolean;
  anonymous?: boolean;
}

/** Inserts the user and, for an email user, its `email` identity (upstream's identity_data). */
export async function createUser(tx: TransactionSql, input: NewUser): Promise<UserRow> {
  const id = randomUUID();
  const email = input.email?.trim().toLowerCase() ?? null;
  const identityData = email ? { sub: id, email, email_verified: input.confirmed, phone_verified: false } : {};
  const appMeta = input.anonymous ? {} : { provider: 'email', providers: ['email'] };
  const userMeta = { ...(input.data ?? {}), ...identityData };
  try {
    await tx`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
        raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at, is_anonymous,
        confirmation_token, recovery_token, email_change_token_new, email_change)
      values (${INSTANCE}, ${id}, 'authenticated', 'authenticated', ${email}, ${input.encryptedPassword ?? ''},
        ${input.confirmed ? tx`now()` : null}, ${input.invited ? tx`now()` : null},
        ${tx.json(appMeta)}, ${tx.json(userMeta as never)}, false, now(), now(), ${input.anonymous ?? false},
        '', '', '', '')`;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw AUTH_ERRORS.userAlreadyExists();
    }
    throw error;
  }
  if (email) {
    await tx`
      insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
      values (${id}, ${id}, ${tx.json(identityData)}, 'email', now(), now(), now())`;
  }
  return (await findUserById(tx, id)) as UserRow;
}

/** Marks the address confirmed (user, identity and the email_verified copies in metadata). */
export async function confirmEmail(tx: TransactionSql, userId: string): Promise<void> {
  await tx`
    update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now(),
      raw_user_meta_data = case when raw_user_meta_data ? 'email_verified'
        then jsonb_set(raw_user_meta_data, '{email_verified}', 'true') else raw_user_meta_data end
    where id = ${userId}`;
  await tx`
    update auth.identities set identity_data = jsonb_set(identity_data, '{email_verified}', 'true'), updated_at = now()
    where user_id = ${userId} and provider = 'email'`;
}

/** Moves `email_change` into `email`, clears the change, and keeps the identity in step. */
export async function applyEmailChange(tx: TransactionSql, user: UserRow): Promise<void> {
  const email = user.email_change ?? '';
  try {
    await tx`
      update auth.users set email = ${email}, email_change = '', email_change_token_new = '',
        email_change_token_current = '', email_change_confirm_status = 0, email_confirmed_at = now(),
        is_anonymous = false, updated_at = now(),
        raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb)
          || jsonb_build_object('provider', coalesce(raw_app_meta_data ->> 'provider', 'email'),
               'providers', coalesce(raw_app_meta_data -> 'providers', '["email"]'::jsonb)),
        raw_user_meta_data = case when raw_user_meta_data ? 'email'
          then jsonb_set(raw_user_meta_data, '{email}', to_jsonb(${email}::text)) else raw_user_meta_data end
      where id = ${user.id}`;
  } catch (error) {
    // The in-use check ran before this transaction: someone may have taken the address since.
    const { code, constraint_name } = error as { code?: string; constraint_name?: string };
    if (code === '23505' && constraint_name === 'users_email_partial_key') {
      throw AUTH_ERRORS.emailExists();
    }
    throw error;
  }
  await tx`
    delete from auth.one_time_tokens where user_id = ${user.id}
      and token_type in ('email_change_token_new', 'email_change_token_current')`;
  const data = { sub: user.id, email, email_verified: true, phone_verified: false };
  const updated = await tx`
    update auth.identities set identity_data = identity_data || ${tx.json(data)}, updated_at = now()
    where user_id = ${user.id} and provider = 'email'`;
  if (updated.count === 0) {
    await tx`
      insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
      values (${user.id}, ${user.id}, ${tx.json(data)}, 'email', now(), now(), now())`;
  }
}

export function isBanned(user: UserRow): boolean {
  return user.banned_until !== null && user.banned_until.getTime() > Date.now();
}
