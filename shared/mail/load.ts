// How Node gets the .tsx templates (decision 029). Node's type stripping does not compile JSX,
// so code run by plain Node (the local stack's Auth and mailer, the worker's jobs) loads the
// templates through `loadTemplates()`: it registers a module hook that compiles `.tsx` with
// esbuild (synchronously, in this thread) and then imports the templates. Vite (the web app,
// Vitest) and Deno (edge functions) compile `.tsx` themselves and import the templates directly;
// the hook is then never consulted (Deno has no `registerHooks` and skips it).
import * as nodeModule from 'node:module';

type Templates = typeof import('./templates/index.tsx');

let registered = false;
let loaded: Promise<Templates> | undefined;

function registerJsxHook(): void {
  if (registered) return;
  registered = true;
  const { registerHooks, createRequire } = nodeModule as typeof nodeModule & {
    registerHooks?: (hooks: {
      load: (url: string, context: unknown, next: (url: string, context: unknown) => unknown) => unknown;
    }) => unknown;
  };
  if (typeof registerHooks !== 'function') return;
  const require = createRequire(import.meta.url);
  let esbuild: typeof import('esbuild') | undefined;
  registerHooks({
    load(url, context, next) {
      if (!url.startsWith('file:') || !/\.tsx(\?.*)?$/.test(url)) return next(url, context);
      esbuild ??= require('esbuild') as typeof import('esbuild');
      const { readFileSync } = require('node:fs') as typeof import('node:fs');
      const { fileURLToPath } = require('node:url') as typeof import('node:url');
      const path = fileURLToPath(url);
      const { code } = esbuild.transformSync(readFileSync(path, 'utf8'), {
        loader: 'tsx',
        jsx: 'automatic',
        jsxImportSource: 'react',
        format: 'esm',
        target: 'node22',
        sourcefile: path,
        sourcemap: 'inline',
      });
      return { format: 'module', source: code, shortCircuit: true };
    },
  });
}

/** The templates module (every render function), compiled on first use under plain Node. */
export function loadTemplates(): Promise<Templates> {
  registerJsxHook();
  loaded ??= import('./templates/index.tsx');
  return loaded;
}
