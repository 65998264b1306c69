// All SQL of MFA (factors, challenges, the session's authentication methods) on upstream's
// auth.mfa_factors, auth.mfa_challenges, auth.mfa_amr_claims and auth.sessions.
import { randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';

type Db = Sql | TransactionSql;

export interface FactorRow {
  id: string;
  user_id: string;
  friendly_name: string | null;
  factor_type: 'totp' | 'phone' | 'webauthn';
  status: 'verified' | 'unverified';
  created_at: Date;
  updated_at: Date;
  secret: string | null;
  phone: string | null;
  last_challenged_at: Date | null;
}

export interface ChallengeRow {
  id: string;
  factor_id: string;
  created_at: Date;
  verified_at: Date | null;
  ip_address: string;
  otp_code: string | null;
}

/** A factor as the API shows it (in `/user`'s `factors` and the admin factor endpoints). */
export function factorJson(row: FactorRow) {
  return {
    id: row.id,
    ...(row.friendly_name ? { friendly_name: row.friendly_name } : {}),
    factor_type: row.factor_type,
    status: row.status,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_challenged_at: row.last_challenged_at?.toISOString() ?? null,
    ...(row.phone ? { phone: row.phone } : {}),
  };
}

export async function listFactors(db: Db, userId: string): Promise<FactorRow[]> {
  return db<FactorRow[]>`
    select * from auth.mfa_factors where user_id = ${userId} order by created_at, id`;
}

/** The caller's own factor; `lock` takes it FOR UPDATE so concurrent verifies run one at a time. */
export async function findOwnedFactor(db: Db, userId: string, factorId: string, lock = false) {
  const rows = lock
    ? await db<FactorRow[]>`
        select * from auth.mfa_factors where id = ${factorId} and user_id = ${userId} for update`
    : await db<FactorRow[]>`select * from auth.mfa_factors where id = ${factorId} and user_id = ${userId}`;
  return rows[0];
}

/** Unverified factors nobody challenged within `seconds` of their creation are dropped (upstream's sweep). */
export async function deleteExpiredFactors(db: Db, seconds: number): Promise<void> {
  await db`
    delete from auth.mfa_factors f
    where f.status <> 'verified'
      and not exists (select 1 from auth.mfa_challenges c where c.factor_id = f.id)
      and f.created_at + make_interval(secs => ${seconds}) < now()`;
}

export async function insertTotpFactor(db: Db, userId: string, friendlyName: string, secret: string) {
  const [row] = await db<FactorRow[]>`
    insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
    values (${randomUUID()}, ${userId}, ${friendlyName}, 'totp', 'unverified', now(), now(), ${secret})
    returning *`;
  return row as FactorRow;
}

export async function insertChallenge(db: Db, factorId: string, ip: string): Promise<ChallengeRow> {
  // The factor row first: the challenge's foreign key would take a share lock on it, and updating
  // the (unique) last_challenged_at after that deadlocks with a concurrent challenge.
  // clock_timestamp() keeps challenges in one transaction apart under that unique constraint.
  await db`update auth.mfa_factors set last_challenged_at = clock_timestamp() where id = ${factorId}`;
  const [row] = await db<ChallengeRow[]>`
    insert into auth.mfa_challenges (id, factor_id, created_at, ip_address)
    values (${randomUUID()}, ${factorId}, now(), ${ip}::inet)
    returning id, factor_id, created_at, verified_at, host(ip_address) as ip_address, otp_code`;
  return row as ChallengeRow;
}

export async function findChallenge(db: Db, factorId: string, challengeId: string) {
  const [row] = await db<ChallengeRow[]>`
    select id, factor_id, created_at, verified_at, host(ip_address) as ip_address, otp_code
    from auth.mfa_challenges where id = ${challengeId} and factor_id = ${factorId}`;
  return row;
}

export async function deleteChallenge(db: Db, challengeId: string): Promise<void> {
  await db`delete from auth.mfa_challenges where id = ${challengeId}`;
}

/**
 * The last TOTP step accepted for a factor. Upstream keeps `otp_code` for SMS codes only; for a
 * TOTP challenge this stack records the accepted step there (`step:<n>`), which is what makes a
 * code single-use.
 */
export async function lastAcceptedStep(db: Db, factorId: string): Promise<number | null> {
  const [row] = await db<{ step: string | null }[]>`
    select max(substr(otp_code, 6)::bigint)::text as step from auth.mfa_challenges
    where factor_id = ${factorId} and verified_at is not null and otp_code like 'step:%'`;
  return row?.step ? Number(row.step) : null;
}

export async function markChallengeVerified(db: Db, challengeId: string, step: number): Promise<void> {
  await db`update auth.mfa_challenges set verified_at = now(), otp_code = ${`step:${step}`} where id = ${challengeId}`;
}

export async function markFactorVerified(db: Db, factorId: string): Promise<void> {
  await db`update auth.mfa_factors set status = 'verified', updated_at = now() where id = ${factorId}`;
}

/** Once a factor of a type is verified, the user's other unverified factors of that type go. */
export async function deleteUnverifiedFactors(db: Db, userId: string, factorType: string): Promise<void> {
  await db`
    delete from auth.mfa_factors
    where user_id = ${userId} and status = 'unverified' and factor_type = ${factorType}::auth.factor_type`;
}

/** Records that the session authenticated with `method` (upstream's AddClaimToSession). */
export async function addAmrClaim(db: Db, sessionId: string, method: string): Promise<void> {
  await db`
    insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
    values (${randomUUID()}, ${sessionId}, now(), now(), ${method})
    on conflict (session_id, authentication_method) do update set updated_at = excluded.updated_at`;
}

export async function setSessionAal2(db: Db, sessionId: string, factorId: string): Promise<void> {
  await db`
    update auth.sessions set aal = 'aal2', factor_id = ${factorId}, updated_at = now() where id = ${sessionId}`;
}

/** After a successful verify, the user's sessions below aal2 are signed out (upstream does the same). */
export async function deleteSessionsBelowAal2(db: Db, userId: string): Promise<void> {
  await db`delete from auth.sessions where user_id = ${userId} and (aal is null or aal < 'aal2')`;
}

export async function deleteFactor(db: Db, factorId: string): Promise<void> {
  await db`delete from auth.mfa_factors where id = ${factorId}`;
}

/** Sessions that reached aal2 with a factor fall back to aal1 when it is removed. */
export async function downgradeSessionsOfFactor(db: Db, factor: FactorRow): Promise<void> {
  await db`
    delete from auth.mfa_amr_claims
    where authentication_method = ${factor.factor_type}
      and session_id in (select id from auth.sessions where factor_id = ${factor.id})`;
  await db`
    update auth.sessions set aal = 'aal1', factor_id = null, updated_at = now() where factor_id = ${factor.id}`;
}

export async function sessionAal(db: Db, sessionId: string): Promise<string | null> {
  const [row] = await db<{ aal: string | null }[]>`select aal::text from auth.sessions where id = ${sessionId}`;
  return row?.aal ?? null;
}

export async function renameFactor(db: Db, factorId: string, friendlyName: string): Promise<FactorRow> {
  const [row] = await db<FactorRow[]>`
    update auth.mfa_factors set friendly_name = ${friendlyName}, updated_at = now() where id = ${factorId} returning *`;
  return row as FactorRow;
}
