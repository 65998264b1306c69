import { configDefaults, defineConfig } from 'vitest/config';

/**
 * postgres.js 3.4.9 rolls a transaction back on a connection PostgreSQL just dropped; the write is
 * deferred with setImmediate and then meets the socket its close handler already nulled
 * (`nextWrite`, connection.js:255), an uncaught TypeError no caller can catch. Tests that kill
 * PostgreSQL under a service meet it now and then (1 run in 6); every test still passes. Only that
 * exact error is ignored here; the closing note of 2026-12-06 tracks the fix.
 */
function isPostgresWriteAfterClose(error: { message?: string; stack?: string }): boolean {
  return (
    error.message === "Cannot read properties of null (reading 'write')" &&
    /nextWrite[\s\S]*postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')
  );
}

// One configuration, one project per part of Roost. Later parts (web, functions, gpu-worker)
// add their project here.
export default defineConfig({
  test: {
    onUnhandledError: (error) => !isPostgresWriteAfterClose(error),
    projects: [
      {
        test: {
          name: 'database',
          include: ['supabase/tests/**/*.test.ts'],
          globalSetup: ['supabase/tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'local-stack',
          include: ['supabase/local/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            'supabase/local/{gateway,auth,storage,functions,realtime,hostile,rest}/**',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Modules every deployable part shares (settings, mail templates) and repository-wide
        // checks: the docs' links, `deno check` of the Deno code (CI runs only `npm test`).
        test: {
          name: 'repo',
          include: ['shared/**/*.test.ts', 'docs/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'gateway',
          include: ['supabase/local/gateway/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // HTTP through the gateway with the official clients: Auth, Storage, Functions, Realtime.
        test: {
          name: 'stack',
          include: [
            'supabase/local/{auth,storage,functions,realtime,hostile,rest}/**/*.test.ts',
            'functions/**/*.test.ts',
          ],
          globalSetup: ['supabase/tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The web app (web/): its production build, and browser tests in Debian's Chromium
        // against a throwaway stack with the web server on a free port.
        test: {
          name: 'web',
          include: ['web/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'web/build/**'],
          globalSetup: ['supabase/tests/support/global-setup.ts', 'web/e2e/support/build-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'gpu-worker',
          include: ['gpu-worker/**/*.test.ts', 'models/**/*.test.ts'],
          globalSetup: ['supabase/tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
