// The local stack's side of the project settings: `npm start` writes what it serves to
// `.roost/project-env.json` (mode 0600), and local tools read the project back through the one
// settings module, shared/settings.ts, which takes the environment when it names a project and
// this file otherwise. Parsing and validation live there, not here: deployable parts import
// shared/settings.ts directly and never this file.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  LOCAL_PROJECT_FILE,
  loadProjectSettings,
  type PROJECT_VARIABLES,
  type ProjectSettings,
} from '../../shared/settings.ts';
import { projectRoot } from './paths.ts';

export const localProjectEnvFile = join(projectRoot, LOCAL_PROJECT_FILE);

export type ProjectEnvInput = Partial<Record<(typeof PROJECT_VARIABLES)[number], string>>;

/** What `npm start` writes for the local stack, read back by `loadProjectEnv`. */
export function writeLocalProjectEnv(values: ProjectEnvInput, file = localProjectEnvFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** The project from `env` when it sets SUPABASE_URL, else from the local stack's file; never both. */
export function loadProjectEnv(env: NodeJS.ProcessEnv = process.env, localFile = localProjectEnvFile): ProjectSettings {
  return loadProjectSettings(env, {
    path: localFile,
    read: () => (existsSync(localFile) ? readFileSync(localFile, 'utf8') : undefined),
  });
}

let cached: ProjectSettings | undefined;

/** The validated project settings of this process (read once). */
export function projectEnv(): ProjectSettings {
  cached ??= loadProjectEnv();
  return cached;
}
