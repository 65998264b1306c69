// The webhook sender: claims due deliveries (FOR UPDATE SKIP LOCKED, so any number of senders
// share the work), signs them with every valid secret of the endpoint (Standard Webhooks), POSTs
// with a timeout and no redirects to an address checked at connect time, and records the
// outcome. A failure is retried after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h (±10 % jitter: about
// 18 hours in all); after the last one the delivery has failed, and an endpoint whose
// `disableAfter` deliveries in a row failed is disabled and its admins emailed (in SQL).
// It wakes on the event function's NOTIFY and polls every second as a fallback.
import http from 'node:http';
import https from 'node:https';
import type { Sql } from 'postgres';
import { postWebhook } from './post.ts';
import { type ClaimedDelivery, claimDueDeliveries, recordFailure, recordSuccess, WEBHOOK_CHANNEL } from './queries.ts';
import { signWebhook } from './signing.ts';

/** Pauses after each failed attempt; one attempt more than there are delays. */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
];

export interface WebhookSenderOptions {
  sql: Sql;
  /** Reach private, loopback and link-local addresses: local and test only (decision 030). */
  allowPrivateTargets?: boolean;
  timeoutMs?: number;
  retryDelaysMs?: readonly number[];
  /** Jitter as a fraction of each delay (0.1: ±10 %). */
  jitter?: number;
  /** Consecutive failed deliveries (every retry spent) that disable an endpoint. */
  disableAfter?: number;
  batchSize?: number;
  pollIntervalMs?: number;
  /** How long a claimed delivery is reserved; longer than the timeout. */
  leaseMs?: number;
  random?: () => number;
  onError?: (error: unknown) => void;
  /** Called after each attempt (bench: commit-to-delivery latency). */
  onAttempt?: (delivery: ClaimedDelivery, ok: boolean) => void;
  /** Only send when tick() or drain() is called: no NOTIFY listener, no polling (tests). */
  manual?: boolean;
}

export interface WebhookSender {
  /** Claims and sends one batch now; resolves to the number of deliveries attempted. */
  tick(): Promise<number>;
  /** Sends until nothing is due. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** ROOST_WEBHOOKS_ALLOW_PRIVATE_TARGETS=1 (or true): the local stack and tests only. */
export function allowPrivateTargetsFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  return ['1', 'true'].includes((env.ROOST_WEBHOOKS_ALLOW_PRIVATE_TARGETS ?? '').toLowerCase());
}

/** The pause after attempt `attempt` (1-based), or null when it was the last. */
export function retryDelayMs(
  attempt: number,
  delays: readonly number[] = RETRY_DELAYS_MS,
  jitter = 0.1,
  random: () => number = Math.random,
): number | null {
  const base = delays[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

export function startWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { sql } = options;
  const allowPrivateTargets = options.allowPrivateTargets ?? allowPrivateTargetsFromEnv();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const jitter = options.jitter ?? 0.1;
  const disableAfter = options.disableAfter ?? 5;
  const batchSize = options.batchSize ?? 20;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? timeoutMs + 30_000;
  const random = options.random ?? Math.random;
  const onError = options.onError ?? ((error) => process.stderr.write(`webhooks: ${describe(error)}\n`));
  // Connections are reused per receiver (keep-alive), at most 16 at once to each.
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let wakeRequested = false;

  async function sendOne(delivery: ClaimedDelivery): Promise<void> {
    const headers = signWebhook(delivery.event_id, new Date(), delivery.body, delivery.secrets);
    const outcome = await postWebhook(delivery.url, { ...headers }, delivery.body, {
      timeoutMs,
      allowPrivateTargets,
      agents,
    });
    if (outcome.ok) {
      await recordSuccess(sql, delivery.id, outcome);
    } else {
      const delay = retryDelayMs(delivery.attempts, delays, jitter, random);
      await recordFailure(
        sql,
        delivery.id,
        outcome,
        delay === null ? null : new Date(Date.now() + delay),
        disableAfter,
      );
    }
    options.onAttempt?.(delivery, outcome.ok);
  }

  async function tick(): Promise<number> {
    const deliveries = await claimDueDeliveries(sql, batchSize, leaseMs);
    await Promise.all(deliveries.map((delivery) => sendOne(delivery).catch(onError)));
    return deliveries.length;
  }

  async function drain(): Promise<void> {
    while (!stopped && (await tick()) > 0) {}
  }

  // One pass at a time: a wake-up during a pass runs another pass right after it.
  function wake(): void {
    if (stopped || wakeRequested) return;
    wakeRequested = true;
    running = running.then(async () => {
      wakeRequested = false;
      if (stopped) return;
      try {
        await drain();
      } catch (error) {
        if (!stopped) onError(error);
      }
    });
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      wake();
      void running.then(schedule);
    }, pollIntervalMs);
  }

  const listening = options.manual
    ? Promise.resolve(undefined)
    : sql
        .listen(WEBHOOK_CHANNEL, () => wake())
        .catch((error: unknown) => {
          if (!stopped) onError(error);
          return undefined;
        });
  if (!options.manual) {
    wake();
    schedule();
  }

  return {
    tick,
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const listener = await listening;
      await listener?.unlisten().catch(() => {});
      await running;
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
