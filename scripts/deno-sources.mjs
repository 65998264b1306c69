// The Deno modules Roost ships or runs, for `deno check` (tsc cannot check them: tsconfig
// excludes them for their Deno globals and npm: specifiers). Zero-dependency, like the pre-step
// that uses it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders of Deno code: the edge functions and the local Functions runtime's own Deno files. */
export const DENO_DIRS = ['functions', 'supabase/local/functions/deno', 'supabase/local/functions/fixtures'];

/** Every `.ts` file below DENO_DIRS, relative to `root`; `*.test.ts` run under Vitest in Node, so not them. */
export function denoSources(root) {
  const sources = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) sources.push(path);
    }
  };
  for (const dir of DENO_DIRS) walk(dir);
  return sources.sort();
}
