// An endpoint's deliveries, newest first: the event, its state, attempts, the next retry and the
// receiver's last answer; a finished delivery can be replayed (a new delivery, same event id).
import { Form } from '@remix-run/react';
import type { WebhookDelivery } from '../../data/webhooks.server.ts';
import { EVENT_LABELS } from '../o.$org.webhooks/webhooks.schema.ts';

const STATUS_LABELS: Record<WebhookDelivery['status'], string> = {
  queued: 'Waiting',
  succeeded: 'Delivered',
  failed: 'Failed',
};

export function DeliveryLog({ deliveries, when }: { deliveries: WebhookDelivery[]; when: Intl.DateTimeFormat }) {
  if (!deliveries.length) {
    return (
      <div className="empty-state">
        <p>
          <strong>Nothing sent yet.</strong> Send a test event, or wait for the next booking, order or payment of the
          events this endpoint receives.
        </p>
      </div>
    );
  }
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">State</th>
          <th scope="col" className="numeric">
            Attempts
          </th>
          <th scope="col">Next retry</th>
          <th scope="col">Last answer</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>
              {EVENT_LABELS[delivery.event_type] ?? delivery.event_type}
              <div className="cell-note">
                <code>{delivery.event_type}</code> · {when.format(new Date(delivery.created_at))}
                {delivery.replay_of ? ' · replay' : ''}
              </div>
            </td>
            <td>
              <span className={`badge badge-delivery-${delivery.status}`}>{STATUS_LABELS[delivery.status]}</span>
            </td>
            <td className="numeric">{delivery.attempts}</td>
            <td>{delivery.next_attempt_at ? when.format(new Date(delivery.next_attempt_at)) : '—'}</td>
            <td>
              {delivery.last_attempt_at ? (
                <>
                  {delivery.last_status_code ? `HTTP ${delivery.last_status_code}` : 'No answer'}
                  {delivery.last_latency_ms !== null ? (
                    <span className="muted"> · {delivery.last_latency_ms} ms</span>
                  ) : null}
                  {delivery.last_error || delivery.last_response_excerpt ? (
                    <div className="cell-note delivery-excerpt">
                      {delivery.status === 'succeeded' ? delivery.last_response_excerpt : delivery.last_error}
                    </div>
                  ) : null}
                </>
              ) : (
                <span className="muted">Not tried yet</span>
              )}
            </td>
            <td className="row-actions">
              {delivery.status !== 'queued' ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="replay" />
                  <input type="hidden" name="delivery_id" value={delivery.id} />
                  <button
                    type="submit"
                    className="button button-small"
                    aria-label={`Replay ${delivery.event_type} of ${when.format(new Date(delivery.created_at))}`}
                  >
                    Replay
                  </button>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
