import { configDefaults, defineConfig } from 'vitest/config';

// One configuration, one project per part of Roost. Later parts (web, functions, gpu-worker)
// add their project here.
export default defineConfig({
  test: {
    // Two test files at a time, whatever the core count (Vitest's default is cores − 1: one file at
    // a time on a 2-core CI machine). Most files wait on browsers, stacks and timers, not the CPU:
    // the serial suite used a third of two cores for 29 minutes.
    maxWorkers: 2,
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
