// The decision records stay findable: every link to a record resolves (landed migrations keep the
// names they were written with, so a renamed record leaves a pointer behind), the index lists
// every record, and code and docs name parts by what they are, not by who built them ("W3's
// models" means nothing to a newcomer).
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const decisionsDir = join(root, 'docs', 'decisions');
const SKIP = new Set(['node_modules', '.git', '.roost', 'results', 'build', 'dist', 'coverage']);
const TEXT = new Set(['.md', '.ts', '.mjs', '.sql', '.toml', '.json']);

function* textFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (TEXT.has(extname(entry.name)) && !entry.name.endsWith('-lock.json')) yield path;
  }
}

const files = [...textFiles(root)].map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
const records = readdirSync(decisionsDir).filter((name) => /^\d{3}[a-z]?-.+\.md$/.test(name));

describe('decision records', () => {
  it('every docs/decisions/<name>.md named in the repository exists', () => {
    const missing: string[] = [];
    for (const { path, text } of files) {
      for (const [, name] of text.matchAll(/docs\/decisions\/([\w.-]+\.md)/g)) {
        if (name && !records.includes(name) && name !== 'README.md') missing.push(`${path} → ${name}`);
      }
    }
    expect(missing, 'links to decision records that do not exist').toEqual([]);
  });

  it('the index lists every record and the template', () => {
    const index = readFileSync(join(decisionsDir, 'README.md'), 'utf8');
    const unlisted = records.filter((name) => !index.includes(`(${name})`));
    expect(unlisted, 'records missing from docs/decisions/README.md').toEqual([]);
  });

  it('the template has the sections every record has', () => {
    const template = readFileSync(join(decisionsDir, '000-template.md'), 'utf8');
    for (const line of [/^# /m, /^Date: /m, /^Status: /m, /^## Context$/m, /^## Decision$/m, /^## Consequences$/m]) {
      expect(template, `000-template.md has ${line}`).toMatch(line);
    }
  });
});

describe('names a newcomer understands', () => {
  it('no code or doc names a part by an internal work-stream label (W1, W2, …)', () => {
    const labelled = files
      .filter(({ path }) => path !== relative(root, fileURLToPath(import.meta.url)))
      .flatMap(({ path, text }) =>
        text.split('\n').flatMap((line, i) => (/\bW\d+(?:'s)?\b/.test(line) ? [`${path}:${i + 1}`] : [])),
      );
    expect(labelled, 'lines with W<n> labels').toEqual([]);
  });
});
