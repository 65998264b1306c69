// Date prices (rate_overrides with a date range): a price for the nights or slots of some dates,
// such as a festival or Christmas. Upcoming ones a page at a time, the form that adds one and
// the confirmation before one is removed (?remove=).
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { CheckedForm, FormButton, NumberField, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { IntentError } from '../../components/intent-error.tsx';
import { Pagination } from '../../components/pagination.tsx';
import type { DateOverride, RatePlan } from '../../data/rate-plans.server.ts';
import type { ResourceType } from '../../data/resources.server.ts';
import { daysBetween, formatDateSpan } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import { dateOverrideSchema } from './rate-plan.schema.ts';

interface Props {
  overrides: DateOverride[];
  total: number;
  page: number;
  pageSize: number;
  plans: RatePlan[];
  types: ResourceType[];
  currency: string;
  locale: string;
  today: string;
  removing: string | null;
}

const pageHref = (page: number) => (page > 1 ? `?page=${page}#dates-heading` : '?#dates-heading');

function RemovePanel({
  override,
  planName,
  label,
  page,
}: {
  override: DateOverride;
  planName: string;
  label: string;
  page: number;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="panel panel-danger" aria-labelledby="remove-date-title">
      <h3 id="remove-date-title" tabIndex={-1} ref={heading}>
        Remove the {planName} price for {label}?
      </h3>
      <p>Those dates go back to the plan’s weekday or base price. Bookings already made keep their price.</p>
      <Form method="post" preventScrollReset className="panel-actions">
        <input type="hidden" name="intent" value="remove-override" />
        <input type="hidden" name="override_id" value={override.id} />
        <input type="hidden" name="page" value={page} />
        <button type="submit" className="button button-danger" disabled={busy}>
          Remove date price
        </button>
        <Link to={pageHref(page)} className="button" preventScrollReset>
          Cancel
        </Link>
      </Form>
    </section>
  );
}

export function DatePrices({
  overrides,
  total,
  page,
  pageSize,
  plans,
  types,
  currency,
  locale,
  today,
  removing,
}: Props) {
  const planName = new Map(plans.map((plan) => [plan.id, plan.name]));
  const typeName = new Map(types.map((type) => [type.id, type.name]));
  const planLabel = (plan: RatePlan) => `${typeName.get(plan.resource_type_id) ?? ''} · ${plan.name}`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const spanOf = (override: DateOverride) => formatDateSpan(override.first, override.last, locale);
  const toRemove = overrides.find((override) => override.id === removing);
  return (
    <section className="section" aria-labelledby="dates-heading">
      <h2 id="dates-heading">Date prices</h2>
      <p className="muted">
        A price for some dates, such as a festival: it replaces the weekday and base prices on those dates. A date means
        the night that starts that evening, or a slot that day.
      </p>
      <SavedNotice intent="add-override" text="Date price added." />
      <SavedNotice intent="remove-override" text="Date price removed." />
      <IntentError intent="remove-override" />
      {toRemove ? (
        <RemovePanel
          override={toRemove}
          planName={planName.get(toRemove.rate_plan_id) ?? 'plan'}
          label={spanOf(toRemove)}
          page={page}
        />
      ) : null}
      {overrides.length ? (
        <table className="table">
          <caption className="visually-hidden">Upcoming date prices</caption>
          <thead>
            <tr>
              <th scope="col">Dates</th>
              <th scope="col">Plan</th>
              <th scope="col" className="numeric">
                Price
              </th>
              <th scope="col" className="numeric">
                Priority
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overrides.map((override) => {
              const days = daysBetween(override.first, override.last) + 1;
              const plan = plans.find((candidate) => candidate.id === override.rate_plan_id);
              return (
                <tr key={override.id}>
                  <th scope="row" className="row-heading">
                    {spanOf(override)}
                    <span className="cell-note">
                      {days} {days === 1 ? 'date' : 'dates'}
                      {override.first < today ? ' · started' : ''}
                    </span>
                  </th>
                  <td>{plan ? planLabel(plan) : 'A removed plan'}</td>
                  <td className="numeric nowrap">{formatMoney(override.price_minor, currency, locale)}</td>
                  <td className="numeric">{override.priority}</td>
                  <td className="row-actions">
                    <Link
                      className="button button-small button-danger-quiet"
                      to={`?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), remove: override.id })}#dates-heading`}
                      preventScrollReset
                      aria-label={`Remove the price for ${spanOf(override)} (${plan?.name ?? 'plan'})`}
                    >
                      Remove
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">
          {page > 1
            ? 'No date prices on this page.'
            : 'No upcoming date prices: every date has its weekday or base price.'}
        </p>
      )}
      <Pagination page={page} pages={pages} href={pageHref} labels={{ previous: '← Earlier', next: 'Later →' }} />
      {plans.length ? (
        <CheckedForm
          intent="add-override"
          schema={dateOverrideSchema(currency)}
          formKey={total}
          label="Add a date price"
        >
          {(errors) => (
            <>
              <h3>Add a date price</h3>
              <FormError message={errors?.formError} />
              <div className="field-row field-row-3">
                <SelectField label="Rate plan" name="rate_plan_id" errors={errors?.fieldErrors.rate_plan_id}>
                  {plans.map((plan) => (
                    <option key={plan.id} value={plan.id}>
                      {planLabel(plan)}
                    </option>
                  ))}
                </SelectField>
                <TextField label="First date" name="first" type="date" min={today} errors={errors?.fieldErrors.first} />
                <TextField
                  label="Last date"
                  name="last"
                  type="date"
                  min={today}
                  hint="Included: the last night priced."
                  errors={errors?.fieldErrors.last}
                />
              </div>
              <div className="field-row field-row-3">
                <TextField
                  label={`Price (${currency})`}
                  name="price"
                  inputMode="decimal"
                  hint="Per night or slot, for the included guests."
                  errors={errors?.fieldErrors.price}
                />
                <NumberField
                  label="Priority"
                  name="priority"
                  value={0}
                  hint="Where date prices overlap, the higher priority wins."
                  errors={errors?.fieldErrors.priority}
                />
              </div>
              <FormButton label="Add date price" />
            </>
          )}
        </CheckedForm>
      ) : (
        <p className="muted">Add a rate plan first; each date price belongs to one.</p>
      )}
    </section>
  );
}
