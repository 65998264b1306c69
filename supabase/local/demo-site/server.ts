// The demo tenant website's server: one static page on its own origin (npm start serves it at
// http://localhost:8080, an origin on the demo widget keys' lists; browser tests serve it on
// another loopback address such as http://127.0.0.2:<port>). Nothing else.
import { createServer, type Server } from 'node:http';
import { type DemoSiteOptions, demoSitePage } from './page.ts';

export interface DemoSite {
  url: string;
  close(): Promise<void>;
}

export const DEMO_SITE_PORT = 8080;
/** The demo seed's widget keys (supabase/seed.sql). */
export const DEMO_KEYS = { hotelKey: 'wk_demo_harbour_hotel', kitchenKey: 'wk_demo_harbour_kitchen' };

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Serves the page on `hosts` (each a loopback address) at `port` (0: a free one, the same for all).
 * The page is built once; its URL uses `publicHost` (default the first host).
 */
export async function startDemoSite(
  options: DemoSiteOptions & { port?: number; hosts?: string[]; publicHost?: string },
): Promise<DemoSite> {
  const html = demoSitePage(options);
  const hosts = options.hosts ?? ['127.0.0.1'];
  const servers: Server[] = [];
  let port = options.port ?? DEMO_SITE_PORT;
  for (const host of hosts) {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      } else if (path === '/' || path === '/index.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : html);
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      }
    });
    try {
      await listen(server, port, host);
    } catch (error) {
      // ::1 may not exist (no IPv6): the other addresses still serve.
      if (host === '::1') continue;
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      throw error;
    }
    const address = server.address();
    if (port === 0 && typeof address === 'object' && address) port = address.port;
    servers.push(server);
  }
  const publicHost = options.publicHost ?? hosts[0] ?? '127.0.0.1';
  return {
    url: `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`,
    async close() {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/**
 * For `npm start`: the demo website at http://localhost:8080 for the web app at `appUrl`, its
 * line in the start-up output; a port already taken is reported and skipped, never fatal.
 */
export async function startLocalDemoSite(appUrl: string, log: (line: string) => void): Promise<DemoSite | null> {
  try {
    // localhost may resolve to either loopback; 127.0.0.2 is on the demo keys' lists too.
    const site = await startDemoSite({
      appUrl,
      ...DEMO_KEYS,
      hosts: ['127.0.0.1', '::1', '127.0.0.2'],
      publicHost: 'localhost',
    });
    log(`  Demo website ${site.url}  (Harbour View Hotel: stay, table and order widgets)`);
    return site;
  } catch (error) {
    log(`  Demo website not started: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
