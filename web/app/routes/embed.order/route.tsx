// The order widget: the menu with modifiers → a basket → takeaway with a pickup time from the
// kitchen's list, or room service with the stay's booking reference and surname → guest details
// → the order. A takeaway is paid first (the payment step of the stay widget; the order reaches
// the kitchen only when the server hears from Stripe); room service goes on the room's bill.
// Then the order number and its live status, asked of the server every few seconds. The server
// prices the order; the basket total is an estimate (decision 042).
import type { HeadersFunction } from '@remix-run/node';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  idempotencyKey,
  type Menu,
  type MenuItem,
  type OrderStatus,
  type Payment,
  type PlacedOrder,
} from '../../embed/api.ts';
import { useBridge } from '../../embed/bridge.ts';
import { useEmbed } from '../../embed/context.tsx';
import { errorKey, useWidgetText } from '../../embed/text.ts';
import {
  Alert,
  checkGuest,
  Field,
  type GuestErrors,
  PaymentStep,
  StepHeading,
  useClock,
  useMoney,
  WidgetCard,
} from '../../embed/ui.tsx';
import { addLine, type CartLine, cartTotal, groupProblem, setQuantity, unitPrice } from './cart.ts';
import { dayOffset, isFinal, orderProgress, PROGRESS_STEPS, progressLabel, stepKey } from './progress.ts';

export const headers: HeadersFunction = ({ parentHeaders }) => parentHeaders;

type Stage =
  | { name: 'menu' }
  | { name: 'payment'; order: PlacedOrder; payment: Payment }
  | { name: 'done'; order: PlacedOrder };

type Mode = 'takeaway' | 'room_service';

export default function OrderWidget() {
  const { config, prefill, api } = useEmbed();
  const t = useWidgetText();
  const bridge = useBridge();
  const money = useMoney();
  const [menu, setMenu] = useState<Menu | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lines, setLines] = useState<CartLine[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(prefill.reference ? 'room_service' : 'takeaway');
  const [times, setTimes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<GuestErrors & { reference?: string; surname?: string; basket?: string }>({});
  const [stage, setStage] = useState<Stage>({ name: 'menu' });
  const orderKey = useRef(idempotencyKey());

  useEffect(() => {
    api
      .menu()
      .then((loaded) => {
        setMenu(loaded);
        bridge.emit('availabilityLoaded', { items: loaded.categories.reduce((sum, c) => sum + c.items.length, 0) });
      })
      .catch((failure) => setError(t(errorKey(failure))));
    api
      .pickupTimes()
      .then((answer) => setTimes(answer.times))
      .catch(() => setTimes([]));
  }, [api, bridge, t]);

  const currency = menu?.currency ?? config.property.currency;
  const count = lines.reduce((sum, line) => sum + line.quantity, 0);
  const pickupLabel = usePickupLabel();

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
    const found: typeof errors = checkGuest(guest, t);
    const reference = String(form.get('booking_reference') ?? '')
      .trim()
      .toUpperCase();
    const surname = String(form.get('surname') ?? '').trim();
    const pickup = mode === 'takeaway' ? String(form.get('pickup_at') ?? '') : '';
    if (mode === 'room_service' && !/^[A-Z0-9]{8}$/.test(reference)) found.reference = t('order.error.reference');
    if (mode === 'room_service' && !surname) found.surname = t('order.error.surname');
    if (lines.length === 0) found.basket = t('order.error.basket');
    setErrors(found);
    if (Object.keys(found).length) return;
    if (mode === 'takeaway' && !pickup) return setError(t('order.noTimeLeft'));
    setBusy(true);
    setError(null);
    setNotice(null);
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
      else done(order);
    } catch (failure) {
      setError(t(errorKey(failure)));
    } finally {
      setBusy(false);
    }
  }

  function done(order: PlacedOrder) {
    setStage({ name: 'done', order });
    bridge.emit('orderPlaced', {
      order_id: order.order_id,
      number: order.number,
      mode: order.mode,
      total_minor: order.total_minor,
      currency: order.currency,
      ...(order.pickup_at ? { pickup_at: order.pickup_at } : {}),
    });
    orderKey.current = idempotencyKey();
  }

  /** Back to the basket (kept) after a payment that did not happen; a new attempt gets a new key. */
  function backToBasket(message: string) {
    orderKey.current = idempotencyKey();
    setNotice(message);
    setStage({ name: 'menu' });
  }

  if (stage.name === 'done') {
    return (
      <OrderConfirmation
        order={stage.order}
        onNewOrder={() => {
          setLines([]);
          setStage({ name: 'menu' });
        }}
      />
    );
  }

  return (
    <WidgetCard title={t(stage.name === 'payment' ? 'order.payTitle' : 'order.title')}>
      {error ? <Alert>{error}</Alert> : null}
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {stage.name === 'payment' ? (
        <div>
          <StepHeading>{t('order.number', { number: stage.order.number })}</StepHeading>
          <p>
            {t.rich('order.payIntro', {
              time: <strong>{lowerFirst(pickupLabel(stage.order.pickup_at ?? ''))}</strong>,
            })}
          </p>
          {stage.order.pay_by ? (
            <PayBy payBy={stage.order.pay_by} onExpired={() => backToBasket(t('order.payRanOut'))} />
          ) : null}
          <OrderTotals order={stage.order} />
          <PaymentStep
            payment={stage.payment}
            check={async () => {
              const status = await api.orderStatus(stage.order.order_id, stage.order.order_token);
              if (status.payment_status === 'paid' && status.status !== 'voided') return 'paid';
              if (['expired', 'voided'].includes(status.status) || status.payment_status === 'failed') return 'failed';
              return 'pending';
            }}
            onPaid={() => done(stage.order)}
            onFailed={(reason) => bridge.emit('paymentFailed', { order_id: stage.order.order_id, reason })}
          />
          <button type="button" className="w-button w-button-quiet" onClick={() => backToBasket(t('order.basketKept'))}>
            {t('order.backToBasket')}
          </button>
        </div>
      ) : !menu ? (
        error ? null : (
          <p className="w-status" role="status">
            <span className="w-spinner" aria-hidden="true" /> {t('order.loadingMenu')}
          </p>
        )
      ) : menu.categories.length === 0 ? (
        <p className="w-empty">{t('order.nothingOnline')}</p>
      ) : (
        <>
          {menu.categories.length > 1 ? (
            <nav className="w-tabs" aria-label={t('order.menuSections')}>
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
                          aria-label={t('order.addItem', { item: item.name })}
                          onClick={() => {
                            if (item.modifier_groups.length) setOpen(open === item.id ? null : item.id);
                            else setLines((current) => addLine(current, item, [], 1));
                          }}
                        >
                          {t('order.add')}
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
            <h2 id="w-basket">{count ? t('order.basketCount', { count }) : t('order.basket')}</h2>
            {lines.length === 0 ? (
              <p className="w-empty">{t('order.basketEmpty')}</p>
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
                          aria-label={t('order.oneLessOf', { item: line.item.name })}
                          onClick={() => setLines((c) => setQuantity(c, line.key, line.quantity - 1))}
                        >
                          −
                        </button>
                        <span aria-live="polite">{line.quantity}</span>
                        <button
                          type="button"
                          aria-label={t('order.oneMoreOf', { item: line.item.name })}
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
                  <span>{t('order.items')}</span>
                  <strong>{money(cartTotal(lines), currency)}</strong>
                </li>
              </ul>
            )}
            {lines.length ? <p className="w-hint">{t('order.taxHint')}</p> : null}
            {errors.basket ? <p className="w-error">{errors.basket}</p> : null}
            <fieldset className="w-modes">
              <legend>{t('order.how')}</legend>
              <label className="w-choice">
                <input
                  type="radio"
                  name="mode"
                  value="takeaway"
                  checked={mode === 'takeaway'}
                  onChange={() => setMode('takeaway')}
                />
                {t('order.takeaway')}
              </label>
              <label className="w-choice">
                <input
                  type="radio"
                  name="mode"
                  value="room_service"
                  checked={mode === 'room_service'}
                  onChange={() => setMode('room_service')}
                />
                {t('order.roomServiceChoice')}
              </label>
            </fieldset>
            {mode === 'room_service' ? <p className="w-hint">{t('order.roomBillHint')}</p> : null}
            {mode === 'takeaway' ? (
              times === null ? (
                <p className="w-status" role="status">
                  <span className="w-spinner" aria-hidden="true" /> {t('order.loadingTimes')}
                </p>
              ) : times.length === 0 ? (
                <p className="w-empty">{t('order.noTimes')}</p>
              ) : (
                <Field label={t('order.pickupTime')} hint={t('order.pickupHint')}>
                  {(props) => (
                    <select {...props} name="pickup_at">
                      {times.map((time) => (
                        <option key={time} value={time}>
                          {pickupLabel(time)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )
            ) : (
              <div className="w-row">
                <Field label={t('order.reference')} hint={t('order.referenceHint')} error={errors.reference}>
                  {(props) => (
                    <input
                      {...props}
                      name="booking_reference"
                      autoComplete="off"
                      defaultValue={prefill.reference ?? ''}
                    />
                  )}
                </Field>
                <Field label={t('order.surname')} error={errors.surname}>
                  {(props) => <input {...props} name="surname" autoComplete="family-name" />}
                </Field>
              </div>
            )}
            <Field label={t('guest.name')} error={errors.name}>
              {(props) => <input {...props} name="name" autoComplete="name" defaultValue={prefill.name ?? ''} />}
            </Field>
            <div className="w-row">
              <Field label={t('guest.email')} error={errors.email}>
                {(props) => (
                  <input {...props} name="email" type="email" autoComplete="email" defaultValue={prefill.email ?? ''} />
                )}
              </Field>
              <Field label={t('guest.phone')} error={errors.phone}>
                {(props) => <input {...props} name="phone" type="tel" autoComplete="tel" />}
              </Field>
            </div>
            <button type="submit" className="w-button w-button-primary w-button-wide" disabled={busy}>
              {t(busy ? 'order.placing' : mode === 'takeaway' ? 'order.continueToPayment' : 'order.place')}
            </button>
          </form>
        </>
      )}
    </WidgetCard>
  );
}

/** "today, 19:15" inside a sentence (German keeps "Uhr", French "aujourd'hui"). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}

/** "Today, 19:15" or "Tomorrow, 11:00" in the property's time zone. */
function usePickupLabel(): (instant: string) => string {
  const { config } = useEmbed();
  const t = useWidgetText();
  const clock = useClock();
  return (instant) =>
    t(dayOffset(instant, config.property.time_zone) > 0 ? 'order.tomorrow' : 'order.today', { time: clock(instant) });
}

/** When the payment must arrive; past it the draft is dropped (the server expires it too). */
function PayBy({ payBy, onExpired }: { payBy: string; onExpired: () => void }) {
  const t = useWidgetText();
  const clock = useClock();
  const expired = useRef(onExpired);
  expired.current = onExpired;
  useEffect(() => {
    const timer = setTimeout(() => expired.current(), Math.max(0, Date.parse(payBy) - Date.now()));
    return () => clearTimeout(timer);
  }, [payBy]);
  return <p className="w-hint">{t.rich('order.payBy', { time: <strong>{clock(payBy)}</strong> })}</p>;
}

/** The order number, where the order is (asked of the server every few seconds) and what it holds. */
function OrderConfirmation({ order, onNewOrder }: { order: PlacedOrder; onNewOrder: () => void }) {
  const { api } = useEmbed();
  const t = useWidgetText();
  const pickupLabel = usePickupLabel();
  const [status, setStatus] = useState<OrderStatus>(order);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const next = await api.orderStatus(order.order_id, order.order_token).catch(() => null);
      if (stopped) return;
      if (next) setStatus(next);
      if (!next || !isFinal(next.status)) timer = setTimeout(tick, 4000);
    };
    timer = setTimeout(tick, 1500);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, order.order_id, order.order_token]);

  const reached = orderProgress(status.status);
  const takeaway = order.mode === 'takeaway';
  return (
    <WidgetCard title={t('order.thanks')}>
      <div className="w-done">
        <div className="w-done-mark" aria-hidden="true">
          ✓
        </div>
        <StepHeading>{t(takeaway ? 'order.paidWithKitchen' : 'order.withKitchen')}</StepHeading>
        <p className="w-reference">
          {t.rich('order.yourNumber', { number: <strong data-testid="order-number">{order.number}</strong> })}
        </p>
        <p className="w-order-live" role="status" aria-live="polite" data-testid="order-status">
          {progressLabel(status.status, order.mode, t)}
        </p>
        {reached >= 0 ? (
          <ol className="w-progress" aria-label={t('order.progress')}>
            {PROGRESS_STEPS.map((step, index) => (
              <li
                key={step}
                className={index <= reached ? 'w-progress-step w-progress-done' : 'w-progress-step'}
                aria-current={index === reached ? 'step' : undefined}
              >
                {t(stepKey(step, order.mode))}
              </li>
            ))}
          </ol>
        ) : null}
        <dl className="w-summary">
          <div>
            <dt>{t(takeaway ? 'order.pickup' : 'order.roomService')}</dt>
            <dd>{takeaway && order.pickup_at ? pickupLabel(order.pickup_at) : t('order.toRoom')}</dd>
          </div>
          {(status.lines ?? []).map((line) => (
            <div key={`${line.name}:${line.options.join(',')}`}>
              <dt>
                {line.quantity} × {line.name}
              </dt>
              <dd>{line.options.join(', ')}</dd>
            </div>
          ))}
        </dl>
        <OrderTotals order={order} totalLabel={t(takeaway ? 'order.paid' : 'order.onRoomBill')} />
        <button type="button" className="w-button w-button-quiet" onClick={onNewOrder}>
          {t('order.newOrder')}
        </button>
      </div>
    </WidgetCard>
  );
}

/** The server's prices: items, then what it added, then the total the guest pays. */
function OrderTotals({ order, totalLabel }: { order: OrderStatus; totalLabel?: string }) {
  const t = useWidgetText();
  const money = useMoney();
  const amount = (minor: number | undefined) => money(minor ?? 0, order.currency);
  return (
    <dl className="w-summary">
      {order.subtotal_minor !== undefined ? (
        <div>
          <dt>{t('order.items')}</dt>
          <dd>{amount(order.subtotal_minor)}</dd>
        </div>
      ) : null}
      {order.discount_minor ? (
        <div>
          <dt>{t('order.discount')}</dt>
          <dd>−{amount(order.discount_minor)}</dd>
        </div>
      ) : null}
      {order.tax_minor ? (
        <div>
          <dt>{t('order.tax')}</dt>
          <dd>{amount(order.tax_minor)}</dd>
        </div>
      ) : null}
      {order.service_charge_minor ? (
        <div>
          <dt>{t('order.serviceCharge')}</dt>
          <dd>{amount(order.service_charge_minor)}</dd>
        </div>
      ) : null}
      <div className="w-summary-line">
        <dt>{totalLabel ?? t('order.total')}</dt>
        <dd>{amount(order.total_minor)}</dd>
      </div>
    </dl>
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
  const t = useWidgetText();
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
      if (problem) found[group.id] = t(problem.key, problem.vars);
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
                {t(group.min > 0 ? 'order.required' : 'order.optional')}
                {group.max > 1 ? t('order.upTo', { count: group.max }) : ''}
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
          <button
            type="button"
            aria-label={t('order.oneLess')}
            onClick={() => setQuantityValue((q) => Math.max(1, q - 1))}
          >
            −
          </button>
          <span>{quantity}</span>
          <button
            type="button"
            aria-label={t('order.oneMore')}
            onClick={() => setQuantityValue((q) => Math.min(99, q + 1))}
          >
            +
          </button>
        </div>
        <button type="button" className="w-button w-button-quiet" onClick={onCancel}>
          {t('order.cancel')}
        </button>
        <button type="button" className="w-button w-button-primary" onClick={add}>
          {t('order.addWithPrice', { amount: money(unitPrice(item, chosen) * quantity, currency) })}
        </button>
      </div>
    </div>
  );
}
