// What ships stands alone: deployable code (edge functions, the GPU worker, the web app, and the
// shared modules they all import) never imports the local dev stack, and shared/ imports nothing
// but itself, so Node and Deno load it alike with no dependency to resolve.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g;

/** Source files below `dir`, without tests and test support (they may drive the local stack). */
function sources(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'testing', 'e2e', 'build'].includes(entry.name)) walk(child);
      } else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !/\.test\.|test-support|\.d\.ts$/.test(entry.name)) {
        found.push(child);
      }
    }
  };
  walk(join(root, dir));
  return found;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(SPECIFIER)].map((match) => (match[1] ?? match[2]) as string);
}

/** Where a relative import points, relative to the repository root. */
const target = (file: string, specifier: string) => relative(root, resolve(dirname(file), specifier));

describe('deployable code', () => {
  it('never imports the local dev stack (supabase/local, supabase/tests)', () => {
    const offending = ['functions', 'gpu-worker/src', 'web', 'shared'].flatMap((dir) =>
      sources(dir).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => specifier.startsWith('.'))
          .filter((specifier) => /^supabase\/(local|tests)\//.test(target(file, specifier)))
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      ),
    );
    expect(offending, 'imports of the local stack from code that ships').toEqual([]);
  });

  it('shared/ imports only its own files and the few packages both Node and Deno resolve', () => {
    // Decision 029: the email templates render with React Email, the mail and PDF modules take a
    // postgres connection and draw with pdf-lib, and Node compiles the .tsx templates with
    // esbuild (load.ts); the outbox mailer (outbox/, run by npm start and the worker) sends with
    // the Resend SDK and checks messages with zod. All resolve from the project's node_modules, in
    // Node and in Deno; observability/ (decision 039) logs with pino and uses node:crypto/http.
    const packages = new Set([
      'react',
      'resend',
      'zod',
      'pino',
      'node:crypto',
      'node:http',
      '@react-email/components',
      'postgres',
      'pdf-lib',
      'esbuild',
      'node:module',
      'node:fs',
      'node:url',
    ]);
    const offending = sources('shared').flatMap((file) =>
      importsOf(file)
        .filter((specifier) => !packages.has(specifier))
        .filter((specifier) => !specifier.startsWith('.') || !target(file, specifier).startsWith('shared/'))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(offending, 'imports from shared/ of anything outside it').toEqual([]);
  });
});
