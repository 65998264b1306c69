// The environment a function process gets: exactly what Supabase gives an Edge Function (the
// SUPABASE_* variables, in upstream's formats), the project's secrets from `functions/.env`, and
// nothing of the stack's own environment (it may hold the database password, Resend key, …).
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { ProjectConfig } from '../config.ts';
import { type LocalKeys, publicJwks } from '../keys.ts';

export interface FunctionEnvInput {
  keys: LocalKeys;
  config: ProjectConfig;
  dbUrl: string;
  apiUrl: string;
  /** A dotenv file of secrets (`functions/.env`); missing is fine. */
  envFile?: string;
  /** Local defaults from the stack's own services (the Stripe stand-in's STRIPE_*); the secrets file overrides them. */
  extraEnv?: Record<string, string>;
}

/** Names Supabase reserves: `supabase secrets set` refuses them, so the secrets file may not set them. */
const RESERVED = /^SUPABASE_/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The secrets of a dotenv file (values are never logged; bad names are skipped with a warning). */
export function readSecrets(envFile: string | undefined, warn: (line: string) => void): Record<string, string> {
  if (!envFile || !existsSync(envFile)) return {};
  const parsed = parseEnv(readFileSync(envFile, 'utf8'));
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!NAME.test(name)) warn(`${envFile}: skipped a secret with an invalid name`);
    else if (RESERVED.test(name)) warn(`${envFile}: skipped ${name} (names starting with SUPABASE_ are reserved)`);
    else if (value !== undefined) secrets[name] = value;
  }
  return secrets;
}

/** The SUPABASE_* variables as upstream sets them for a function. */
export function supabaseEnv(input: FunctionEnvInput): Record<string, string> {
  return {
    SUPABASE_URL: input.apiUrl,
    SUPABASE_ANON_KEY: input.keys.anon_key,
    SUPABASE_SERVICE_ROLE_KEY: input.keys.service_role_key,
    SUPABASE_DB_URL: input.dbUrl,
    SUPABASE_JWKS: JSON.stringify(publicJwks(input.keys)),
    SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: input.keys.publishable_key }),
    SUPABASE_SECRET_KEYS: JSON.stringify({ default: input.keys.secret_key }),
  };
}

/**
 * The whole environment of a function process. `SITE_URL` (where links in emails point) defaults
 * to config.toml [auth].site_url when the secrets file does not set it: a Roost convenience, in
 * production it is a secret like any other (`supabase secrets set SITE_URL=…`).
 */
export function functionEnv(input: FunctionEnvInput, warn: (line: string) => void): Record<string, string> {
  const siteUrl = (input.config.auth as { site_url?: unknown }).site_url;
  return {
    ...(typeof siteUrl === 'string' ? { SITE_URL: siteUrl } : {}),
    ...input.extraEnv,
    ...readSecrets(input.envFile, warn),
    ...supabaseEnv(input),
  };
}
