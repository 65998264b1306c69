// The sender as the worker process runs it (gpu-worker/src/main.ts): its own small pool as the
// database owner, settings from the environment. ROOST_WEBHOOKS=off leaves it out (a GPU-only
// machine when another process sends webhooks); ROOST_WEBHOOKS_ALLOW_PRIVATE_TARGETS=1 lets it
// reach loopback and private addresses (local stack and tests only, decision 030).
import type { Logger } from 'pino';
import postgres from 'postgres';
import { allowPrivateTargetsFromEnv, startWebhookSender } from './sender.ts';

export interface RunningWebhookSender {
  stop(): Promise<void>;
}

export function runWebhookSender(
  dbUrl: string,
  log: Logger,
  env: Record<string, string | undefined> = process.env,
): RunningWebhookSender {
  if ((env.ROOST_WEBHOOKS ?? '').toLowerCase() === 'off') return { stop: async () => {} };
  const sql = postgres(dbUrl, { max: 3, onnotice: () => {}, connection: { application_name: 'roost-webhooks' } });
  const allowPrivateTargets = allowPrivateTargetsFromEnv(env);
  const sender = startWebhookSender({
    sql,
    allowPrivateTargets,
    onError: (error) => log.error({ err: error }, 'webhook sender error'),
  });
  log.info({ allowPrivateTargets }, 'webhook sender started');
  return {
    async stop() {
      await sender.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
