// The item's own fields (name, description, category, price in its currency, tax rate, active):
// a form for those who change the menu, the same facts read-only for the others.
import { useMemo } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { Category } from '../../data/catalogue.server.ts';
import { currencyDigits, minorToDecimal } from '../../utils/money.ts';
import { itemSchema } from '../o.$org.catalogue._index/catalogue.schema.ts';

export interface ItemView {
  id: string;
  name: string;
  description: string | null;
  category_id: string;
  price_minor: number;
  price: string;
  currency: string;
  tax_rate_bp: number;
  active: boolean;
  updated_at: string;
}

export function ItemFields({
  item,
  categories,
  canEdit,
}: {
  item: ItemView;
  categories: Category[];
  canEdit: boolean;
}) {
  const schema = useMemo(() => itemSchema(item.currency), [item.currency]);
  const category = categories.find((c) => c.id === item.category_id)?.name ?? '—';
  return (
    <section className="section" aria-labelledby="item-heading">
      <h2 id="item-heading">Item</h2>
      {canEdit ? (
        <>
          <SavedNotice intent="item" text="Item saved." />
          <CheckedForm intent="item" schema={schema} formKey={item.updated_at} label="Item">
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <div className="field-row field-row-2">
                  <TextField label="Item name" name="name" defaultValue={item.name} errors={errors?.fieldErrors.name} />
                  <SelectField
                    label="Category"
                    name="category_id"
                    defaultValue={item.category_id}
                    errors={errors?.fieldErrors.category_id}
                  >
                    {categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <TextField
                  label="Description (optional)"
                  name="description"
                  defaultValue={item.description ?? ''}
                  hint="What guests read on the menu."
                  errors={errors?.fieldErrors.description}
                />
                <div className="field-row field-row-2">
                  <TextField
                    label={`Price (${item.currency})`}
                    name="price_minor"
                    inputMode="decimal"
                    defaultValue={minorToDecimal(item.price_minor, currencyDigits(item.currency))}
                    hint="A property may set its own price below."
                    errors={errors?.fieldErrors.price_minor}
                  />
                  <TextField
                    label="Tax rate (%)"
                    name="tax_rate_bp"
                    inputMode="decimal"
                    defaultValue={minorToDecimal(item.tax_rate_bp, 2).replace(/\.?0+$/, '')}
                    hint="Such as 10 or 7.5; 0 when untaxed."
                    errors={errors?.fieldErrors.tax_rate_bp}
                  />
                </div>
                <label className="check">
                  <input type="checkbox" name="active" defaultChecked={item.active} />
                  Active: on the menu (untick to hide it everywhere)
                </label>
                <FormButton label="Save item" />
              </>
            )}
          </CheckedForm>
        </>
      ) : (
        <dl className="facts">
          <div>
            <dt>Category</dt>
            <dd>{category}</dd>
          </div>
          <div>
            <dt>Price</dt>
            <dd>{item.price}</dd>
          </div>
          <div>
            <dt>Tax rate</dt>
            <dd>{item.tax_rate_bp / 100} %</dd>
          </div>
          <div>
            <dt>On the menu</dt>
            <dd>{item.active ? 'Active' : 'Hidden'}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
