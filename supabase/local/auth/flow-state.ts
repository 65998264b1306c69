// PKCE as upstream keeps it in auth.flow_state: the challenge saved when a flow starts, an auth code
// handed to the redirect after /verify, and the exchange of code + verifier for a session.
import { createHash, randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';
import { ErrorCode } from './error-codes.ts';
import { AuthError } from './errors.ts';
import type { Pkce } from './input.ts';

type Db = Sql | TransactionSql;

const FLOW_EXPIRY_MS = 5 * 60_000;

export interface FlowRow {
  id: string;
  user_id: string | null;
  auth_code: string;
  code_challenge_method: 's256' | 'plain';
  code_challenge: string;
  authentication_method: string;
  created_at: Date;
  auth_code_issued_at: Date | null;
}

export async function startFlow(db: Db, userId: string, pkce: Pkce, method: string): Promise<void> {
  await db`
    insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
      authentication_method, created_at, updated_at)
    values (${randomUUID()}, ${userId}, ${randomUUID()}, ${pkce.method}, ${pkce.challenge}, 'email',
      ${method}, now(), now())`;
}

/** The auth code of the user's latest flow, stamped as issued now; null when none was started. */
export async function issueAuthCode(db: Db, userId: string): Promise<string | null> {
  const [row] = await db<{ auth_code: string }[]>`
    update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
    where id = (select id from auth.flow_state where user_id = ${userId} order by created_at desc limit 1)
    returning auth_code`;
  return row?.auth_code ?? null;
}

function challengeOf(verifier: string, method: 's256' | 'plain'): string {
  return method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
}

/** Spends the flow of `authCode` if `verifier` answers its challenge (upstream's codes otherwise). */
export async function redeemAuthCode(tx: TransactionSql, authCode: string, verifier: string): Promise<FlowRow> {
  const [flow] = await tx<FlowRow[]>`
    select id, user_id, auth_code, code_challenge_method::text as code_challenge_method, code_challenge,
      authentication_method, created_at, auth_code_issued_at
    from auth.flow_state where auth_code = ${authCode} for update`;
  if (!flow?.user_id)
    throw new AuthError(404, ErrorCode.flowStateNotFound, 'invalid flow state, no valid flow state found');
  const since = flow.auth_code_issued_at ?? flow.created_at;
  if (since.getTime() + FLOW_EXPIRY_MS < Date.now()) {
    await tx`delete from auth.flow_state where id = ${flow.id}`;
    throw new AuthError(400, ErrorCode.flowStateExpired, 'invalid flow state, flow state has expired');
  }
  if (challengeOf(verifier, flow.code_challenge_method) !== flow.code_challenge) {
    throw new AuthError(400, ErrorCode.badCodeVerifier, 'code challenge does not match previously saved code verifier');
  }
  await tx`delete from auth.flow_state where id = ${flow.id}`;
  return flow;
}
