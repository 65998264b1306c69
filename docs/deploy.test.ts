// docs/deploy.md's one list of environment variables stays complete: every variable the deployable
// code reads (web app, GPU worker, edge functions and the shared modules they import) is listed,
// and the list names nothing the code no longer reads. Tests, test helpers and browser modules
// (which cannot read the environment) are not deployable code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const SOURCES = ['web/app', 'web/server.ts', 'web/vite.config.ts', 'gpu-worker/src', 'functions', 'shared'];
const NOT_DEPLOYED = /(\.test\.tsx?$|\.client\.tsx?$|\/testing\/|\/fixtures\/|\/e2e\/)/;

function files(path: string): string[] {
  const full = join(root, path);
  if (statSync(full).isFile()) return [path];
  return readdirSync(full).flatMap((entry) => (entry === 'node_modules' ? [] : files(`${path}/${entry}`)));
}

/** Variable names a file reads: process.env.X, Deno.env.get('X'), env.X / source.X of a settings
 *  source, and the keys of settings readers and env schemas (`X: reader`). Names have an underscore. */
function variablesRead(text: string): Set<string> {
  const names = new Set<string>();
  const patterns = [
    /process\.env\.([A-Z][A-Z0-9_]*)/g,
    /process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
    /Deno\.env\.get\(['"]([A-Z][A-Z0-9_]*)['"]\)/g,
    /\b(?:env|source|environment)\.([A-Z][A-Z0-9_]*)\b/g,
    /(?:^|[{,])\s*([A-Z][A-Z0-9_]*):\s+(?:z\.|[a-z][A-Za-z]*(?=\s*[,()}\n]))/gm,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1] ?? '');
  return new Set([...names].filter((name) => name.includes('_')));
}

function documented(): Set<string> {
  const doc = readFileSync(join(root, 'docs', 'deploy.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## 5. Configuration'), doc.indexOf('## 6.'));
  return new Set([...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1] ?? ''));
}

describe('docs/deploy.md', () => {
  it('lists every environment variable the deployable code reads', () => {
    const listed = documented();
    const read = new Map<string, string>();
    for (const file of SOURCES.flatMap(files)) {
      if (!/\.(ts|tsx|mjs)$/.test(file) || NOT_DEPLOYED.test(`/${file}`)) continue;
      for (const name of variablesRead(readFileSync(join(root, file), 'utf8'))) {
        if (!read.has(name)) read.set(name, relative(root, join(root, file)));
      }
    }
    const missing = [...read].filter(([name]) => !listed.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing, 'read by the code, missing from section 5 of docs/deploy.md').toEqual([]);
    const stale = [...listed].filter((name) => !read.has(name));
    expect(stale, 'listed in docs/deploy.md, read by no deployable code').toEqual([]);
  });

  it('finds variables however the code reads them', () => {
    const text = [
      'const a = process.env.ROOST_A;',
      "const b = process.env['ROOST_B'];",
      "const c = Deno.env.get('ROOST_C');",
      'if (env.ROOST_D) {}',
      '  ROOST_E: optionalKey(),',
      '  ROOST_F: z.string(),',
      "  P0001: 422, '22023': 400,",
      '  readAll(source, { ROOST_G: jwks, ROOST_H: optionalHttpUrl }, title);',
    ].join('\n');
    expect([...variablesRead(text)].sort()).toEqual([
      'ROOST_A',
      'ROOST_B',
      'ROOST_C',
      'ROOST_D',
      'ROOST_E',
      'ROOST_F',
      'ROOST_G',
      'ROOST_H',
    ]);
  });
});
