// What a Storage route handler gets, and the small request helpers they share: the caller as an
// actor (role, claims, owner), JSON bodies (the gateway's one body reader) checked with zod,
// draining refused uploads.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sql } from 'postgres';
import type { z } from 'zod';
import { BodyError, containsNul, JSON_BODY_LIMIT_BYTES, readJsonBody } from '../gateway/read-body.ts';
import type { ServiceContext } from '../gateway/services.ts';
import { type ApiRole, asRequest } from '../rls-request.ts';
import type { Disk } from './disk.ts';
import { ERRORS } from './errors.ts';
import type { Tx } from './queries.ts';
import { ownerOf, ownerUuid } from './rules.ts';

export interface StorageEnv {
  sql: Sql;
  disk: Disk;
  /** [storage].file_size_limit in bytes. */
  globalSizeLimit: number;
}

export interface Actor {
  role: ApiRole;
  claims: Record<string, unknown>;
  owner: string | null;
  ownerUuid: string | null;
  /** The request's x-request-id (the gateway gives every request one): jobs created keep it. */
  requestId?: string;
}

export interface RouteRequest {
  context: ServiceContext;
  req: IncomingMessage;
  res: ServerResponse;
  env: StorageEnv;
  /** Path parameters, decoded: `bucket`, `key` (the `*` of upstream's routes), `id`. */
  params: Record<string, string>;
}

export type Handler = (request: RouteRequest) => Promise<void>;

/** The caller, or InvalidJWT when the token was refused (expired, forged, unknown role). */
export function actorOf(context: ServiceContext): Actor {
  const caller = context.caller;
  if (!caller.ok) throw ERRORS.invalidJwt(caller.reason === 'expired_jwt' ? 'jwt expired' : caller.message);
  const owner = caller.role === 'service_role' ? null : ownerOf(caller.claims);
  const requestId = context.req.headers['x-request-id'];
  return {
    role: caller.role,
    claims: caller.claims,
    owner,
    ownerUuid: ownerUuid(owner),
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
}

/** Runs `fn` in one transaction as the actor (RLS decides; the service role bypasses it). */
export function asActor<T>(env: StorageEnv, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asRequest(env.sql, actor.role, actor.claims, fn, actor.requestId);
}

/** Reads a small JSON body with the stack's one body reader and checks it against `schema`. */
export async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = (await readJsonBody(req, JSON_BODY_LIMIT_BYTES)) ?? {};
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    throw error.problem === 'too_large' ? ERRORS.bodyTooLarge() : ERRORS.invalidRequest('Body is not valid JSON');
  }
  if (containsNul(body)) throw ERRORS.nulCharacter('body');
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `body/${issue.path.join('/')}` : 'body';
    throw ERRORS.invalidRequest(`${where} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

/** Discards the rest of a request body we refused, so the answer reaches the client intact. */
export function drain(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function sendOk(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
