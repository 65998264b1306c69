// The property's orders in service, live: each line's kitchen status (a line the kitchen marked
// ready shows it at once), the totals as the database computed them, and the next step: serve,
// mark that the table asked for the bill, split the check by seat or by lines, take the payment
// (card or cash, recorded) and close, or charge to the room's folio or the table's tab. A table
// with several checks numbers them.
import { useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import type { InHouseStay, OpenOrder, TableChoice } from '../../data/pos.server.ts';
import { PAYMENT_METHODS } from './pos.schema.ts';

const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  preparing: 'Preparing',
  ready: 'Ready',
  served: 'Served',
  voided: 'Voided',
  submitted: 'Sent',
};

const METHOD_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = { card: 'Card', cash: 'Cash' };

interface Props {
  orders: OpenOrder[];
  tables: TableChoice[];
  stays: InHouseStay[];
  money: (minor: number) => string;
  timeZone: string;
}

/** "Table T1", or "Table T1 · check 2 of 3" when the table has several open checks. */
export function checkLabels(orders: OpenOrder[], tables: TableChoice[], stays: InHouseStay[]): Map<string, string> {
  const tableName = new Map(tables.map((t) => [t.id, t.name]));
  const stayLabel = new Map(stays.map((s) => [s.id, s.label]));
  const labels = new Map<string, string>();
  const perTable = new Map<string, OpenOrder[]>();
  for (const order of orders) {
    if (order.kind === 'table' && order.table_resource_id) {
      perTable.set(order.table_resource_id, [...(perTable.get(order.table_resource_id) ?? []), order]);
    }
  }
  for (const order of orders) {
    if (order.kind === 'table') {
      const name = `Table ${tableName.get(order.table_resource_id ?? '') ?? ''}`.trim();
      const checks = perTable.get(order.table_resource_id ?? '') ?? [order];
      labels.set(
        order.id,
        checks.length > 1 ? `${name} · check ${checks.indexOf(order) + 1} of ${checks.length}` : name,
      );
    } else if (order.kind === 'room') labels.set(order.id, stayLabel.get(order.booking_id ?? '') ?? 'Room service');
    else labels.set(order.id, order.guest_name ? `Counter · ${order.guest_name}` : 'Counter');
  }
  return labels;
}

export function OpenOrders({ orders, tables, stays, money, timeZone }: Props) {
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  const labels = checkLabels(orders, tables, stays);
  return (
    <section className="pos-open" aria-labelledby="pos-open-title">
      <h2 id="pos-open-title">In service ({orders.length})</h2>
      {orders.length === 0 ? (
        <p className="empty-state">No order is open. Orders you send appear here with their kitchen status.</p>
      ) : (
        <ul className="pos-open-list">
          {orders.map((order) => {
            const label = labels.get(order.id) ?? 'Order';
            return (
              <li
                key={order.id}
                className={`pos-ticket${order.bill_requested_at ? ' pos-ticket-bill' : ''}`}
                aria-label={`${label}, ${STATUS_LABELS[order.status] ?? order.status}${order.bill_requested_at ? ', bill requested' : ''}`}
              >
                <header className="pos-ticket-head">
                  <strong>{label}</strong>
                  <span className={`pos-badge pos-badge-${order.status}`}>
                    {STATUS_LABELS[order.status] ?? order.status}
                  </span>
                  {order.submitted_at ? (
                    <span className="muted">{time.format(new Date(order.submitted_at))}</span>
                  ) : null}
                </header>
                {order.bill_requested_at ? (
                  <p className="pos-bill-flag">Bill requested at {time.format(new Date(order.bill_requested_at))}</p>
                ) : null}
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
                <OrderActions order={order} label={label} money={money} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type Answer = { ok: boolean; message: string };

function OrderActions({ order, label, money }: { order: OpenOrder; label: string; money: (minor: number) => string }) {
  const fetcher = useFetcher<Answer>();
  const [splitting, setSplitting] = useState(false);
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
  const uncharged = !order.folio_id;
  const openLines = order.lines.filter((line) => line.status !== 'voided');
  return (
    <>
      <div className="pos-ticket-actions">
        {order.status === 'ready' ? button('served', 'Mark served') : null}
        {!order.bill_requested_at && order.kind !== 'room' ? button('request_bill', 'Bill requested') : null}
        {uncharged && openLines.length > 1 ? (
          <button
            type="button"
            className="button button-small"
            aria-expanded={splitting}
            onClick={() => setSplitting((open) => !open)}
          >
            {splitting ? 'Cancel split' : 'Split check'}
          </button>
        ) : null}
        {served && uncharged && order.kind === 'room' ? button('charge_room', 'Charge to room') : null}
        {served && uncharged && order.kind !== 'room' ? button('charge_tab', 'Add to tab') : null}
        {/* Closing without a payment only for a check already on a folio (paid there later). */}
        {served && !uncharged ? button('close', 'Close') : null}
      </div>
      {splitting ? <SplitForm order={order} label={label} onDone={() => setSplitting(false)} /> : null}
      {served && order.kind !== 'room' ? (
        <fetcher.Form method="post" className="pos-pay" aria-label={`Take payment for ${label}`}>
          <input type="hidden" name="order_id" value={order.id} />
          <fieldset className="pos-pay-methods">
            {/* On a tab, the payment is the tab's whole balance (other checks on it included). */}
            <legend>{order.folio_id ? 'Pay the table’s tab' : `Pay ${money(order.total_minor)}`}</legend>
            {PAYMENT_METHODS.map((method, index) => (
              <label key={method} className="pos-pay-method">
                <input type="radio" name="method" value={method} defaultChecked={index === 0} />
                {METHOD_LABELS[method]}
              </label>
            ))}
          </fieldset>
          <button
            type="submit"
            name="intent"
            value="settle"
            className="button button-primary button-small"
            disabled={busy}
          >
            Take payment and close
          </button>
        </fetcher.Form>
      ) : null}
      {/* The red flag already says the bill was requested; other answers are shown. */}
      {fetcher.data && !(fetcher.data.ok && order.bill_requested_at && fetcher.data.message === 'Bill requested.') ? (
        <p className={fetcher.data.ok ? 'muted' : 'field-errors'} role={fetcher.data.ok ? 'status' : 'alert'}>
          {fetcher.data.message}
        </p>
      ) : null}
    </>
  );
}

/** Chooses the lines of a new check: tick lines, or take a whole seat at once. */
function SplitForm({ order, label, onDone }: { order: OpenOrder; label: string; onDone: () => void }) {
  const fetcher = useFetcher<Answer>();
  const lines = order.lines.filter((line) => line.status !== 'voided');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const seats = [...new Set(lines.flatMap((line) => (line.seat ? [line.seat] : [])))].sort((a, b) => a - b);
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const takeSeat = (seat: number) => setChosen(new Set(lines.filter((line) => line.seat === seat).map((l) => l.id)));
  const leavesSomething = chosen.size > 0 && chosen.size < lines.length;
  const splitDone = fetcher.state === 'idle' && fetcher.data?.ok === true;
  useEffect(() => {
    if (splitDone) onDone();
  }, [splitDone, onDone]);
  return (
    <fetcher.Form method="post" className="pos-split" aria-label={`Split ${label}`}>
      <input type="hidden" name="order_id" value={order.id} />
      {seats.length > 1 ? (
        <div className="pos-split-seats">
          <span className="muted">By seat:</span>
          {seats.map((seat) => (
            <button key={seat} type="button" className="button button-small" onClick={() => takeSeat(seat)}>
              Seat {seat}
            </button>
          ))}
        </div>
      ) : null}
      <fieldset className="pos-split-lines">
        <legend>Lines for the new check</legend>
        {lines.map((line) => (
          <label key={line.id} className="pos-option">
            <input
              type="checkbox"
              name="item_id"
              value={line.id}
              checked={chosen.has(line.id)}
              onChange={() => toggle(line.id)}
            />
            {line.quantity} × {line.item_name}
            {line.seat ? ` · seat ${line.seat}` : ''}
          </label>
        ))}
      </fieldset>
      {chosen.size === lines.length ? <p className="field-errors">Leave at least one line on this check.</p> : null}
      <button
        type="submit"
        name="intent"
        value="split"
        className="button button-small"
        disabled={!leavesSomething || fetcher.state !== 'idle'}
      >
        Move to a new check
      </button>
      {fetcher.data && !fetcher.data.ok ? (
        <p className="field-errors" role="alert">
          {fetcher.data.message}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
