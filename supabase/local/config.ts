// supabase/config.toml (and Roost's own supabase/roost.toml beside it), read and validated: the
// one place ports and API settings come from.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'smol-toml';
import { z } from 'zod';
import { supabaseDir } from './paths.ts';

const port = z.number().int().min(1).max(65535);

const configSchema = z.object({
  project_id: z.string().min(1),
  api: z.object({
    port,
    schemas: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
    extra_search_path: z.array(z.string()).default([]),
    max_rows: z.number().int().positive(),
  }),
  db: z.object({ port, shadow_port: port.optional(), major_version: z.number().int().min(15) }),
  inbucket: z.object({ port }).optional(),
  // From supabase/roost.toml (the Supabase CLI refuses unknown sections in config.toml).
  worker: z.object({ metrics_port: port.default(9464) }).prefault({}),
  auth: z
    .object({
      enable_signup: z.boolean().default(true),
      enable_anonymous_sign_ins: z.boolean().default(false),
      email: z
        .object({
          enable_signup: z.boolean().default(true),
          enable_confirmations: z.boolean().default(false),
          double_confirm_changes: z.boolean().default(true),
          secure_password_change: z.boolean().default(false),
          // A Go duration as the CLI writes it ("1m0s", "60s"): the least time between two emails to one address.
          max_frequency: z
            .string()
            .regex(/^(\d+h)?(\d+m)?(\d+s)?$/)
            .default('1m0s'),
          otp_length: z.number().int().min(6).max(10).default(6),
          otp_expiry: z.number().int().positive().default(3600),
        })
        .prefault({}),
      site_url: z.string().url().default('http://127.0.0.1:3000'),
      additional_redirect_urls: z.array(z.string()).default([]),
      jwt_expiry: z.number().int().min(30).max(604800).default(3600),
      enable_refresh_token_rotation: z.boolean().default(true),
      refresh_token_reuse_interval: z.number().int().min(0).default(10),
      minimum_password_length: z.number().int().min(6).default(6),
      password_requirements: z
        .enum(['', 'letters_digits', 'lower_upper_letters_digits', 'lower_upper_letters_digits_symbols'])
        .default(''),
      // Per-hour or per-five-minute budgets, named as the Supabase CLI names them; GoTrue's defaults.
      rate_limit: z
        .object({
          email_sent: z.number().int().min(0).default(30),
          anonymous_users: z.number().int().min(0).default(30),
          token_refresh: z.number().int().min(0).default(150),
          sign_in_sign_ups: z.number().int().min(0).default(30),
          token_verifications: z.number().int().min(0).default(30),
        })
        .prefault({}),
      mfa: z
        .object({
          max_enrolled_factors: z.number().int().min(1).max(100).default(10),
          totp: z
            .object({ enroll_enabled: z.boolean().default(true), verify_enabled: z.boolean().default(true) })
            .prefault({}),
        })
        .prefault({}),
      // Optional pins of the per-installation keys, as the Supabase CLI allows (`env(NAME)` reads
      // the environment); whatever is not pinned is generated into `.roost/keys.json`.
      jwt_secret: z.string().optional(),
      anon_key: z.string().optional(),
      service_role_key: z.string().optional(),
      publishable_key: z.string().optional(),
      secret_key: z.string().optional(),
      signing_keys_path: z.string().optional(),
    })
    .prefault({}),
  storage: z.object({ file_size_limit: z.string().default('50MiB') }).prefault({}),
  // `[functions.<name>]` as the Supabase CLI reads it; a function without a section verifies JWTs.
  functions: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), z.object({ verify_jwt: z.boolean().default(true) }))
    .default({}),
});

/** Every port the local stack listens on, named as in config.toml (for messages). */
export function configuredPorts(config: z.infer<typeof configSchema>): { name: string; port: number }[] {
  return [
    { name: '[api] port', port: config.api.port },
    { name: '[db] port', port: config.db.port },
    ...(config.db.shadow_port === undefined ? [] : [{ name: '[db] shadow_port', port: config.db.shadow_port }]),
    ...(config.inbucket ? [{ name: '[inbucket] port', port: config.inbucket.port }] : []),
    { name: '[worker] metrics_port', port: config.worker.metrics_port },
  ];
}

/** Two parts on one port would fight for it: the file is refused instead. */
const checkedSchema = configSchema.superRefine((config, context) => {
  const seen = new Map<number, string>();
  for (const { name, port: value } of configuredPorts(config)) {
    const other = seen.get(value);
    if (other) context.addIssue({ code: 'custom', message: `${name} and ${other} are both ${value}` });
    seen.set(value, name);
  }
});

export type ProjectConfig = z.infer<typeof configSchema>;

/** Top-level sections the Supabase CLI's config.toml knows; anything else fails its parser. */
export const SUPABASE_CLI_SECTIONS = [
  'project_id',
  'api',
  'db',
  'realtime',
  'studio',
  'inbucket',
  'storage',
  'auth',
  'edge_runtime',
  'functions',
  'analytics',
  'experimental',
  'remotes',
];

export function readProjectConfig(path = join(supabaseDir, 'config.toml')): ProjectConfig {
  const roostFile = join(dirname(path), 'roost.toml');
  const roost = existsSync(roostFile) ? parse(readFileSync(roostFile, 'utf8')) : {};
  const result = checkedSchema.safeParse({ ...parse(readFileSync(path, 'utf8')), ...roost });
  if (!result.success) {
    throw new Error(`supabase/config.toml is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
