// Refuses to start on a port someone else holds: a second installation on one machine used to
// leave its worker restarting forever while :9464/health answered for the other installation.
import { createServer } from 'node:net';

/** Whether nothing listens on 127.0.0.1:`port` (a listen there succeeds). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Throws one clear message naming every configured port that is taken (and the setting that
 * names it), so the user can free it or change supabase/config.toml. `waitMs` allows for a
 * previous owner's parts that are still letting go of theirs.
 */
export async function assertPortsFree(ports: { name: string; port: number }[], waitMs = 0): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const taken: { name: string; port: number }[] = [];
    for (const entry of ports) if (!(await portIsFree(entry.port))) taken.push(entry);
    if (taken.length === 0) return;
    if (Date.now() >= deadline) {
      const list = taken.map(({ name, port }) => `${port} (${name})`).join(', ');
      throw new PortTakenError(
        `Port ${list} ${taken.length === 1 ? 'is' : 'are'} in use by another program. ` +
          'Stop it, or give Roost other ports in supabase/config.toml.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export class PortTakenError extends Error {
  override name = 'PortTakenError';
}
