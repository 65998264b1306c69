// supabase/config.toml, read and validated: the one place ports and API settings come from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  db: z.object({ port, major_version: z.number().int().min(15) }),
  inbucket: z.object({ port }).optional(),
  auth: z
    .object({
      enable_signup: z.boolean().default(true),
      enable_anonymous_sign_ins: z.boolean().default(false),
      email: z
        .object({ enable_signup: z.boolean().default(true), enable_confirmations: z.boolean().default(false) })
        .default({ enable_signup: true, enable_confirmations: false }),
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

export type ProjectConfig = z.infer<typeof configSchema>;

export function readProjectConfig(path = join(supabaseDir, 'config.toml')): ProjectConfig {
  const result = configSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!result.success) {
    throw new Error(`supabase/config.toml is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
