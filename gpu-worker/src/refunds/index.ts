// Guest refunds in the worker process (decision 036, session 5): the queue `guest_refunds`
// (created by migration 20261206200200) gets a job from pg-boss's cron every minute and from the
// database whenever a refund is queued (a desk cancellation, a manager's "try again"); each job
// is one sweep (sweep.ts). The queue is stately: at most one sweep waits and one runs, whichever
// worker takes it. Without STRIPE_SECRET_KEY the service is off (logged); ROOST_REFUNDS=off turns
// it off; ROOST_REFUNDS_CRON changes the schedule.
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import postgres, { type Sql } from 'postgres';
import type Stripe from 'stripe';
import { createStripeClient, stripeSettingsFromEnv } from './stripe-client.ts';
import { sweepRefunds } from './sweep.ts';

export const REFUNDS_QUEUE = 'guest_refunds';
export const DEFAULT_REFUNDS_CRON = '* * * * *';

export interface RefundService {
  stop(): Promise<void>;
}

export interface StartRefundsOptions {
  dbUrl: string;
  stripe: Stripe;
  log: Logger;
  cron?: string;
  pollingIntervalSeconds?: number;
}

export async function startRefunds(options: StartRefundsOptions): Promise<RefundService> {
  const { log } = options;
  const sql: Sql = postgres(options.dbUrl, {
    max: 2,
    onnotice: () => {},
    connection: { application_name: 'roost-refunds' },
  });
  const boss = new PgBoss({
    connectionString: options.dbUrl,
    schema: 'pgboss',
    migrate: false,
    max: 2,
    application_name: 'roost-refunds',
  });
  boss.on('error', (error) => log.error({ err: error }, 'refunds pg-boss error'));
  try {
    await boss.start();
    await boss.schedule(REFUNDS_QUEUE, options.cron ?? DEFAULT_REFUNDS_CRON);
    await boss.work(REFUNDS_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      const result = await sweepRefunds({ sql, stripe: options.stripe });
      if (result.requested + result.refused + result.unreachable > 0) log.info(result, 'refund sweep finished');
      if (result.refused + result.unreachable > 0) log.warn(result, 'refunds not taken by Stripe: retried later');
    });
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    await sql.end({ timeout: 1 });
    throw error;
  }
  log.info('guest refund sweep started');
  return {
    async stop() {
      await boss.stop({ graceful: true, timeout: 30_000 });
      await sql.end({ timeout: 5 });
    },
  };
}

/** As the worker process starts it: settings from the environment, or nothing when off. */
export async function runRefundService(
  settings: { dbUrl: string },
  log: Logger,
  env: Record<string, string | undefined> = process.env,
): Promise<RefundService> {
  if ((env.ROOST_REFUNDS ?? '').toLowerCase() === 'off') return { stop: async () => {} };
  const stripeSettings = stripeSettingsFromEnv(env);
  if (!stripeSettings) {
    log.warn('guest refunds off: STRIPE_SECRET_KEY is not set for the worker');
    return { stop: async () => {} };
  }
  return startRefunds({
    dbUrl: settings.dbUrl,
    stripe: createStripeClient(stripeSettings),
    log,
    ...(env.ROOST_REFUNDS_CRON ? { cron: env.ROOST_REFUNDS_CRON } : {}),
  });
}
