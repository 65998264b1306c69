// Bodies, query values and request facts of the Auth endpoints, checked with zod: a wrong JSON type
// is upstream's 400 `bad_json` (its decoder fails first), rules on values are `validation_failed`.
import { z } from 'zod';
import { checkPasswordStrength } from './admin-password.ts';
import { ErrorCode } from './error-codes.ts';
import { AuthError } from './errors.ts';
import type { AuthCall } from './routes.ts';

export function parseInput<T extends z.ZodType>(call: AuthCall, schema: T): z.infer<T> {
  const parsed = schema.safeParse(call.body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  throw new AuthError(
    400,
    ErrorCode.badJson,
    `Could not parse request body as JSON: ${issue?.message ?? 'invalid'}${where}`,
  );
}

/** badoux/checkmail's ValidateFormat, the check behind GoTrue's validateEmail. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * The address lower-cased and trimmed, or upstream's 400 for a malformed one. Stricter than
 * upstream in one way: the domain needs a dot, because the mail outbox refuses anything else
 * (private.is_email) and a dotless address would fail only when its email is queued.
 */
export function checkEmail(value: string): string {
  const email = value.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (email.length > 255 || !EMAIL.test(email) || !domain.includes('.')) {
    throw new AuthError(400, ErrorCode.validationFailed, 'Unable to validate email address: invalid format');
  }
  return email;
}

/** True when a parsed JSON value holds a NUL character in any string or key. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item));
  }
  return false;
}

export const metadata = z.record(z.string(), z.unknown());

/** Metadata a client may send as null: treated as absent. */
export const optionalMetadata = metadata.nullish().transform((value) => value ?? undefined);

/** PKCE parameters that supabase-js adds to flows started with `flowType: 'pkce'`. */
export const pkceFields = {
  code_challenge: z.string().nullish(),
  code_challenge_method: z.string().nullish(),
};

export interface Pkce {
  challenge: string;
  method: 's256' | 'plain';
}

export function pkceOf(input: { code_challenge?: string | null; code_challenge_method?: string | null }): Pkce | null {
  const challenge = input.code_challenge ?? '';
  const method = (input.code_challenge_method ?? '').toLowerCase();
  if (!challenge && !method) return null;
  if (!challenge || !method) {
    throw new AuthError(400, ErrorCode.validationFailed, 'PKCE flow requires code_challenge_method and code_challenge');
  }
  if (method !== 's256' && method !== 'plain') {
    throw new AuthError(400, ErrorCode.validationFailed, `code challenge method not supported: ${method}`);
  }
  if (challenge.length < 43 || challenge.length > 128) {
    throw new AuthError(400, ErrorCode.validationFailed, 'code challenge has to be between 43 and 128 characters');
  }
  return { challenge, method };
}

/** `redirect_to` from the query (supabase-js) or the body (admin calls). */
export function requestedRedirect(call: AuthCall): string | null {
  const fromQuery = call.context.url.searchParams.get('redirect_to');
  const body = call.body as { redirect_to?: unknown } | undefined;
  return fromQuery ?? (typeof body?.redirect_to === 'string' ? body.redirect_to : null);
}

/** Checks a new password against [auth] minimum_password_length / password_requirements. */
export function requireStrongPassword(call: AuthCall, password: string): void {
  const weak = checkPasswordStrength(call.context.config, password);
  if (weak)
    throw new AuthError(422, ErrorCode.weakPassword, weak.message, { weak_password: { reasons: weak.reasons } });
}

export function userAgent(call: AuthCall): string | null {
  return call.context.req.headers['user-agent'] ?? null;
}
