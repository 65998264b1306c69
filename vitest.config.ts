import { configDefaults, defineConfig } from 'vitest/config';

// One configuration, one project per part of Roost. Later parts (web, functions, gpu-worker)
// add their project here.
export default defineConfig({
  test: {
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
          exclude: [...configDefaults.exclude, 'supabase/local/gateway/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'gateway',
          include: ['supabase/local/gateway/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
