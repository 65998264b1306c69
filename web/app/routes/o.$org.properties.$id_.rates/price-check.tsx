// The price check: what a guest searching the booking widget would be offered for a stay (rooms)
// or a slot (tables, spaces), as the database's search prices it, line by line. A GET form, so
// a check is a link; its fields are checked in the browser with the loader's schema.
import { Form, useLocation } from '@remix-run/react';
import { useState } from 'react';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { Breakdown, Offer } from '../../data/rate-plans.server.ts';
import type { ResourceType } from '../../data/resources.server.ts';
import { formatDate } from '../../utils/calendar-dates.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { formatPercent } from '../../utils/prices.ts';
import { SlotCheckSchema, StayCheckSchema } from './rate-plan.schema.ts';

export interface PriceCheckState {
  kind: 'stay' | 'slot';
  /** The fields as submitted (the URL's query). */
  values: Record<string, string>;
  failure: FormFailure | null;
  /** The offers for the chosen type; null before a check. */
  offers: Offer[] | null;
}

interface Props {
  types: ResourceType[];
  currency: string;
  locale: string;
  defaults: { arrival: string; departure: string };
  check: PriceCheckState | null;
  /** Overrides that are weekday prices; a line priced by another override has a date price. */
  weekdayOverrideIds: string[];
}

const freeNoun = (unit: 'night' | 'slot', count: number) =>
  unit === 'night' ? (count === 1 ? 'room' : 'rooms') : count === 1 ? 'table or space' : 'tables or spaces';

/** How a tax line was worked out: "6%" of each line, or "€2.50 × 3". */
function taxBasis(
  tax: Breakdown['taxes'][number],
  units: number,
  money: (minor: number) => string,
  locale: string,
): string {
  return tax.basis === 'percentage'
    ? formatPercent(tax.rate_bps ?? 0, locale)
    : `${money(tax.amount_per_unit_minor ?? 0)} × ${units}`;
}

interface BreakdownProps {
  offer: Offer;
  currency: string;
  locale: string;
  weekdayOverrides: Set<string>;
}

function OfferBreakdown({ offer, currency, locale, weekdayOverrides }: BreakdownProps) {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const { breakdown } = offer;
  const extra = breakdown.lines.some((line) => line.extra_guests_minor > 0);
  const caption = `${offer.rate_plan_name}: ${money(offer.total_minor)}`;
  return (
    <div className="offer">
      <h4>
        {offer.rate_plan_name}{' '}
        <span className="muted">
          · {offer.free} free {freeNoun(breakdown.unit, offer.free)}
        </span>
      </h4>
      <table className="table breakdown">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{breakdown.unit === 'night' ? 'Night of' : 'Slot on'}</th>
            <th scope="col" className="numeric">
              Rate
            </th>
            {extra ? (
              <th scope="col" className="numeric">
                Extra guests
              </th>
            ) : null}
            <th scope="col" className="numeric">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {breakdown.lines.map((line) => (
            <tr key={line.date}>
              <th scope="row" className="row-heading">
                {formatDate(line.date, locale)}
                {line.override_id ? (
                  <span className="cell-note">
                    {weekdayOverrides.has(line.override_id) ? 'Weekday price' : 'Date price'}
                  </span>
                ) : null}
              </th>
              <td className="numeric">{money(line.rate_minor)}</td>
              {extra ? <td className="numeric">{money(line.extra_guests_minor)}</td> : null}
              <td className="numeric">{money(line.amount_minor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={extra ? 3 : 2}>
              Subtotal
            </th>
            <td className="numeric">{money(breakdown.subtotal_minor)}</td>
          </tr>
          {breakdown.taxes.map((tax) => (
            <tr key={tax.id}>
              <th scope="row" colSpan={extra ? 3 : 2} className="tax-line">
                {tax.name} <span className="muted">· {taxBasis(tax, breakdown.units, money, locale)}</span>
                {tax.inclusive ? <span className="cell-note">Included in the price</span> : null}
              </th>
              <td className="numeric">{tax.inclusive ? `(${money(tax.amount_minor)})` : money(tax.amount_minor)}</td>
            </tr>
          ))}
          <tr className="total-line">
            <th scope="row" colSpan={extra ? 3 : 2}>
              Guest pays
            </th>
            <td className="numeric" data-testid="quote-total">
              {money(offer.total_minor)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function CheckForm({
  kind,
  types,
  defaults,
  check,
}: Omit<Props, 'currency' | 'locale' | 'weekdayOverrideIds'> & { kind: 'stay' | 'slot' }) {
  const { search } = useLocation();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const mine = check?.kind === kind ? check : null;
  const errors = clientErrors ?? mine?.failure ?? null;
  const value = (name: string, fallback = '') => mine?.values[name] ?? fallback;
  const label = kind === 'stay' ? 'Check the price of a stay' : 'Check the price of a slot';
  return (
    <Form
      method="get"
      noValidate
      preventScrollReset
      className="form-panel"
      aria-label={label}
      key={`${kind}-${search}`}
      onSubmit={(event) => {
        const parsed = parseForm(
          kind === 'stay' ? StayCheckSchema : SlotCheckSchema,
          new FormData(event.currentTarget),
        );
        setClientErrors(parsed.ok ? null : parsed.failure);
        if (!parsed.ok) event.preventDefault();
      }}
    >
      <input type="hidden" name="check" value={kind} />
      <FormError message={errors?.formError} />
      <div className="check-row">
        <SelectField
          label={kind === 'stay' ? 'Room type' : 'Table or space type'}
          name="resource_type_id"
          defaultValue={value('resource_type_id')}
          errors={errors?.fieldErrors.resource_type_id}
        >
          {types.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={kind === 'stay' ? 'Arrival' : 'Date'}
          name="arrival"
          type="date"
          defaultValue={value('arrival', defaults.arrival)}
          errors={errors?.fieldErrors.arrival}
        />
        {kind === 'stay' ? (
          <TextField
            label="Departure"
            name="departure"
            type="date"
            defaultValue={value('departure', defaults.departure)}
            errors={errors?.fieldErrors.departure}
          />
        ) : (
          <>
            <TextField
              label="Start time"
              name="time"
              type="time"
              defaultValue={value('time', '19:00')}
              errors={errors?.fieldErrors.time}
            />
            <TextField
              label="Minutes"
              name="duration"
              inputMode="numeric"
              defaultValue={value('duration', '90')}
              errors={errors?.fieldErrors.duration}
            />
          </>
        )}
        <TextField
          label="Guests"
          name="guests"
          inputMode="numeric"
          defaultValue={value('guests', '2')}
          errors={errors?.fieldErrors.guests}
        />
        <div className="check-submit">
          <button type="submit" className="button button-primary">
            Check price
          </button>
        </div>
      </div>
    </Form>
  );
}

export function PriceCheck({ types, currency, locale, defaults, check, weekdayOverrideIds }: Props) {
  const weekdayOverrides = new Set(weekdayOverrideIds);
  const stayTypes = types.filter((type) => type.pricing === 'night');
  const slotTypes = types.filter((type) => type.pricing === 'slot');
  const offers = check?.offers ?? null;
  const typeName = types.find((type) => type.id === check?.values.resource_type_id)?.name ?? 'this type';
  return (
    <section className="section" aria-labelledby="check-heading">
      <h2 id="check-heading">Price check</h2>
      <p className="muted">
        What a guest searching your booking widget is offered, priced by the database exactly as a booking would be:
        active plans with a free {stayTypes.length ? 'room' : 'table or space'}, within the booking window and stay
        limits, taxes and fees included.
      </p>
      {stayTypes.length ? <CheckForm kind="stay" types={stayTypes} defaults={defaults} check={check} /> : null}
      {slotTypes.length ? <CheckForm kind="slot" types={slotTypes} defaults={defaults} check={check} /> : null}
      {offers ? (
        <div className="offers" role="status" aria-live="polite">
          {offers.length ? (
            offers.map((offer) => (
              <OfferBreakdown
                key={offer.rate_plan_id}
                offer={offer}
                currency={currency}
                locale={locale}
                weekdayOverrides={weekdayOverrides}
              />
            ))
          ) : (
            <p className="empty-state">
              A guest is offered nothing for {typeName} then: no active plan accepts this stay length, no{' '}
              {check?.kind === 'slot' ? 'table or space' : 'room'} of the type is free for this many guests, or the
              dates are outside the booking window or notice.
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}
