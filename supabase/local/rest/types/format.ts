// Formats generated TypeScript with the project's own Biome (and biome.json), so the committed
// file passes `npm run lint` as written and regenerating it is byte-for-byte stable.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../paths.ts';

const biome = join(projectRoot, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

/** `path` is the file's place in the repository: Biome picks its settings (and language) by it. */
export function formatTypeScript(source: string, path: string): string {
  const result = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${path}`], {
    cwd: projectRoot,
    input: source,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`biome could not format ${path}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}
