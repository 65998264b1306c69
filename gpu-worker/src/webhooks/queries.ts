// Every SQL statement of the webhook sender. It connects as the database owner (the tables are
// in `private`); the outcome functions are SQL so that "failed for good → count → disable →
// email the admins" happens in one transaction (supabase/migrations/20261206160300_webhooks.sql).
import type { Sql } from 'postgres';

/** Postgres channel the event function notifies (at commit). */
export const WEBHOOK_CHANNEL = 'roost_webhooks';

export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  event_id: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
  url: string;
  body: string;
  secrets: string[];
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints: counts the attempt and moves the next
 * attempt past the lease, so other senders skip them and a sender that dies mid-send leaves them
 * due again. A delivery that succeeded is never claimed again (status is no longer queued).
 */
export function claimDueDeliveries(sql: Sql, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return sql<ClaimedDelivery[]>`
    update private.webhook_deliveries d
    set attempts = d.attempts + 1,
        next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    from private.webhook_endpoints e, private.webhook_events ev
    where d.id in (
      select x.id from private.webhook_deliveries x
      join private.webhook_endpoints xe on xe.id = x.endpoint_id
      where x.status = 'queued' and x.next_attempt_at <= now() and xe.enabled
      order by x.next_attempt_at
      limit ${limit}
      for update of x skip locked
    )
      and e.id = d.endpoint_id and ev.id = d.event_id
    returning d.id, d.endpoint_id, d.event_id, d.attempts, e.url, ev.payload::text as body,
      array(select s.secret from private.webhook_secrets s
            where s.endpoint_id = e.id and (s.expires_at is null or s.expires_at > now())
            order by s.created_at desc) as secrets`;
}

export async function recordSuccess(
  sql: Sql,
  id: string,
  outcome: { statusCode: number | null; latencyMs: number; excerpt: string | null },
): Promise<void> {
  await sql`select private.webhook_delivery_succeeded(${id}, ${outcome.statusCode}, ${outcome.latencyMs}, ${outcome.excerpt})`;
}

export async function recordFailure(
  sql: Sql,
  id: string,
  outcome: { statusCode: number | null; latencyMs: number; excerpt: string | null; error: string | null },
  retryAt: Date | null,
  disableAfter: number,
): Promise<void> {
  await sql`
    select private.webhook_delivery_failed(${id}, ${outcome.statusCode}, ${outcome.latencyMs}, ${outcome.excerpt},
      ${outcome.error ?? 'failed'}, ${retryAt}, ${disableAfter})`;
}
