// The settings of every deployable part (edge functions, GPU worker, web app), read from one
// place and checked the same way: a bad or missing variable fails with the names of every
// offending variable, never their values. Dependency-free and runtime-neutral (no zod, no
// `process`, no `Deno`): Node and Deno both import this file, and each caller hands in its own
// environment (`process.env`, `Deno.env.toObject()`). See docs/decisions/019-one-settings-module.md.

/** Variables as a runtime gives them; a JSON file may hold non-strings, which are refused. */
export type SettingsSource = Readonly<Record<string, unknown>>;

export interface SettingsProblem {
  variable: string;
  message: string;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
  readonly problems: readonly SettingsProblem[];
  constructor(message: string, problems: readonly SettingsProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** The variables Supabase gives an Edge Function, and which the project settings read. */
export const PROJECT_VARIABLES = [
  'SUPABASE_URL',
  'SUPABASE_ANON_KEY',
  'SUPABASE_PUBLISHABLE_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SUPABASE_SECRET_KEY',
  'SUPABASE_DB_URL',
] as const;

/** Where `npm start` writes the local stack's project settings, relative to the repository root. */
export const LOCAL_PROJECT_FILE = '.roost/project-env.json';

// --- Readers: each turns one raw value into a typed one, or returns a problem. -------------

class Invalid {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

type Reader<T> = (raw: string | undefined) => T | Invalid;

/** '' counts as unset: shells and dotenv files write `NAME=` for "no value". */
const present = (raw: unknown): raw is string => raw !== undefined && raw !== '';

/** "Set one of these": reported once, on the first name, when none is set (a bad one is already reported). */
const oneOfSet = (source: SettingsSource, first: string, second: string): SettingsProblem[] =>
  present(source[first]) || present(source[second]) ? [] : [{ variable: first, message: `set it or ${second}` }];

const httpUrl: Reader<string> = (raw) => {
  if (!present(raw)) return new Invalid('is required');
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/+$/, '');
  } catch {
    // Not a URL at all: the same answer as a wrong scheme.
  }
  return new Invalid('must be an http(s) URL');
};

const optionalHttpUrl: Reader<string | undefined> = (raw) => (present(raw) ? httpUrl(raw) : undefined);

const postgresUrl: Reader<string> = (raw) => {
  if (!present(raw)) return new Invalid('is required');
  return /^postgres(ql)?:\/\/\S+$/.test(raw) ? raw : new Invalid('must be a postgres:// connection URL');
};

const optionalText: Reader<string | undefined> = (raw) => (present(raw) ? raw.trim() : undefined);

const optionalPostgresUrl: Reader<string | undefined> = (raw) => (present(raw) ? postgresUrl(raw) : undefined);

const optionalKey =
  (prefix?: string): Reader<string | undefined> =>
  (raw) => {
    if (!present(raw)) return undefined;
    return prefix && !raw.startsWith(prefix) ? new Invalid(`must start with ${prefix}`) : raw;
  };

const integer =
  (min: number, max: number): Reader<number | undefined> =>
  (raw) => {
    if (!present(raw)) return undefined;
    const value = Number(raw.trim());
    return Number.isInteger(value) && value >= min && value <= max
      ? value
      : new Invalid(`must be an integer from ${min} to ${max}`);
  };

const oneOf =
  <T extends string>(allowed: readonly T[]): Reader<T[] | undefined> =>
  (raw) => {
    if (!present(raw)) return undefined;
    const parts = raw.split(',').map((part) => part.trim());
    const known = (part: string): part is T => (allowed as readonly string[]).includes(part);
    return parts.every(known) ? parts : new Invalid(`must be a comma-separated list of ${allowed.join(', ')}`);
  };

/** A JSON Web Key Set, as a JSON array of keys or `{ "keys": [...] }`; empty when unset. */
const jwks: Reader<{ keys: Record<string, unknown>[] }> = (raw) => {
  if (!present(raw)) return { keys: [] };
  try {
    const parsed: unknown = JSON.parse(raw);
    const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
    if (Array.isArray(keys) && keys.every((key) => typeof key === 'object' && key !== null)) return { keys };
  } catch {
    // Reported below.
  }
  return new Invalid('must be a JSON Web Key Set (JSON)');
};

type Values<R extends Record<string, Reader<unknown>>> = { [K in keyof R]: Exclude<ReturnType<R[K]>, Invalid> };

/**
 * Reads `readers` from `source`, collecting every problem before failing, so one run names all
 * that is wrong. `check` adds problems that span variables (one of two keys must be set).
 */
function readAll<R extends Record<string, Reader<unknown>>>(
  source: SettingsSource,
  readers: R,
  title: string,
  check: () => SettingsProblem[] = () => [],
): Values<R> {
  const problems: SettingsProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [variable, reader] of Object.entries(readers)) {
    const raw = source[variable];
    const value = raw === undefined || typeof raw === 'string' ? reader(raw) : new Invalid('must be a string');
    if (value instanceof Invalid) problems.push({ variable, message: value.message });
    else values[variable] = value;
  }
  problems.push(...check());
  if (problems.length > 0) {
    const lines = problems.map((problem) => `  ${problem.variable}: ${problem.message}`);
    throw new SettingsError(`${title} are invalid:\n${lines.join('\n')}`, problems);
  }
  return values as Values<R>;
}

// --- The project: what server-side code needs to reach Supabase. ---------------------------

const projectReaders = {
  SUPABASE_URL: httpUrl,
  SUPABASE_ANON_KEY: optionalKey(),
  SUPABASE_PUBLISHABLE_KEY: optionalKey('sb_publishable_'),
  SUPABASE_SERVICE_ROLE_KEY: optionalKey(),
  SUPABASE_SECRET_KEY: optionalKey('sb_secret_'),
  SUPABASE_DB_URL: postgresUrl,
};

export interface ProjectSettings {
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY?: string;
  SUPABASE_PUBLISHABLE_KEY?: string;
  SUPABASE_SERVICE_ROLE_KEY?: string;
  SUPABASE_SECRET_KEY?: string;
  SUPABASE_DB_URL: string;
  /** The key a browser may hold (publishable, else legacy anon). */
  clientKey: string;
  /** The key that acts as the service role: server only. */
  serverKey: string;
}

/** The project from `source`; throws a SettingsError naming each offending variable. */
export function projectSettings(source: SettingsSource, origin = 'environment'): ProjectSettings {
  const values = readAll(source, projectReaders, `The Supabase project settings (${origin})`, () => [
    ...oneOfSet(source, 'SUPABASE_ANON_KEY', 'SUPABASE_PUBLISHABLE_KEY'),
    ...oneOfSet(source, 'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_SECRET_KEY'),
  ]);
  const defined = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return {
    ...(defined as Omit<ProjectSettings, 'clientKey' | 'serverKey'>),
    clientKey: (values.SUPABASE_PUBLISHABLE_KEY ?? values.SUPABASE_ANON_KEY) as string,
    serverKey: (values.SUPABASE_SECRET_KEY ?? values.SUPABASE_SERVICE_ROLE_KEY) as string,
  };
}

/**
 * The project from `env` when it names one (SUPABASE_URL set: production, CI against a real
 * project), else from the local stack's file (`readLocalFile` gives its text, or undefined when
 * there is none). Never mixes the two: a half-set environment is an error, not a merge.
 */
export function loadProjectSettings(
  env: SettingsSource,
  localFile: { path: string; read: () => string | undefined },
): ProjectSettings {
  if (env.SUPABASE_URL) {
    return projectSettings(Object.fromEntries(PROJECT_VARIABLES.map((name) => [name, env[name]])), 'environment');
  }
  const text = localFile.read();
  if (text === undefined) {
    throw new SettingsError(
      'No Supabase project configured: set SUPABASE_URL, SUPABASE_ANON_KEY or SUPABASE_PUBLISHABLE_KEY, ' +
        'SUPABASE_SERVICE_ROLE_KEY or SUPABASE_SECRET_KEY and SUPABASE_DB_URL, or run `npm start` for the local stack.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SettingsError(`${localFile.path} is not valid JSON: run \`npm start\` again to rewrite it.`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new SettingsError(`${localFile.path} is not an object.`);
  return projectSettings(parsed as SettingsSource, localFile.path);
}

/** The allow-list of what may reach a browser: the URL and the client key, nothing else. */
export function browserSettings(project: ProjectSettings): { SUPABASE_URL: string; SUPABASE_KEY: string } {
  return { SUPABASE_URL: project.SUPABASE_URL, SUPABASE_KEY: project.clientKey };
}

// --- The GPU worker. -------------------------------------------------------------------------

export interface WorkerSettings<Kind extends string> {
  /** May be a transaction-mode pooler (Supavisor's port 6543; decision 040). */
  dbUrl: string;
  /** Session-mode pooler or direct: LISTEN and session advisory locks; unset, dbUrl is used. */
  sessionDbUrl: string | undefined;
  apiUrl: string;
  /** The secret (or legacy service_role) key: the worker reads and deletes inbox files. */
  serviceKey: string;
  metricsPort: number;
  /** Where health and metrics listen; 127.0.0.1 unless set (0.0.0.0 in the container image). */
  metricsHost: string | undefined;
  concurrency: number | undefined;
  batchSize: number | undefined;
  kinds: Kind[] | undefined;
}

/** The worker's settings; `kinds` are the job kinds it knows (ROOST_WORKER_KINDS picks among them). */
export function workerSettings<Kind extends string>(
  source: SettingsSource,
  kinds: readonly Kind[],
  origin = 'environment',
): WorkerSettings<Kind> {
  const env = readAll(
    source,
    {
      SUPABASE_DB_URL: postgresUrl,
      ROOST_WORKER_SESSION_DB_URL: optionalPostgresUrl,
      SUPABASE_URL: httpUrl,
      SUPABASE_SECRET_KEY: optionalKey('sb_secret_'),
      SUPABASE_SERVICE_ROLE_KEY: optionalKey(),
      ROOST_WORKER_METRICS_PORT: integer(0, 65_535),
      ROOST_WORKER_METRICS_HOST: optionalText,
      ROOST_WORKER_CONCURRENCY: integer(1, 64),
      ROOST_WORKER_BATCH_SIZE: integer(1, 64),
      ROOST_WORKER_KINDS: oneOf(kinds),
    },
    `The GPU worker's settings (${origin})`,
    () => oneOfSet(source, 'SUPABASE_SECRET_KEY', 'SUPABASE_SERVICE_ROLE_KEY'),
  );
  return {
    dbUrl: env.SUPABASE_DB_URL,
    sessionDbUrl: env.ROOST_WORKER_SESSION_DB_URL,
    apiUrl: env.SUPABASE_URL,
    serviceKey: (env.SUPABASE_SECRET_KEY ?? env.SUPABASE_SERVICE_ROLE_KEY) as string,
    metricsPort: env.ROOST_WORKER_METRICS_PORT ?? 9464,
    metricsHost: env.ROOST_WORKER_METRICS_HOST,
    concurrency: env.ROOST_WORKER_CONCURRENCY,
    batchSize: env.ROOST_WORKER_BATCH_SIZE,
    kinds: env.ROOST_WORKER_KINDS,
  };
}

// --- Edge functions. -------------------------------------------------------------------------

export interface FunctionSettings {
  /** Direct database access (Supabase sets it for every function). */
  SUPABASE_DB_URL: string;
  /** The project's public signing keys, to verify users' access tokens; empty when unset. */
  SUPABASE_JWKS: { keys: Record<string, unknown>[] };
  /** Where links in emails point (a secret, `supabase secrets set SITE_URL=…`); optional here,
   *  so that functions sending no email need not set it. */
  SITE_URL: string | undefined;
}

/** What Roost's edge functions read from the environment Supabase gives them. */
export function functionSettings(source: SettingsSource, origin = 'function environment'): FunctionSettings {
  return readAll(
    source,
    { SUPABASE_DB_URL: postgresUrl, SUPABASE_JWKS: jwks, SITE_URL: optionalHttpUrl },
    `The function's settings (${origin})`,
  );
}
