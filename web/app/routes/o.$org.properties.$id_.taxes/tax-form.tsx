// Adds a tax or fee, or edits the one opened from its row (?tax=): a percentage of each night or
// slot or a fixed amount per night or slot, added to the price or included in it.
import { Link } from '@remix-run/react';
import { CheckedForm, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { PropertyTax } from '../../data/taxes.server.ts';
import { bpsToInput, priceToInput } from '../../utils/prices.ts';
import { KIND_FIELDS, KINDS, taxSchema } from './tax.schema.ts';

const KIND_LABELS = { room: 'Rooms', table: 'Tables', space: 'Spaces' } as const;

interface Props {
  currency: string;
  /** Taxes and fees so far: a new one empties the add form. */
  count: number;
  tax?: PropertyTax | undefined;
  back: string;
}

export function TaxForm({ currency, count, tax, back }: Props) {
  const title = tax ? `Edit ${tax.name}` : 'Add a tax or fee';
  const intent = tax ? 'edit-tax' : 'add-tax';
  return (
    <section className="section" aria-labelledby="tax-form">
      <h2 id="tax-form" tabIndex={-1}>
        {title}
      </h2>
      <SavedNotice intent="add-tax" text="Tax or fee added." />
      <SavedNotice intent="edit-tax" text="Tax or fee saved." />
      <CheckedForm
        intent={intent}
        schema={taxSchema(currency)}
        formKey={tax ? `${tax.id}-${tax.updated_at}` : `new-${count}`}
        label={title}
      >
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            {tax ? <input type="hidden" name="tax_id" value={tax.id} /> : null}
            <div className="field-row field-row-2">
              <TextField
                label="Name"
                name="name"
                defaultValue={tax?.name ?? ''}
                hint="As guests see it, such as VAT or Cleaning fee."
                errors={errors?.fieldErrors.name}
              />
              <SelectField
                label="In the price"
                name="inclusive"
                defaultValue={String(tax?.inclusive ?? false)}
                errors={errors?.fieldErrors.inclusive}
              >
                <option value="false">Added to the price</option>
                <option value="true">Included in the price (shown only)</option>
              </SelectField>
            </div>
            <div className="field-row field-row-3">
              <SelectField
                label="Charged as"
                name="basis"
                defaultValue={tax?.basis ?? 'percentage'}
                hint="Of, or per, each night or slot."
                errors={errors?.fieldErrors.basis}
              >
                <option value="percentage">A percentage</option>
                <option value="per_unit">A fixed amount</option>
              </SelectField>
              <TextField
                label="Percentage (%)"
                name="rate"
                inputMode="decimal"
                defaultValue={tax?.rate_bps === null || tax?.rate_bps === undefined ? '' : bpsToInput(tax.rate_bps)}
                hint="For a percentage, such as 6 or 12.5."
                errors={errors?.fieldErrors.rate}
              />
              <TextField
                label={`Amount (${currency})`}
                name="amount"
                inputMode="decimal"
                defaultValue={
                  tax?.amount_minor === null || tax?.amount_minor === undefined
                    ? ''
                    : priceToInput(tax.amount_minor, currency)
                }
                hint="For a fixed amount, such as 2.50."
                errors={errors?.fieldErrors.amount}
              />
            </div>
            <fieldset
              className="choice-group choice-list"
              aria-describedby={errors?.fieldErrors.applies_to?.length ? 'applies-errors' : undefined}
            >
              <legend>Applies to</legend>
              {KINDS.map((kind) => (
                <label key={kind} className="choice">
                  <input
                    type="checkbox"
                    name={KIND_FIELDS[kind]}
                    defaultChecked={tax ? tax.applies_to.includes(kind) : true}
                  />
                  {KIND_LABELS[kind]}
                </label>
              ))}
              {errors?.fieldErrors.applies_to?.length ? (
                <ul className="field-errors" id="applies-errors">
                  {errors.fieldErrors.applies_to.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              ) : null}
            </fieldset>
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                {tax ? 'Save tax or fee' : 'Add tax or fee'}
              </button>
              {tax ? (
                <Link className="button" to={back} preventScrollReset>
                  Cancel
                </Link>
              ) : null}
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}
