// The property's orders in service, live: each line's kitchen status (a line the kitchen marked
// ready shows it at once), the totals as the database computed them, and the next step: serve,
// charge to the room's folio or a table tab, close.
import { useFetcher } from '@remix-run/react';
import type { InHouseStay, OpenOrder, TableChoice } from '../../data/pos.server.ts';

const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  preparing: 'Preparing',
  ready: 'Ready',
  served: 'Served',
  voided: 'Voided',
  submitted: 'Sent',
};

interface Props {
  orders: OpenOrder[];
  tables: TableChoice[];
  stays: InHouseStay[];
  money: (minor: number) => string;
  timeZone: string;
}

export function OpenOrders({ orders, tables, stays, money, timeZone }: Props) {
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  const tableName = new Map(tables.map((t) => [t.id, t.name]));
  const stayLabel = new Map(stays.map((s) => [s.id, s.label]));
  const label = (order: OpenOrder): string => {
    if (order.kind === 'table') return `Table ${tableName.get(order.table_resource_id ?? '') ?? ''}`.trim();
    if (order.kind === 'room') return stayLabel.get(order.booking_id ?? '') ?? 'Room service';
    return order.guest_name ? `Counter · ${order.guest_name}` : 'Counter';
  };
  return (
    <section className="pos-open" aria-labelledby="pos-open-title">
      <h2 id="pos-open-title">In service ({orders.length})</h2>
      {orders.length === 0 ? (
        <p className="empty-state">No order is open. Orders you send appear here with their kitchen status.</p>
      ) : (
        <ul className="pos-open-list">
          {orders.map((order) => (
            <li
              key={order.id}
              className="pos-ticket"
              aria-label={`${label(order)}, ${STATUS_LABELS[order.status] ?? order.status}`}
            >
              <header className="pos-ticket-head">
                <strong>{label(order)}</strong>
                <span className={`pos-badge pos-badge-${order.status}`}>
                  {STATUS_LABELS[order.status] ?? order.status}
                </span>
                {order.submitted_at ? <span className="muted">{time.format(new Date(order.submitted_at))}</span> : null}
              </header>
              <ul className="pos-ticket-lines">
                {order.lines.map((line) => (
                  <li key={line.id} className={`pos-ticket-line pos-ticket-line-${line.status}`}>
                    <span>
                      {line.quantity} × {line.item_name}
                      {line.options.length ? (
                        <span className="muted"> · {line.options.map((o) => o.name).join(', ')}</span>
                      ) : null}
                      {line.seat ? <span className="muted"> · seat {line.seat}</span> : null}
                      {line.note ? <span className="muted"> · “{line.note}”</span> : null}
                    </span>
                    <span className={`pos-badge pos-badge-${line.status}`}>
                      {STATUS_LABELS[line.status] ?? line.status}
                    </span>
                  </li>
                ))}
              </ul>
              <dl className="pos-ticket-totals">
                <dt>Subtotal</dt>
                <dd>{money(order.subtotal_minor)}</dd>
                {order.discount_minor > 0 ? (
                  <>
                    <dt>Discount</dt>
                    <dd>−{money(order.discount_minor)}</dd>
                  </>
                ) : null}
                <dt>{order.prices_include_tax ? 'Tax (included)' : 'Tax'}</dt>
                <dd>{money(order.tax_minor)}</dd>
                {order.service_charge_minor > 0 ? (
                  <>
                    <dt>Service</dt>
                    <dd>{money(order.service_charge_minor)}</dd>
                  </>
                ) : null}
                <dt>Total</dt>
                <dd>
                  <strong>{money(order.total_minor)}</strong>
                </dd>
              </dl>
              <OrderActions order={order} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OrderActions({ order }: { order: OpenOrder }) {
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  const busy = fetcher.state !== 'idle';
  const button = (intent: string, text: string) => (
    <fetcher.Form method="post" key={intent}>
      <input type="hidden" name="order_id" value={order.id} />
      <button type="submit" name="intent" value={intent} className="button button-small" disabled={busy}>
        {text}
      </button>
    </fetcher.Form>
  );
  const served = order.status === 'served';
  return (
    <div className="pos-ticket-actions">
      {order.status === 'ready' ? button('served', 'Mark served') : null}
      {served && !order.folio_id && order.kind === 'room' ? button('charge_room', 'Charge to room') : null}
      {served && !order.folio_id && order.kind !== 'room' ? button('charge_tab', 'Add to tab') : null}
      {served ? button('close', 'Close') : null}
      {fetcher.data ? (
        <p className={fetcher.data.ok ? 'muted' : 'field-errors'} role={fetcher.data.ok ? 'status' : 'alert'}>
          {fetcher.data.message}
        </p>
      ) : null}
    </div>
  );
}
