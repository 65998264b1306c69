// The property's taxes and fees a page at a time: how each is charged, whether it is added to
// the price or included in it, what it applies to; each row edits, deactivates or removes it.
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { PropertyTax } from '../../data/taxes.server.ts';
import { formatMoney } from '../../utils/money.ts';
import { formatPercent } from '../../utils/prices.ts';

const KIND_NAMES = { room: 'Rooms', table: 'Tables', space: 'Spaces' } as const;

export function chargeOf(tax: PropertyTax, locale: string): string {
  return tax.basis === 'percentage'
    ? `${formatPercent(tax.rate_bps ?? 0, locale)} of each night or slot`
    : `${formatMoney(tax.amount_minor ?? 0, tax.currency, locale)} per night or slot`;
}

export function TaxTable({
  taxes,
  locale,
  href,
}: {
  taxes: PropertyTax[];
  locale: string;
  href: (params: Record<string, string>) => string;
}) {
  return (
    <table className="table">
      <caption className="visually-hidden">Taxes and fees</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Charge</th>
          <th scope="col">In the price</th>
          <th scope="col">Applies to</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {taxes.map((tax) => (
          <tr key={tax.id} className={tax.active ? undefined : 'row-inactive'}>
            <th scope="row" className="row-heading">
              {tax.name}
              {tax.active ? null : <span className="badge badge-inactive">Inactive</span>}
            </th>
            <td>{chargeOf(tax, locale)}</td>
            <td>{tax.inclusive ? 'Included' : 'Added'}</td>
            <td>{tax.applies_to.map((kind) => KIND_NAMES[kind]).join(', ')}</td>
            <td className="row-actions">
              <Link className="button button-small" to={href({ tax: tax.id })} aria-label={`Edit ${tax.name}`}>
                Edit
              </Link>
              <Form method="post" preventScrollReset className="inline-form">
                <input type="hidden" name="intent" value="tax-active" />
                <input type="hidden" name="tax_id" value={tax.id} />
                <input type="hidden" name="active" value={tax.active ? 'false' : 'true'} />
                <button
                  type="submit"
                  className="button button-small"
                  aria-label={`${tax.active ? 'Deactivate' : 'Reactivate'} ${tax.name}`}
                >
                  {tax.active ? 'Deactivate' : 'Reactivate'}
                </button>
              </Form>
              <Link
                className="button button-small button-danger-quiet"
                to={href({ remove: tax.id })}
                preventScrollReset
                aria-label={`Remove ${tax.name}`}
              >
                Remove
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RemoveTaxPanel({ tax, back }: { tax: PropertyTax; back: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="panel panel-danger" aria-labelledby="remove-tax-title">
      <h3 id="remove-tax-title" tabIndex={-1} ref={heading}>
        Remove {tax.name}?
      </h3>
      <p>
        New bookings no longer pay it; bookings already made keep it in their price. To stop it for a while, deactivate
        it instead.
      </p>
      <Form method="post" preventScrollReset className="panel-actions">
        <input type="hidden" name="intent" value="remove-tax" />
        <input type="hidden" name="tax_id" value={tax.id} />
        <button type="submit" className="button button-danger" disabled={busy}>
          Remove {tax.name}
        </button>
        <Link to={back} className="button" preventScrollReset>
          Cancel
        </Link>
      </Form>
    </section>
  );
}
