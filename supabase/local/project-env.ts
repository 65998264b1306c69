// The Supabase project that server-side code talks to, validated once: from the environment in
// production (the variables Supabase gives edge functions), or, when none is set, from the local
// stack that `npm start` runs (it writes `.roost/project-env.json`, mode 0600). Fails fast with the
// names of the offending variables, never their values.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { stateDir } from './paths.ts';

export const localProjectEnvFile = join(stateDir, 'project-env.json');

const VARIABLES = [
  'SUPABASE_URL',
  'SUPABASE_ANON_KEY',
  'SUPABASE_PUBLISHABLE_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SUPABASE_SECRET_KEY',
  'SUPABASE_DB_URL',
] as const;

const optionalKey = (prefix?: string) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    (prefix ? z.string().startsWith(prefix, `must start with ${prefix}`) : z.string().min(1)).optional(),
  );

const envSchema = z
  .object({
    SUPABASE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
    SUPABASE_ANON_KEY: optionalKey(),
    SUPABASE_PUBLISHABLE_KEY: optionalKey('sb_publishable_'),
    SUPABASE_SERVICE_ROLE_KEY: optionalKey(),
    SUPABASE_SECRET_KEY: optionalKey('sb_secret_'),
    SUPABASE_DB_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// connection URL'),
  })
  .superRefine((env, ctx) => {
    if (!env.SUPABASE_ANON_KEY && !env.SUPABASE_PUBLISHABLE_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SUPABASE_ANON_KEY'], message: 'set it or SUPABASE_PUBLISHABLE_KEY' });
    }
    if (!env.SUPABASE_SERVICE_ROLE_KEY && !env.SUPABASE_SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SUPABASE_SERVICE_ROLE_KEY'], message: 'set it or SUPABASE_SECRET_KEY' });
    }
  })
  .transform((env) => ({
    ...env,
    /** The key a browser may hold (publishable, else legacy anon). */
    clientKey: (env.SUPABASE_PUBLISHABLE_KEY ?? env.SUPABASE_ANON_KEY) as string,
    /** The key that acts as the service role: server only. */
    serverKey: (env.SUPABASE_SECRET_KEY ?? env.SUPABASE_SERVICE_ROLE_KEY) as string,
  }));

export type ProjectEnv = z.output<typeof envSchema>;
export type ProjectEnvInput = Partial<Record<(typeof VARIABLES)[number], string>>;

export class ProjectEnvError extends Error {
  override name = 'ProjectEnvError';
}

/** Validates `source`; throws a ProjectEnvError naming each offending variable. */
export function parseProjectEnv(source: ProjectEnvInput, origin: string): ProjectEnv {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ProjectEnvError(`The Supabase project settings (${origin}) are invalid:\n${lines.join('\n')}`);
}

/** What `npm start` writes for the local stack, read back by `loadProjectEnv`. */
export function writeLocalProjectEnv(values: ProjectEnvInput, file = localProjectEnvFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * The project from `env` when it names one (SUPABASE_URL set: production, CI against a real
 * project), else from the local stack's file. Never mixes the two.
 */
export function loadProjectEnv(env: NodeJS.ProcessEnv = process.env, localFile = localProjectEnvFile): ProjectEnv {
  if (env.SUPABASE_URL) {
    const source = Object.fromEntries(VARIABLES.map((name) => [name, env[name]]));
    return parseProjectEnv(source, 'environment');
  }
  if (!existsSync(localFile)) {
    throw new ProjectEnvError(
      'No Supabase project configured: set SUPABASE_URL, SUPABASE_ANON_KEY or SUPABASE_PUBLISHABLE_KEY, ' +
        'SUPABASE_SERVICE_ROLE_KEY or SUPABASE_SECRET_KEY and SUPABASE_DB_URL, or run `npm start` for the local stack.',
    );
  }
  return parseProjectEnv(JSON.parse(readFileSync(localFile, 'utf8')), localFile);
}

let cached: ProjectEnv | undefined;

/** The validated project settings of this process (read once). */
export function projectEnv(): ProjectEnv {
  cached ??= loadProjectEnv();
  return cached;
}

/** The allow-list of what may reach a browser: the URL and the client key, nothing else. */
export function browserEnv(env: ProjectEnv): { SUPABASE_URL: string; SUPABASE_KEY: string } {
  return { SUPABASE_URL: env.SUPABASE_URL, SUPABASE_KEY: env.clientKey };
}
