// Per-file test database plus the ways a test talks to it: as the platform (superuser), as a
// signed-in user, as anon, as the service role. User requests run exactly as PostgREST runs
// them: a transaction that sets the role and `request.jwt.claims` first, so RLS decides.
import { randomBytes, randomUUID } from 'node:crypto';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { asRequest, keyClaims, userClaims } from '../../local/rls-request.ts';

export type Tx = TransactionSql;

export interface TestUser {
  id: string;
  email: string;
}

export interface TestDatabase {
  /** Superuser connection: sets up fixtures and inspects state behind RLS's back. */
  admin: Sql;
  name: string;
}

function adminConnection(database: string, max: number): Sql {
  const { port, password } = inject('database');
  return postgres({ host: '127.0.0.1', port, user: 'postgres', password, database, max, onnotice: () => {} });
}

/** Clones the migrated template into a database of this test file's own, dropped afterwards. */
export function useTestDatabase(): TestDatabase {
  const db = { name: `test_${randomBytes(6).toString('hex')}` } as TestDatabase;
  beforeAll(async () => {
    const maintenance = adminConnection('template1', 1);
    await maintenance.unsafe(`create database ${db.name} template ${inject('database').template}`);
    await maintenance.end();
    db.admin = adminConnection(db.name, 4);
  });
  afterAll(async () => {
    await db.admin?.end();
    const maintenance = adminConnection('template1', 1);
    await maintenance.unsafe(`drop database if exists ${db.name} with (force)`);
    await maintenance.end();
  });
  return db;
}

/** Another pool of superuser connections to the test file's database, for concurrency tests. */
export function connectionPool(db: TestDatabase, max: number): Sql {
  return adminConnection(db.name, max);
}

/** A confirmed email user, as Supabase Auth would create one. */
export async function createUser(sql: Sql, label = 'user', options: { confirmed?: boolean } = {}): Promise<TestUser> {
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@example.test`;
  await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
      raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, '',
      ${options.confirmed === false ? null : sql`now()`}, ${sql.json({ provider: 'email', providers: ['email'] })},
      ${sql.json({})}, now(), now())`;
  return { id, email };
}

export function claimsFor(user: TestUser, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return userClaims(user, extra);
}

/** Runs `fn` as the signed-in user in one transaction (committed unless it throws). */
export function asUser<T>(sql: Sql, user: TestUser, fn: (tx: Tx) => Promise<T>, extraClaims = {}): Promise<T> {
  return asRequest(sql, 'authenticated', userClaims(user, extraClaims), fn);
}

export function asAnon<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asRequest(sql, 'anon', keyClaims('anon'), fn);
}

export function asServiceRole<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asRequest(sql, 'service_role', keyClaims('service_role'), fn);
}

export interface PgError {
  code: string;
  message: string;
  detail?: string;
}

/** The database error a call raises; fails the test when it succeeds. */
export async function pgError(promise: Promise<unknown>): Promise<PgError> {
  try {
    await promise;
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
      return error as PgError;
    }
    throw error;
  }
  throw new Error('expected a database error, but the call succeeded');
}
