// The order widget: the menu with modifiers → a basket → takeaway with a pickup time, or room
// service with the stay's booking reference and surname → the order number (and payment first
// when the server asks for it). The server prices the order; the basket total is an estimate.
import type { HeadersFunction } from '@remix-run/node';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  friendlyMessage,
  idempotencyKey,
  type Menu,
  type MenuItem,
  type Payment,
  type PlacedOrder,
} from '../../embed/api.ts';
import { useBridge } from '../../embed/bridge.ts';
import { useEmbed } from '../../embed/context.tsx';
import {
  Alert,
  checkGuest,
  Field,
  type GuestErrors,
  PaymentStep,
  StepHeading,
  useClock,
  useMoney,
} from '../../embed/ui.tsx';
import { zonedToInstant } from '../../utils/time-zones.ts';
import { addLine, type CartLine, cartTotal, groupProblem, setQuantity, unitPrice } from './cart.ts';

export const headers: HeadersFunction = ({ parentHeaders }) => parentHeaders;

/** Pickup times every 15 minutes from 20 minutes from now, for the next four hours, as instants. */
function pickupTimes(timeZone: string, now = new Date()): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const local = zonedToInstant(
    `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`,
    timeZone,
  );
  const offset = now.getTime() - local.getTime();
  const first = Math.ceil((local.getTime() + 20 * 60_000) / (15 * 60_000)) * 15 * 60_000;
  return Array.from({ length: 16 }, (_, index) => new Date(first + index * 15 * 60_000 + offset).toISOString());
}

type Stage =
  | { name: 'menu' }
  | { name: 'payment'; order: PlacedOrder; payment: Payment }
  | { name: 'done'; order: PlacedOrder; pickup: string | null };

export default function OrderWidget() {
  const { config, prefill, api } = useEmbed();
  const bridge = useBridge();
  const money = useMoney();
  const clock = useClock();
  const [menu, setMenu] = useState<Menu | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lines, setLines] = useState<CartLine[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [mode, setMode] = useState<'takeaway' | 'room_service'>('takeaway');
  const [times, setTimes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<GuestErrors & { reference?: string; surname?: string; basket?: string }>({});
  const [stage, setStage] = useState<Stage>({ name: 'menu' });
  const orderKey = useRef(idempotencyKey());

  useEffect(() => {
    setTimes(pickupTimes(config.property.time_zone));
    api
      .menu()
      .then((loaded) => {
        setMenu(loaded);
        bridge.emit('availabilityLoaded', { items: loaded.categories.reduce((sum, c) => sum + c.items.length, 0) });
      })
      .catch((failure) => setError(friendlyMessage(failure)));
  }, [api, bridge, config.property.time_zone]);

  const currency = menu?.currency ?? config.property.currency;
  const count = lines.reduce((sum, line) => sum + line.quantity, 0);

  async function place(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const guest = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      phone: String(form.get('phone') ?? ''),
      terms: true,
      marketing: false,
    };
    const found: typeof errors = checkGuest(guest);
    const reference = String(form.get('booking_reference') ?? '').trim();
    const surname = String(form.get('surname') ?? '').trim();
    if (mode === 'room_service' && !reference) found.reference = 'Enter the booking reference of your stay.';
    if (mode === 'room_service' && !surname) found.surname = 'Enter the surname the room is booked under.';
    if (lines.length === 0) found.basket = 'Add something to your order first.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const pickup = mode === 'takeaway' ? String(form.get('pickup_at') ?? '') : '';
    setBusy(true);
    setError(null);
    try {
      const order = await api.placeOrder(
        {
          mode,
          ...(pickup ? { pickup_at: pickup } : {}),
          ...(mode === 'room_service' ? { booking_reference: reference, surname } : {}),
          items: lines.map((line) => ({
            item_id: line.item.id,
            quantity: line.quantity,
            ...(line.optionIds.length ? { modifier_ids: line.optionIds } : {}),
          })),
          guest: {
            name: guest.name.trim(),
            email: guest.email.trim(),
            ...(guest.phone.trim() ? { phone: guest.phone.trim() } : {}),
          },
        },
        orderKey.current,
      );
      if (order.payment) setStage({ name: 'payment', order, payment: order.payment });
      else done(order, pickup || null);
    } catch (failure) {
      setError(friendlyMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  function done(order: PlacedOrder, pickup: string | null) {
    setStage({ name: 'done', order, pickup });
    bridge.emit('orderPlaced', {
      order_id: order.order_id,
      number: order.number,
      total_minor: order.total_minor,
      currency,
    });
    orderKey.current = idempotencyKey();
  }

  if (stage.name === 'done') {
    return (
      <section className="w-card" aria-labelledby="w-title">
        <header className="w-header">
          <p className="w-eyebrow">{config.property.name}</p>
          <h1 id="w-title">Thank you</h1>
        </header>
        <div className="w-done">
          <div className="w-done-mark" aria-hidden="true">
            ✓
          </div>
          <StepHeading>Order {stage.order.number} is in the kitchen</StepHeading>
          <p>
            Total <strong>{money(stage.order.total_minor, stage.order.currency ?? currency)}</strong>
            {stage.pickup ? ` · pick it up at ${clock(stage.pickup)}` : ''}
          </p>
          <button
            type="button"
            className="w-button w-button-quiet"
            onClick={() => {
              setLines([]);
              setStage({ name: 'menu' });
            }}
          >
            Start a new order
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="w-card" aria-labelledby="w-title">
      <header className="w-header">
        <p className="w-eyebrow">{config.property.name}</p>
        <h1 id="w-title">Order food</h1>
      </header>
      {error ? <Alert>{error}</Alert> : null}
      {stage.name === 'payment' ? (
        <div>
          <StepHeading>Payment for order {stage.order.number}</StepHeading>
          <PaymentStep
            payment={stage.payment}
            check={async () => {
              const status = await api.orderStatus(stage.order.order_id);
              if (status.payment_status === 'paid' || status.status === 'paid') return 'paid';
              return status.payment_status === 'failed' ? 'failed' : 'pending';
            }}
            onPaid={() => done(stage.order, null)}
            onFailed={(reason) => bridge.emit('paymentFailed', { order_id: stage.order.order_id, reason })}
          />
        </div>
      ) : !menu ? (
        error ? null : (
          <p className="w-status" role="status">
            <span className="w-spinner" aria-hidden="true" /> Loading the menu…
          </p>
        )
      ) : (
        <>
          {menu.categories.length > 1 ? (
            <nav className="w-tabs" aria-label="Menu sections">
              {menu.categories.map((category) => (
                <a key={category.id} href={`#cat-${category.id}`}>
                  {category.name}
                </a>
              ))}
            </nav>
          ) : null}
          {menu.categories.map((category) => (
            <section
              key={category.id}
              id={`cat-${category.id}`}
              className="w-menu-section"
              aria-labelledby={`cat-h-${category.id}`}
            >
              <h2 id={`cat-h-${category.id}`}>{category.name}</h2>
              <ul className="w-menu">
                {category.items.map((item) => (
                  <li key={item.id} className="w-menu-item">
                    <div className="w-menu-item-head">
                      <div>
                        <h3>{item.name}</h3>
                        {item.description ? <p className="w-muted w-small">{item.description}</p> : null}
                      </div>
                      <div className="w-menu-item-buy">
                        <span className="w-price-small">{money(item.price_minor, currency)}</span>
                        <button
                          type="button"
                          className="w-button w-button-small"
                          aria-expanded={item.modifier_groups.length ? open === item.id : undefined}
                          aria-label={`Add ${item.name}`}
                          onClick={() => {
                            if (item.modifier_groups.length) setOpen(open === item.id ? null : item.id);
                            else setLines((current) => addLine(current, item, [], 1));
                          }}
                        >
                          Add
                        </button>
                      </div>
                    </div>
                    {open === item.id ? (
                      <ItemOptions
                        item={item}
                        currency={currency}
                        onAdd={(optionIds, quantity) => {
                          setLines((current) => addLine(current, item, optionIds, quantity));
                          setOpen(null);
                        }}
                        onCancel={() => setOpen(null)}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}

          <form className="w-checkout" onSubmit={place} noValidate aria-labelledby="w-basket">
            <h2 id="w-basket">Your order{count ? ` (${count})` : ''}</h2>
            {lines.length === 0 ? (
              <p className="w-empty">Your basket is empty: add dishes from the menu above.</p>
            ) : (
              <ul className="w-basket">
                {lines.map((line) => {
                  const options = line.item.modifier_groups
                    .flatMap((group) => group.options)
                    .filter((option) => line.optionIds.includes(option.id))
                    .map((option) => option.name);
                  return (
                    <li key={line.key} className="w-basket-line">
                      <div>
                        <span>{line.item.name}</span>
                        {options.length ? <span className="w-small w-muted"> · {options.join(', ')}</span> : null}
                      </div>
                      <div className="w-qty">
                        <button
                          type="button"
                          aria-label={`One less ${line.item.name}`}
                          onClick={() => setLines((c) => setQuantity(c, line.key, line.quantity - 1))}
                        >
                          −
                        </button>
                        <span aria-live="polite">{line.quantity}</span>
                        <button
                          type="button"
                          aria-label={`One more ${line.item.name}`}
                          onClick={() => setLines((c) => setQuantity(c, line.key, line.quantity + 1))}
                        >
                          +
                        </button>
                      </div>
                      <span className="w-basket-price">
                        {money(unitPrice(line.item, line.optionIds) * line.quantity, currency)}
                      </span>
                    </li>
                  );
                })}
                <li className="w-basket-line w-basket-total">
                  <span>Estimated total</span>
                  <strong>{money(cartTotal(lines), currency)}</strong>
                </li>
              </ul>
            )}
            {errors.basket ? <p className="w-error">{errors.basket}</p> : null}
            <fieldset className="w-modes">
              <legend>How would you like it?</legend>
              <label className="w-choice">
                <input
                  type="radio"
                  name="mode"
                  value="takeaway"
                  checked={mode === 'takeaway'}
                  onChange={() => setMode('takeaway')}
                />
                Takeaway
              </label>
              <label className="w-choice">
                <input
                  type="radio"
                  name="mode"
                  value="room_service"
                  checked={mode === 'room_service'}
                  onChange={() => setMode('room_service')}
                />
                Room service (hotel guests)
              </label>
            </fieldset>
            {mode === 'takeaway' ? (
              <Field label="Pickup time">
                {(props) => (
                  <select {...props} name="pickup_at">
                    {times.map((time) => (
                      <option key={time} value={time}>
                        {clock(time)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <div className="w-row">
                <Field label="Booking reference" error={errors.reference}>
                  {(props) => (
                    <input
                      {...props}
                      name="booking_reference"
                      autoComplete="off"
                      defaultValue={prefill.reference ?? ''}
                    />
                  )}
                </Field>
                <Field label="Surname on the booking" error={errors.surname}>
                  {(props) => <input {...props} name="surname" autoComplete="family-name" />}
                </Field>
              </div>
            )}
            <Field label="Full name" error={errors.name}>
              {(props) => <input {...props} name="name" autoComplete="name" defaultValue={prefill.name ?? ''} />}
            </Field>
            <div className="w-row">
              <Field label="Email" error={errors.email}>
                {(props) => (
                  <input {...props} name="email" type="email" autoComplete="email" defaultValue={prefill.email ?? ''} />
                )}
              </Field>
              <Field label="Phone (optional)" error={errors.phone}>
                {(props) => <input {...props} name="phone" type="tel" autoComplete="tel" />}
              </Field>
            </div>
            <button type="submit" className="w-button w-button-primary w-button-wide" disabled={busy}>
              {busy
                ? 'Placing your order…'
                : `Place order${lines.length ? ` · ${money(cartTotal(lines), currency)}` : ''}`}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

function ItemOptions({
  item,
  currency,
  onAdd,
  onCancel,
}: {
  item: MenuItem;
  currency: string;
  onAdd: (optionIds: string[], quantity: number) => void;
  onCancel: () => void;
}) {
  const money = useMoney();
  const [chosen, setChosen] = useState<string[]>([]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [quantity, setQuantityValue] = useState(1);
  const toggle = (groupId: string, optionId: string, single: boolean) => {
    const group = item.modifier_groups.find((g) => g.id === groupId);
    if (!group) return;
    const others = group.options.map((o) => o.id);
    setChosen((current) =>
      single
        ? [...current.filter((id) => !others.includes(id)), optionId]
        : current.includes(optionId)
          ? current.filter((id) => id !== optionId)
          : [...current, optionId],
    );
  };
  const add = () => {
    const found: Record<string, string> = {};
    for (const group of item.modifier_groups) {
      const problem = groupProblem(group, chosen);
      if (problem) found[group.id] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length === 0) onAdd(chosen, quantity);
  };
  return (
    <div className="w-options">
      {item.modifier_groups.map((group) => {
        const single = group.max === 1;
        return (
          <fieldset key={group.id} aria-describedby={problems[group.id] ? `p-${group.id}` : undefined}>
            <legend>
              {group.name}{' '}
              <span className="w-small w-muted">
                {group.min > 0 ? 'required' : 'optional'}
                {group.max > 1 ? `, up to ${group.max}` : ''}
              </span>
            </legend>
            {group.options.map((option) => (
              <label key={option.id} className="w-choice">
                <input
                  type={single ? 'radio' : 'checkbox'}
                  name={`group-${item.id}-${group.id}`}
                  checked={chosen.includes(option.id)}
                  onChange={() => toggle(group.id, option.id, single)}
                />
                {option.name}
                {option.price_minor ? (
                  <span className="w-muted w-small">
                    {' '}
                    {option.price_minor > 0 ? '+' : ''}
                    {money(option.price_minor, currency)}
                  </span>
                ) : null}
              </label>
            ))}
            {problems[group.id] ? (
              <p className="w-error" id={`p-${group.id}`}>
                {problems[group.id]}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="w-actions">
        <div className="w-qty">
          <button type="button" aria-label="One less" onClick={() => setQuantityValue((q) => Math.max(1, q - 1))}>
            −
          </button>
          <span>{quantity}</span>
          <button type="button" aria-label="One more" onClick={() => setQuantityValue((q) => Math.min(99, q + 1))}>
            +
          </button>
        </div>
        <button type="button" className="w-button w-button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="w-button w-button-primary" onClick={add}>
          Add · {money(unitPrice(item, chosen) * quantity, currency)}
        </button>
      </div>
    </div>
  );
}
