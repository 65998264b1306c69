// `npm run validate` type-checks the Deno code with the pinned Deno; CI runs only `npm test`, so the
// same check runs here too: an edge function that does not type-check fails the build.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { denoSources } from './deno-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

it('deno check passes on every function and the local runtime’s Deno files', () => {
  const sources: string[] = denoSources(root);
  expect(sources, 'the invite function is among the checked sources').toContain('functions/invite/index.ts');
  expect(
    sources.some((path) => path.endsWith('.test.ts')),
    'Vitest files are not Deno code',
  ).toBe(false);
  const result = spawnSync(join(root, 'node_modules', '.bin', 'deno'), ['check', ...sources], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', RUST_BACKTRACE: '0' },
  });
  expect(result.status, `deno check failed:\n${result.stderr}`).toBe(0);
});
