// The per-installation keys of the local stack: the HS256 JWT secret, the ES256 signing key, the
// legacy `anon`/`service_role` JWT keys and the opaque `sb_publishable_`/`sb_secret_` keys.
// Generated on first start into the gitignored `.roost/keys.json` (mode 0600); supabase/config.toml
// [auth] may pin any of them, as the Supabase CLI allows. Nothing here is ever hard-coded.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { type ProjectConfig, readProjectConfig } from './config.ts';
import { stateDir, supabaseDir } from './paths.ts';

export const defaultKeysFile = join(stateDir, 'keys.json');

export type KeyRole = 'anon' | 'service_role';

const privateJwk = z.looseObject({
  kty: z.enum(['EC', 'RSA']),
  kid: z.string().min(1),
  alg: z.enum(['ES256', 'RS256']),
  d: z.string().min(1),
});

const keysSchema = z.object({
  version: z.literal(1),
  jwt_secret: z.string().min(32),
  signing_keys: z.array(privateJwk).min(1),
  anon_key: z.string().min(1),
  service_role_key: z.string().min(1),
  publishable_key: z.string().startsWith('sb_publishable_'),
  secret_key: z.string().startsWith('sb_secret_'),
});

/** The keys file as stored: snake_case like supabase/config.toml. */
export type LocalKeys = z.infer<typeof keysSchema>;

/** Values pinned in supabase/config.toml [auth]; absent ones are generated. */
export interface KeyPins {
  jwt_secret?: string;
  anon_key?: string;
  service_role_key?: string;
  publishable_key?: string;
  secret_key?: string;
  signing_keys?: JWK[];
}

const TEN_YEARS_S = 10 * 365 * 24 * 3600;

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** `env(NAME)` reads the environment, as in the Supabase CLI's config.toml. */
function resolveEnv(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const match = /^env\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(value.trim());
  if (!match?.[1]) return value;
  const resolved = process.env[match[1]];
  if (!resolved) throw new Error(`supabase/config.toml [auth].${field} reads ${match[1]}, which is not set`);
  return resolved;
}

/** The key pins of supabase/config.toml [auth]. */
export function readKeyPins(config: ProjectConfig = readProjectConfig()): KeyPins {
  const auth = config.auth;
  const pins: KeyPins = {};
  for (const field of ['jwt_secret', 'anon_key', 'service_role_key', 'publishable_key', 'secret_key'] as const) {
    const value = resolveEnv(auth[field], field);
    if (value) pins[field] = value;
  }
  if (pins.jwt_secret !== undefined && pins.jwt_secret.length < 32)
    throw new Error('supabase/config.toml [auth].jwt_secret must be at least 32 characters');
  const path = resolveEnv(auth.signing_keys_path, 'signing_keys_path');
  if (path) {
    const file = isAbsolute(path) ? path : join(supabaseDir, path);
    const parsed = z
      .array(privateJwk)
      .min(1)
      .safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: expected a JSON array of private signing JWKs with kid and alg`);
    pins.signing_keys = parsed.data;
  }
  return pins;
}

async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'ES256', use: 'sig', key_ops: ['sign'] };
}

/** A legacy API key: an HS256 JWT with the role, as the Supabase CLI signs it. */
export async function signLegacyKey(role: KeyRole, secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: 'supabase-demo', role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + TEN_YEARS_S)
    .sign(new TextEncoder().encode(secret));
}

/** Whether `key` is a valid HS256 key for `role` under `secret`. */
async function isLegacyKey(key: string | undefined, role: KeyRole, secret: string): Promise<boolean> {
  if (!key) return false;
  try {
    const { payload } = await jwtVerify(key, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    return payload.role === role;
  } catch {
    return false;
  }
}

/** Reads and validates a keys file; `null` when there is none yet. */
export function readLocalKeys(file = defaultKeysFile): LocalKeys | null {
  if (!existsSync(file)) return null;
  const result = keysSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    throw new Error(`${file} is invalid (delete it to generate new keys):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

function writeLocalKeys(file: string, keys: LocalKeys): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * The keys in effect: the file's (generated on first use), with config pins applied. Legacy keys
 * that no longer verify under the secret in effect are signed again. Writes the file when anything
 * changed, so it always holds the keys the stack serves.
 */
export async function ensureLocalKeys(options: { file?: string; pins?: KeyPins } = {}): Promise<LocalKeys> {
  const file = options.file ?? defaultKeysFile;
  const pins = options.pins ?? readKeyPins();
  const stored = readLocalKeys(file);
  const jwtSecret = pins.jwt_secret ?? stored?.jwt_secret ?? randomToken(32);
  const signingKeys = (pins.signing_keys ??
    stored?.signing_keys ?? [await generateSigningKey()]) as LocalKeys['signing_keys'];
  const legacy = async (role: KeyRole, pinned: string | undefined, current: string | undefined) =>
    pinned ??
    ((await isLegacyKey(current, role, jwtSecret)) && current ? current : await signLegacyKey(role, jwtSecret));
  const keys: LocalKeys = {
    version: 1,
    jwt_secret: jwtSecret,
    signing_keys: signingKeys,
    anon_key: await legacy('anon', pins.anon_key, stored?.anon_key),
    service_role_key: await legacy('service_role', pins.service_role_key, stored?.service_role_key),
    publishable_key: pins.publishable_key ?? stored?.publishable_key ?? `sb_publishable_${randomToken(24)}`,
    secret_key: pins.secret_key ?? stored?.secret_key ?? `sb_secret_${randomToken(24)}`,
  };
  const checked = keysSchema.safeParse(keys);
  if (!checked.success) throw new Error(`local keys are invalid:\n${z.prettifyError(checked.error)}`);
  if (JSON.stringify(stored) !== JSON.stringify(keys)) writeLocalKeys(file, keys);
  return keys;
}

const PRIVATE_JWK_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The public half of the signing keys: what `/.well-known/jwks.json` serves. */
export function publicJwks(keys: Pick<LocalKeys, 'signing_keys'>): { keys: JWK[] } {
  return {
    keys: keys.signing_keys.map((key) => {
      const pub: Record<string, unknown> = { ...key, key_ops: ['verify'] };
      for (const field of PRIVATE_JWK_FIELDS) delete pub[field];
      return pub as JWK;
    }),
  };
}

/** The decoded claims of a legacy API key (its role, iss, exp). */
export function legacyKeyClaims(key: string): Record<string, unknown> {
  return { ...decodeJwt(key) };
}
