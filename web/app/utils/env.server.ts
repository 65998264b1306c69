// The web server's settings, checked once at start: the Supabase project through the shared
// settings module (environment, else the local stack's .roost/project-env.json; decision 019)
// and the server's own variables through zod. A bad value stops the start naming every
// offending variable, never its value. Only `browser` may reach a page (window.ENV).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  browserSettings,
  LOCAL_PROJECT_FILE,
  loadProjectSettings,
  type ProjectSettings,
  SettingsError,
} from '../../../shared/settings.ts';

const serverSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Where the web app listens; 3000 is supabase/config.toml's site_url. */
  ROOST_WEB_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  ROOST_WEB_HOST: z.string().min(1).default('127.0.0.1'),
  /** The production build's folder, relative to web/ (vite.config.ts reads the same variable). */
  ROOST_WEB_BUILD_DIR: z.string().min(1).default('build'),
});

export interface WebEnv {
  mode: 'development' | 'production';
  port: number;
  host: string;
  /** The production build's folder, relative to web/. */
  buildDir: string;
  project: ProjectSettings;
  /** The browser allow-list: the project URL and its publishable (or anon) key, nothing else. */
  browser: { SUPABASE_URL: string; SUPABASE_KEY: string };
}

/** Reads and checks the settings; `root` is the repository root (for the local project file). */
export function readWebEnv(source: NodeJS.ProcessEnv, root: string, mode: WebEnv['mode']): WebEnv {
  const parsed = serverSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`The web server's settings are invalid:\n${lines.join('\n')}`);
  }
  const path = join(root, LOCAL_PROJECT_FILE);
  const project = loadProjectSettings(source, {
    path,
    read: () => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return {
    mode,
    port: parsed.data.ROOST_WEB_PORT,
    host: parsed.data.ROOST_WEB_HOST,
    buildDir: parsed.data.ROOST_WEB_BUILD_DIR,
    project,
    browser: browserSettings(project),
  };
}
