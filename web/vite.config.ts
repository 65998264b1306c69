// The Remix app on Vite: `npm start` serves it through web/server.ts (Vite as middleware, hot
// reload); `npm run build -w web` writes build/server and build/client for production.
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  root: import.meta.dirname,
  // The repository's PostCSS/Tailwind-free CSS is plain files; no config lookup outside web/.
  css: { postcss: {} },
  // Found only when a route is first compiled, these made the first page load reload once.
  optimizeDeps: { include: ['@remix-run/node', 'zod'] },
  plugins: [
    remix({
      appDirectory: 'app',
      // Another folder lets two checkouts' test runs build side by side (env.server.ts reads it too).
      buildDirectory: process.env.ROOST_WEB_BUILD_DIR ?? 'build',
      ignoredRouteFiles: ['**/*.server.*', '**/*.test.*', '**/*.css', '**/*.schema.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
});
