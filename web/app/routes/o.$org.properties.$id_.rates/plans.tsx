// The property's rate plans, one table per resource type: price, weekday prices, stay and guest
// rules, whether guests can book it; each row edits or deactivates its plan.
import { Form, Link } from '@remix-run/react';
import type { RatePlan, WeekdayPrices } from '../../data/rate-plans.server.ts';
import type { ResourceType } from '../../data/resources.server.ts';
import { formatMoney } from '../../utils/money.ts';
import { WEEKDAY_NAMES } from './rate-plan.schema.ts';

interface Props {
  types: ResourceType[];
  plans: RatePlan[];
  weekdayPrices: Record<string, WeekdayPrices>;
  locale: string;
}

/** "Fri, Sat €150.00 · Sun €90.00": the weekdays whose price is not the base price. */
function weekdaySummary(prices: WeekdayPrices | undefined, currency: string, locale: string): string {
  const byPrice = new Map<number, string[]>();
  prices?.forEach((price, day) => {
    if (price !== null) byPrice.set(price, [...(byPrice.get(price) ?? []), WEEKDAY_NAMES[day]?.slice(0, 3) ?? '']);
  });
  return [...byPrice].map(([price, days]) => `${days.join(', ')} ${formatMoney(price, currency, locale)}`).join(' · ');
}

function stayRule(plan: RatePlan): string {
  if (plan.max_stay === null) return plan.min_stay === 1 ? 'Any length' : `${plan.min_stay}+ nights`;
  if (plan.min_stay === plan.max_stay) return `${plan.min_stay} night${plan.min_stay === 1 ? '' : 's'} exactly`;
  return `${plan.min_stay}–${plan.max_stay} nights`;
}

function PlanRow({
  plan,
  type,
  prices,
  locale,
}: {
  plan: RatePlan;
  type: ResourceType;
  prices?: WeekdayPrices;
  locale: string;
}) {
  const weekdays = weekdaySummary(prices, plan.currency, locale);
  const extra = plan.extra_guest_minor
    ? `, then ${formatMoney(plan.extra_guest_minor, plan.currency, locale)} per extra guest`
    : '';
  return (
    <tr className={plan.active ? undefined : 'row-inactive'}>
      <th scope="row" className="row-heading">
        {plan.name}
        {plan.active ? null : <span className="badge badge-inactive">Inactive</span>}
      </th>
      <td>
        <span className="nowrap">{formatMoney(plan.base_price_minor, plan.currency, locale)}</span>
        <span className="cell-note">{type.pricing === 'night' ? 'per night' : 'per slot'}</span>
        {weekdays ? <span className="cell-note">{weekdays}</span> : null}
      </td>
      <td>{type.pricing === 'night' ? stayRule(plan) : <span className="muted">Not used</span>}</td>
      <td>
        {plan.included_guests} included{extra}
      </td>
      <td className="row-actions">
        <Link className="button button-small" to={`?plan=${plan.id}#plan-form`} aria-label={`Edit ${plan.name}`}>
          Edit
        </Link>
        <Form method="post" preventScrollReset className="inline-form">
          <input type="hidden" name="intent" value="plan-active" />
          <input type="hidden" name="plan_id" value={plan.id} />
          <input type="hidden" name="active" value={plan.active ? 'false' : 'true'} />
          <button
            type="submit"
            className={plan.active ? 'button button-small button-danger-quiet' : 'button button-small'}
            aria-label={`${plan.active ? 'Deactivate' : 'Reactivate'} ${plan.name}`}
          >
            {plan.active ? 'Deactivate' : 'Reactivate'}
          </button>
        </Form>
      </td>
    </tr>
  );
}

export function PlanTables({ types, plans, weekdayPrices, locale }: Props) {
  return (
    <>
      {types.map((type) => {
        const own = plans.filter((plan) => plan.resource_type_id === type.id);
        const headingId = `type-${type.id}`;
        return (
          <div key={type.id} className="plan-group">
            <h3 id={headingId}>
              {type.name} <span className="muted">· priced {type.pricing === 'night' ? 'per night' : 'per slot'}</span>
            </h3>
            {own.length ? (
              <table className="table plan-table" aria-labelledby={headingId}>
                <thead>
                  <tr>
                    <th scope="col">Plan</th>
                    <th scope="col">Price</th>
                    <th scope="col">Stay</th>
                    <th scope="col">Guests</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {own.map((plan) => (
                    <PlanRow key={plan.id} plan={plan} type={type} prices={weekdayPrices[plan.id]} locale={locale} />
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="empty-state">No rate plan for {type.name} yet: guests cannot book it. Add one below.</p>
            )}
          </div>
        );
      })}
    </>
  );
}
