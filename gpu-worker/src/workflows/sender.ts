// Sends what workflows have due (private.workflow_sends, written by the database's triggers in
// the transaction of the booking or order that caused them; decision 031). Each due row is
// handled in ONE transaction: claimed with FOR UPDATE SKIP LOCKED, rendered, its mail queued into
// private.mail_outbox and the row marked sent. A worker killed mid-send rolls everything back and
// releases the row, so another worker (or this one, restarted) sends it exactly once; a worker
// that stalls is cut off by idle_in_transaction_session_timeout with the same outcome.
import type { Sql, TransactionSql } from 'postgres';
import type { RenderBookingMessage } from './render.ts';

export interface SendOptions {
  render: RenderBookingMessage;
  /** The web app's public URL: unsubscribe links point there. */
  siteUrl: string;
  /** Most rows handled in one call. */
  limit?: number;
  /** Attempts before a send that keeps failing is given up as failed. */
  maxAttempts?: number;
  /** The clock (tests move it instead of waiting); the database's now() by default. */
  now?: Date;
}

export interface SendSummary {
  sent: number;
  skipped: number;
  cancelled: number;
  failed: number;
  retried: number;
}

interface DueSend {
  id: string;
  property_id: string;
  workflow_id: string | null;
  action: 'email_guest' | 'email_staff' | 'email_address' | 'webhook';
  template: string;
  kind: 'event' | 'scheduled' | 'test';
  booking_id: string | null;
  order_id: string | null;
  recipient: string | null;
  attempts: number;
  workflow_active: boolean | null;
  recipient_email: string | null;
  webhook_endpoint_id: string | null;
  trigger: string;
  organization_id: string;
}

type Outcome =
  | { status: 'sent'; mailIds: string[]; recipient: string | null }
  | { status: 'skipped' | 'cancelled'; reason: string };

/** Template names whose mail is marketing: sent to a guest only with consent, with an unsubscribe link. */
export const MARKETING_TEMPLATES: ReadonlySet<string> = new Set(['post_stay_thank_you']);

/** A claimed send is released by Postgres when its worker stalls this long mid-send. */
const STALL_TIMEOUT = '60s';

export async function sendDueWorkflowMessages(sql: Sql, options: SendOptions): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, skipped: 0, cancelled: 0, failed: 0, retried: 0 };
  const limit = options.limit ?? 50;
  for (let handled = 0; handled < limit; handled++) {
    let claimedId: string | null = null;
    try {
      const outcome = await sql.begin(async (tx) => {
        await tx.unsafe(`set local idle_in_transaction_session_timeout = '${STALL_TIMEOUT}'`);
        const [due] = await tx<DueSend[]>`
          select s.id, s.organization_id, s.trigger::text as trigger, s.property_id, s.workflow_id, s.action, s.template, s.kind, s.booking_id, s.order_id,
            s.recipient, s.attempts, w.active as workflow_active, w.recipient_email::text as recipient_email,
            w.webhook_endpoint_id
          from private.workflow_sends s
          left join public.workflows w on w.id = s.workflow_id
          where s.status = 'scheduled' and s.due_at <= coalesce(${options.now ?? null}::timestamptz, now())
          order by s.due_at
          limit 1
          for update of s skip locked`;
        if (!due) return null;
        claimedId = due.id;
        const result = await handle(tx, due, options);
        if (result.status === 'sent') {
          await tx`
            update private.workflow_sends
            set status = 'sent', sent_at = now(), mail_ids = ${result.mailIds}, recipient = ${result.recipient},
              attempts = attempts + 1, last_error = null, updated_at = now()
            where id = ${due.id}`;
        } else {
          await tx`
            update private.workflow_sends
            set status = ${result.status}, reason = ${result.reason}, updated_at = now()
            where id = ${due.id}`;
        }
        return result.status;
      });
      if (outcome === null) break;
      summary[outcome] += 1;
    } catch (error) {
      // The transaction rolled back: nothing was queued. Count the attempt and retry later,
      // unless the connection itself is gone (then the row is simply due again).
      if (claimedId === null || isConnectionLoss(error)) throw error;
      const failed = await recordFailure(sql, claimedId, error, options.maxAttempts ?? 5);
      summary[failed ? 'failed' : 'retried'] += 1;
    }
  }
  return summary;
}

async function handle(tx: TransactionSql, due: DueSend, options: SendOptions): Promise<Outcome> {
  if (due.kind !== 'test' && due.workflow_active !== true) return { status: 'cancelled', reason: 'workflow_paused' };
  if (due.action === 'webhook') return queueWebhook(tx, due);
  const marketing = MARKETING_TEMPLATES.has(due.template);
  let recipients: string[];
  // The organization brands a sample message (a test-send without a booking).
  const extra: Record<string, unknown> = { organizationId: due.organization_id };
  if (due.order_id) extra.orderId = due.order_id;
  // The confirmation tells the guest where to ask for their data (decision 037).
  extra.dataRequestUrl = new URL('/data-request', options.siteUrl).toString();
  if (due.kind === 'test') {
    recipients = due.recipient ? [due.recipient] : [];
  } else if (due.action === 'email_guest') {
    const [guest] = await tx<{ id: string; email: string | null; marketing_consent: boolean }[]>`
      select g.id, g.email::text as email, g.marketing_consent
      from public.bookings b join public.guests g on g.id = b.guest_id
      where b.id = ${due.booking_id}`;
    if (!guest?.email) return { status: 'skipped', reason: 'no_guest_email' };
    if (marketing) {
      if (!guest.marketing_consent) return { status: 'skipped', reason: 'no_marketing_consent' };
      const [token] = await tx<{ token: string }[]>`select private.unsubscribe_token(${guest.id}) as token`;
      extra.unsubscribeUrl = new URL(`/unsubscribe/${token?.token}`, options.siteUrl).toString();
    }
    recipients = [guest.email];
  } else if (due.action === 'email_address') {
    recipients = due.recipient_email ? [due.recipient_email] : [];
  } else {
    const staff = await tx<{ email: string }[]>`
      select u.email::text as email from auth.users u
      where u.id = any (private.property_staff(${due.property_id})) and u.email is not null
      order by u.email`;
    recipients = staff.map((row) => row.email);
  }
  if (due.kind !== 'test' && due.booking_id === null && due.template !== 'order_ready') {
    return { status: 'skipped', reason: 'no_booking' };
  }
  if (recipients.length === 0) return { status: 'skipped', reason: 'no_recipient' };

  const message = await options.render(tx, { template: due.template, bookingId: due.booking_id, extra });
  const html =
    marketing && typeof extra.unsubscribeUrl === 'string'
      ? withUnsubscribe(message.html, extra.unsubscribeUrl)
      : message.html;
  const mailIds: string[] = [];
  for (const to of recipients) {
    // Reply-to and attachments (the templates' .ics and receipt PDF) only when the template has
    // them: the 7-argument enqueue_mail of decision 010 stays enough for plain messages.
    const replyTo = message.replyTo ? tx`, p_reply_to => ${message.replyTo}` : tx``;
    const attachments = message.attachments?.length
      ? tx`, p_attachments => ${tx.json(message.attachments.map(toOutboxAttachment))}`
      : tx``;
    const [row] = await tx<{ id: string }[]>`
      select private.enqueue_mail(p_to => ${to}, p_subject => ${message.subject}, p_html => ${html},
        p_text => ${message.text}, p_from => ${message.from ?? null}, p_template => ${message.template},
        p_tags => ${tx.json({ workflow_send: due.id })} ${replyTo} ${attachments}) as id`;
    if (row) mailIds.push(row.id);
  }
  return { status: 'sent', mailIds, recipient: recipients.join(', ').slice(0, 1000) };
}

/** The outbox's attachment shape (snake_case, base64 content) from the renderer's. */
function toOutboxAttachment(attachment: unknown): { filename: string; content_type: string; content: string } {
  const a = attachment as { filename: string; contentType?: string; content_type?: string; content: string };
  return {
    filename: a.filename,
    content_type: a.contentType ?? a.content_type ?? 'application/octet-stream',
    content: a.content,
  };
}

/** Webhook event type of each trigger; reminders have none among the webhook events (decision 030). */
const WEBHOOK_EVENT_OF_TRIGGER: Record<string, string> = {
  booking_created: 'booking.created',
  booking_modified: 'booking.updated',
  booking_cancelled: 'booking.cancelled',
  booking_no_show: 'booking.no_show',
  order_ready: 'order.status_changed',
};

/**
 * Queues the webhook into the organization webhooks' delivery outbox (private.emit_webhook_event,
 * decision 030) for the workflow's endpoint, in this same transaction: signed, retried and logged
 * by the webhook sender.
 */
async function queueWebhook(tx: TransactionSql, due: DueSend): Promise<Outcome> {
  const type = WEBHOOK_EVENT_OF_TRIGGER[due.trigger];
  if (!type) return { status: 'skipped', reason: 'no_webhook_event_type' };
  if (!due.webhook_endpoint_id) return { status: 'skipped', reason: 'no_webhook_endpoint' };
  const [row] = await tx<{ event_id: string | null }[]>`
    select private.emit_webhook_event(${due.organization_id}, ${type},
      case when ${due.order_id}::uuid is not null
        then (select private.webhook_order_data(o) from public.orders o where o.id = ${due.order_id})
        else (select private.webhook_booking_data(b) from public.bookings b where b.id = ${due.booking_id})
      end || jsonb_build_object('workflow', jsonb_build_object('id', ${due.workflow_id}::uuid, 'trigger', ${due.trigger}::text)),
      ${due.webhook_endpoint_id}) as event_id`;
  if (!row?.event_id) return { status: 'skipped', reason: 'webhook_endpoint_disabled' };
  return { status: 'sent', mailIds: [], recipient: `webhook event ${row.event_id}` };
}

/** Makes sure a marketing mail carries its unsubscribe link even if the template left it out. */
function withUnsubscribe(html: string, url: string): string {
  if (html.includes(url.replaceAll('&', '&amp;')) || html.includes(url)) return html;
  const footer = `<p style="font-size:12px;color:#666"><a href="${url}">Unsubscribe from these emails</a></p>`;
  return html.includes('</body>') ? html.replace('</body>', `${footer}</body>`) : html + footer;
}

async function recordFailure(sql: Sql, id: string, error: unknown, maxAttempts: number): Promise<boolean> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const [row] = await sql<{ status: string }[]>`
    update private.workflow_sends
    set attempts = attempts + 1, last_error = ${message}, updated_at = now(),
      status = case when attempts + 1 >= ${maxAttempts} then 'failed' else status end,
      due_at = now() + make_interval(secs => least(3600, 30 * power(2, attempts)))
    where id = ${id} and status = 'scheduled'
    returning status`;
  return row?.status === 'failed';
}

function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return (
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECTION_ENDED' ||
    code === 'CONNECTION_DESTROYED' ||
    code === '57P01' ||
    code === '25P03' ||
    code === 'ECONNRESET'
  );
}
