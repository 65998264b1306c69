// Where the item is sold: one form per property the user works in (RLS lists only those), with
// its own price (blank: the menu price) and stock (blank: not counted). Unticking "Sold here"
// removes the property's row, its override and stock with it.
import { useMemo } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { currencyDigits, minorToDecimal } from '../../utils/money.ts';
import { availabilitySchema } from '../o.$org.catalogue._index/catalogue.schema.ts';

export interface PropertyAvailability {
  property: { id: string; name: string; currency: string };
  row: {
    price_override_minor: number | null;
    stock_count: number | null;
    low_stock_threshold: number;
    low_stock: boolean | null;
    updated_at: string;
  } | null;
  /** What a guest pays there now, formatted. */
  price: string;
  /** The item is priced in another currency than the property works in. */
  currencyMismatch: boolean;
}

function Status({ entry }: { entry: PropertyAvailability }) {
  const row = entry.row;
  if (!row) return <span className="badge badge-off">Not sold</span>;
  if (row.stock_count === 0) return <span className="badge badge-warn">Out of stock</span>;
  if (row.low_stock) return <span className="badge badge-warn">Low stock: {row.stock_count} left</span>;
  return (
    <span className="badge badge-on">
      Sold at {entry.price}
      {row.stock_count === null ? '' : ` · ${row.stock_count} in stock`}
    </span>
  );
}

function PropertyForm({ entry, itemCurrency }: { entry: PropertyAvailability; itemCurrency: string }) {
  const { property, row } = entry;
  const intent = `availability-${property.id}`;
  const schema = useMemo(() => availabilitySchema(property.currency), [property.currency]);
  return (
    <CheckedForm intent={intent} schema={schema} formKey={row?.updated_at ?? 'none'} label={property.name}>
      {(errors) => (
        <>
          <div className="group-head">
            <h3>{property.name}</h3>
            <Status entry={entry} />
          </div>
          <SavedNotice intent={intent} text={`Saved for ${property.name}.`} />
          <FormError message={errors?.formError} />
          {entry.currencyMismatch ? (
            <p className="alert" role="note">
              {property.name} works in {property.currency} and this item is priced in {itemCurrency}, so orders there
              refuse it.
            </p>
          ) : null}
          <label className="check">
            <input type="checkbox" name="sold" defaultChecked={Boolean(row)} />
            Sold at {property.name}
          </label>
          <div className="field-row field-row-3">
            <TextField
              label={`Price here (${property.currency})`}
              name="price_override_minor"
              inputMode="decimal"
              defaultValue={
                row?.price_override_minor == null
                  ? ''
                  : minorToDecimal(row.price_override_minor, currencyDigits(property.currency))
              }
              hint="Blank: the menu price."
              errors={errors?.fieldErrors.price_override_minor}
            />
            <TextField
              label="In stock"
              name="stock_count"
              inputMode="numeric"
              defaultValue={row?.stock_count == null ? '' : String(row.stock_count)}
              hint="Blank: not counted. 0: out of stock."
              errors={errors?.fieldErrors.stock_count}
            />
            <TextField
              label="Low-stock warning at"
              name="low_stock_threshold"
              inputMode="numeric"
              defaultValue={String(row?.low_stock_threshold ?? 0)}
              hint="Dashboards warn at or below this."
              errors={errors?.fieldErrors.low_stock_threshold}
            />
          </div>
          <FormButton label={`Save for ${property.name}`} />
        </>
      )}
    </CheckedForm>
  );
}

export function ItemAvailability({
  entries,
  itemCurrency,
  propertiesHref,
}: {
  entries: PropertyAvailability[];
  itemCurrency: string;
  propertiesHref: string;
}) {
  return (
    <section className="section" aria-labelledby="availability-heading">
      <h2 id="availability-heading">Where it is sold</h2>
      <p className="muted">Each property you manage chooses whether it sells this item, at what price and stock.</p>
      {entries.length ? (
        <div className="property-forms">
          {entries.map((entry) => (
            <PropertyForm key={entry.property.id} entry={entry} itemCurrency={itemCurrency} />
          ))}
        </div>
      ) : (
        <p className="empty-state">
          You manage no property yet. <a href={propertiesHref}>Properties</a> lists those you work in.
        </p>
      )}
    </section>
  );
}
